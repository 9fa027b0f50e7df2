import { describe, expect, test } from 'vitest';
import {
  CATEGORY_OF_NEED,
  ETHNICITY,
  LEGAL_STATUS,
  PLACEMENT_PROVIDER,
  PLACEMENT_TYPE,
  REASON_EPISODE_CEASED,
  REASON_NEW_EPISODE,
  REASON_PLACE_CHANGE,
  UPN_UNKNOWN_REASON,
  describeCode,
  isCategoryOfNeedCode,
  isEthnicityCode,
  isLegalStatusCode,
  isPlacementProviderCode,
  isPlacementTypeCode,
  isReasonEpisodeCeasedCode,
  isReasonNewEpisodeCode,
  isReasonPlaceChangeCode,
  isUpn,
  isUpnUnknownReasonCode,
  type CodeEntry,
} from './dfe-codes.js';

/** The codes exactly as listed in domain-rules.md §2.2 / §2.3, in source order. */
const SOURCE_CODES: ReadonlyArray<readonly [string, readonly CodeEntry[], (s: string) => boolean, string]> = [
  ['ETHNIC §2.2', ETHNICITY, isEthnicityCode,
    'WBRI WIRI WOTH WIRT WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE OOTH REFU NOBT'],
  ['LS §2.3', LEGAL_STATUS, isLegalStatusCode, 'C1 C2 D1 E1 V2 V3 V4 L1 L2 L3 J1 J2 J3'],
  ['PLACE §2.3', PLACEMENT_TYPE, isPlacementTypeCode,
    'A3 A4 A5 A6 H5 K1 K2 K3 P1 P2 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6 Z1'],
  ['PLACE_PROVIDER §2.3', PLACEMENT_PROVIDER, isPlacementProviderCode, 'PR0 PR1 PR2 PR3 PR4 PR5'],
  ['RNE §2.3', REASON_NEW_EPISODE, isReasonNewEpisodeCode, 'S L P T B U'],
  ['REC §2.3', REASON_EPISODE_CEASED, isReasonEpisodeCeasedCode,
    'X1 E11 E12 E2 E3 E4A E4B E13 E41 E45 E46 E47 E48 E5 E6 E7 E8 E9 E14 E15 E16 E17'],
  ['CIN §2.3', CATEGORY_OF_NEED, isCategoryOfNeedCode, 'N1 N2 N3 N4 N5 N6 N7 N8'],
  ['REASON_PLACE_CHANGE §2.3', REASON_PLACE_CHANGE, isReasonPlaceChangeCode,
    'CARPL CLOSE ALLEG STAND APPRR CREQB CREQO CHILD LAREQ PLACE CUSTOD OTHER'],
  ['UPN unknown §2.2', UPN_UNKNOWN_REASON, isUpnUnknownReasonCode, 'UN1 UN2 UN3 UN4 UN5'],
];

describe('903 code lists contain exactly the source codes, each with a plain-English label', () => {
  test.each(SOURCE_CODES)('%s', (_name, list, isCode, codes) => {
    expect(list.map((e) => e.code)).toEqual(codes.split(' '));
    for (const { code, label } of list) {
      expect(isCode(code)).toBe(true);
      expect(label.length).toBeGreaterThan(2);
      expect(label).not.toMatch(/^[A-Z0-9]+$/); // a description, not a code
    }
  });

  test.each(SOURCE_CODES)('%s guard rejects blank, lower-case and unknown codes', (_name, _list, isCode) => {
    for (const bad of ['', ' ', 'wbri', 'c1', 'XX9', 'N9', 'PR6', 'E4']) expect(isCode(bad)).toBe(false);
  });
});

describe('describeCode returns the label for a code, or null', () => {
  test.each([
    [ETHNICITY, 'WBRI', 'White British'],
    [LEGAL_STATUS, 'C2', 'Full care order'],
    [PLACEMENT_TYPE, 'K3', 'Registered supported accommodation'],
    [PLACEMENT_PROVIDER, 'PR4', 'Private provision'],
    [REASON_NEW_EPISODE, 'S', 'Started to be looked after'],
    [REASON_EPISODE_CEASED, 'E17', 'Aged 18 or over and remained with current carers (staying put)'],
    [CATEGORY_OF_NEED, 'N1', 'Abuse or neglect'],
    [REASON_PLACE_CHANGE, 'ALLEG', 'Allegation (section 47 enquiry)'],
    [CATEGORY_OF_NEED, 'N9', null],
    [ETHNICITY, 'C1', null],
  ] as const)('%#: describeCode(%s) = %j', (list, code, expected) => {
    expect(describeCode(list, code)).toBe(expected);
  });
});

describe('isUpn: ^[A-HJ-NP-RT-Z]\\d{12}$ | ^[A-HJ-NP-RT-Z]\\d{11}[A-Z]$ | UN1–UN5 (§2.2, rule 168) [C]', () => {
  test.each([
    ['A123456789012', true, 'letter + 12 digits'],
    ['Z12345678901A', true, 'letter + 11 digits + letter'],
    ['H12345678901Z', true, 'H is allowed'],
    ['UN1', true, 'not of school age'],
    ['UN5', true, 'source discrepancies'],
    ['UN6', false, 'only UN1–UN5'],
    ['I123456789012', false, 'first letter I excluded'],
    ['O123456789012', false, 'first letter O excluded'],
    ['S123456789012', false, 'first letter S excluded'],
    ['a123456789012', false, 'lower case'],
    ['A12345678901', false, 'too short'],
    ['A1234567890123', false, 'too long'],
    ['A1234567890AB', false, 'two trailing letters'],
    ['1234567890123', false, 'no leading letter'],
    [' A123456789012', false, 'leading space'],
    ['', false, 'blank'],
  ])('isUpn(%j) = %s (%s)', (input, expected) => {
    expect(isUpn(input)).toBe(expected);
  });
});
