import { describe, expect, test } from 'vitest';
import {
  DUPLICATE_REASON,
  isDayMonthTransposition,
  isPossibleDuplicate,
  normaliseName,
  trigramSimilarity,
  trigrams,
  type PersonForMatching,
} from './name-similarity.js';

describe('normaliseName: lowercase, strip accents and punctuation, collapse spaces', () => {
  test.each([
    ['  John   SMITH ', 'john smith'],
    ['Zoë Brontë', 'zoe bronte'],
    ['José Núñez', 'jose nunez'],
    ["O'Brien", 'obrien'],
    ['O’Connor', 'oconnor'],
    ['Mary-Jane Watson', 'mary jane watson'],
    ['St. John-Smythe', 'st john smythe'],
    ['Strauß', 'strauss'],
    ['Søren Ærø', 'soren aero'],
    ['Łukasz', 'lukasz'],
    ['', ''],
  ])('normaliseName(%j) = %j', (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });
});

describe('trigrams: pg_trgm show_trgm() — words padded "  " before and " " after', () => {
  // Values from PostgreSQL pg_trgm (PGlite) show_trgm()
  test.each([
    ['word', ['  w', ' wo', 'ord', 'rd ', 'wor']],
    ['cat', ['  c', ' ca', 'at ', 'cat']],
    ['a', ['  a', ' a ']],
    ['two words', ['  t', '  w', ' tw', ' wo', 'ds ', 'ord', 'rds', 'two', 'wo ', 'wor']],
    ["o'brien", ['  b', '  o', ' br', ' o ', 'bri', 'en ', 'ien', 'rie']],
    ['', []],
  ])('show_trgm(%j)', (input, expected) => {
    expect(trigrams(input)).toEqual(expected);
  });
});

describe('trigramSimilarity matches pg_trgm similarity() (float4) to 6 places', () => {
  // Every value below was produced by PostgreSQL's pg_trgm similarity() (PGlite 0.5, pg_trgm contrib)
  test.each([
    ['word', 'two words', 0.36363637],
    ['john smith', 'jon smith', 0.61538464],
    ['smith', 'smyth', 0.33333334],
    ['catherine', 'katherine', 0.53846157],
    ['mohammed', 'muhammad', 0.2],
    ["o'brien", 'obrien', 0.5],
    ['hello', 'hallo', 0.33333334],
    ['sarah connor', 'sara conner', 0.47058824],
    ['li', 'lee', 0.16666667],
    ['brown', 'browne', 0.625],
    ['oliver smith', 'olivia smith', 0.625],
    ["james o'neil", 'jim oneill', 0.2],
    ['123', '123 4', 0.6666667],
    ['wolstenholme', 'wolstenholm', 0.78571427],
    ['constantinopoulos', 'constantinopoulou', 0.8],
    ['mary-jane watson', 'mary jane watson', 1],
    ['john smith', 'smith john', 1],
    ['Word', 'WORD', 1],
    ['abc', 'xyz', 0],
    ['', '', 0],
  ])('similarity(%j, %j) = %f', (a, b, expected) => {
    expect(trigramSimilarity(a, b)).toBeCloseTo(expected, 6);
  });

  test('returns the float4 value PostgreSQL prints (0.36363637, not 4/11 in double)', () => {
    expect(trigramSimilarity('word', 'two words')).toBe(Math.fround(4 / 11));
  });
});

describe('isDayMonthTransposition', () => {
  test.each([
    ['2015-03-04', '2015-04-03', true],
    ['2015-04-03', '2015-03-04', true],
    ['2015-05-05', '2015-05-05', false],
    ['2015-03-04', '2016-04-03', false],
    ['2015-03-04', '2015-03-04', false],
    ['2015-03-15', '2015-03-15', false],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(isDayMonthTransposition({ a, b })).toBe(expected);
  });
});

const base: PersonForMatching = { givenName: 'John', familyName: 'Smith', dateOfBirth: '2015-03-04' };

describe('isPossibleDuplicate (CLASP rule)', () => {
  test.each<[string, PersonForMatching, PersonForMatching, string[]]>([
    [
      'same NHS number (any formatting) is a duplicate even with different names and DOB',
      { ...base, nhsNumber: '943 476 5919' },
      { givenName: 'Jack', familyName: 'Jones', dateOfBirth: '2016-01-01', nhsNumber: '9434765919' },
      [DUPLICATE_REASON.sameNhsNumber],
    ],
    [
      'placeholder NHS numbers never match',
      { givenName: 'A', familyName: 'B', nhsNumber: '0000000000' },
      { givenName: 'C', familyName: 'D', nhsNumber: '0000000000' },
      [],
    ],
    [
      'invalid (check digit) NHS numbers never match',
      { givenName: 'A', familyName: 'B', nhsNumber: '9434765918' },
      { givenName: 'C', familyName: 'D', nhsNumber: '9434765918' },
      [],
    ],
    [
      'same DOB and full-name similarity 0.615 ≥ 0.5',
      base,
      { givenName: 'Jon', familyName: 'Smith', dateOfBirth: '2015-03-04' },
      [DUPLICATE_REASON.sameDateOfBirthSimilarName],
    ],
    [
      'same DOB but full-name similarity 0.47 < 0.5',
      { givenName: 'Sarah', familyName: 'Connor', dateOfBirth: '2015-03-04' },
      { givenName: 'Sara', familyName: 'Conner', dateOfBirth: '2015-03-04' },
      [],
    ],
    [
      'names compared after normalising accents and hyphens',
      { givenName: 'Zoë', familyName: 'Brontë-Smith', dateOfBirth: '2015-03-04' },
      { givenName: 'ZOE', familyName: 'Bronte Smith', dateOfBirth: '2015-03-04' },
      [DUPLICATE_REASON.sameDateOfBirthSimilarName],
    ],
    [
      'similar name but a different DOB is not a duplicate',
      base,
      { givenName: 'John', familyName: 'Smith', dateOfBirth: '2015-03-05' },
      [],
    ],
    [
      'transposed day/month DOB and identical family name',
      base,
      { givenName: 'Johnny', familyName: 'SMITH', dateOfBirth: '2015-04-03' },
      [DUPLICATE_REASON.transposedDateOfBirthSimilarFamilyName],
    ],
    [
      'transposed DOB and family-name similarity exactly 0.8',
      { givenName: 'Nikos', familyName: 'Constantinopoulos', dateOfBirth: '2012-01-11' },
      { givenName: 'Nicholas', familyName: 'Constantinopoulou', dateOfBirth: '2012-11-01' },
      [DUPLICATE_REASON.transposedDateOfBirthSimilarFamilyName],
    ],
    [
      'transposed DOB but family-name similarity 0.786 < 0.8',
      { givenName: 'Amy', familyName: 'Wolstenholme', dateOfBirth: '2012-01-11' },
      { givenName: 'Amy', familyName: 'Wolstenholm', dateOfBirth: '2012-11-01' },
      [],
    ],
    [
      'transposed DOB in a different year does not count',
      base,
      { ...base, dateOfBirth: '2016-04-03' },
      [],
    ],
    [
      'missing DOB: only the NHS number rule can apply',
      { givenName: 'John', familyName: 'Smith' },
      { givenName: 'John', familyName: 'Smith' },
      [],
    ],
    [
      'several reasons are all reported',
      { ...base, nhsNumber: '4010232137' },
      { ...base, nhsNumber: '401 023 2137' },
      [DUPLICATE_REASON.sameNhsNumber, DUPLICATE_REASON.sameDateOfBirthSimilarName],
    ],
  ])('%s', (_name, candidate, existing, reasons) => {
    expect(isPossibleDuplicate({ candidate, existing })).toEqual({ duplicate: reasons.length > 0, reasons });
  });
});
