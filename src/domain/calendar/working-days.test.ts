import { describe, expect, test } from 'vitest';
import { englandAndWalesBankHolidays } from './bank-holidays.js';
import { parseDfeDate } from './iso-date.js';
import { addWorkingDays, addWorkingHours, isWorkingDay, londonDateOf, londonInstant, workingDaysBetween, workingHoursBetween } from './working-days.js';

const bankHolidays = englandAndWalesBankHolidays({ fromYear: 2019, toYear: 2027 });

function dfe(ddmmyyyy: string): string {
  const iso = parseDfeDate(ddmmyyyy);
  if (iso === null) throw new Error(`bad fixture ${ddmmyyyy}`);
  return iso;
}

describe('isWorkingDay: Mon–Fri and not an E&W bank holiday (§0 [S])', () => {
  test.each([
    ['2025-01-03', true, 'ordinary Friday'],
    ['2025-01-04', false, 'Saturday'],
    ['2025-01-05', false, 'Sunday'],
    ['2025-12-25', false, 'Christmas Day'],
    ['2025-04-18', false, 'Good Friday'],
    ['2020-05-08', false, 'VE Day 75 one-off'],
    ['2020-05-04', true, 'first Monday of May 2020 (moved to 8 May)'],
  ])('%s working day = %s (%s)', (date, expected) => {
    expect(isWorkingDay({ date, bankHolidays })).toBe(expected);
  });
});

describe('addWorkingDays: event day = day 0, count forward Mon–Fri non-bank-holidays (§5 [S])', () => {
  // §5 "Test vectors (independent calculator)"
  test.each([
    ['Fri 01/05/2020', 20, 'Tue 02/06/2020'],
    ['Fri 01/05/2020', 5, 'Mon 11/05/2020'],
    ['Fri 01/05/2020', 15, 'Tue 26/05/2020'],
    ['Fri 20/05/2022', 20, 'Tue 21/06/2022'],
    ['Thu 01/09/2022', 20, 'Fri 30/09/2022'],
    ['Fri 28/04/2023', 20, 'Wed 31/05/2023'],
    ['Fri 13/12/2024', 20, 'Wed 15/01/2025'],
    ['Fri 24/12/2021', 20, 'Wed 26/01/2022'],
    ['Mon 07/12/2026', 20, 'Thu 07/01/2027'],
    // §5: an event on a weekend counts from the next working day
    ['Sat 06/05/2023', 20, 'Tue 06/06/2023'],
  ])('%s + %i working days = %s', (from, days, expected) => {
    const result = addWorkingDays({ from: dfe(from.slice(4)), days, bankHolidays });
    expect(result).toBe(dfe(expected.slice(4)));
  });

  // Style example: only the listed bank holidays
  const styleHolidays = new Set(['2025-04-18', '2025-04-21', '2025-05-05']);
  test.each([
    ['2025-01-03', 20, '2025-01-31'],
    ['2025-04-17', 20, '2025-05-20'],
  ])('with holidays 18/04, 21/04, 05/05 2025: %s + %i = %s', (from, days, expected) => {
    expect(addWorkingDays({ from, days, bankHolidays: styleHolidays })).toBe(expected);
  });

  test.each([
    ['2025-01-04', 0, '2025-01-04', 'zero days returns the event date'],
    ['2025-01-06', -1, '2025-01-03', 'back from Monday to Friday'],
    ['2025-01-04', -1, '2025-01-03', 'back from Saturday to Friday'],
    ['2020-06-02', -20, '2020-05-01', 'inverse of the §5 +20 vector'],
  ])('%s + %i = %s (%s)', (from, days, expected) => {
    expect(addWorkingDays({ from, days, bankHolidays })).toBe(expected);
  });
});

describe('workingDaysBetween: working days in (from, to], the inverse of addWorkingDays', () => {
  test.each([
    ['2020-05-01', '2020-06-02', 20],
    ['2023-05-06', '2023-06-06', 20],
    ['2024-12-13', '2025-01-15', 20],
    ['2025-01-03', '2025-01-03', 0],
    ['2025-01-03', '2025-01-05', 0],
    ['2025-01-03', '2025-01-06', 1],
    ['2020-06-02', '2020-05-01', -20],
    ['2025-01-04', '2025-01-03', -1],
  ])('from %s to %s = %i working days', (from, to, expected) => {
    expect(workingDaysBetween({ from, to, bankHolidays })).toBe(expected);
  });
});

describe('addWorkingHours: 09:00–17:00 London wall-clock on England & Wales working days (§0/§5)', () => {
  test.each([
    // GMT (winter): London time = UTC
    ['2025-01-06T09:00:00Z', 8, '2025-01-06T17:00:00.000Z', 'a full day ends at 17:00 the same day'],
    ['2025-01-06T16:00:00Z', 1, '2025-01-06T17:00:00.000Z', 'deadline exactly at close stays that day'],
    ['2025-01-06T16:00:00Z', 2, '2025-01-07T10:00:00.000Z', 'rolls into the next morning'],
    ['2025-01-03T16:30:00Z', 4, '2025-01-06T12:30:00.000Z', 'Friday afternoon rolls over the weekend'],
    ['2025-01-04T11:00:00Z', 1, '2025-01-06T10:00:00.000Z', 'Saturday start counts from Monday 09:00'],
    ['2025-01-06T07:15:00Z', 1, '2025-01-06T10:00:00.000Z', 'before opening starts at 09:00'],
    ['2025-01-06T18:00:00Z', 1, '2025-01-07T10:00:00.000Z', 'after close starts next working day'],
    ['2025-12-24T12:00:00Z', 48, '2026-01-06T12:00:00.000Z', '48 working hours over Christmas and New Year'],
    ['2025-01-06T10:00:00+01:00', 1, '2025-01-06T10:00:00.000Z', 'offsets are converted to an instant first'],
    ['2025-01-06T10:30', 0.5, '2025-01-06T11:00:00.000Z', 'no offset is read as UTC; fractional hours'],
    // BST (summer): the working day is 08:00–16:00 UTC
    ['2026-06-01T08:00:00Z', 8, '2026-06-01T16:00:00.000Z', 'BST: 09:00–17:00 London is 08:00–16:00 UTC'],
    ['2026-06-01T07:00:00Z', 1, '2026-06-01T09:00:00.000Z', 'BST: 08:00 London is before opening; 09:00 BST + 1h'],
    ['2026-06-01T16:30:00Z', 1, '2026-06-02T09:00:00.000Z', 'BST: 17:30 London is after close (under UTC it would still be open)'],
    ['2026-06-01T09:30:00+01:00', 0.5, '2026-06-01T09:00:00.000Z', 'BST: a +01:00 input is London wall-clock'],
    ['2026-06-01T22:30:00Z', 1, '2026-06-02T09:00:00.000Z', 'BST: 23:30 London on Monday belongs to Monday, not Tuesday'],
    ['2026-05-31T23:30:00Z', 1, '2026-06-01T09:00:00.000Z', 'BST: 00:30 London Monday is already Monday (Sunday in UTC)'],
    // Clock changes: Sun 29 March 2026 (GMT→BST) and Sun 25 October 2026 (BST→GMT)
    ['2026-03-27T16:00:00Z', 2, '2026-03-30T09:00:00.000Z', 'March change: Fri 16:00 GMT + 2h = Mon 10:00 BST (09:00Z)'],
    ['2026-03-27T09:00:00Z', 16, '2026-03-30T16:00:00.000Z', 'March change: two full days end Mon 17:00 BST'],
    ['2026-10-23T15:00:00Z', 2, '2026-10-26T10:00:00.000Z', 'October change: Fri 16:00 BST + 2h = Mon 10:00 GMT'],
    ['2026-10-23T08:00:00Z', 16, '2026-10-26T17:00:00.000Z', 'October change: two full days end Mon 17:00 GMT'],
    // Bank holidays
    ['2025-04-17T15:00:00Z', 3, '2025-04-22T10:00:00.000Z', 'skips Good Friday and Easter Monday 2025 (BST)'],
    ['2026-04-02T15:00:00Z', 4, '2026-04-07T11:00:00.000Z', 'Thu 2 Apr 2026 16:00 BST + 4h skips Good Friday 3 Apr and Easter Monday 6 Apr'],
    ['2026-12-24T16:00:00Z', 8, '2026-12-29T16:00:00.000Z', 'Christmas 2026: Fri 25 Dec and the substitute Boxing Day Mon 28 Dec are skipped'],
    ['2026-08-28T16:30:00Z', 1, '2026-09-01T09:00:00.000Z', 'summer bank holiday Mon 31 Aug 2026, and 17:30 BST is after close'],
  ])('%s + %f working hours = %s (%s)', (from, hours, expected) => {
    expect(addWorkingHours({ from, hours, bankHolidays })).toBe(expected);
  });

  test('custom working hours 08:00–18:00 London', () => {
    expect(addWorkingHours({ from: '2025-01-06T17:00:00Z', hours: 2, bankHolidays, dayStartHour: 8, dayEndHour: 18 })).toBe('2025-01-07T09:00:00.000Z');
    expect(addWorkingHours({ from: '2026-07-06T17:00:00Z', hours: 2, bankHolidays, dayStartHour: 8, dayEndHour: 18 })).toBe('2026-07-07T09:00:00.000Z');
  });

  test.each(['2025-01-06', '2025-01-06T25:00:00Z', 'not a date'])('malformed instant %j is refused', (from) => {
    expect(() => addWorkingHours({ from, hours: 1, bankHolidays })).toThrow(RangeError);
  });
  test.each([[-1], [Number.NaN]])('hours %f is refused', (hours) => {
    expect(() => addWorkingHours({ from: '2025-01-06T09:00:00Z', hours, bankHolidays })).toThrow(RangeError);
  });
});

describe('workingHoursBetween: working time elapsed, London wall-clock', () => {
  test.each([
    ['2026-06-01T08:00:00Z', '2026-06-01T16:00:00Z', 8, 'a full BST day'],
    ['2026-06-01T06:00:00Z', '2026-06-01T18:00:00Z', 8, 'time outside 09:00–17:00 BST does not count'],
    ['2025-01-06T09:00:00Z', '2025-01-06T17:00:00Z', 8, 'a full GMT day'],
    ['2026-06-05T15:00:00Z', '2026-06-08T09:00:00Z', 2, 'Fri 16:00–17:00 BST + Mon 09:00–10:00 BST'],
    ['2026-06-06T10:00:00Z', '2026-06-07T10:00:00Z', 0, 'a weekend is no working time'],
    ['2026-03-27T16:00:00Z', '2026-03-30T09:00:00Z', 2, 'across the March clock change'],
    ['2026-10-23T15:00:00Z', '2026-10-26T10:00:00Z', 2, 'across the October clock change'],
    ['2026-04-02T15:00:00Z', '2026-04-07T11:00:00Z', 4, 'Good Friday and Easter Monday 2026 are not working time'],
    ['2026-12-24T16:00:00Z', '2026-12-29T16:00:00Z', 8, 'Christmas 2026 (25 and 28 Dec) is not working time'],
    ['2026-11-02T09:00:00Z', '2026-11-09T09:00:00Z', 40, 'one working week'],
    ['2026-06-01T16:00:00Z', '2026-06-01T08:00:00Z', -8, 'negative when to is before from'],
    ['2026-06-01T10:00:00Z', '2026-06-01T10:00:00Z', 0, 'the same instant'],
    ['2026-06-01T08:00:00Z', '2026-06-01T08:30:00Z', 0.5, 'fractions of an hour'],
  ])('%s → %s = %f working hours (%s)', (from, to, expected) => {
    expect(workingHoursBetween({ from, to, bankHolidays })).toBeCloseTo(expected, 9);
  });

  // The inverse property, from starts inside and outside working time, in GMT, BST and across each change.
  const starts = ['2026-03-26T12:00:00Z', '2026-03-28T12:00:00Z', '2026-04-01T16:59:00Z', '2026-06-01T07:00:00Z', '2026-10-22T15:30:00Z', '2026-10-24T09:00:00Z', '2026-12-23T10:00:00Z', '2025-12-31T23:00:00Z'];
  test.each(starts.flatMap((from) => [0.25, 1, 7.5, 8, 9, 40, 100].map((hours) => [from, hours] as const)))('addWorkingHours then workingHoursBetween from %s gives back %f hours', (from, hours) => {
    const to = addWorkingHours({ from, hours, bankHolidays });
    expect(workingHoursBetween({ from, to, bankHolidays })).toBeCloseTo(hours, 9);
  });
});

describe('London wall-clock helpers', () => {
  test.each([
    ['2026-06-01T22:59:59Z', '2026-06-01'],
    ['2026-06-01T23:00:00Z', '2026-06-02'],
    ['2026-01-15T23:59:59Z', '2026-01-15'],
    ['2026-03-29T00:59:59Z', '2026-03-29'],
    ['2026-10-24T23:30:00Z', '2026-10-25'],
  ])('londonDateOf(%s) = %s', (instant, expected) => {
    expect(londonDateOf(Date.parse(instant))).toBe(expected);
  });
  test.each([
    ['2026-06-01', 9, '2026-06-01T08:00:00.000Z'],
    ['2026-01-15', 9, '2026-01-15T09:00:00.000Z'],
    ['2026-03-29', 9, '2026-03-29T08:00:00.000Z'],
    ['2026-03-29', 1, '2026-03-29T01:00:00.000Z'],
    ['2026-10-25', 9, '2026-10-25T09:00:00.000Z'],
    ['2026-10-24', 24, '2026-10-24T23:00:00.000Z'],
  ])('londonInstant(%s %i:00) = %s', (date, hour, expected) => {
    expect(new Date(londonInstant({ date, hour })).toISOString()).toBe(expected);
  });
});
