/**
 * Synthetic identifiers: Modulus 11-valid NHS numbers from ranges that the NHS never issues to patients,
 * and school Unique Pupil Numbers with a correct check letter.
 */
import { nhsNumberCheckDigit } from '../domain/identity/nhs-number.js';

/**
 * Synthetic NHS numbers start with 9 (never issued to patients in England and Wales). We walk them as a
 * sequence of positions: position p is the 9-digit stem (999 − ⌊p / 10⁶⌋)·10⁶ + (p mod 10⁶), i.e. the
 * 999 block first (999 000 000, 999 000 001, …), then 998, 997, … down to 900. Each valid stem gives
 * one NHS number; stems whose check value is 10, and repdigits, are skipped.
 *
 * Positions 0–999 are the demo seed's; the scale generator reserves positions from 1000 up.
 */
export const NHS_POSITIONS_PER_BLOCK = 1_000_000;
export const NHS_POSITION_LIMIT = 100 * NHS_POSITIONS_PER_BLOCK;
export const DEMO_NHS_POSITIONS = 1000;

export function nhsStemAt(position: number): string {
  if (!Number.isInteger(position) || position < 0 || position >= NHS_POSITION_LIMIT) {
    throw new RangeError(`Synthetic NHS number range exhausted (position ${position})`);
  }
  const block = 999 - Math.floor(position / NHS_POSITIONS_PER_BLOCK);
  return `${block}${String(position % NHS_POSITIONS_PER_BLOCK).padStart(6, '0')}`;
}

/** The NHS number at `position`, or null if that stem cannot make a valid number. */
export function nhsNumberAt(position: number): string | null {
  const stem = nhsStemAt(position);
  const check = nhsNumberCheckDigit(stem);
  if (check === null) return null;
  const nhsNumber = stem + String(check);
  if (/^(\d)\1{9}$/.test(nhsNumber)) return null;
  return nhsNumber;
}

/**
 * At least 9 of any 10 consecutive stems are valid (the check sum steps by 2 mod 11 between them),
 * so `count` numbers never need more than this many positions.
 */
export function nhsPositionsNeeded(count: number): number {
  return Math.ceil((count * 10) / 9) + 10;
}

export class NhsNumberSequence {
  constructor(
    private position: number,
    private readonly end = NHS_POSITION_LIMIT,
  ) {}

  next(): string {
    for (;;) {
      if (this.position >= this.end) throw new RangeError(`Synthetic NHS number range exhausted at position ${this.position}`);
      const nhsNumber = nhsNumberAt(this.position);
      this.position += 1;
      if (nhsNumber !== null) return nhsNumber;
    }
  }

  get nextPosition(): number {
    return this.position;
  }
}

const UPN_CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * A Unique Pupil Number: check letter + LA number (3) + establishment (4) + year allocated (2) +
 * serial (3). The check letter is Σ(digit × position 2…13) mod 23 in 'ABCDEFGHJKLMNPQRTUVWXYZ'
 * (DfE "Unique pupil numbers (UPN)" guidance).
 */
export function upn({ laNumber, establishment, year, serial }: { laNumber: number; establishment: number; year: number; serial: number }): string {
  const digits =
    String(laNumber).padStart(3, '0') +
    String(establishment).padStart(4, '0') +
    String(year % 100).padStart(2, '0') +
    String(serial % 1000).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(digits[i]) * (i + 2);
  return UPN_CHECK_LETTERS[sum % 23] + digits;
}
