/**
 * Calendar-date helpers on `YYYY-MM-DD` strings.
 *
 * Pure: every calculation is done on the date only, in UTC arithmetic
 * (UTC midnight, epoch days), so the host time zone and daylight saving never leak in.
 * "Today" is always passed in by the caller.
 *
 * Signature note: the project rule is "more than one parameter → one object". The binary
 * date operators here (`addDays(date, n)`, `addMonths`, `addYears`, `compareIsoDates(a, b)`)
 * are deliberate positional exceptions: they read as operators, `compareIsoDates` must fit
 * `Array#sort`, and callers already use them this way. Everything else takes one object.
 */

/** A calendar date written `YYYY-MM-DD` (ISO 8601 extended, no time, no zone). */
export type IsoDate = string;

export type IsoDateParts = { readonly year: number; readonly month: number; readonly day: number };

/** 0 = Sunday … 6 = Saturday (same numbering as `Date#getUTCDay`). */
export const WEEKDAY = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
} as const;
export type DayOfWeek = (typeof WEEKDAY)[keyof typeof WEEKDAY];

const MS_PER_DAY = 86_400_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DFE_DATE_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** Milliseconds since the epoch at UTC midnight; `setUTCFullYear` avoids Date.UTC's 0–99 → 19xx quirk. */
function utcMidnight({ year, monthIndex, day }: { year: number; monthIndex: number; day: number }): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d.getTime();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function daysInMonth({ year, month }: { year: number; month: number }): number {
  return new Date(utcMidnight({ year, monthIndex: month, day: 0 })).getUTCDate();
}

function isRealDate({ year, month, day }: IsoDateParts): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth({ year, month });
}

/** Parts of a real calendar date, or `null` (wrong shape, or a date such as 2023-02-29). */
export function parseIsoDate(s: string): IsoDateParts | null {
  const match = ISO_DATE_PATTERN.exec(s);
  if (match === null) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(parts) ? parts : null;
}

/** True for a `YYYY-MM-DD` string naming a real calendar date (rejects 2023-02-29). */
export function isIsoDate(s: string): s is IsoDate {
  return parseIsoDate(s) !== null;
}

/** Builds `YYYY-MM-DD`; throws RangeError if the parts do not name a real date. */
export function formatIsoDate(parts: IsoDateParts): IsoDate {
  if (!Number.isInteger(parts.year) || parts.year < 0 || parts.year > 9999 || !isRealDate(parts)) {
    throw new RangeError(`Not a calendar date: ${JSON.stringify(parts)}`);
  }
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

function requireParts(date: IsoDate): IsoDateParts {
  const parts = parseIsoDate(date);
  if (parts === null) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parts;
}

function toEpochDay(date: IsoDate): number {
  const { year, month, day } = requireParts(date);
  return utcMidnight({ year, monthIndex: month - 1, day }) / MS_PER_DAY;
}

function fromEpochDay(epochDay: number): IsoDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * `date` plus `months` calendar months, clamped to the end of the target month
 * (2024-01-31 + 1 month = 2024-02-29; 2023-01-31 + 1 month = 2023-02-28).
 * Same semantics as pandas `DateOffset(months=N)`, which the DfE 903 validator uses.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const { year, month, day } = requireParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const targetDay = Math.min(day, daysInMonth({ year: targetYear, month: targetMonth }));
  return formatIsoDate({ year: targetYear, month: targetMonth, day: targetDay });
}

/**
 * Anniversary of `date` `years` later (29 Feb + 1 year = 28 Feb), as pandas
 * `DateOffset(years=N)` does.
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  if (!Number.isInteger(years)) throw new RangeError(`years must be an integer: ${years}`);
  return addMonths(date, years * 12);
}

export function dayOfWeek(date: IsoDate): DayOfWeek {
  // 1970-01-01 (epoch day 0) was a Thursday.
  const epochDay = toEpochDay(date);
  return ((((epochDay + WEEKDAY.thursday) % 7) + 7) % 7) as DayOfWeek;
}

/**
 * -1 if `a` is before `b`, 0 if the same day, 1 if after; usable directly with `Array#sort`.
 * Throws on malformed dates.
 */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  // YYYY-MM-DD strings sort as the dates they name, so valid dates compare without parsing (this runs
  // millions of times in the OC2 return); anything else is parsed, which rejects it.
  if (a.length !== 10 || b.length !== 10 || a[4] !== '-' || b[4] !== '-' || a[7] !== '-' || b[7] !== '-') {
    const diff = toEpochDay(a) - toEpochDay(b);
    return diff < 0 ? -1 : diff > 0 ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween({ from, to }: { from: IsoDate; to: IsoDate }): number {
  return toEpochDay(to) - toEpochDay(from);
}

/**
 * Age in completed years on `on`, by calendar anniversary (DOB + N years), never days/365.
 * A 29 Feb birthday falls on 28 Feb in common years (pandas `DateOffset` semantics).
 *
 * Source: domain-rules.md §0 "Ages" — "Compute by calendar anniversary (DOB + N years),
 * never by days/365" [C] (validator uses `DateOffset(years=N)`).
 * Note: English law arguably gives a 29 Feb child their birthday on 1 Mar in common years;
 * we follow the DfE validator so 903 returns agree with it.
 */
export function ageInYears({ dateOfBirth, on }: { dateOfBirth: IsoDate; on: IsoDate }): number {
  const dob = requireParts(dateOfBirth);
  const at = requireParts(on);
  if (compareIsoDates(on, dateOfBirth) < 0) {
    throw new RangeError(`Date ${on} is before date of birth ${dateOfBirth}`);
  }
  let age = at.year - dob.year;
  if (compareIsoDates(addYears(dateOfBirth, age), on) > 0) age -= 1;
  return age;
}

/**
 * Parses a DfE 903 `dd/mm/yyyy` date (day and month may be one digit, as Python's
 * `%d/%m/%Y` allows) to an IsoDate; `null` if malformed or not a real date.
 *
 * Source: domain-rules.md §0 "Date format in DfE 903 CSV/XML" — `dd/mm/yyyy` [C].
 */
export function parseDfeDate(s: string): IsoDate | null {
  const match = DFE_DATE_PATTERN.exec(s.trim());
  if (match === null) return null;
  const parts = { year: Number(match[3]), month: Number(match[2]), day: Number(match[1]) };
  return isRealDate(parts) ? formatIsoDate(parts) : null;
}

/** Formats an IsoDate as DfE `dd/mm/yyyy` (§0 [C]). */
export function formatDfeDate(date: IsoDate): string {
  const { year, month, day } = requireParts(date);
  return `${pad(day, 2)}/${pad(month, 2)}/${pad(year, 4)}`;
}
