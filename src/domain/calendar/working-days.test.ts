import { describe, expect, test } from 'vitest';
import { englandAndWalesBankHolidays } from './bank-holidays.js';
import { parseDfeDate } from './iso-date.js';
import { addWorkingDays, addWorkingHours, isWorkingDay, workingDaysBetween } from './working-days.js';

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

describe('addWorkingHours: 09:00–17:00 on working days, UTC wall-clock (documented approximation)', () => {
  test.each([
    ['2025-01-06T09:00:00Z', 8, '2025-01-06T17:00:00.000Z', 'a full day ends at 17:00 the same day'],
    ['2025-01-06T16:00:00Z', 1, '2025-01-06T17:00:00.000Z', 'deadline exactly at close stays that day'],
    ['2025-01-06T16:00:00Z', 2, '2025-01-07T10:00:00.000Z', 'rolls into the next morning'],
    ['2025-01-03T16:30:00Z', 4, '2025-01-06T12:30:00.000Z', 'Friday afternoon rolls over the weekend'],
    ['2025-01-04T11:00:00Z', 1, '2025-01-06T10:00:00.000Z', 'Saturday start counts from Monday 09:00'],
    ['2025-01-06T07:15:00Z', 1, '2025-01-06T10:00:00.000Z', 'before opening starts at 09:00'],
    ['2025-01-06T18:00:00Z', 1, '2025-01-07T10:00:00.000Z', 'after close starts next working day'],
    ['2025-04-17T15:00:00Z', 3, '2025-04-22T10:00:00.000Z', 'skips Good Friday and Easter Monday'],
    ['2025-12-24T12:00:00Z', 48, '2026-01-06T12:00:00.000Z', '48 working hours over Christmas and New Year'],
    ['2025-01-06T10:00:00+01:00', 1, '2025-01-06T10:00:00.000Z', 'offsets are converted to UTC first'],
    ['2025-01-06T10:30', 0.5, '2025-01-06T11:00:00.000Z', 'no offset is read as UTC; fractional hours'],
  ])('%s + %f working hours = %s (%s)', (from, hours, expected) => {
    expect(addWorkingHours({ from, hours, bankHolidays })).toBe(expected);
  });

  test('custom working hours 08:00–18:00', () => {
    expect(
      addWorkingHours({ from: '2025-01-06T17:00:00Z', hours: 2, bankHolidays, dayStartHour: 8, dayEndHour: 18 }),
    ).toBe('2025-01-07T09:00:00.000Z');
  });

  test.each(['2025-01-06', '2025-01-06T25:00:00Z', 'not a date'])('malformed instant %j is refused', (from) => {
    expect(() => addWorkingHours({ from, hours: 1, bankHolidays })).toThrow(RangeError);
  });
});
