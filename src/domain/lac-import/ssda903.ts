/**
 * Validation of the DfE SSDA903 (children looked after) return as CSV files, and their conversion to
 * typed rows for the import.
 *
 * Source: domain-rules.md §2 — file layouts (§2.1, validator `config.py`), code lists (§2.2–2.3, 2.5)
 * and the validation rules of SocialFinanceDigitalLabs quality-lac-data-beta-validator
 * (`validator903/validators.py`, 2022-23 snapshot), cited by their rule numbers. Rules that need the
 * collection year (collection_start / collection_end, e.g. 354, 367, 186) or last year's return
 * (e.g. 202–208, 502, 503) are not checked here: the CSV files do not carry them.
 * Where the domain-rules summary and the validator disagree the validator wins: D1 after December 2005
 * is rule 445 and E1 before December 2005 rule 446 (rule 1014 is a care-leaver/UASC rule there).
 *
 * Pure: `today` is an argument; no I/O.
 */
import { addYears, daysBetween, parseDfeDate, type IsoDate } from '../calendar/iso-date.js';
import {
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
  CATEGORY_OF_NEED,
  ETHNICITY,
  LEGAL_STATUS,
  PLACEMENT_PROVIDER,
  PLACEMENT_TYPE,
  REASON_EPISODE_CEASED,
  REASON_NEW_EPISODE,
  REASON_PLACE_CHANGE,
  type CategoryOfNeedCode,
  type CodeEntry,
  type EthnicityCode,
  type LegalStatusCode,
  type PlacementProviderCode,
  type PlacementTypeCode,
  type ReasonEpisodeCeasedCode,
  type ReasonNewEpisodeCode,
  type ReasonPlaceChangeCode,
} from '../codes/dfe-codes.js';
import { parseCsv, type CsvRow } from './csv.js';
import { sortImportErrors, type ImportError } from './import-error.js';

/** The files of the return this import reads, with their DfE column lists (§2.1 [C], validator config.py). */
export const SSDA903_COLUMNS = {
  'header.csv': ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  'episodes.csv': ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
  'reviews.csv': ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  'missing.csv': ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  'oc2.csv': ['CHILD', 'DOB', 'SDQ_SCORE', 'SDQ_REASON', 'CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'],
} as const;
export type Ssda903FileName = keyof typeof SSDA903_COLUMNS;
export const SSDA903_FILE_NAMES = Object.keys(SSDA903_COLUMNS) as Ssda903FileName[];
export const REQUIRED_SSDA903_FILES = ['header.csv', 'episodes.csv'] as const satisfies readonly Ssda903FileName[];

/** The text of each file; header.csv and episodes.csv are required, the others optional. */
export type Ssda903Files = { 'header.csv': string; 'episodes.csv': string } & Partial<Record<'reviews.csv' | 'missing.csv' | 'oc2.csv', string>>;

/** REVIEW_CODE (participation in the review): PN0 = child under 4 at the review (rule 440) [C]; PN1–PN7 meanings [R]. */
export const REVIEW_PARTICIPATION_CODES = ['PN0', 'PN1', 'PN2', 'PN3', 'PN4', 'PN5', 'PN6', 'PN7'] as const;
export type ReviewParticipationCode = (typeof REVIEW_PARTICIPATION_CODES)[number];

/** MISSING: M missing (whereabouts unknown), A away from placement without authorisation — §2.3 "Other tables" [C]. */
export const MISSING_KINDS = [
  { code: 'M', label: 'Missing (whereabouts unknown)' },
  { code: 'A', label: 'Away from placement without authorisation (whereabouts known)' },
] as const satisfies readonly CodeEntry[];
export type MissingKind = (typeof MISSING_KINDS)[number]['code'];

/** SDQ_REASON — §2.5 [C]. */
export const SDQ_REASONS = [
  { code: 'SDQ1', label: 'No form returned: child under 4 or over 16 at the date of the latest assessment' },
  { code: 'SDQ2', label: 'Carer refused to complete and return the questionnaire' },
  { code: 'SDQ3', label: 'Not possible to complete because of the severity of the child’s disability' },
  { code: 'SDQ4', label: 'Other' },
  { code: 'SDQ5', label: 'Child or young person refuses to allow the questionnaire to be completed' },
] as const satisfies readonly CodeEntry[];
export type SdqReason = (typeof SDQ_REASONS)[number]['code'];

export type Flag = '0' | '1';

export interface Ssda903Child {
  laChildId: string;
  line: number;
  sex: 'male' | 'female';
  dateOfBirth: IsoDate;
  ethnicity: EthnicityCode;
  /** A real UPN, or null when the return gives one of UN1–UN5 (see `upnUnknownReason`). */
  upn: string | null;
  upnUnknownReason: string | null;
  /** MOTHER: whether the child is herself a mother (null when blank). */
  isMother: boolean | null;
  motherChildDateOfBirth: IsoDate | null;
}

export interface Ssda903Episode {
  laChildId: string;
  line: number;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
  reasonNewEpisode: ReasonNewEpisodeCode;
  legalStatus: LegalStatusCode;
  categoryOfNeed: CategoryOfNeedCode;
  placementType: PlacementTypeCode;
  placementProvider: PlacementProviderCode | null;
  reasonCeased: ReasonEpisodeCeasedCode | null;
  reasonPlaceChange: ReasonPlaceChangeCode | null;
  homePostcode: string | null;
  placementPostcode: string | null;
  urn: string | null;
}

export interface Ssda903Review {
  laChildId: string;
  line: number;
  reviewOn: IsoDate;
  participation: ReviewParticipationCode;
}

export interface Ssda903MissingEpisode {
  laChildId: string;
  line: number;
  kind: MissingKind;
  startedOn: IsoDate;
  endedOn: IsoDate | null;
}

export interface Ssda903Oc2Row {
  laChildId: string;
  line: number;
  sdqScore: number | null;
  sdqReason: SdqReason | null;
  convicted: Flag | null;
  healthCheck: Flag | null;
  immunisations: Flag | null;
  teethCheck: Flag | null;
  healthAssessment: Flag | null;
  substanceMisuse: Flag | null;
  interventionReceived: Flag | null;
  interventionOffered: Flag | null;
}

export interface Ssda903Return {
  children: Ssda903Child[];
  /** Sorted by child (in header order), then start date. */
  episodes: Ssda903Episode[];
  reviews: Ssda903Review[];
  missing: Ssda903MissingEpisode[];
  oc2: Ssda903Oc2Row[];
  /** Which optional files were supplied. */
  suppliedFiles: Ssda903FileName[];
}

export type Ssda903Validation = { ok: true; value: Ssda903Return } | { ok: false; errors: ImportError[] };

// ---------------------------------------------------------------------------------------------
// Rule data (validator rule numbers in the names' comments)

/** No episode may start before the Children Act 1989 came into force (rule 353). */
const EARLIEST_EPISODE_START = '1991-10-14';
/** Freeing orders (D1) ended with the Adoption and Children Act 2002 in December 2005 (rules 445, 446). */
const LAST_D1_START = '2005-12-31';
const FIRST_E1_START = '2005-12-01';
/** Rule 217 applies from 1 April 2015. */
const RULE_217_FROM = '2015-04-01';
const CONTINUATION_RNE = new Set(['P', 'L', 'T', 'U', 'B']);
const TEMPORARY_PLACEMENTS = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);
const NO_PROVIDER_PLACEMENTS = new Set(['T0', 'T1', 'T2', 'T3', 'T4', 'Z1']);
/** Rule 222: no Ofsted URN for these placement types (`XXXXXX` is the validator's "not known" placeholder). */
const NO_URN_PLACEMENTS = new Set(['H5', 'P1', 'P2', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z1']);
const URN_PLACEHOLDERS = new Set(['XXXXXX', 'XXXXXXX']);
const SHORT_BREAKS = new Set(['V3', 'V4']);
const ADOPTION_PLACEMENTS = new Set(['A3', 'A4', 'A5', 'A6']);
const FOSTER_PLACEMENTS = new Set(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);
/** Rule 529: placements no other public body (PR3) can provide. */
const NOT_PR3_PLACEMENTS = new Set(['A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'P1', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6']);
/** Minimum age at the start of a placement (rules 370–374). */
const PLACEMENT_MIN_AGE: Record<string, { rule: string; years: number; label: string }> = {
  P2: { rule: '370', years: 15, label: 'independent living (P2)' },
  H5: { rule: '371', years: 14, label: 'semi-independent living (H5)' },
  R5: { rule: '372', years: 10, label: 'youth custody or prison (R5)' },
  S1: { rule: '373', years: 4, label: 'a residential school (S1)' },
  P3: { rule: '374', years: 14, label: 'residential employment (P3)' },
};
/** Maximum length of one episode in days (rules 365, 375, 376, 379). */
const EPISODE_MAX_DAYS: Record<string, { rule: string; days: number; label: string }> = {
  V3: { rule: '365', days: 17, label: 'an individual short-term break (LS V3)' },
  T1: { rule: '375', days: 42, label: 'a temporary hospital placement (T1)' },
  T3: { rule: '376', days: 21, label: 'a temporary placement while the foster carer is on holiday (T3)' },
  T4: { rule: '379', days: 7, label: 'a temporary placement for another reason (T4)' },
};
/** Maximum length of an unbroken run of a legal status in days (rules 361–364). */
const LEGAL_STATUS_MAX_DAYS: Record<string, { rule: string; days: number; label: string }> = {
  L1: { rule: '361', days: 3, label: 'police protection (L1) may last at most 72 hours' },
  L2: { rule: '362', days: 21, label: 'an emergency protection order (L2) is flagged when it lasts more than 21 days' },
  L3: { rule: '363', days: 7, label: 'a child assessment order (L3) may last at most 7 days' },
  J2: { rule: '364', days: 21, label: 'accommodation under PACE 1984 (J2) is flagged when it lasts more than 21 days' },
};
/** Full or partial UK postcode (the return may carry the outward code and sector only). */
const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?(?: ?[0-9](?:[A-Z]{2})?)?$/i;
const SDQ_SCORE = /^\d{1,2}$/;

function codesText(list: readonly CodeEntry[]): string {
  return list.map((entry) => entry.code).join(', ');
}

function found(value: string): string {
  return value === '' ? 'it is blank' : `found "${value}"`;
}

function dfe(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

// ---------------------------------------------------------------------------------------------
// Reading a file: syntax, exact header row, field counts

interface Table {
  file: Ssda903FileName;
  rows: CsvRow[];
  /** Column name → 0-based index in each row. */
  col: Record<string, number>;
}

function readTable(file: Ssda903FileName, text: string, errors: ImportError[]): Table | null {
  const expected: readonly string[] = SSDA903_COLUMNS[file];
  const csv = parseCsv(text);
  for (const e of csv.errors) errors.push({ file, line: e.line, column: e.column, rule: 'csv_syntax', message: e.message });
  if (csv.columns.length === 0) {
    if (csv.errors.length === 0)
      errors.push({ file, line: 1, column: 1, rule: 'header_row', message: `${file} is empty: its first line must be the header row ${expected.join(',')}` });
    return null;
  }
  const col: Record<string, number> = {};
  let headerOk = true;
  csv.columns.forEach((raw, index) => {
    const name = raw.trim();
    if (!expected.includes(name)) {
      headerOk = false;
      errors.push({ file, line: 1, column: index + 1, rule: 'header_row', message: `${file} has a column "${name}" that is not in the SSDA903 layout (expected ${expected.join(',')})` });
    } else if (col[name] !== undefined) {
      headerOk = false;
      errors.push({ file, line: 1, column: index + 1, rule: 'header_row', message: `${file} has the column ${name} twice` });
    } else col[name] = index;
  });
  for (const name of expected) {
    if (col[name] === undefined) {
      headerOk = false;
      errors.push({ file, line: 1, column: csv.columns.length + 1, rule: 'header_row', message: `${file} has no ${name} column (expected ${expected.join(',')})` });
    }
  }
  if (!headerOk) return null;
  const width = csv.columns.length;
  const rows: CsvRow[] = [];
  for (const row of csv.rows) {
    if (row.values.length !== width) {
      errors.push({ file, line: row.line, column: Math.min(row.values.length, width) + 1, rule: 'field_count', message: `the row has ${row.values.length} fields but the header row has ${width}` });
      continue;
    }
    rows.push(row);
  }
  return { file, rows, col };
}

/** Reads a cell by column name, trimmed. */
function cellReader(table: Table) {
  return (row: CsvRow, name: string): string => (row.values[table.col[name]!] ?? '').trim();
}

// ---------------------------------------------------------------------------------------------

interface HeaderInfo {
  line: number;
  dateOfBirth: IsoDate | null;
  sex: string;
  upnBlank: boolean;
  motherBlank: boolean;
}

interface EpisodeDraft {
  row: CsvRow;
  child: string;
  startedOn: IsoDate | null;
  endedOn: IsoDate | null;
  rne: string;
  ls: string;
  cin: string;
  place: string;
  provider: string;
  rec: string;
  reasonPlaceChange: string;
  homePostcode: string;
  placementPostcode: string;
  urn: string;
  valid: boolean;
}

/**
 * Validates the return and, when it is valid, returns its rows typed. Every error is reported (not only
 * the first), sorted by file, line and column.
 *
 * `precedingEpisodeEnds`: for each LA child id, the dates on which an episode CLASP already holds from
 * an earlier return ended with X1. A child whose first episode in these files continues such an episode
 * (same day) need not start with RNE S (rule 357 asks for S only on the first episode ever).
 */
export function validateSsda903({
  files,
  today,
  precedingEpisodeEnds,
}: {
  files: Partial<Record<Ssda903FileName, string>>;
  today: IsoDate;
  precedingEpisodeEnds?: ReadonlyMap<string, ReadonlySet<IsoDate>>;
}): Ssda903Validation {
  const errors: ImportError[] = [];
  for (const required of REQUIRED_SSDA903_FILES) {
    if (files[required] === undefined) errors.push({ file: required, line: 1, column: 1, rule: 'file_missing', message: `${required} is required for an SSDA903 import` });
  }
  const tables: Partial<Record<Ssda903FileName, Table | null>> = {};
  for (const file of SSDA903_FILE_NAMES) {
    const text = files[file];
    if (text !== undefined) tables[file] = readTable(file, text, errors);
  }

  const add = (file: Ssda903FileName, row: CsvRow, table: Table, column: string, rule: string, message: string, child?: string) => {
    errors.push({ file, line: row.line, column: (table.col[column] ?? 0) + 1, rule, message, ...(child ? { child } : {}) });
  };
  const notFuture = (file: Ssda903FileName, row: CsvRow, table: Table, column: string, date: IsoDate, child: string): boolean => {
    if (date <= today) return true;
    add(file, row, table, column, 'date_in_future', `${column} ${dfe(date)} is after today (${dfe(today)})`, child);
    return false;
  };

  // ---- header.csv
  const headerTable = tables['header.csv'] ?? null;
  const headerByChild = new Map<string, HeaderInfo>();
  const children: Ssda903Child[] = [];
  if (headerTable) {
    const t = headerTable;
    const cell = cellReader(t);
    const file = 'header.csv';
    for (const row of t.rows) {
      const child = cell(row, 'CHILD');
      if (child === '') {
        add(file, row, t, 'CHILD', 'child_required', 'CHILD (the LA child id) is blank');
        continue;
      }
      const earlier = headerByChild.get(child);
      if (earlier) {
        add(file, row, t, 'CHILD', 'duplicate_child', `child ${child} is already on line ${earlier.line}`, child);
        continue;
      }
      let valid = true;
      const sex = cell(row, 'SEX');
      if (sex !== '1' && sex !== '2') {
        valid = false;
        add(file, row, t, 'SEX', '101', `SEX must be 1 (male) or 2 (female), ${found(sex)}`, child);
      }
      const dobText = cell(row, 'DOB');
      const dateOfBirth = parseDfeDate(dobText);
      if (!dateOfBirth) {
        valid = false;
        add(file, row, t, 'DOB', '102', `DOB must be a real date written dd/mm/yyyy, ${found(dobText)}`, child);
      } else if (!notFuture(file, row, t, 'DOB', dateOfBirth, child)) valid = false;
      const ethnic = cell(row, 'ETHNIC');
      if (!isEthnicityCode(ethnic)) {
        valid = false;
        add(file, row, t, 'ETHNIC', '103', `ETHNIC must be one of the DfE ethnicity codes (${codesText(ETHNICITY)}), ${found(ethnic)}`, child);
      }
      const upn = cell(row, 'UPN');
      if (upn !== '' && !isUpn(upn)) {
        valid = false;
        add(file, row, t, 'UPN', '168', `UPN must be a letter (not I, O or S) then 12 digits, or 11 digits and a letter, or one of UN1–UN5 if not known, ${found(upn)}`, child);
      }
      const mother = cell(row, 'MOTHER');
      if (mother !== '' && mother !== '0' && mother !== '1') {
        valid = false;
        add(file, row, t, 'MOTHER', '165', `MOTHER must be 1 (the child is a mother), 0 (not a mother) or blank, ${found(mother)}`, child);
      }
      const mcDobText = cell(row, 'MC_DOB');
      let motherChildDateOfBirth: IsoDate | null = null;
      if (mcDobText !== '') {
        motherChildDateOfBirth = parseDfeDate(mcDobText);
        if (!motherChildDateOfBirth) {
          valid = false;
          add(file, row, t, 'MC_DOB', '171', `MC_DOB (date of birth of the mother's child) must be a real date written dd/mm/yyyy, ${found(mcDobText)}`, child);
        } else {
          if (!notFuture(file, row, t, 'MC_DOB', motherChildDateOfBirth, child)) valid = false;
          if (mother !== '1') {
            valid = false;
            add(file, row, t, 'MC_DOB', '612', `MC_DOB is given but MOTHER is not 1: give the date of birth of the child's own child only when MOTHER is 1`, child);
          }
          if (sex === '1') {
            valid = false;
            add(file, row, t, 'MC_DOB', '174', `MC_DOB is given but SEX is 1 (male)`, child);
          }
          if (dateOfBirth && motherChildDateOfBirth <= dateOfBirth) {
            valid = false;
            add(file, row, t, 'MC_DOB', '621', `MC_DOB ${dfe(motherChildDateOfBirth)} is not after the child's own DOB ${dfe(dateOfBirth)}`, child);
          }
        }
      } else if (mother === '1') {
        valid = false;
        add(file, row, t, 'MC_DOB', '611', `MOTHER is 1 but MC_DOB (the date of birth of her child) is blank`, child);
      }
      headerByChild.set(child, { line: row.line, dateOfBirth, sex, upnBlank: upn === '', motherBlank: mother === '' });
      if (valid && dateOfBirth && isEthnicityCode(ethnic)) {
        const real = upn !== '' && !isUpnUnknownReasonCode(upn);
        children.push({
          laChildId: child,
          line: row.line,
          sex: sex === '1' ? 'male' : 'female',
          dateOfBirth,
          ethnicity: ethnic,
          upn: real ? upn : null,
          upnUnknownReason: real || upn === '' ? null : upn,
          isMother: mother === '' ? null : mother === '1',
          motherChildDateOfBirth,
        });
      }
    }
  }
  const knowChildren = headerTable !== null;
  const inHeader = (file: Ssda903FileName, row: CsvRow, table: Table, child: string): boolean => {
    if (child === '') {
      add(file, row, table, 'CHILD', 'child_required', 'CHILD (the LA child id) is blank');
      return false;
    }
    if (knowChildren && !headerByChild.has(child)) {
      add(file, row, table, 'CHILD', 'child_not_in_header', `child ${child} is not in header.csv: every child in ${file} must have a row in header.csv`, child);
      return false;
    }
    return true;
  };

  // ---- episodes.csv
  const episodesTable = tables['episodes.csv'] ?? null;
  const episodeDrafts: EpisodeDraft[] = [];
  const episodesByChild = new Map<string, EpisodeDraft[]>();
  if (episodesTable) {
    const t = episodesTable;
    const cell = cellReader(t);
    const file = 'episodes.csv';
    const seen = new Map<string, number>();
    for (const row of t.rows) {
      const child = cell(row, 'CHILD');
      const known = inHeader(file, row, t, child);
      const header = headerByChild.get(child);
      const dob = header?.dateOfBirth ?? null;
      const draft: EpisodeDraft = {
        row,
        child,
        startedOn: null,
        endedOn: null,
        rne: cell(row, 'RNE'),
        ls: cell(row, 'LS'),
        cin: cell(row, 'CIN'),
        place: cell(row, 'PLACE'),
        provider: cell(row, 'PLACE_PROVIDER'),
        rec: cell(row, 'REC'),
        reasonPlaceChange: cell(row, 'REASON_PLACE_CHANGE'),
        homePostcode: cell(row, 'HOME_POST'),
        placementPostcode: cell(row, 'PL_POST'),
        urn: cell(row, 'URN'),
        valid: known,
      };
      const e = (column: string, rule: string, message: string) => {
        draft.valid = false;
        add(file, row, t, column, rule, message, child || undefined);
      };
      const { rne, ls, cin, place, provider, rec, reasonPlaceChange, homePostcode, placementPostcode, urn } = draft;

      // Dates
      const decomText = cell(row, 'DECOM');
      const decom = parseDfeDate(decomText);
      if (!decom) e('DECOM', '141', `DECOM (date the episode started) must be a real date written dd/mm/yyyy, ${found(decomText)}`);
      else {
        draft.startedOn = decom;
        if (!notFuture(file, row, t, 'DECOM', decom, child)) draft.valid = false;
        if (decom < EARLIEST_EPISODE_START) e('DECOM', '353', `no episode can start before 14/10/1991 (the Children Act 1989), found ${dfe(decom)}`);
        if (dob && decom < dob) e('DECOM', 'decom_before_dob', `DECOM ${dfe(decom)} is before the child's date of birth ${dfe(dob)}`);
        const key = `${child}\u0000${decom}`;
        const earlierLine = seen.get(key);
        if (earlierLine !== undefined) e('DECOM', 'duplicate_episode', `child ${child} already has an episode starting ${dfe(decom)} on line ${earlierLine}`);
        else seen.set(key, row.line);
      }
      const decText = cell(row, 'DEC');
      let dec: IsoDate | null = null;
      if (decText !== '') {
        dec = parseDfeDate(decText);
        if (!dec) e('DEC', '147', `DEC (date the episode ceased) must be a real date written dd/mm/yyyy, ${found(decText)}`);
        else {
          draft.endedOn = dec;
          if (!notFuture(file, row, t, 'DEC', dec, child)) draft.valid = false;
          if (decom && dec < decom) e('DEC', '356', `DEC ${dfe(dec)} is before DECOM ${dfe(decom)}: an episode cannot end before it starts`);
        }
      }

      // Codes
      if (!isReasonNewEpisodeCode(rne)) e('RNE', '143', `RNE (reason for new episode) must be one of ${codesText(REASON_NEW_EPISODE)}, ${found(rne)}`);
      if (!isLegalStatusCode(ls)) e('LS', '144', `LS (legal status) must be one of ${codesText(LEGAL_STATUS)}, ${found(ls)}`);
      if (!isCategoryOfNeedCode(cin)) e('CIN', '145', `CIN (category of need) must be one of ${codesText(CATEGORY_OF_NEED)}, ${found(cin)}`);
      if (!isPlacementTypeCode(place)) e('PLACE', '146', `PLACE (placement type) must be one of ${codesText(PLACEMENT_TYPE)}, ${found(place)}`);
      if (provider !== '' && !isPlacementProviderCode(provider)) e('PLACE_PROVIDER', '178', `PLACE_PROVIDER must be one of ${codesText(PLACEMENT_PROVIDER)} or blank, ${found(provider)}`);
      if (rec !== '' && !isReasonEpisodeCeasedCode(rec)) e('REC', '149', `REC (reason episode ceased) must be one of ${codesText(REASON_EPISODE_CEASED)} or blank, ${found(rec)}`);
      if (reasonPlaceChange !== '' && !isReasonPlaceChangeCode(reasonPlaceChange))
        e('REASON_PLACE_CHANGE', '1009', `REASON_PLACE_CHANGE must be one of ${codesText(REASON_PLACE_CHANGE)} or blank, ${found(reasonPlaceChange)}`);
      if (homePostcode !== '' && !POSTCODE.test(homePostcode)) e('HOME_POST', '392c', `HOME_POST is not a valid postcode, ${found(homePostcode)}`);
      if (placementPostcode !== '' && !POSTCODE.test(placementPostcode)) e('PL_POST', '392c', `PL_POST is not a valid postcode, ${found(placementPostcode)}`);

      // Cross-field rules within the row
      if ((decText === '') !== (rec === '')) e(decText === '' ? 'DEC' : 'REC', '148', `DEC and REC must both be given (the episode ended) or both be blank (still open); ${decText === '' ? 'REC is given but DEC is blank' : 'DEC is given but REC is blank'}`);
      if (isPlacementTypeCode(place)) {
        if (NO_PROVIDER_PLACEMENTS.has(place) && provider !== '') e('PLACE_PROVIDER', '178', `PLACE_PROVIDER must be blank for placement ${place} (temporary placements T0–T4 and Z1), found "${provider}"`);
        if (!NO_PROVIDER_PLACEMENTS.has(place) && provider === '') e('PLACE_PROVIDER', '526', `PLACE_PROVIDER is blank: it is required for placement ${place}`);
        if (provider === 'PR0' && place !== 'P1') e('PLACE_PROVIDER', '550', `placement provider PR0 (parent or person with parental responsibility) can only go with placement P1, found ${place}`);
        if ((provider === 'PR1' || provider === 'PR2') && (place === 'P1' || place === 'R2' || place === 'R5'))
          e('PLACE_PROVIDER', provider === 'PR1' ? '527' : '528', `placement provider ${provider} cannot go with placement ${place}`);
        if (provider === 'PR3' && NOT_PR3_PLACEMENTS.has(place)) e('PLACE_PROVIDER', '529', `placement provider PR3 (other public provision) cannot go with placement ${place}`);
        if ((provider === 'PR4' || provider === 'PR5') && place === 'P1') e('PLACE_PROVIDER', provider === 'PR4' ? '530' : '531', `placement provider ${provider} cannot go with placement P1`);
        if (urn !== '' && !URN_PLACEHOLDERS.has(urn) && NO_URN_PLACEMENTS.has(place)) e('URN', '222', `an Ofsted URN must not be given for placement ${place}, found "${urn}"`);
        if (TEMPORARY_PLACEMENTS.has(place)) {
          if (reasonPlaceChange !== '') e('REASON_PLACE_CHANGE', '226', `REASON_PLACE_CHANGE must be blank for a temporary placement (${place})`);
          if (rne !== '' && rne !== 'P' && rne !== 'B') e('RNE', '380', `a period of care cannot start with a temporary placement (${place}): RNE must be P or B, found ${rne}`);
          if (rec !== '' && rec !== 'X1') e('REC', '381', `a period of care cannot end with a temporary placement (${place}): REC must be X1, found ${rec}`);
        }
        if (rec === 'E11' || rec === 'E12') {
          if (!ADOPTION_PLACEMENTS.has(place)) e('REC', '390', `REC ${rec} (adopted) needs a placement for adoption (A3–A6), found ${place}`);
        }
        if ((place === 'A5' || place === 'A6') && isLegalStatusCode(ls) && ls !== 'E1') e('LS', '408', `placement ${place} (placed for adoption with a placement order) needs LS E1, found ${ls}`);
        if ((rec === 'E45' || rec === 'E46') && !FOSTER_PLACEMENTS.has(place)) e('REC', '516', `REC ${rec} (special guardianship to former foster carers) needs a foster placement (U1–U6), found ${place}`);
        if ((place === 'A3' || place === 'A5') && decom && decom >= RULE_217_FROM && rne !== '' && !['S', 'T', 'U'].includes(rne))
          e('RNE', '217', `a child placed for adoption with current foster carers (${place}) must have RNE S, T or U, found ${rne}`);
        if (place === 'P1' && ls === 'V2') e('LS', '378', 'a child placed with parents (P1) cannot be accommodated under a single period of section 20 (V2)');
        const minAge = PLACEMENT_MIN_AGE[place];
        if (minAge && dob && decom && decom < addYears(dob, minAge.years))
          e('PLACE', minAge.rule, `a child in ${minAge.label} should be at least ${minAge.years} when the placement starts (born ${dfe(dob)}, started ${dfe(decom)})`);
        const placeLimit = EPISODE_MAX_DAYS[place];
        if (placeLimit && decom && dec && daysBetween({ from: decom, to: dec }) > placeLimit.days)
          e('DEC', placeLimit.rule, `${placeLimit.label} cannot last more than ${placeLimit.days} days (${dfe(decom)} to ${dfe(dec)})`);
      }
      if (isLegalStatusCode(ls)) {
        if (ls === 'D1' && decom && decom > LAST_D1_START) e('LS', '445', `LS D1 (freeing order) is not valid for an episode starting after December 2005 (started ${dfe(decom)})`);
        if (ls === 'D1' && decText === '' && rec === '') e('LS', '451', 'the child is still freed for adoption (LS D1, episode open), but freeing orders could not be applied for after 30 December 2005');
        if (ls === 'E1' && decom && decom < FIRST_E1_START) e('LS', '446', `LS E1 (placement order) is not valid for an episode starting before December 2005 (started ${dfe(decom)})`);
        if (SHORT_BREAKS.has(ls)) {
          if (ls === 'V3' && rne !== '' && rne !== 'S') e('RNE', '366', `a child cannot change placement during an individual short-term break (LS V3): RNE must be S, found ${rne}`);
          if (TEMPORARY_PLACEMENTS.has(place)) e('PLACE', '382', `a child on short-term breaks (LS ${ls}) cannot be in a temporary placement (${place})`);
          if (place === 'U1' || place === 'U4') e('PLACE', '384', `a child on short-term breaks (LS ${ls}) cannot be in a long-term foster placement (${place})`);
          if (homePostcode !== '') e('HOME_POST', '398', `HOME_POST must be blank for a child on short-term breaks (LS ${ls})`);
          if (placementPostcode !== '') e('PL_POST', '398', `PL_POST must be blank for a child on short-term breaks (LS ${ls})`);
          if (urn !== '') e('URN', '214', `URN must be blank for a child on short-term breaks (LS ${ls})`);
        }
        if ((ls === 'J1' || ls === 'J2' || ls === 'J3') && dob && decom && decom <= addYears(dob, 10))
          e('LS', '358', `a child with legal status ${ls} should be over 10 (born ${dfe(dob)}, episode started ${dfe(decom)})`);
        const lsLimit = EPISODE_MAX_DAYS[ls];
        if (lsLimit && decom && dec && daysBetween({ from: decom, to: dec }) > lsLimit.days)
          e('DEC', lsLimit.rule, `${lsLimit.label} cannot last more than ${lsLimit.days} days (${dfe(decom)} to ${dfe(dec)})`);
      }
      if (rne === 'S' && dob && decom && decom >= addYears(dob, 18)) e('RNE', '352', `a child who started to be looked after (RNE S) was already 18 (born ${dfe(dob)}, started ${dfe(decom)})`);
      if (dob && dec) {
        if ((rec === 'E11' || rec === 'E12') && dec >= addYears(dob, 18)) e('REC', '386', `REC ${rec} (adopted) but the child had reached 18 by ${dfe(dec)}`);
        if ((rec === 'E5' || rec === 'E6') && dec < addYears(dob, 14)) e('REC', '387', `REC ${rec} (independent living) but the child was under 14 on ${dfe(dec)}`);
        if (rec === 'E7' && dec < addYears(dob, 16)) e('REC', '389', `REC E7 (transferred to adult social care) but the child was under 16 on ${dfe(dec)}`);
        if (['E45', 'E46', 'E47', 'E48'].includes(rec) && dec > addYears(dob, 18)) e('REC', '407', `REC ${rec} (special guardianship order) but the child had reached 18 by ${dfe(dec)}`);
      }

      episodeDrafts.push(draft);
      if (child !== '' && decom && isFirstWithStart(seen, child, decom, row.line)) {
        (episodesByChild.get(child) ?? episodesByChild.set(child, []).get(child)!).push(draft);
      }
    }

    // Rules across a child's episodes, in date order
    for (const [child, list] of episodesByChild) {
      list.sort((a, b) => (a.startedOn! < b.startedOn! ? -1 : a.startedOn! > b.startedOn! ? 1 : 0));
      const on = (d: EpisodeDraft, column: string, rule: string, message: string) => {
        d.valid = false;
        add(file, d.row, t, column, rule, message, child);
      };
      const first = list[0]!;
      if (first.rne !== 'S' && isReasonNewEpisodeCode(first.rne)) {
        const continues = precedingEpisodeEnds?.get(child)?.has(first.startedOn!) ?? false;
        if (!continues)
          on(first, 'RNE', '357', `the first episode for child ${child} must start with RNE S (started to be looked after), found ${first.rne}; if an episode immediately before it is missing from the file, add it`);
      }
      for (let i = 1; i < list.length; i += 1) {
        const prev = list[i - 1]!;
        const cur = list[i]!;
        const curStart = cur.startedOn!;
        if (prev.endedOn === null || prev.rec === '') {
          on(prev, prev.endedOn === null ? 'DEC' : 'REC', '142', `a later episode for child ${child} starts on ${dfe(curStart)}, so this episode must have DEC and REC`);
        } else {
          if (curStart < prev.endedOn) on(cur, 'DECOM', '501', `this episode starts ${dfe(curStart)}, before the previous episode (line ${prev.row.line}) ended on ${dfe(prev.endedOn)}: episodes of a child must not overlap`);
          if (prev.rec === 'X1' && prev.endedOn !== curStart)
            on(prev, 'REC', '388', `REC X1 means a new episode begins the same day, but the next episode for child ${child} starts ${dfe(curStart)}, not ${dfe(prev.endedOn)}`);
          if (prev.rec !== 'X1' && prev.endedOn === curStart)
            on(prev, 'REC', '388', `a new episode for child ${child} starts the day this one ceased (${dfe(curStart)}), so REC must be X1, found ${prev.rec}`);
          if (cur.rne === 'S' && curStart <= prev.endedOn) on(cur, 'RNE', '431', `RNE S (started to be looked after) but the previous episode ended on ${dfe(prev.endedOn)}, the same day or later`);
          if (prev.rec !== 'X1' && isReasonEpisodeCeasedCode(prev.rec) && cur.rne !== 'S' && isReasonNewEpisodeCode(cur.rne))
            on(cur, 'RNE', '432', `the child ceased to be looked after at the end of the previous episode (REC ${prev.rec}), so this episode must have RNE S, found ${cur.rne}`);
          if (prev.rec === 'E2' || prev.rec === 'E15') on(prev, 'REC', '437', `REC ${prev.rec} (${prev.rec === 'E2' ? 'died' : 'aged 18 or over'}) but there are later episodes for child ${child}`);
        }
        if (CONTINUATION_RNE.has(cur.rne) && prev.endedOn !== curStart)
          on(cur, 'DECOM', '433', `RNE ${cur.rne} means this episode continues the previous one, but the previous episode ${prev.endedOn ? `ended ${dfe(prev.endedOn)}` : 'has no end date'}, not ${dfe(curStart)}`);
        if (prev.rec === 'X1' && prev.endedOn === curStart) {
          if (cur.cin !== prev.cin && isCategoryOfNeedCode(cur.cin)) on(cur, 'CIN', '504', `the category of need (${cur.cin}) differs from the one at the start of this period of care (${prev.cin})`);
          if (prev.reasonPlaceChange === '' && !TEMPORARY_PLACEMENTS.has(prev.place) && ['P', 'B', 'T', 'U'].includes(cur.rne) && !TEMPORARY_PLACEMENTS.has(cur.place))
            on(prev, 'REASON_PLACE_CHANGE', '225', `the placement changes at the end of this episode (next RNE ${cur.rne}), so REASON_PLACE_CHANGE must be recorded`);
        }
        const placementSame = cur.place === prev.place && cur.placementPostcode === prev.placementPostcode && cur.urn === prev.urn && cur.provider === prev.provider;
        if ((cur.rne === 'P' || cur.rne === 'T') && (cur.ls !== prev.ls || placementSame))
          on(cur, cur.ls !== prev.ls ? 'LS' : 'PLACE', '435', `RNE ${cur.rne} means the placement changed but not the legal status, but ${cur.ls !== prev.ls ? `the legal status changed (${prev.ls} to ${cur.ls})` : 'the placement details are the same as the previous episode'}`);
        if ((cur.rne === 'U' || cur.rne === 'B') && (cur.ls === prev.ls || placementSame))
          on(cur, cur.ls === prev.ls ? 'LS' : 'PLACE', '436', `RNE ${cur.rne} means both the placement and the legal status changed, but ${cur.ls === prev.ls ? `the legal status is still ${cur.ls}` : 'the placement details are the same as the previous episode'}`);
        if (TEMPORARY_PLACEMENTS.has(cur.place) && i + 1 < list.length) {
          const next = list[i + 1]!;
          if (next.rne !== 'P' || next.place !== prev.place)
            on(cur, 'PLACE', '383', `a child in a temporary placement (${cur.place}) must then return to the previous placement (${prev.place}) with RNE P; the next episode has RNE ${next.rne} and placement ${next.place}`);
        }
      }
      const last = list[list.length - 1]!;
      if (last.rec === 'X1' && last.endedOn !== null) on(last, 'REC', '388', `REC X1 means a new episode begins on ${dfe(last.endedOn)}, but child ${child} has no later episode`);

      // Unbroken runs of a time-limited legal status (361–364), closed runs only (no collection end date here).
      for (let i = 0; i < list.length; ) {
        const limit = LEGAL_STATUS_MAX_DAYS[list[i]!.ls];
        let j = i;
        while (j + 1 < list.length && list[j + 1]!.ls === list[i]!.ls && list[j]!.endedOn === list[j + 1]!.startedOn) j += 1;
        const runEnd = list[j]!.endedOn;
        if (limit && runEnd && daysBetween({ from: list[i]!.startedOn!, to: runEnd }) > limit.days)
          on(list[i]!, 'LS', limit.rule, `${limit.label}; this one runs from ${dfe(list[i]!.startedOn!)} to ${dfe(runEnd)}`);
        i = j + 1;
      }
    }
  }
  const childEpisodes = (child: string) => episodesByChild.get(child) ?? [];
  const hasShortBreak = (child: string) => childEpisodes(child).some((d) => SHORT_BREAKS.has(d.ls));

  // Header rules that need the child's episodes (442 UPN required, 393 MOTHER required)
  if (headerTable && episodesTable) {
    const t = headerTable;
    const cell = cellReader(t);
    for (const row of t.rows) {
      const child = cell(row, 'CHILD');
      const info = headerByChild.get(child);
      if (!info || info.line !== row.line) continue;
      const lookedAfterOtherThanShortBreaks = childEpisodes(child).some((d) => !SHORT_BREAKS.has(d.ls));
      if (!lookedAfterOtherThanShortBreaks) continue;
      if (info.upnBlank) add('header.csv', row, t, 'UPN', '442', 'UPN is blank: give the UPN, or UN1–UN5 if it is not known', child);
      if (info.sex === '2' && info.motherBlank) add('header.csv', row, t, 'MOTHER', '393', 'MOTHER is blank: for a looked-after girl give 1 if she is a mother, else 0', child);
    }
  }

  /** DOB in reviews/missing/oc2 must be the DOB in header.csv. */
  const checkDob = (file: Ssda903FileName, row: CsvRow, t: Table, child: string): IsoDate | null => {
    const text = cellReader(t)(row, 'DOB');
    const dob = parseDfeDate(text);
    const headerDob = headerByChild.get(child)?.dateOfBirth ?? null;
    if (!dob) {
      add(file, row, t, 'DOB', '102', `DOB must be a real date written dd/mm/yyyy, ${found(text)}`, child);
      return null;
    }
    if (headerDob && dob !== headerDob) {
      add(file, row, t, 'DOB', 'dob_mismatch', `DOB ${dfe(dob)} differs from the DOB ${dfe(headerDob)} in header.csv for child ${child}`, child);
      return null;
    }
    return dob;
  };
  const needsEpisodes = (file: Ssda903FileName, row: CsvRow, t: Table, child: string): boolean => {
    if (!episodesTable || !headerByChild.has(child) || episodesByChild.has(child)) return true;
    add(file, row, t, 'CHILD', '1012', `child ${child} has no episodes in episodes.csv, so should have no rows in ${file}`, child);
    return false;
  };

  // ---- reviews.csv
  const reviews: Ssda903Review[] = [];
  const reviewsTable = tables['reviews.csv'] ?? null;
  if (reviewsTable) {
    const t = reviewsTable;
    const cell = cellReader(t);
    const file = 'reviews.csv';
    const seen = new Map<string, number>();
    for (const row of t.rows) {
      const child = cell(row, 'CHILD');
      if (!inHeader(file, row, t, child)) continue;
      let valid = needsEpisodes(file, row, t, child);
      const dob = checkDob(file, row, t, child);
      if (!dob) valid = false;
      const reviewText = cell(row, 'REVIEW');
      const reviewOn = parseDfeDate(reviewText);
      if (!reviewOn) {
        valid = false;
        add(file, row, t, 'REVIEW', '166', `REVIEW (date of the review) must be a real date written dd/mm/yyyy, ${found(reviewText)}`, child);
      } else {
        if (!notFuture(file, row, t, 'REVIEW', reviewOn, child)) valid = false;
        if (dob && reviewOn < dob) {
          valid = false;
          add(file, row, t, 'REVIEW', 'review_before_dob', `REVIEW ${dfe(reviewOn)} is before the child's date of birth ${dfe(dob)}`, child);
        }
        const key = `${child}\u0000${reviewOn}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          valid = false;
          add(file, row, t, 'REVIEW', 'duplicate_review', `child ${child} already has a review on ${dfe(reviewOn)} on line ${earlier}`, child);
        } else seen.set(key, row.line);
      }
      const code = cell(row, 'REVIEW_CODE');
      const isCode = (REVIEW_PARTICIPATION_CODES as readonly string[]).includes(code);
      if (!isCode) {
        valid = false;
        add(file, row, t, 'REVIEW_CODE', '167', `REVIEW_CODE (participation) must be one of ${REVIEW_PARTICIPATION_CODES.join(', ')}, ${found(code)}`, child);
      } else if (dob && reviewOn) {
        const fourth = addYears(dob, 4);
        if (code === 'PN0' && reviewOn > fourth) {
          valid = false;
          add(file, row, t, 'REVIEW_CODE', '440', `REVIEW_CODE PN0 means the child was under 4 at the review, but the child was 4 or over on ${dfe(reviewOn)}`, child);
        }
        if (code !== 'PN0' && reviewOn < fourth) {
          valid = false;
          add(file, row, t, 'REVIEW_CODE', '441', `REVIEW_CODE ${code} means the child was 4 or over at the review, but the child was under 4 on ${dfe(reviewOn)}: use PN0`, child);
        }
      }
      if (hasShortBreak(child)) {
        valid = false;
        add(file, row, t, 'REVIEW', '399', `child ${child} is looked after under LS V3 or V4 (short-term breaks), so reviews should not be returned`, child);
      }
      if (valid && reviewOn && isCode) reviews.push({ laChildId: child, line: row.line, reviewOn, participation: code as ReviewParticipationCode });
    }
  }

  // ---- missing.csv
  const missing: Ssda903MissingEpisode[] = [];
  const missingTable = tables['missing.csv'] ?? null;
  if (missingTable) {
    const t = missingTable;
    const cell = cellReader(t);
    const file = 'missing.csv';
    const seen = new Map<string, number>();
    const byChild = new Map<string, { row: CsvRow; start: IsoDate; end: IsoDate | null }[]>();
    const candidates: { row: CsvRow; entry: Ssda903MissingEpisode; valid: boolean }[] = [];
    for (const row of t.rows) {
      const child = cell(row, 'CHILD');
      if (!inHeader(file, row, t, child)) continue;
      let valid = needsEpisodes(file, row, t, child);
      const dob = checkDob(file, row, t, child);
      if (!dob) valid = false;
      const kind = cell(row, 'MISSING');
      const startText = cell(row, 'MIS_START');
      const endText = cell(row, 'MIS_END');
      if (kind !== 'M' && kind !== 'A') {
        valid = false;
        if (kind === '' && startText !== '') add(file, row, t, 'MISSING', '565', 'MIS_START is given but MISSING (M missing or A away without authorisation) is blank', child);
        else if (kind === '' && endText !== '') add(file, row, t, 'MISSING', '566', 'MIS_END is given but MISSING (M missing or A away without authorisation) is blank', child);
        else add(file, row, t, 'MISSING', '1006', `MISSING must be M (missing) or A (away from placement without authorisation), ${found(kind)}`, child);
      }
      const start = parseDfeDate(startText);
      if (!start) {
        valid = false;
        add(file, row, t, 'MIS_START', startText === '' ? '564' : '1004', `MIS_START (date the period started) must be a real date written dd/mm/yyyy, ${found(startText)}`, child);
      } else {
        if (!notFuture(file, row, t, 'MIS_START', start, child)) valid = false;
        if (dob && start <= dob) {
          valid = false;
          add(file, row, t, 'MIS_START', '586', `MIS_START ${dfe(start)} is not after the child's date of birth ${dfe(dob)}`, child);
        }
        const key = `${child}\u0000${start}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          valid = false;
          add(file, row, t, 'MIS_START', 'duplicate_missing', `child ${child} already has a missing or away period starting ${dfe(start)} on line ${earlier}`, child);
        } else seen.set(key, row.line);
      }
      let end: IsoDate | null = null;
      if (endText !== '') {
        end = parseDfeDate(endText);
        if (!end) {
          valid = false;
          add(file, row, t, 'MIS_END', '1005', `MIS_END (date the period ended) must be a real date written dd/mm/yyyy, ${found(endText)}`, child);
        } else {
          if (!notFuture(file, row, t, 'MIS_END', end, child)) valid = false;
          if (start && end < start) {
            valid = false;
            add(file, row, t, 'MIS_END', '567', `MIS_END ${dfe(end)} is before MIS_START ${dfe(start)}`, child);
          }
        }
      }
      if (start && end === null && endText === '') {
        const ended = childEpisodes(child).find((d) => d.startedOn !== null && d.endedOn !== null && start >= d.startedOn && start <= d.endedOn);
        if (ended) {
          valid = false;
          add(file, row, t, 'MIS_END', '575', `the placement this period started in (episode on episodes.csv line ${ended.row.line}) ended on ${dfe(ended.endedOn!)}, so MIS_END must be given`, child);
        }
      }
      if (start && seen.get(`${child}\u0000${start}`) === row.line) (byChild.get(child) ?? byChild.set(child, []).get(child)!).push({ row, start, end: endText === '' ? null : end });
      if (start && (kind === 'M' || kind === 'A')) candidates.push({ row, valid, entry: { laChildId: child, line: row.line, kind, startedOn: start, endedOn: end } });
    }
    const overlapping = new Set<CsvRow>();
    for (const [child, list] of byChild) {
      list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
      for (let i = 1; i < list.length; i += 1) {
        const prev = list[i - 1]!;
        const cur = list[i]!;
        if (prev.end === null || cur.start < prev.end) {
          overlapping.add(cur.row);
          add(file, cur.row, t, 'MIS_START', '574', `this period starts ${dfe(cur.start)} while the previous one (line ${prev.row.line}) ${prev.end === null ? 'is still open' : `runs to ${dfe(prev.end)}`}: missing or away periods must not overlap`, child);
        }
      }
    }
    for (const c of candidates) if (c.valid && !overlapping.has(c.row)) missing.push(c.entry);
  }

  // ---- oc2.csv
  const oc2: Ssda903Oc2Row[] = [];
  const oc2Table = tables['oc2.csv'] ?? null;
  if (oc2Table) {
    const t = oc2Table;
    const cell = cellReader(t);
    const file = 'oc2.csv';
    const seen = new Map<string, number>();
    const FLAGS = ['CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'] as const;
    const CORE = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'] as const;
    for (const row of t.rows) {
      const child = cell(row, 'CHILD');
      if (!inHeader(file, row, t, child)) continue;
      const earlier = seen.get(child);
      if (earlier !== undefined) {
        add(file, row, t, 'CHILD', 'duplicate_child', `child ${child} is already on line ${earlier} of oc2.csv`, child);
        continue;
      }
      seen.set(child, row.line);
      let valid = needsEpisodes(file, row, t, child);
      if (!checkDob(file, row, t, child)) valid = false;
      const e = (column: string, rule: string, message: string) => {
        valid = false;
        add(file, row, t, column, rule, message, child);
      };
      const scoreText = cell(row, 'SDQ_SCORE');
      let sdqScore: number | null = null;
      if (scoreText !== '') {
        if (SDQ_SCORE.test(scoreText) && Number(scoreText) <= 40) sdqScore = Number(scoreText);
        else e('SDQ_SCORE', '180', `SDQ_SCORE (total difficulties) must be a whole number from 0 to 40, ${found(scoreText)}`);
      }
      const reason = cell(row, 'SDQ_REASON');
      const reasonOk = reason === '' || SDQ_REASONS.some((r) => r.code === reason);
      if (!reasonOk) e('SDQ_REASON', '196', `SDQ_REASON must be one of ${codesText(SDQ_REASONS)} or blank, ${found(reason)}`);
      if (scoreText !== '' && reason !== '') e('SDQ_REASON', '197a', 'SDQ_REASON (reason for no SDQ score) must be blank when SDQ_SCORE is given');
      const flags: Record<string, Flag | null> = {};
      for (const name of FLAGS) {
        const value = cell(row, name);
        if (value === '') flags[name] = null;
        else if (value === '0' || value === '1') flags[name] = value;
        else {
          flags[name] = null;
          e(name, '181', `${name} must be 0, 1 or blank, ${found(value)}`);
        }
      }
      const coreBlank = CORE.filter((name) => cell(row, name) === '');
      if (coreBlank.length > 0 && coreBlank.length < CORE.length)
        e(coreBlank[0]!, '182', `IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and SUBSTANCE_MISUSE must all be given or all be blank; ${coreBlank.join(', ')} ${coreBlank.length === 1 ? 'is' : 'are'} blank`);
      else if (coreBlank.length === CORE.length && ['CONVICTED', 'HEALTH_CHECK', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'].some((name) => cell(row, name) !== ''))
        e('IMMUNISATIONS', '182', 'other OC2 items are given, so IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and SUBSTANCE_MISUSE must be given too');
      if (flags.CONVICTED === '1' && coreBlank.length > 0) e('CONVICTED', '544', 'CONVICTED is 1, so IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and SUBSTANCE_MISUSE must be given');
      if (flags.HEALTH_CHECK === '1' && coreBlank.length > 0) e('HEALTH_CHECK', '547', 'HEALTH_CHECK is 1, so IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and SUBSTANCE_MISUSE must be given');
      const misuse = cell(row, 'SUBSTANCE_MISUSE');
      const received = cell(row, 'INTERVENTION_RECEIVED');
      const offered = cell(row, 'INTERVENTION_OFFERED');
      if (misuse === '1' && received === '') e('INTERVENTION_RECEIVED', '192', 'SUBSTANCE_MISUSE is 1, so INTERVENTION_RECEIVED must be given (1 received, 0 not)');
      if (misuse !== '1' && (received !== '' || offered !== ''))
        e(received !== '' ? 'INTERVENTION_RECEIVED' : 'INTERVENTION_OFFERED', '193', 'INTERVENTION_RECEIVED and INTERVENTION_OFFERED must be blank unless SUBSTANCE_MISUSE is 1');
      if (received === '1' && offered !== '') e('INTERVENTION_OFFERED', '158', 'INTERVENTION_OFFERED must be blank when INTERVENTION_RECEIVED is 1');
      if (misuse === '1' && received === '0' && offered === '') e('INTERVENTION_OFFERED', '159', 'SUBSTANCE_MISUSE is 1 and INTERVENTION_RECEIVED is 0, so INTERVENTION_OFFERED must be given (1 offered but refused, 0 not offered)');
      if (valid)
        oc2.push({
          laChildId: child,
          line: row.line,
          sdqScore,
          sdqReason: reason === '' ? null : (reason as SdqReason),
          convicted: flags.CONVICTED ?? null,
          healthCheck: flags.HEALTH_CHECK ?? null,
          immunisations: flags.IMMUNISATIONS ?? null,
          teethCheck: flags.TEETH_CHECK ?? null,
          healthAssessment: flags.HEALTH_ASSESSMENT ?? null,
          substanceMisuse: flags.SUBSTANCE_MISUSE ?? null,
          interventionReceived: flags.INTERVENTION_RECEIVED ?? null,
          interventionOffered: flags.INTERVENTION_OFFERED ?? null,
        });
    }
  }

  if (errors.length > 0) return { ok: false, errors: sortImportErrors(errors, SSDA903_FILE_NAMES) };

  const episodes: Ssda903Episode[] = [];
  for (const child of children) {
    for (const d of childEpisodes(child.laChildId)) {
      episodes.push({
        laChildId: d.child,
        line: d.row.line,
        startedOn: d.startedOn!,
        endedOn: d.endedOn,
        reasonNewEpisode: d.rne as ReasonNewEpisodeCode,
        legalStatus: d.ls as LegalStatusCode,
        categoryOfNeed: d.cin as CategoryOfNeedCode,
        placementType: d.place as PlacementTypeCode,
        placementProvider: d.provider === '' ? null : (d.provider as PlacementProviderCode),
        reasonCeased: d.rec === '' ? null : (d.rec as ReasonEpisodeCeasedCode),
        reasonPlaceChange: d.reasonPlaceChange === '' ? null : (d.reasonPlaceChange as ReasonPlaceChangeCode),
        homePostcode: d.homePostcode === '' ? null : d.homePostcode.toUpperCase(),
        placementPostcode: d.placementPostcode === '' ? null : d.placementPostcode.toUpperCase(),
        urn: d.urn === '' ? null : d.urn,
      });
    }
  }
  const suppliedFiles = SSDA903_FILE_NAMES.filter((file) => files[file] !== undefined);
  return { ok: true, value: { children, episodes, reviews, missing, oc2, suppliedFiles } };
}

/** True when this row is the first with this (child, DECOM): later duplicates stay out of the per-child checks. */
function isFirstWithStart(seen: ReadonlyMap<string, number>, child: string, decom: IsoDate, line: number): boolean {
  return seen.get(`${child}\u0000${decom}`) === line;
}
