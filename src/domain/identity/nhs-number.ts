/**
 * NHS number validation (Modulus 11).
 *
 * Source: domain-rules.md §4 "NHS number (Modulus 11)" [C] — NHS Data Dictionary "NHS NUMBER".
 * A Modulus 11 pass does not prove a real patient: trace via PDS before linking records (§4 [C]).
 */

export const NHS_NUMBER_INVALID_REASON = {
  /** Not exactly 10 digits after removing spaces/hyphens. */
  format: 'format',
  /** Check digit wrong, or the check value is 10 (never issued). */
  checkDigit: 'check_digit',
  /** Repdigit such as 0000000000 or 1111111111: passes Modulus 11 but is a placeholder. */
  placeholder: 'placeholder',
} as const;
export type NhsNumberInvalidReason = (typeof NHS_NUMBER_INVALID_REASON)[keyof typeof NHS_NUMBER_INVALID_REASON];

export type NhsNumberValidation =
  | { valid: true; nhsNumber: string }
  | { valid: false; reason: NhsNumberInvalidReason };

/** Weights for digits 1–9 (§4 step 2 [C]). */
const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** §4 step 1 [C]: strip spaces and hyphens (any whitespace is treated as a space). */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/**
 * Check digit for the first nine digits, or `null` when the check value is 10 (never issued).
 * §4 steps 2–4 [C]: sum digit × weight (10…2); r = sum mod 11; check = 11 − r; 11 → 0; 10 → invalid.
 * Useful for generating synthetic valid numbers. Throws RangeError unless given exactly 9 digits.
 */
export function nhsNumberCheckDigit(first9: string): number | null {
  if (!/^\d{9}$/.test(first9)) throw new RangeError(`Expected 9 digits, got ${JSON.stringify(first9)}`);
  const sum = WEIGHTS.reduce((total, weight, i) => total + Number(first9[i]) * weight, 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/**
 * Validates an NHS number (§4 [C]): 10 digits after stripping spaces/hyphens (`format`);
 * repdigits rejected explicitly because every repdigit passes Modulus 11 (`placeholder`);
 * valid iff the Modulus 11 check equals digit 10 (`check_digit`).
 */
export function validateNhsNumber(input: string): NhsNumberValidation {
  const nhsNumber = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(nhsNumber)) return { valid: false, reason: 'format' };
  if (/^(\d)\1{9}$/.test(nhsNumber)) return { valid: false, reason: 'placeholder' };
  const check = nhsNumberCheckDigit(nhsNumber.slice(0, 9));
  if (check === null || check !== Number(nhsNumber[9])) return { valid: false, reason: 'check_digit' };
  return { valid: true, nhsNumber };
}

export function isValidNhsNumber(input: string): boolean {
  return validateNhsNumber(input).valid;
}

/**
 * Display form 3-3-4 with spaces, e.g. '943 476 5919' (§4 step 1 [C]). Formats any 10-digit
 * input (it does not validate the check digit); other input is returned unchanged.
 */
export function formatNhsNumber(input: string): string {
  const digits = normaliseNhsNumber(input);
  if (!/^\d{10}$/.test(digits)) return input;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
