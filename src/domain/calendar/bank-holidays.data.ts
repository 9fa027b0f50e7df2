import type { IsoDate } from './iso-date.js';

/**
 * England & Wales bank-holiday one-off changes, kept as versioned DATA (not code) because
 * they are announced by Royal Proclamation months ahead and the rule generator cannot
 * know them. Bump `version`/`effectiveFrom` whenever an entry is added or corrected.
 *
 * Source: domain-rules.md §5 "One-off changes (confirmed vs gov.uk data)" [C] for
 * 2012, 2020, 2022, 2023; "Outside range: 29 Apr 2011 (Royal Wedding) and 8 May 1995 (VE Day)" [R].
 * Authoritative feed: https://www.gov.uk/bank-holidays.json (alphagov/calendars).
 *
 * Known gap: domain-rules.md records no one-offs between 1995 and 2011, so years before
 * 2012 are best-effort. Recollection (unverified, deliberately NOT encoded): 31 Dec 1999
 * (Millennium) and the 2002 Golden Jubilee changes — verify against gov.uk before adding.
 */

/** Confidence tags used in docs/shared domain-rules.md. */
export const CONFIDENCE = { confirmed: 'C', secondary: 'S', recollection: 'R' } as const;
export type Confidence = (typeof CONFIDENCE)[keyof typeof CONFIDENCE];

export const ONE_OFF_KIND = {
  /** A rule-generated holiday (`from`) replaced by another date (`to`). */
  moved: 'moved',
  /** An extra holiday on `date`. */
  added: 'added',
} as const;

export type BankHolidayOneOff =
  | {
      readonly kind: typeof ONE_OFF_KIND.moved;
      readonly from: IsoDate;
      readonly to: IsoDate;
      readonly reason: string;
      readonly confidence: Confidence;
    }
  | {
      readonly kind: typeof ONE_OFF_KIND.added;
      readonly date: IsoDate;
      readonly reason: string;
      readonly confidence: Confidence;
    };

export type BankHolidayDataSet = {
  readonly source: string;
  readonly version: string;
  /** Date this version of the data set was adopted (not the date of any holiday). */
  readonly effectiveFrom: IsoDate;
  /**
   * Years checked against published gov.uk data. Years outside may lack one-offs
   * that are not recorded here (e.g. earlier jubilees) — see the report/ADR.
   */
  readonly verifiedYears: { readonly from: number; readonly to: number };
  readonly oneOffs: readonly BankHolidayOneOff[];
};

export const ENGLAND_AND_WALES_BANK_HOLIDAY_DATA = {
  source:
    'domain-rules.md §5 (Banking and Financial Dealings Act 1971 Sch 1; gov.uk/bank-holidays.json, alphagov/calendars)',
  version: '2025.1',
  effectiveFrom: '2025-01-01',
  verifiedYears: { from: 2012, to: 2026 },
  oneOffs: [
    { kind: 'moved', from: '1995-05-01', to: '1995-05-08', reason: 'Early May moved for VE Day 50th anniversary', confidence: 'R' },
    { kind: 'added', date: '2011-04-29', reason: 'Royal Wedding', confidence: 'R' },
    { kind: 'moved', from: '2012-05-28', to: '2012-06-04', reason: 'Spring moved for Diamond Jubilee', confidence: 'C' },
    { kind: 'added', date: '2012-06-05', reason: 'Diamond Jubilee', confidence: 'C' },
    { kind: 'moved', from: '2020-05-04', to: '2020-05-08', reason: 'Early May moved for VE Day 75', confidence: 'C' },
    { kind: 'moved', from: '2022-05-30', to: '2022-06-02', reason: 'Spring moved for Platinum Jubilee', confidence: 'C' },
    { kind: 'added', date: '2022-06-03', reason: 'Platinum Jubilee', confidence: 'C' },
    { kind: 'added', date: '2022-09-19', reason: 'State Funeral of Queen Elizabeth II', confidence: 'C' },
    { kind: 'added', date: '2023-05-08', reason: 'Coronation of King Charles III', confidence: 'C' },
  ],
} as const satisfies BankHolidayDataSet;

/** Version stamp of the bank-holiday calendar (rules + one-off data) in force in this build. */
export const BANK_HOLIDAY_CALENDAR_VERSION = `england-and-wales/${ENGLAND_AND_WALES_BANK_HOLIDAY_DATA.version}` as const;
