/**
 * Allocation-free date helpers for validating a national-size return (hundreds of thousands of dates),
 * with exactly the semantics of calendar/iso-date.ts: `parseDfeDate` (dd/mm/yyyy, one-digit day or
 * month allowed, surrounding spaces ignored, real dates only) and `addYears` (29 February + 1 year =
 * 28 February, as pandas DateOffset and the DfE validator do). The equivalence is tested.
 */
import type { IsoDate } from '../calendar/iso-date.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function monthLength(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Digits of s[from, to) as a number, or -1 if any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i += 1) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Same result as iso-date.ts `parseDfeDate`: an IsoDate, or null if malformed or not a real date. */
export function parseDfeDateFast(text: string): IsoDate | null {
  const s = text.trim();
  const first = s.indexOf('/');
  if (first < 1 || first > 2) return null;
  const second = s.indexOf('/', first + 1);
  if (second - first < 2 || second - first > 3 || s.length - second !== 5) return null;
  const day = digits(s, 0, first);
  const month = digits(s, first + 1, second);
  const year = digits(s, second + 1, s.length);
  if (day < 1 || month < 1 || month > 12 || year < 0 || day > monthLength(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
}

/** Same result as iso-date.ts `addYears` for a valid IsoDate. */
export function addYearsFast(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) + years;
  const month = date.slice(5, 7);
  const day = month === '02' && date.slice(8, 10) === '29' && !isLeapYear(year) ? '28' : date.slice(8, 10);
  return `${String(year).padStart(4, '0')}-${month}-${day}`;
}
