import {
  BANK_HOLIDAY_CALENDAR_VERSION,
  ENGLAND_AND_WALES_BANK_HOLIDAY_DATA,
  type BankHolidayDataSet,
} from './bank-holidays.data.js';
import { WEEKDAY, addDays, dayOfWeek, daysInMonth, formatIsoDate, type IsoDate } from './iso-date.js';

export { BANK_HOLIDAY_CALENDAR_VERSION, ENGLAND_AND_WALES_BANK_HOLIDAY_DATA };

/**
 * First year the generator's rules describe: the Early May (first Monday) holiday began in 1978.
 * Earlier years had different holidays, so they are refused rather than guessed.
 */
export const BANK_HOLIDAY_RULES_FIRST_YEAR = 1978;
const LAST_SUPPORTED_YEAR = 9999;

function date({ year, month, day }: { year: number; month: number; day: number }): IsoDate {
  return formatIsoDate({ year, month, day });
}

/**
 * Easter Sunday by the Gregorian computus (anonymous Gregorian / Meeus–Jones–Butcher algorithm).
 * Source: domain-rules.md §5 "Good Friday = Easter Sunday − 2; Easter Monday = Easter Sunday + 1
 * (Gregorian computus)" [C].
 */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return date({ year, month, day });
}

function firstMonday({ year, month }: { year: number; month: number }): IsoDate {
  const first = date({ year, month, day: 1 });
  return addDays(first, (WEEKDAY.monday - dayOfWeek(first) + 7) % 7);
}

function lastMonday({ year, month }: { year: number; month: number }): IsoDate {
  const last = date({ year, month, day: daysInMonth({ year, month }) });
  return addDays(last, -((dayOfWeek(last) - WEEKDAY.monday + 7) % 7));
}

/**
 * New Year: 1 Jan; if Sat → Mon 3 Jan; if Sun → Mon 2 Jan.
 * Source: domain-rules.md §5 Algorithm [C] (Royal Proclamation; verified vs alphagov data 2013–2025).
 */
function newYear(year: number): IsoDate {
  const jan1 = date({ year, month: 1, day: 1 });
  const dow = dayOfWeek(jan1);
  if (dow === WEEKDAY.saturday) return addDays(jan1, 2);
  if (dow === WEEKDAY.sunday) return addDays(jan1, 1);
  return jan1;
}

/**
 * Christmas/Boxing: 25 Dec Mon–Thu → 25 & 26; Fri → 25 & Mon 28; Sat → Mon 27 & Tue 28;
 * Sun → Mon 26 & Tue 27.
 * Source: domain-rules.md §5 Algorithm [C]; BFDA 1971 Sch 1 (26 Dec if not a Sunday; 27 Dec if
 * 25 or 26 Dec is a Sunday) [C].
 */
function christmasAndBoxingDay(year: number): readonly [IsoDate, IsoDate] {
  const christmas = date({ year, month: 12, day: 25 });
  const at = (day: number): IsoDate => date({ year, month: 12, day });
  switch (dayOfWeek(christmas)) {
    case WEEKDAY.friday:
      return [at(25), at(28)];
    case WEEKDAY.saturday:
      return [at(27), at(28)];
    case WEEKDAY.sunday:
      return [at(26), at(27)];
    default:
      return [at(25), at(26)];
  }
}

/**
 * The rule-generated England & Wales bank holidays for one year, before one-off changes.
 * Source: domain-rules.md §5 "Algorithm (reproduces every year 2013–2025 except the one-offs)" [C]:
 * New Year (substitute), Good Friday, Easter Monday, first Monday May, last Monday May,
 * last Monday August, Christmas/Boxing (substitutes).
 */
export function ruleBasedBankHolidays(year: number): readonly IsoDate[] {
  const easter = easterSunday(year);
  return [
    newYear(year),
    addDays(easter, -2),
    addDays(easter, 1),
    firstMonday({ year, month: 5 }),
    lastMonday({ year, month: 5 }),
    lastMonday({ year, month: 8 }),
    ...christmasAndBoxingDay(year),
  ];
}

function yearOf(isoDate: IsoDate): number {
  return Number(isoDate.slice(0, 4));
}

function applyOneOffs({
  holidays,
  year,
  data,
}: {
  holidays: Set<IsoDate>;
  year: number;
  data: BankHolidayDataSet;
}): void {
  for (const change of data.oneOffs) {
    if (change.kind === 'added') {
      if (yearOf(change.date) === year) holidays.add(change.date);
      continue;
    }
    if (yearOf(change.from) !== year) continue;
    if (!holidays.delete(change.from)) {
      throw new Error(
        `Bank-holiday data ${data.version}: moved holiday ${change.from} is not a rule-generated holiday`,
      );
    }
    holidays.add(change.to);
  }
}

/**
 * England & Wales bank holidays (inclusive year range): rule-generated dates with the
 * versioned one-off changes applied. Pass `data` to use a newer/older data version.
 *
 * Source: domain-rules.md §5 [C] — "Keep holiday data as versioned data (one-offs are
 * announced months ahead), not only the algorithm" [S]. Scotland/NI differ: do not reuse.
 */
export function englandAndWalesBankHolidays({
  fromYear,
  toYear,
  data = ENGLAND_AND_WALES_BANK_HOLIDAY_DATA,
}: {
  fromYear: number;
  toYear: number;
  data?: BankHolidayDataSet;
}): ReadonlySet<IsoDate> {
  for (const year of [fromYear, toYear]) {
    if (!Number.isInteger(year) || year < BANK_HOLIDAY_RULES_FIRST_YEAR || year > LAST_SUPPORTED_YEAR) {
      throw new RangeError(
        `Year ${year} outside supported range ${BANK_HOLIDAY_RULES_FIRST_YEAR}–${LAST_SUPPORTED_YEAR}`,
      );
    }
  }
  if (fromYear > toYear) throw new RangeError(`fromYear ${fromYear} is after toYear ${toYear}`);

  const all = new Set<IsoDate>();
  for (let year = fromYear; year <= toYear; year += 1) {
    const holidays = new Set(ruleBasedBankHolidays(year));
    applyOneOffs({ holidays, year, data });
    for (const holiday of [...holidays].sort()) all.add(holiday);
  }
  return all;
}
