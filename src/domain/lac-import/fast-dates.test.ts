import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { addYears, parseDfeDate } from '../calendar/iso-date.js';
import { addYearsFast, parseDfeDateFast } from './fast-dates.js';

describe('fast date helpers behave exactly like calendar/iso-date', () => {
  test.each(['29/02/2024', '29/02/2023', '31/04/2024', '1/2/2024', '01/02/2024', ' 01/02/2024 ', '00/01/2024', '01/13/2024', '1/1/24', '01-01-2024', '', '001/01/2024', '01/01/20245', 'a1/01/2024', '31/12/9999', '29/02/1900', '29/02/2000'])(
    'parseDfeDateFast(%j) = parseDfeDate',
    (text) => {
      expect(parseDfeDateFast(text)).toBe(parseDfeDate(text));
    },
  );

  test('parseDfeDateFast agrees with parseDfeDate on generated dd/mm/yyyy-like text', () => {
    const part = (max: number, width: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(width, '0'));
    fc.assert(
      fc.property(part(40, 1), part(14, 1), part(2100, 4), fc.boolean(), (d, m, y, pad) => {
        const text = pad ? `${d.padStart(2, '0')}/${m.padStart(2, '0')}/${y}` : `${d}/${m}/${y}`;
        expect(parseDfeDateFast(text)).toBe(parseDfeDate(text));
      }),
    );
  });

  test('addYearsFast agrees with addYears, including 29 February', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2050-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -20, max: 25 }), (date, years) => {
        const iso = date.toISOString().slice(0, 10);
        expect(addYearsFast(iso, years)).toBe(addYears(iso, years));
      }),
    );
    expect(addYearsFast('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYearsFast('2024-02-29', 4)).toBe('2028-02-29');
  });
});
