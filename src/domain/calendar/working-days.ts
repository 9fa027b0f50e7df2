import { WEEKDAY, addDays, compareIsoDates, dayOfWeek, isIsoDate, type IsoDate } from './iso-date.js';

/**
 * Working-day arithmetic. Callers pass the bank-holiday set (e.g. from
 * `englandAndWalesBankHolidays`) and it must cover every year the calculation touches.
 */

type BankHolidays = { bankHolidays: ReadonlySet<IsoDate> };

/**
 * A working day is Mon–Fri and not a bank holiday (Christmas Day and Good Friday are in the
 * generated bank-holiday set).
 * Source: domain-rules.md §0 "Working day (statutory usage)" [S] (FOI Act s10(6) wording;
 * CPPCR 2010 reg 2 wording [R]); §5 counting convention [S].
 */
export function isWorkingDay({ date, bankHolidays }: { date: IsoDate } & BankHolidays): boolean {
  const dow = dayOfWeek(date);
  return dow !== WEEKDAY.saturday && dow !== WEEKDAY.sunday && !bankHolidays.has(date);
}

/**
 * The date `days` working days after `from`.
 * Source: domain-rules.md §5 "Counting 'within N working days of X'" [S]: the day of the event is
 * day 0; count forward only Mon–Fri non-bank-holidays; the deadline is the Nth such day. An event
 * on a weekend/holiday therefore counts from the next working day (Sat 6 May 2023 + 20 = Tue 6 Jun 2023).
 * `days = 0` returns `from` unchanged. Negative `days` counts back: the Nth working day strictly
 * before `from`.
 */
export function addWorkingDays({ from, days, bankHolidays }: { from: IsoDate; days: number } & BankHolidays): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer: ${days}`);
  if (!isIsoDate(from)) throw new RangeError(`Not an ISO date: ${JSON.stringify(from)}`);
  // Walks day numbers, not date strings: a worklist computes this for every looked-after child.
  const holidays = holidayDayNumbers(bankHolidays);
  const step = days < 0 ? -1 : 1;
  let remaining = Math.abs(days);
  let day = dayNumber(from);
  while (remaining > 0) {
    day += step;
    const weekday = weekdayOfDayNumber(day);
    if (weekday !== 0 && weekday !== 6 && !holidays.has(day)) remaining -= 1;
  }
  return isoDateOfDayNumber(day);
}

const holidayCache = new WeakMap<ReadonlySet<IsoDate>, ReadonlySet<number>>();
/** The bank holidays as day numbers, computed once per calendar set. */
function holidayDayNumbers(bankHolidays: ReadonlySet<IsoDate>): ReadonlySet<number> {
  let cached = holidayCache.get(bankHolidays);
  if (!cached) {
    cached = new Set([...bankHolidays].map(dayNumber));
    holidayCache.set(bankHolidays, cached);
  }
  return cached;
}

function isoDateOfDayNumber(day: number): IsoDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Working days from `from` to `to` under the §5 convention [S]: the number of working days in
 * (from, to] — so `workingDaysBetween({ from, to: addWorkingDays({ from, days: n }) }) === n`.
 * When `to` is before `from` the result is minus the working days in [to, from), the inverse of
 * `addWorkingDays` with negative `days`.
 */
export function workingDaysBetween({ from, to, bankHolidays }: { from: IsoDate; to: IsoDate } & BankHolidays): number {
  const order = compareIsoDates(from, to);
  if (order === 0) return 0;
  const [start, end, sign] = order < 0 ? [from, to, 1] : [to, from, -1];
  // Forward counts (start, end]; backward counts [start, end) — shift the window by one day.
  const first = sign === 1 ? addDays(start, 1) : start;
  const last = sign === 1 ? end : addDays(end, -1);
  return sign * workingDaysInclusive({ first, last, bankHolidays });
}

/** Days since 1970-01-01 (UTC) for a valid IsoDate. */
function dayNumber(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000;
}

/** 1970-01-01 was a Thursday; 0 = Sunday … 6 = Saturday. */
function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/**
 * Working days in [first, last] by arithmetic (whole weeks × 5, then the remainder), less the bank
 * holidays in the range that fall on a weekday — the same count as walking the days one by one, in
 * time independent of the length of the range (a worklist computes it for every overdue child).
 */
function workingDaysInclusive({ first, last, bankHolidays }: { first: IsoDate; last: IsoDate } & BankHolidays): number {
  const a = dayNumber(first);
  const b = dayNumber(last);
  const days = b - a + 1;
  if (days <= 0) return 0;
  let count = Math.floor(days / 7) * 5;
  for (let day = a + Math.floor(days / 7) * 7; day <= b; day += 1) {
    const weekday = weekdayOfDayNumber(day);
    if (weekday !== 0 && weekday !== 6) count += 1;
  }
  for (const holiday of bankHolidays) {
    if (holiday < first || holiday > last) continue;
    const weekday = weekdayOfDayNumber(dayNumber(holiday));
    if (weekday !== 0 && weekday !== 6) count -= 1;
  }
  return count;
}

const MS_PER_HOUR = 3_600_000;
const INSTANT_PATTERN =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/** Parses an ISO 8601 instant to epoch ms; no offset means UTC (never the host zone). */
function parseInstant(instant: string): number {
  const match = INSTANT_PATTERN.exec(instant);
  const datePart = match?.[1];
  if (match === null || datePart === undefined || !isIsoDate(datePart)) {
    throw new RangeError(`Not an ISO instant: ${JSON.stringify(instant)}`);
  }
  const [hh, mm, ss, fraction, offset] = [match[2], match[3], match[4] ?? '0', match[5] ?? '0', match[6] ?? 'Z'];
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) {
    throw new RangeError(`Not an ISO instant: ${JSON.stringify(instant)}`);
  }
  const millis = Math.floor(Number(`0.${fraction}`) * 1000);
  const offsetMinutes =
    offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const base = Date.parse(`${datePart}T00:00:00Z`);
  return base + (Number(hh) * 60 + Number(mm) - offsetMinutes) * 60_000 + Number(ss) * 1000 + millis;
}

function isoDateOfMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function msAt({ date, hour }: { date: IsoDate; hour: number }): number {
  return Date.parse(`${date}T00:00:00Z`) + hour * MS_PER_HOUR;
}

/**
 * Adds working hours (default 09:00–17:00 on working days) to an instant.
 *
 * Time-zone choice (documented approximation): the working window is applied to the instant's
 * UTC wall-clock, i.e. Europe/London is treated as UTC. In British Summer Time the window is
 * therefore 10:00–18:00 London time. Inputs with an offset are converted to UTC first; inputs
 * without one are read as UTC. The result is an ISO instant in UTC (`…Z`).
 *
 * A start outside working time moves to the next working-time start; a deadline that falls
 * exactly at the end of a working day is returned as that day's end (e.g. Mon 16:00 + 1h = Mon 17:00).
 * Working days per domain-rules.md §0/§5 [S].
 */
export function addWorkingHours({
  from,
  hours,
  bankHolidays,
  dayStartHour = 9,
  dayEndHour = 17,
}: {
  from: string;
  hours: number;
  dayStartHour?: number;
  dayEndHour?: number;
} & BankHolidays): string {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be ≥ 0: ${hours}`);
  if (!Number.isInteger(dayStartHour) || !Number.isInteger(dayEndHour) || dayStartHour < 0 || dayEndHour > 24 || dayStartHour >= dayEndHour) {
    throw new RangeError(`Invalid working hours ${dayStartHour}–${dayEndHour}`);
  }
  let cursor = parseInstant(from);
  let remaining = Math.round(hours * MS_PER_HOUR);
  for (;;) {
    let date = isoDateOfMs(cursor);
    if (!isWorkingDay({ date, bankHolidays }) || cursor >= msAt({ date, hour: dayEndHour })) {
      date = addWorkingDays({ from: date, days: 1, bankHolidays });
      cursor = msAt({ date, hour: dayStartHour });
    }
    cursor = Math.max(cursor, msAt({ date, hour: dayStartHour }));
    const available = msAt({ date, hour: dayEndHour }) - cursor;
    if (remaining <= available) return new Date(cursor + remaining).toISOString();
    remaining -= available;
    cursor = msAt({ date, hour: dayEndHour });
  }
}
