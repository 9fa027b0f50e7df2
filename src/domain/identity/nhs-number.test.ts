import { describe, expect, test } from 'vitest';
import {
  formatNhsNumber,
  isValidNhsNumber,
  nhsNumberCheckDigit,
  normaliseNhsNumber,
  validateNhsNumber,
} from './nhs-number.js';

describe('Modulus 11 on the §4 table (hand-checked examples) [C]', () => {
  test.each<[string, number | null, boolean, string | null, string]>([
    ['9434765919', 9, true, null, 'widely used example: 299 / r 2 → 9'],
    ['4010232137', 7, true, null, '92 / r 4 → 7'],
    ['9434765870', 0, true, null, 'check 11 → 0: 308 / r 0'],
    ['9876543210', 0, true, null, '330 / r 0 → 0'],
    ['9434765918', 9, false, 'check_digit', 'wrong check digit (expects 9)'],
    ['9450000001', null, false, 'check_digit', 'check = 10 is never issued: 166 / r 1'],
    ['1234567881', 1, true, null, '208 / r 10 → 1'],
    ['3478526985', 1, false, 'check_digit', 'wrong check digit (expects 1)'],
  ])('%s: check digit %s, valid %s (%s)', (input, checkDigit, valid, reason) => {
    expect(nhsNumberCheckDigit(input.slice(0, 9))).toBe(checkDigit);
    expect(isValidNhsNumber(input)).toBe(valid);
    expect(validateNhsNumber(input)).toEqual(valid ? { valid: true, nhsNumber: input } : { valid: false, reason });
  });
});

describe('repdigits pass Modulus 11 but are rejected as placeholders (§4 edge cases) [C]', () => {
  test.each(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])('%s×10 is a placeholder', (digit) => {
    const repdigit = digit.repeat(10);
    expect(nhsNumberCheckDigit(repdigit.slice(0, 9))).toBe(Number(digit));
    expect(validateNhsNumber(repdigit)).toEqual({ valid: false, reason: 'placeholder' });
  });
});

describe('format: strip spaces/hyphens, then exactly 10 digits (§4 step 1) [C]', () => {
  test.each([
    ['943 476 5919', '9434765919'],
    ['943-476-5919', '9434765919'],
    [' 943 476-5919 ', '9434765919'],
  ])('%j normalises to %s and is valid', (input, expected) => {
    expect(normaliseNhsNumber(input)).toBe(expected);
    expect(validateNhsNumber(input)).toEqual({ valid: true, nhsNumber: expected });
  });

  test.each(['', '943476591', '94347659190', '943.476.5919', 'A434765919', '９４３４７６５９１９'])(
    '%j is rejected as format',
    (input) => {
      expect(validateNhsNumber(input)).toEqual({ valid: false, reason: 'format' });
    },
  );

  test('nhsNumberCheckDigit requires exactly nine digits', () => {
    expect(() => nhsNumberCheckDigit('12345678')).toThrow(RangeError);
  });
});

describe('display as 3-3-4 with spaces (§4 step 1) [C]', () => {
  test.each([
    ['9434765919', '943 476 5919'],
    ['943-476-5919', '943 476 5919'],
    ['943 476 5919', '943 476 5919'],
    ['12345', '12345'],
  ])('formatNhsNumber(%j) = %j', (input, expected) => {
    expect(formatNhsNumber(input)).toBe(expected);
  });
});

describe('synthetic numbers: 9 digits + computed check digit validate; check 10 yields null', () => {
  test.each([
    ['999000001', 8],
    ['400000000', 4],
    ['485777300', 7],
    ['123456789', null],
  ])('nhsNumberCheckDigit(%s) = %s', (first9, expected) => {
    expect(nhsNumberCheckDigit(first9)).toBe(expected);
    if (expected !== null) expect(isValidNhsNumber(`${first9}${expected}`)).toBe(true);
  });
});
