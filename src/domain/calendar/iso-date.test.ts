import { describe, expect, test } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  ageInYears,
  compareIsoDates,
  dayOfWeek,
  formatDfeDate,
  isIsoDate,
  parseDfeDate,
  parseIsoDate,
  WEEKDAY,
} from './iso-date.js';

describe('isIsoDate: YYYY-MM-DD naming a real calendar date', () => {
  test.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-01', false],
    ['2024-01-01T00:00:00Z', false],
    [' 2024-01-01', false],
    ['', false],
  ])('isIsoDate(%j) is %s', (input, expected) => {
    expect(isIsoDate(input)).toBe(expected);
  });

  test('parseIsoDate returns parts, or null for an impossible date', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
  });
});

describe('addDays / addMonths / addYears: UTC calendar arithmetic', () => {
  test.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-03-30', 1, '2025-03-31'], // BST starts 2025-03-30: no DST drift
    ['2025-01-01', -1, '2024-12-31'],
    ['2020-05-01', 32, '2020-06-02'],
  ])('addDays %s + %i = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  test.each([
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2024-10-31', 1, '2024-11-30'],
    ['2024-11-15', 2, '2025-01-15'],
    ['2024-01-15', -13, '2022-12-15'],
  ])('addMonths %s + %i months clamps to month end = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  test.each([
    ['2024-02-29', 1, '2025-02-28'],
    ['2024-02-29', 4, '2028-02-29'],
    ['2010-06-15', 18, '2028-06-15'],
    ['2024-02-29', -1, '2023-02-28'],
  ])('addYears %s + %i years is the anniversary %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  test('malformed dates throw RangeError', () => {
    expect(() => addDays('2023-02-29', 1)).toThrow(RangeError);
  });
});

describe('dayOfWeek and compareIsoDates', () => {
  test.each([
    ['2020-05-01', WEEKDAY.friday],
    ['2023-05-06', WEEKDAY.saturday],
    ['2026-12-07', WEEKDAY.monday],
    ['1970-01-01', WEEKDAY.thursday],
    ['1969-12-28', WEEKDAY.sunday],
  ])('%s is weekday %i (0 = Sunday)', (date, expected) => {
    expect(dayOfWeek(date)).toBe(expected);
  });

  test.each([
    ['2024-01-01', '2024-01-02', -1],
    ['2024-01-02', '2024-01-02', 0],
    ['2025-01-01', '2024-12-31', 1],
  ] as const)('compareIsoDates(%s, %s) = %i', (a, b, expected) => {
    expect(compareIsoDates(a, b)).toBe(expected);
  });
});

describe('ageInYears: by calendar anniversary, never days/365 (§0 [C])', () => {
  test.each([
    ['2010-06-15', '2028-06-14', 17],
    ['2010-06-15', '2028-06-15', 18],
    ['2010-06-15', '2010-06-15', 0],
    // 6571 days: days/365 would say 18.003 → 18, but the 18th anniversary is 2024-03-10
    ['2006-03-10', '2024-03-06', 17],
    // 29 Feb birthday: anniversary is 28 Feb in common years (pandas DateOffset(years=N))
    ['2008-02-29', '2026-02-27', 17],
    ['2008-02-29', '2026-02-28', 18],
    ['2008-02-29', '2028-02-28', 19],
    ['2008-02-29', '2028-02-29', 20],
  ])('child born %s is %i on %s', (dateOfBirth, on, expected) => {
    expect(ageInYears({ dateOfBirth, on })).toBe(expected);
  });

  test('a date before the date of birth is refused', () => {
    expect(() => ageInYears({ dateOfBirth: '2020-01-02', on: '2020-01-01' })).toThrow(RangeError);
  });
});

describe('parseDfeDate: DfE 903 dd/mm/yyyy (§0 [C])', () => {
  test.each([
    ['01/05/2020', '2020-05-01'],
    ['29/02/2024', '2024-02-29'],
    ['1/5/2020', '2020-05-01'],
    [' 31/12/2021 ', '2021-12-31'],
    ['29/02/2023', null],
    ['31/04/2024', null],
    ['2020-05-01', null],
    ['05/01/20', null],
    ['', null],
  ])('parseDfeDate(%j) = %j', (input, expected) => {
    expect(parseDfeDate(input)).toBe(expected);
  });

  test('formatDfeDate round-trips', () => {
    expect(formatDfeDate('2020-05-01')).toBe('01/05/2020');
  });
});
