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

/** Parses an ISO 8601 instant to epoch ms; no offset means UTC (never the host zone). Throws RangeError when malformed. */
export function parseInstant(instant: string): number {
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

// ---------------------------------------------------------------------------------------------
// Europe/London wall-clock time

/**
 * The working day is 09:00–17:00 *London* wall-clock time, GMT in winter and BST (UTC+1) in summer.
 * The offset comes from Intl.DateTimeFormat with timeZone 'Europe/London' (the IANA tz database that
 * Node and browsers ship) — a pure function of the instant, not I/O and not a clock read. UK clocks
 * change at 01:00 UTC on the last Sundays of March and October, so the offset is constant within each
 * UTC hour; it is cached per UTC hour (worklists age hundreds of items over the same days).
 */
const LONDON_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const offsetCache = new Map<number, number>();

/** Europe/London's offset from UTC at an instant, in ms (0 in GMT, 3,600,000 in BST). */
export function londonOffsetMs(ms: number): number {
  const hourKey = Math.floor(ms / MS_PER_HOUR);
  const cached = offsetCache.get(hourKey);
  if (cached !== undefined) return cached;
  const at = hourKey * MS_PER_HOUR;
  const parts: Record<string, number> = {};
  for (const part of LONDON_PARTS.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const offset = wall - at;
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(hourKey, offset);
  return offset;
}

/** The London calendar date of an instant (what a clinician's wall calendar says). */
export function londonDateOf(ms: number): IsoDate {
  return new Date(ms + londonOffsetMs(ms)).toISOString().slice(0, 10);
}

/**
 * The instant at which London wall-clock shows `date` `hour`:00 (hour may be 0–24; 24 = the next
 * midnight). A wall time skipped when the clocks go forward resolves to the same number of hours after
 * midnight in the new offset (01:30 on the March change → 02:30 BST); a repeated one (October) to the
 * later, GMT, occurrence.
 */
export function londonInstant({ date, hour, minute = 0 }: { date: IsoDate; hour: number; minute?: number }): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + hour * MS_PER_HOUR + minute * 60_000;
  const first = londonOffsetMs(wall);
  const guess = wall - first;
  const second = londonOffsetMs(guess);
  return second === first ? guess : wall - second;
}

/**
 * Adds working hours (default 09:00–17:00 London time on England & Wales working days) to an instant.
 *
 * The working window is London wall-clock time in both GMT and BST (domain-rules §0/§5 working days;
 * office hours are local time). Inputs with an offset are converted to an instant first; inputs without
 * one are read as UTC. The result is an ISO instant in UTC (`…Z`): 17:00 BST is `16:00:00.000Z`.
 *
 * A start outside working time moves to the next working-time start; a deadline that falls exactly
 * at the end of a working day is returned as that day's end (e.g. Mon 16:00 + 1h = Mon 17:00).
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
  checkWorkingHours(dayStartHour, dayEndHour);
  let cursor = parseInstant(from);
  let remaining = Math.round(hours * MS_PER_HOUR);
  let date = londonDateOf(cursor);
  for (;;) {
    const start = londonInstant({ date, hour: dayStartHour });
    const end = londonInstant({ date, hour: dayEndHour });
    if (!isWorkingDay({ date, bankHolidays }) || cursor >= end) {
      date = addWorkingDays({ from: date, days: 1, bankHolidays });
      cursor = londonInstant({ date, hour: dayStartHour });
      continue;
    }
    cursor = Math.max(cursor, start);
    const available = end - cursor;
    if (remaining <= available) return new Date(cursor + remaining).toISOString();
    remaining -= available;
    cursor = end;
  }
}

/**
 * Working hours elapsed between two instants: the time in [from, to] that falls within 09:00–17:00
 * London time on England & Wales working days, in hours (fractional). Used to show a worklist item's
 * age and to decide whether it has passed its acknowledgement time. The inverse of `addWorkingHours`
 * for a start inside working time: `workingHoursBetween({ from, to: addWorkingHours({ from, hours }) }) === hours`.
 * Negative when `to` is before `from`.
 */
export function workingHoursBetween({
  from,
  to,
  bankHolidays,
  dayStartHour = 9,
  dayEndHour = 17,
}: { from: string; to: string; dayStartHour?: number; dayEndHour?: number } & BankHolidays): number {
  checkWorkingHours(dayStartHour, dayEndHour);
  const a = parseInstant(from);
  const b = parseInstant(to);
  if (a === b) return 0;
  const [start, end, sign] = a < b ? [a, b, 1] : [b, a, -1];
  let total = 0;
  const lastDate = londonDateOf(end);
  for (let date = londonDateOf(start); compareIsoDates(date, lastDate) <= 0; date = addDays(date, 1)) {
    if (!isWorkingDay({ date, bankHolidays })) continue;
    const open = Math.max(start, londonInstant({ date, hour: dayStartHour }));
    const close = Math.min(end, londonInstant({ date, hour: dayEndHour }));
    if (close > open) total += close - open;
  }
  return (sign * total) / MS_PER_HOUR;
}

function checkWorkingHours(dayStartHour: number, dayEndHour: number): void {
  if (!Number.isInteger(dayStartHour) || !Number.isInteger(dayEndHour) || dayStartHour < 0 || dayEndHour > 24 || dayStartHour >= dayEndHour) {
    throw new RangeError(`Invalid working hours ${dayStartHour}–${dayEndHour}`);
  }
}
