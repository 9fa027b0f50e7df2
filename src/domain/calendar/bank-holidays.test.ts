import { describe, expect, test } from 'vitest';
import {
  BANK_HOLIDAY_CALENDAR_VERSION,
  ENGLAND_AND_WALES_BANK_HOLIDAY_DATA,
  easterSunday,
  englandAndWalesBankHolidays,
} from './bank-holidays.js';
import { WEEKDAY, addDays, dayOfWeek } from './iso-date.js';

/** domain-rules.md §5 "Full list (dd/mm), England & Wales" — 2012–2025 [C], 2026 [S], 2027 [R]. */
const PUBLISHED_LISTS: ReadonlyArray<readonly [number, string]> = [
  [2012, '02/01 06/04 09/04 07/05 04/06 05/06 27/08 25/12 26/12'],
  [2013, '01/01 29/03 01/04 06/05 27/05 26/08 25/12 26/12'],
  [2014, '01/01 18/04 21/04 05/05 26/05 25/08 25/12 26/12'],
  [2015, '01/01 03/04 06/04 04/05 25/05 31/08 25/12 28/12'],
  [2016, '01/01 25/03 28/03 02/05 30/05 29/08 26/12 27/12'],
  [2017, '02/01 14/04 17/04 01/05 29/05 28/08 25/12 26/12'],
  [2018, '01/01 30/03 02/04 07/05 28/05 27/08 25/12 26/12'],
  [2019, '01/01 19/04 22/04 06/05 27/05 26/08 25/12 26/12'],
  [2020, '01/01 10/04 13/04 08/05 25/05 31/08 25/12 28/12'],
  [2021, '01/01 02/04 05/04 03/05 31/05 30/08 27/12 28/12'],
  [2022, '03/01 15/04 18/04 02/05 02/06 03/06 29/08 19/09 26/12 27/12'],
  [2023, '02/01 07/04 10/04 01/05 08/05 29/05 28/08 25/12 26/12'],
  [2024, '01/01 29/03 01/04 06/05 27/05 26/08 25/12 26/12'],
  [2025, '01/01 18/04 21/04 05/05 26/05 25/08 25/12 26/12'],
  [2026, '01/01 03/04 06/04 04/05 25/05 31/08 25/12 28/12'],
  [2027, '01/01 26/03 29/03 03/05 31/05 30/08 27/12 28/12'],
];

function toIso(year: number, ddmm: string): string {
  const [dd, mm] = ddmm.split('/');
  return `${year}-${mm}-${dd}`;
}

describe('englandAndWalesBankHolidays: rules + versioned one-offs reproduce §5 lists exactly', () => {
  test.each(PUBLISHED_LISTS)('%i matches the published list', (year, list) => {
    const expected = list.split(' ').map((ddmm) => toIso(year, ddmm));
    expect([...englandAndWalesBankHolidays({ fromYear: year, toYear: year })]).toEqual(expected);
  });

  test('a multi-year range is the union of the years, in date order', () => {
    const all = [...englandAndWalesBankHolidays({ fromYear: 2012, toYear: 2027 })];
    const expected = PUBLISHED_LISTS.flatMap(([year, list]) => list.split(' ').map((d) => toIso(year, d)));
    expect(all).toEqual(expected);
  });
});

describe('one-off changes outside the confirmed range [R]', () => {
  test.each([
    ['1995-05-08', true, 'VE Day 50: Early May moved to 8 May 1995'],
    ['1995-05-01', false, 'the rule-generated 1 May 1995 was replaced'],
    ['2011-04-29', true, 'Royal Wedding 29 Apr 2011 added'],
  ])('%s is a bank holiday: %s (%s)', (date, expected) => {
    const year = Number(date.slice(0, 4));
    expect(englandAndWalesBankHolidays({ fromYear: year, toYear: year }).has(date)).toBe(expected);
  });
});

describe('Easter by Gregorian computus (§5 [C]: Good Friday = Easter − 2, Easter Monday = Easter + 1)', () => {
  test.each(PUBLISHED_LISTS)('%i Easter Sunday sits between the listed Good Friday and Easter Monday', (year, list) => {
    const easter = easterSunday(year);
    const holidays = list.split(' ').map((ddmm) => toIso(year, ddmm));
    expect(holidays).toContain(addDays(easter, -2));
    expect(holidays).toContain(addDays(easter, 1));
  });
});

describe('generation beyond the published data (to 2030 and later)', () => {
  test.each([2028, 2029, 2030, 2031, 2040, 2050])('%i has 8 holidays that obey the §5 weekday rules', (year) => {
    const holidays = [...englandAndWalesBankHolidays({ fromYear: year, toYear: year })];
    expect(holidays).toHaveLength(8);
    const [newYear, goodFriday, easterMonday, earlyMay, spring, summer, christmas, boxing] = holidays as [
      string, string, string, string, string, string, string, string,
    ];
    for (const d of holidays) expect([WEEKDAY.saturday, WEEKDAY.sunday]).not.toContain(dayOfWeek(d));
    expect(newYear.slice(5)).toMatch(/^01-0[123]$/);
    expect(dayOfWeek(goodFriday)).toBe(WEEKDAY.friday);
    expect(dayOfWeek(easterMonday)).toBe(WEEKDAY.monday);
    expect(dayOfWeek(earlyMay)).toBe(WEEKDAY.monday);
    expect(Number(earlyMay.slice(8))).toBeLessThanOrEqual(7);
    expect(dayOfWeek(spring)).toBe(WEEKDAY.monday);
    expect(Number(spring.slice(8))).toBeGreaterThan(24);
    expect(dayOfWeek(summer)).toBe(WEEKDAY.monday);
    expect(Number(summer.slice(8))).toBeGreaterThan(24);
    expect(christmas.slice(5)).toMatch(/^12-2[5-7]$/);
    expect(boxing.slice(5)).toMatch(/^12-2[6-8]$/);
  });

  test('2012–2030 generates without gaps', () => {
    expect(englandAndWalesBankHolidays({ fromYear: 2012, toYear: 2030 }).size).toBe(
      // 16 published years (incl. 2012, 2022 and 2023 extras) + 3 rule-only years of 8
      PUBLISHED_LISTS.reduce((n, [, list]) => n + list.split(' ').length, 0) + 3 * 8,
    );
  });

  test('years before the rules began (1978) or reversed ranges are refused', () => {
    expect(() => englandAndWalesBankHolidays({ fromYear: 1977, toYear: 1980 })).toThrow(RangeError);
    expect(() => englandAndWalesBankHolidays({ fromYear: 2025, toYear: 2024 })).toThrow(RangeError);
  });
});

describe('versioned data', () => {
  test('data carries source, version and effectiveFrom; the calendar version is exported', () => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAY_DATA.source).toMatch(/domain-rules\.md §5/);
    expect(ENGLAND_AND_WALES_BANK_HOLIDAY_DATA.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(BANK_HOLIDAY_CALENDAR_VERSION).toBe(`england-and-wales/${ENGLAND_AND_WALES_BANK_HOLIDAY_DATA.version}`);
  });

  test('a newly announced one-off can be supplied as a new data version', () => {
    const data = {
      ...ENGLAND_AND_WALES_BANK_HOLIDAY_DATA,
      version: 'test.1',
      oneOffs: [{ kind: 'added', date: '2030-06-03', reason: 'hypothetical', confidence: 'R' }],
    } as const;
    expect(englandAndWalesBankHolidays({ fromYear: 2030, toYear: 2030, data }).has('2030-06-03')).toBe(true);
    expect(englandAndWalesBankHolidays({ fromYear: 2012, toYear: 2012, data }).has('2012-06-05')).toBe(false);
  });

  test('a "moved" entry whose original date is not rule-generated is a data error', () => {
    const data = {
      ...ENGLAND_AND_WALES_BANK_HOLIDAY_DATA,
      oneOffs: [{ kind: 'moved', from: '2030-05-07', to: '2030-05-10', reason: 'bad', confidence: 'R' }],
    } as const;
    expect(() => englandAndWalesBankHolidays({ fromYear: 2030, toYear: 2030, data })).toThrow(/not a rule-generated/);
  });
});
