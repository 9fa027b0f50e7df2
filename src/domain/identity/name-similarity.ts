import { isIsoDate, parseIsoDate, type IsoDate } from '../calendar/iso-date.js';
import { validateNhsNumber } from './nhs-number.js';

/**
 * Pure helpers for possible-duplicate detection of child records.
 *
 * The duplicate rules and thresholds are a CLASP project rule (task brief), not from
 * domain-rules.md; trigram semantics follow PostgreSQL pg_trgm `similarity()` so the
 * database (`pg_trgm` index) and the domain layer agree.
 */

/** Letters that Unicode NFKD does not decompose into base letter + accent. */
const UNDECOMPOSED_LETTERS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * Lowercase, strip accents (é → e, ß → ss), drop apostrophes (O'Brien → obrien), turn other
 * punctuation into spaces (Mary-Jane → mary jane), collapse and trim spaces.
 */
export function normaliseName(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßæœøłđðþı]/g, (ch) => UNDECOMPOSED_LETTERS[ch] ?? ch)
    .replace(/['’‘ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Distinct trigrams of `s` as pg_trgm's `show_trgm()` builds them: split into words of
 * alphanumerics, lowercase, pad each word with two spaces before and one after, take every
 * 3-character window. Sorted (code-unit order; equals pg's order for ASCII).
 * pg_trgm stores non-ASCII trigrams as a hash and its notion of "alphanumeric"/lowercase is
 * locale-dependent; this uses Unicode letters/digits, like a UTF-8 database locale.
 */
export function trigrams(s: string): string[] {
  const set = new Set<string>();
  for (const word of s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [' ', ' ', ...word, ' '];
    for (let i = 0; i + 3 <= chars.length; i += 1) set.add(chars.slice(i, i + 3).join(''));
  }
  return [...set].sort();
}

/**
 * pg_trgm `similarity(a, b)`: |shared trigrams| / |union of trigrams|, 0 when either side has
 * none. Rounded to float4 (`Math.fround`) exactly as PostgreSQL returns it, e.g.
 * similarity('word', 'two words') = 0.36363637. Source: PostgreSQL docs, pg_trgm (F.35) [C].
 */
export function trigramSimilarity(a: string, b: string): number {
  const left = trigrams(a);
  const right = new Set(trigrams(b));
  if (left.length === 0 || right.size === 0) return 0;
  const shared = left.filter((t) => right.has(t)).length;
  return Math.fround(shared / (left.length + right.size - shared));
}

export type PersonForMatching = {
  nhsNumber?: string | undefined;
  givenName: string;
  familyName: string;
  dateOfBirth?: IsoDate | undefined;
};

export const DUPLICATE_REASON = {
  sameNhsNumber: 'same_nhs_number',
  sameDateOfBirthSimilarName: 'same_date_of_birth_and_similar_name',
  transposedDateOfBirthSimilarFamilyName: 'transposed_date_of_birth_and_similar_family_name',
} as const;
export type DuplicateReason = (typeof DUPLICATE_REASON)[keyof typeof DUPLICATE_REASON];

/** Full-name similarity needed alongside an identical date of birth. */
export const SAME_DOB_NAME_SIMILARITY_THRESHOLD = 0.5;
/** Family-name similarity needed alongside a day/month-transposed date of birth. */
export const TRANSPOSED_DOB_FAMILY_NAME_SIMILARITY_THRESHOLD = 0.8;

function nameSimilarity({ a, b }: { a: string; b: string }): number {
  return trigramSimilarity(normaliseName(a), normaliseName(b));
}

function sameValidNhsNumber({ a, b }: { a?: string | undefined; b?: string | undefined }): boolean {
  if (a === undefined || b === undefined) return false;
  const [left, right] = [validateNhsNumber(a), validateNhsNumber(b)];
  return left.valid && right.valid && left.nhsNumber === right.nhsNumber;
}

/** True when the dates share a year and one is the other with day and month swapped (03-04 ↔ 04-03). */
export function isDayMonthTransposition({ a, b }: { a: IsoDate; b: IsoDate }): boolean {
  const [left, right] = [parseIsoDate(a), parseIsoDate(b)];
  if (left === null || right === null) return false;
  return left.year === right.year && left.day !== left.month && left.month === right.day && left.day === right.month;
}

/**
 * Possible-duplicate check (CLASP project rule). Duplicate when any of:
 * - the same NHS number (both valid by Modulus 11 — placeholders such as 0000000000 never match);
 * - the same date of birth and full-name similarity ≥ 0.5;
 * - dates of birth differing only by a day/month transposition and family-name similarity ≥ 0.8.
 * Names are compared after `normaliseName`, with pg_trgm similarity. Flags for human review only:
 * e.g. twins with different NHS numbers may still be flagged.
 */
export function isPossibleDuplicate({
  candidate,
  existing,
}: {
  candidate: PersonForMatching;
  existing: PersonForMatching;
}): { duplicate: boolean; reasons: DuplicateReason[] } {
  const reasons: DuplicateReason[] = [];
  if (sameValidNhsNumber({ a: candidate.nhsNumber, b: existing.nhsNumber })) {
    reasons.push(DUPLICATE_REASON.sameNhsNumber);
  }
  const [dobA, dobB] = [candidate.dateOfBirth, existing.dateOfBirth];
  if (dobA !== undefined && dobB !== undefined && isIsoDate(dobA) && isIsoDate(dobB)) {
    const fullName = (p: PersonForMatching): string => `${p.givenName} ${p.familyName}`;
    if (
      dobA === dobB &&
      nameSimilarity({ a: fullName(candidate), b: fullName(existing) }) >= SAME_DOB_NAME_SIMILARITY_THRESHOLD
    ) {
      reasons.push(DUPLICATE_REASON.sameDateOfBirthSimilarName);
    }
    if (
      isDayMonthTransposition({ a: dobA, b: dobB }) &&
      nameSimilarity({ a: candidate.familyName, b: existing.familyName }) >=
        TRANSPOSED_DOB_FAMILY_NAME_SIMILARITY_THRESHOLD
    ) {
      reasons.push(DUPLICATE_REASON.transposedDateOfBirthSimilarFamilyName);
    }
  }
  return { duplicate: reasons.length > 0, reasons };
}
