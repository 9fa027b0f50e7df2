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
import { daysBetween, type IsoDate } from '../calendar/iso-date.js';
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
import { forEachCsvRecord } from './csv.js';
import { addYearsFast as addYears, parseDfeDateFast } from './fast-dates.js';
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
  /** Episodes, reviews and missing periods are grouped by child in header.csv order, each child's by date. */
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
const PLACEMENT_MIN_AGE = new Map<string, { rule: string; years: number; label: string }>(Object.entries({
  P2: { rule: '370', years: 15, label: 'independent living (P2)' },
  H5: { rule: '371', years: 14, label: 'semi-independent living (H5)' },
  R5: { rule: '372', years: 10, label: 'youth custody or prison (R5)' },
  S1: { rule: '373', years: 4, label: 'a residential school (S1)' },
  P3: { rule: '374', years: 14, label: 'residential employment (P3)' },
}));
/** Maximum length of one episode in days (rules 365, 375, 376, 379). */
const EPISODE_MAX_DAYS = new Map<string, { rule: string; days: number; label: string }>(Object.entries({
  V3: { rule: '365', days: 17, label: 'an individual short-term break (LS V3)' },
  T1: { rule: '375', days: 42, label: 'a temporary hospital placement (T1)' },
  T3: { rule: '376', days: 21, label: 'a temporary placement while the foster carer is on holiday (T3)' },
  T4: { rule: '379', days: 7, label: 'a temporary placement for another reason (T4)' },
}));
/** Maximum length of an unbroken run of a legal status in days (rules 361–364). */
const LEGAL_STATUS_MAX_DAYS = new Map<string, { rule: string; days: number; label: string }>(Object.entries({
  L1: { rule: '361', days: 3, label: 'police protection (L1) may last at most 72 hours' },
  L2: { rule: '362', days: 21, label: 'an emergency protection order (L2) is flagged when it lasts more than 21 days' },
  L3: { rule: '363', days: 7, label: 'a child assessment order (L3) may last at most 7 days' },
  J2: { rule: '364', days: 21, label: 'accommodation under PACE 1984 (J2) is flagged when it lasts more than 21 days' },
}));
/** Full or partial UK postcode (the return may carry the outward code and sector only). */
const POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?(?: ?[0-9](?:[A-Z]{2})?)?$/i;
const SDQ_SCORE = /^\d{1,2}$/;

/**
 * The code list's own string for a code, or the value itself when it is not a code. Rows then share
 * one string per code instead of each keeping its own copy (a national return has 300,000 episodes).
 */
function internerFor(list: readonly CodeEntry[]): (value: string) => string {
  const codes = new Map(list.map((entry) => [entry.code, entry.code] as const));
  return (value) => codes.get(value) ?? value;
}
const internRne = internerFor(REASON_NEW_EPISODE);
const internLs = internerFor(LEGAL_STATUS);
const internCin = internerFor(CATEGORY_OF_NEED);
const internPlace = internerFor(PLACEMENT_TYPE);
const internProvider = internerFor(PLACEMENT_PROVIDER);
const internRec = internerFor(REASON_EPISODE_CEASED);
const internReasonPlaceChange = internerFor(REASON_PLACE_CHANGE);

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
  /** Column name → 0-based index in each row. */
  col: Record<string, number>;
}

type RowHandler = (line: number, values: readonly string[]) => void;

/**
 * Streams one file: checks the header row (exact DfE column names, in any order), then hands each row
 * with the right number of fields to the handler `forTable` makes. Rows are not kept, so a national
 * return does not sit in memory as millions of cells. Returns null (and reads no rows) when the header
 * row is wrong.
 */
function readTable(file: Ssda903FileName, text: string, errors: ImportError[], forTable: (table: Table) => RowHandler): Table | null {
  const expected: readonly string[] = SSDA903_COLUMNS[file];
  let table: Table | null = null;
  let handler: RowHandler | null = null;
  let width = 0;
  let sawHeader = false;
  const syntax = forEachCsvRecord(
    text,
    (values, line) => {
      if (!sawHeader) {
        sawHeader = true;
        const col: Record<string, number> = {};
        let headerOk = true;
        values.forEach((raw, index) => {
          const name = raw.trim();
          if (!expected.includes(name)) {
            headerOk = false;
            errors.push({ file, line, column: index + 1, rule: 'header_row', message: `${file} has a column "${name}" that is not in the SSDA903 layout (expected ${expected.join(',')})` });
          } else if (col[name] !== undefined) {
            headerOk = false;
            errors.push({ file, line, column: index + 1, rule: 'header_row', message: `${file} has the column ${name} twice` });
          } else col[name] = index;
        });
        for (const name of expected) {
          if (col[name] === undefined) {
            headerOk = false;
            errors.push({ file, line, column: values.length + 1, rule: 'header_row', message: `${file} has no ${name} column (expected ${expected.join(',')})` });
          }
        }
        if (headerOk) {
          table = { file, col };
          handler = forTable(table);
          width = values.length;
        }
        return;
      }
      if (!handler) return;
      if (values.length !== width) {
        errors.push({ file, line, column: Math.min(values.length, width) + 1, rule: 'field_count', message: `the row has ${values.length} fields but the header row has ${width}` });
        return;
      }
      handler(line, values);
    },
    () => {
      // A syntax error in the header row: no later record may be taken for the header.
      sawHeader = true;
    },
  );
  for (const e of syntax) errors.push({ file, line: e.line, column: e.column, rule: 'csv_syntax', message: e.message });
  if (!sawHeader) errors.push({ file, line: 1, column: 1, rule: 'header_row', message: `${file} is empty: its first line must be the header row ${expected.join(',')}` });
  return table;
}

/** Trims only when needed (most cells have no surrounding spaces, and trim() may copy). */
function clean(value: string | undefined): string {
  if (value === undefined || value.length === 0) return '';
  return value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32 ? value.trim() : value;
}

/** Column indexes of a table, by name. */
function columnsOf<const N extends string>(table: Table, names: readonly N[]): Record<N, number> {
  const out = {} as Record<N, number>;
  for (const name of names) out[name] = table.col[name]!;
  return out;
}

// ---------------------------------------------------------------------------------------------

/** Everything the checks need to know about one child, gathered across the files. */
interface ChildState {
  /** The LA child id as written in header.csv (one string shared by the child's rows). */
  laChildId: string;
  /** Line in header.csv, or 0 when the child is not in header.csv. */
  line: number;
  dateOfBirth: IsoDate | null;
  sex: string;
  upnBlank: boolean;
  motherBlank: boolean;
  episodes: EpisodeDraft[];
  reviews: ReviewDraft[];
  missing: MissingDraft[];
  oc2Line: number;
}

interface EpisodeDraft {
  line: number;
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
}

interface ReviewDraft {
  line: number;
  reviewOn: IsoDate;
  participation: ReviewParticipationCode;
}

interface MissingDraft {
  line: number;
  kind: string;
  start: IsoDate;
  /** null when blank; undefined when not a valid date. */
  end: IsoDate | null | undefined;
}

const byStartThenLine = (a: { startedOn: IsoDate | null; line: number }, b: { startedOn: IsoDate | null; line: number }) =>
  a.startedOn! < b.startedOn! ? -1 : a.startedOn! > b.startedOn! ? 1 : a.line - b.line;

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

  const add = (file: Ssda903FileName, line: number, table: Table, column: string, rule: string, message: string, child?: string) => {
    errors.push({ file, line, column: (table.col[column] ?? 0) + 1, rule, message, ...(child ? { child } : {}) });
  };
  const notFuture = (file: Ssda903FileName, line: number, table: Table, column: string, date: IsoDate, child: string): boolean => {
    if (date <= today) return true;
    add(file, line, table, column, 'date_in_future', `${column} ${dfe(date)} is after today (${dfe(today)})`, child);
    return false;
  };

  // A return has a few thousand distinct dates written hundreds of thousands of times: parse each once.
  const dates = new Map<string, IsoDate | null>();
  const parseDfeDate = (text: string): IsoDate | null => {
    let date = dates.get(text);
    if (date === undefined) {
      date = parseDfeDateFast(text);
      dates.set(text, date);
    }
    return date;
  };

  const states = new Map<string, ChildState>();
  const newState = (laChildId: string, line: number): ChildState => ({ laChildId, line, dateOfBirth: null, sex: '', upnBlank: false, motherBlank: false, episodes: [], reviews: [], missing: [], oc2Line: 0 });

  // ---- header.csv
  const children: Ssda903Child[] = [];
  const headerTable = files['header.csv'] === undefined ? null : readTable('header.csv', files['header.csv'], errors, (t) => {
    const c = columnsOf(t, SSDA903_COLUMNS['header.csv']);
    const file = 'header.csv';
    let at = 0;
    let who = '';
    const fail = (column: string, rule: string, message: string) => add(file, at, t, column, rule, message, who);
    return (line, v) => {
      at = line;
      const child = clean(v[c.CHILD]);
      who = child;
      if (child === '') {
        add(file, line, t, 'CHILD', 'child_required', 'CHILD (the LA child id) is blank');
        return;
      }
      const earlier = states.get(child);
      if (earlier) {
        add(file, line, t, 'CHILD', 'duplicate_child', `child ${child} is already on line ${earlier.line}`, child);
        return;
      }
      const sex = clean(v[c.SEX]);
      if (sex !== '1' && sex !== '2') fail('SEX', '101', `SEX must be 1 (male) or 2 (female), ${found(sex)}`);
      const dobText = clean(v[c.DOB]);
      const dateOfBirth = parseDfeDate(dobText);
      if (!dateOfBirth) fail('DOB', '102', `DOB must be a real date written dd/mm/yyyy, ${found(dobText)}`);
      else notFuture(file, line, t, 'DOB', dateOfBirth, child);
      const ethnic = clean(v[c.ETHNIC]);
      if (!isEthnicityCode(ethnic)) fail('ETHNIC', '103', `ETHNIC must be one of the DfE ethnicity codes (${codesText(ETHNICITY)}), ${found(ethnic)}`);
      const upn = clean(v[c.UPN]);
      if (upn !== '' && !isUpn(upn)) fail('UPN', '168', `UPN must be a letter (not I, O or S) then 12 digits, or 11 digits and a letter, or one of UN1–UN5 if not known, ${found(upn)}`);
      const mother = clean(v[c.MOTHER]);
      if (mother !== '' && mother !== '0' && mother !== '1') fail('MOTHER', '165', `MOTHER must be 1 (the child is a mother), 0 (not a mother) or blank, ${found(mother)}`);
      const mcDobText = clean(v[c.MC_DOB]);
      let motherChildDateOfBirth: IsoDate | null = null;
      if (mcDobText !== '') {
        motherChildDateOfBirth = parseDfeDate(mcDobText);
        if (!motherChildDateOfBirth) fail('MC_DOB', '171', `MC_DOB (date of birth of the mother's child) must be a real date written dd/mm/yyyy, ${found(mcDobText)}`);
        else {
          notFuture(file, line, t, 'MC_DOB', motherChildDateOfBirth, child);
          if (mother !== '1') fail('MC_DOB', '612', `MC_DOB is given but MOTHER is not 1: give the date of birth of the child's own child only when MOTHER is 1`);
          if (sex === '1') fail('MC_DOB', '174', `MC_DOB is given but SEX is 1 (male)`);
          if (dateOfBirth && motherChildDateOfBirth <= dateOfBirth) fail('MC_DOB', '621', `MC_DOB ${dfe(motherChildDateOfBirth)} is not after the child's own DOB ${dfe(dateOfBirth)}`);
        }
      } else if (mother === '1') fail('MC_DOB', '611', `MOTHER is 1 but MC_DOB (the date of birth of her child) is blank`);
      const state = newState(child, line);
      state.dateOfBirth = dateOfBirth;
      state.sex = sex;
      state.upnBlank = upn === '';
      state.motherBlank = mother === '';
      states.set(child, state);
      if (dateOfBirth && isEthnicityCode(ethnic)) {
        const real = upn !== '' && !isUpnUnknownReasonCode(upn);
        children.push({
          laChildId: child,
          line,
          sex: sex === '1' ? 'male' : 'female',
          dateOfBirth,
          ethnicity: ethnic,
          upn: real ? upn : null,
          upnUnknownReason: real || upn === '' ? null : upn,
          isMother: mother === '' ? null : mother === '1',
          motherChildDateOfBirth,
        });
      }
    };
  });
  const knowChildren = headerTable !== null;
  let lastChild = '';
  let lastState: ChildState | undefined;
  /** The child's state; reports a blank CHILD or one missing from header.csv (returns null for those). */
  const childOf = (file: Ssda903FileName, line: number, table: Table, child: string): ChildState | null => {
    if (child === '') {
      add(file, line, table, 'CHILD', 'child_required', 'CHILD (the LA child id) is blank');
      return null;
    }
    // Rows usually come grouped by child: comparing with the last child is cheaper than hashing.
    const state = child === lastChild ? lastState : states.get(child);
    lastChild = child;
    lastState = state;
    if (state && state.line > 0) return state;
    if (knowChildren) add(file, line, table, 'CHILD', 'child_not_in_header', `child ${child} is not in header.csv: every child in ${file} must have a row in header.csv`, child);
    return null;
  };

  // ---- episodes.csv
  const episodesTable = files['episodes.csv'] === undefined ? null : readTable('episodes.csv', files['episodes.csv'], errors, (t) => {
    const c = columnsOf(t, SSDA903_COLUMNS['episodes.csv']);
    const file = 'episodes.csv';
    let at = 0;
    let who = '';
    const e = (column: string, rule: string, message: string) => add(file, at, t, column, rule, message, who || undefined);
    return (line, v) => {
      at = line;
      const child = clean(v[c.CHILD]);
      who = child;
      let state = childOf(file, line, t, child);
      const dob = state?.dateOfBirth ?? null;
      const draft: EpisodeDraft = {
        line,
        child: state?.laChildId ?? child,
        startedOn: null,
        endedOn: null,
        rne: internRne(clean(v[c.RNE])),
        ls: internLs(clean(v[c.LS])),
        cin: internCin(clean(v[c.CIN])),
        place: internPlace(clean(v[c.PLACE])),
        provider: internProvider(clean(v[c.PLACE_PROVIDER])),
        rec: internRec(clean(v[c.REC])),
        reasonPlaceChange: internReasonPlaceChange(clean(v[c.REASON_PLACE_CHANGE])),
        homePostcode: clean(v[c.HOME_POST]),
        placementPostcode: clean(v[c.PL_POST]),
        urn: clean(v[c.URN]),
      };
      const { rne, ls, cin, place, provider, rec, reasonPlaceChange, homePostcode, placementPostcode, urn } = draft;

      // Dates
      const decomText = clean(v[c.DECOM]);
      const decom = parseDfeDate(decomText);
      if (!decom) e('DECOM', '141', `DECOM (date the episode started) must be a real date written dd/mm/yyyy, ${found(decomText)}`);
      else {
        draft.startedOn = decom;
        if (decom > today) e('DECOM', 'date_in_future', `DECOM ${dfe(decom)} is after today (${dfe(today)})`);
        if (decom < EARLIEST_EPISODE_START) e('DECOM', '353', `no episode can start before 14/10/1991 (the Children Act 1989), found ${dfe(decom)}`);
        if (dob && decom < dob) e('DECOM', 'decom_before_dob', `DECOM ${dfe(decom)} is before the child's date of birth ${dfe(dob)}`);
      }
      const decText = clean(v[c.DEC]);
      let dec: IsoDate | null = null;
      if (decText !== '') {
        dec = parseDfeDate(decText);
        if (!dec) e('DEC', '147', `DEC (date the episode ceased) must be a real date written dd/mm/yyyy, ${found(decText)}`);
        else {
          draft.endedOn = dec;
          if (dec > today) e('DEC', 'date_in_future', `DEC ${dfe(dec)} is after today (${dfe(today)})`);
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
        const temporary = TEMPORARY_PLACEMENTS.has(place);
        if (NO_PROVIDER_PLACEMENTS.has(place)) {
          if (provider !== '') e('PLACE_PROVIDER', '178', `PLACE_PROVIDER must be blank for placement ${place} (temporary placements T0–T4 and Z1), found "${provider}"`);
        } else if (provider === '') e('PLACE_PROVIDER', '526', `PLACE_PROVIDER is blank: it is required for placement ${place}`);
        if (provider === 'PR0' && place !== 'P1') e('PLACE_PROVIDER', '550', `placement provider PR0 (parent or person with parental responsibility) can only go with placement P1, found ${place}`);
        if ((provider === 'PR1' || provider === 'PR2') && (place === 'P1' || place === 'R2' || place === 'R5'))
          e('PLACE_PROVIDER', provider === 'PR1' ? '527' : '528', `placement provider ${provider} cannot go with placement ${place}`);
        if (provider === 'PR3' && NOT_PR3_PLACEMENTS.has(place)) e('PLACE_PROVIDER', '529', `placement provider PR3 (other public provision) cannot go with placement ${place}`);
        if ((provider === 'PR4' || provider === 'PR5') && place === 'P1') e('PLACE_PROVIDER', provider === 'PR4' ? '530' : '531', `placement provider ${provider} cannot go with placement P1`);
        if (urn !== '' && NO_URN_PLACEMENTS.has(place) && !URN_PLACEHOLDERS.has(urn)) e('URN', '222', `an Ofsted URN must not be given for placement ${place}, found "${urn}"`);
        if (temporary) {
          if (reasonPlaceChange !== '') e('REASON_PLACE_CHANGE', '226', `REASON_PLACE_CHANGE must be blank for a temporary placement (${place})`);
          if (rne !== '' && rne !== 'P' && rne !== 'B') e('RNE', '380', `a period of care cannot start with a temporary placement (${place}): RNE must be P or B, found ${rne}`);
          if (rec !== '' && rec !== 'X1') e('REC', '381', `a period of care cannot end with a temporary placement (${place}): REC must be X1, found ${rec}`);
        }
        if ((rec === 'E11' || rec === 'E12') && !ADOPTION_PLACEMENTS.has(place)) e('REC', '390', `REC ${rec} (adopted) needs a placement for adoption (A3–A6), found ${place}`);
        if ((place === 'A5' || place === 'A6') && isLegalStatusCode(ls) && ls !== 'E1') e('LS', '408', `placement ${place} (placed for adoption with a placement order) needs LS E1, found ${ls}`);
        if ((rec === 'E45' || rec === 'E46') && !FOSTER_PLACEMENTS.has(place)) e('REC', '516', `REC ${rec} (special guardianship to former foster carers) needs a foster placement (U1–U6), found ${place}`);
        if ((place === 'A3' || place === 'A5') && decom && decom >= RULE_217_FROM && rne !== '' && rne !== 'S' && rne !== 'T' && rne !== 'U')
          e('RNE', '217', `a child placed for adoption with current foster carers (${place}) must have RNE S, T or U, found ${rne}`);
        if (place === 'P1' && ls === 'V2') e('LS', '378', 'a child placed with parents (P1) cannot be accommodated under a single period of section 20 (V2)');
        const minAge = PLACEMENT_MIN_AGE.get(place);
        if (minAge && dob && decom && decom < addYears(dob, minAge.years))
          e('PLACE', minAge.rule, `a child in ${minAge.label} should be at least ${minAge.years} when the placement starts (born ${dfe(dob)}, started ${dfe(decom)})`);
        const placeLimit = EPISODE_MAX_DAYS.get(place);
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
        const lsLimit = EPISODE_MAX_DAYS.get(ls);
        if (lsLimit && decom && dec && daysBetween({ from: decom, to: dec }) > lsLimit.days)
          e('DEC', lsLimit.rule, `${lsLimit.label} cannot last more than ${lsLimit.days} days (${dfe(decom)} to ${dfe(dec)})`);
      }
      if (rne === 'S' && dob && decom && decom >= addYears(dob, 18)) e('RNE', '352', `a child who started to be looked after (RNE S) was already 18 (born ${dfe(dob)}, started ${dfe(decom)})`);
      if (dob && dec && rec.length > 1 && rec !== 'X1') {
        if ((rec === 'E11' || rec === 'E12') && dec >= addYears(dob, 18)) e('REC', '386', `REC ${rec} (adopted) but the child had reached 18 by ${dfe(dec)}`);
        if ((rec === 'E5' || rec === 'E6') && dec < addYears(dob, 14)) e('REC', '387', `REC ${rec} (independent living) but the child was under 14 on ${dfe(dec)}`);
        if (rec === 'E7' && dec < addYears(dob, 16)) e('REC', '389', `REC E7 (transferred to adult social care) but the child was under 16 on ${dfe(dec)}`);
        if ((rec === 'E45' || rec === 'E46' || rec === 'E47' || rec === 'E48') && dec > addYears(dob, 18)) e('REC', '407', `REC ${rec} (special guardianship order) but the child had reached 18 by ${dfe(dec)}`);
      }

      if (child !== '' && decom) {
        // Children missing from header.csv still get the checks across their episodes.
        if (!state) {
          state = states.get(child) ?? newState(child, 0);
          states.set(child, state);
        }
        state.episodes.push(draft);
      }
    };
  });
  if (episodesTable) {
    const t = episodesTable;
    const file = 'episodes.csv';

    // Rules across a child's episodes, in date order
    for (const [child, state] of states) {
      if (state.episodes.length === 0) continue;
      const all = state.episodes.sort(byStartThenLine);
      const on = (d: EpisodeDraft, column: string, rule: string, message: string) => {
        add(file, d.line, t, column, rule, message, child);
      };
      // The same DECOM twice: report the later lines, and check the rest without them.
      let list = all;
      for (let i = 1; i < all.length; i += 1) {
        if (all[i]!.startedOn !== all[i - 1]!.startedOn) continue;
        const first = all.find((d) => d.startedOn === all[i]!.startedOn)!;
        on(all[i]!, 'DECOM', 'duplicate_episode', `child ${child} already has an episode starting ${dfe(all[i]!.startedOn!)} on line ${first.line}`);
        if (list === all) list = [...all];
        list.splice(list.indexOf(all[i]!), 1);
      }
      state.episodes = list;
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
          if (curStart < prev.endedOn) on(cur, 'DECOM', '501', `this episode starts ${dfe(curStart)}, before the previous episode (line ${prev.line}) ended on ${dfe(prev.endedOn)}: episodes of a child must not overlap`);
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
          if (prev.reasonPlaceChange === '' && !TEMPORARY_PLACEMENTS.has(prev.place) && (cur.rne === 'P' || cur.rne === 'B' || cur.rne === 'T' || cur.rne === 'U') && !TEMPORARY_PLACEMENTS.has(cur.place))
            on(prev, 'REASON_PLACE_CHANGE', '225', `the placement changes at the end of this episode (next RNE ${cur.rne}), so REASON_PLACE_CHANGE must be recorded`);
        }
        if (cur.rne === 'P' || cur.rne === 'T' || cur.rne === 'U' || cur.rne === 'B') {
          const placementSame = cur.place === prev.place && cur.placementPostcode === prev.placementPostcode && cur.urn === prev.urn && cur.provider === prev.provider;
          const lsChanged = cur.ls !== prev.ls;
          if ((cur.rne === 'P' || cur.rne === 'T') && (lsChanged || placementSame))
            on(cur, lsChanged ? 'LS' : 'PLACE', '435', `RNE ${cur.rne} means the placement changed but not the legal status, but ${lsChanged ? `the legal status changed (${prev.ls} to ${cur.ls})` : 'the placement details are the same as the previous episode'}`);
          if ((cur.rne === 'U' || cur.rne === 'B') && (!lsChanged || placementSame))
            on(cur, !lsChanged ? 'LS' : 'PLACE', '436', `RNE ${cur.rne} means both the placement and the legal status changed, but ${!lsChanged ? `the legal status is still ${cur.ls}` : 'the placement details are the same as the previous episode'}`);
        }
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
        const limit = LEGAL_STATUS_MAX_DAYS.get(list[i]!.ls);
        let j = i;
        while (j + 1 < list.length && list[j + 1]!.ls === list[i]!.ls && list[j]!.endedOn === list[j + 1]!.startedOn) j += 1;
        const runEnd = list[j]!.endedOn;
        if (limit && runEnd && daysBetween({ from: list[i]!.startedOn!, to: runEnd }) > limit.days)
          on(list[i]!, 'LS', limit.rule, `${limit.label}; this one runs from ${dfe(list[i]!.startedOn!)} to ${dfe(runEnd)}`);
        i = j + 1;
      }
    }
  }

  // Header rules that need the child's episodes (442 UPN required, 393 MOTHER required)
  if (headerTable && episodesTable) {
    const t = headerTable;
    for (const [child, state] of states) {
      if (state.line === 0 || !state.episodes.some((d) => !SHORT_BREAKS.has(d.ls))) continue;
      if (state.upnBlank) add('header.csv', state.line, t, 'UPN', '442', 'UPN is blank: give the UPN, or UN1–UN5 if it is not known', child);
      if (state.sex === '2' && state.motherBlank) add('header.csv', state.line, t, 'MOTHER', '393', 'MOTHER is blank: for a looked-after girl give 1 if she is a mother, else 0', child);
    }
  }

  /** DOB in reviews/missing/oc2 must be the DOB in header.csv. */
  const checkDob = (file: Ssda903FileName, line: number, v: readonly string[], t: Table, child: string, state: ChildState): IsoDate | null => {
    const text = clean(v[t.col.DOB!]);
    const dob = parseDfeDate(text);
    if (!dob) {
      add(file, line, t, 'DOB', '102', `DOB must be a real date written dd/mm/yyyy, ${found(text)}`, child);
      return null;
    }
    if (state.dateOfBirth && dob !== state.dateOfBirth) {
      add(file, line, t, 'DOB', 'dob_mismatch', `DOB ${dfe(dob)} differs from the DOB ${dfe(state.dateOfBirth)} in header.csv for child ${child}`, child);
      return null;
    }
    return dob;
  };
  /** Rule 1012: reviews, missing periods and OC2 only for children with episodes. */
  const hasEpisodes = (file: Ssda903FileName, line: number, t: Table, child: string, state: ChildState): boolean => {
    if (!episodesTable || state.episodes.length > 0) return true;
    add(file, line, t, 'CHILD', '1012', `child ${child} has no episodes in episodes.csv, so should have no rows in ${file}`, child);
    return false;
  };

  /** The start every per-child row shares: the child must be in header.csv, have episodes and a matching DOB. */
  const childRow = (file: Ssda903FileName, t: Table, line: number, v: readonly string[], childColumn: number) => {
    const child = clean(v[childColumn]);
    const state = childOf(file, line, t, child);
    if (!state) return null;
    hasEpisodes(file, line, t, child, state);
    const dob = checkDob(file, line, v, t, child, state);
    const fail = (column: string, rule: string, message: string) => add(file, line, t, column, rule, message, child);
    return { child, state, dob, fail };
  };

  // ---- reviews.csv
  const reviewsTable = files['reviews.csv'] === undefined ? null : readTable('reviews.csv', files['reviews.csv'], errors, (t) => {
    const c = columnsOf(t, SSDA903_COLUMNS['reviews.csv']);
    return (line, v) => {
      const row = childRow('reviews.csv', t, line, v, c.CHILD);
      if (!row) return;
      const { child, state, dob, fail } = row;
      const reviewText = clean(v[c.REVIEW]);
      const reviewOn = parseDfeDate(reviewText);
      if (!reviewOn) fail('REVIEW', '166', `REVIEW (date of the review) must be a real date written dd/mm/yyyy, ${found(reviewText)}`);
      else {
        if (reviewOn > today) fail('REVIEW', 'date_in_future', `REVIEW ${dfe(reviewOn)} is after today (${dfe(today)})`);
        if (dob && reviewOn < dob) fail('REVIEW', 'review_before_dob', `REVIEW ${dfe(reviewOn)} is before the child's date of birth ${dfe(dob)}`);
      }
      const code = clean(v[c.REVIEW_CODE]);
      const isCode = (REVIEW_PARTICIPATION_CODES as readonly string[]).includes(code);
      if (!isCode) fail('REVIEW_CODE', '167', `REVIEW_CODE (participation) must be one of ${REVIEW_PARTICIPATION_CODES.join(', ')}, ${found(code)}`);
      else if (dob && reviewOn) {
        const fourth = addYears(dob, 4);
        if (code === 'PN0' && reviewOn > fourth) fail('REVIEW_CODE', '440', `REVIEW_CODE PN0 means the child was under 4 at the review, but the child was 4 or over on ${dfe(reviewOn)}`);
        if (code !== 'PN0' && reviewOn < fourth) fail('REVIEW_CODE', '441', `REVIEW_CODE ${code} means the child was 4 or over at the review, but the child was under 4 on ${dfe(reviewOn)}: use PN0`);
      }
      if (state.episodes.some((d) => SHORT_BREAKS.has(d.ls))) fail('REVIEW', '399', `child ${child} is looked after under LS V3 or V4 (short-term breaks), so reviews should not be returned`);
      if (reviewOn) state.reviews.push({ line, reviewOn, participation: code as ReviewParticipationCode });
    };
  });
  if (reviewsTable) {
    const t = reviewsTable;
    const file = 'reviews.csv';
    for (const [child, state] of states) {
      if (state.reviews.length < 2) continue;
      state.reviews.sort((a, b) => (a.reviewOn < b.reviewOn ? -1 : a.reviewOn > b.reviewOn ? 1 : a.line - b.line));
      for (let i = 1; i < state.reviews.length; i += 1) {
        const prev = state.reviews[i - 1]!;
        const cur = state.reviews[i]!;
        if (cur.reviewOn !== prev.reviewOn) continue;
        const first = state.reviews.find((r) => r.reviewOn === cur.reviewOn)!;
        add(file, cur.line, t, 'REVIEW', 'duplicate_review', `child ${child} already has a review on ${dfe(cur.reviewOn)} on line ${first.line}`, child);
      }
    }
  }

  // ---- missing.csv
  const missingTable = files['missing.csv'] === undefined ? null : readTable('missing.csv', files['missing.csv'], errors, (t) => {
    const c = columnsOf(t, SSDA903_COLUMNS['missing.csv']);
    return (line, v) => {
      const row = childRow('missing.csv', t, line, v, c.CHILD);
      if (!row) return;
      const { child, state, dob, fail } = row;
      const kind = clean(v[c.MISSING]);
      const startText = clean(v[c.MIS_START]);
      const endText = clean(v[c.MIS_END]);
      if (kind !== 'M' && kind !== 'A') {
        if (kind === '' && startText !== '') fail('MISSING', '565', 'MIS_START is given but MISSING (M missing or A away without authorisation) is blank');
        else if (kind === '' && endText !== '') fail('MISSING', '566', 'MIS_END is given but MISSING (M missing or A away without authorisation) is blank');
        else fail('MISSING', '1006', `MISSING must be M (missing) or A (away from placement without authorisation), ${found(kind)}`);
      }
      const start = parseDfeDate(startText);
      if (!start) fail('MIS_START', startText === '' ? '564' : '1004', `MIS_START (date the period started) must be a real date written dd/mm/yyyy, ${found(startText)}`);
      else {
        if (start > today) fail('MIS_START', 'date_in_future', `MIS_START ${dfe(start)} is after today (${dfe(today)})`);
        if (dob && start <= dob) fail('MIS_START', '586', `MIS_START ${dfe(start)} is not after the child's date of birth ${dfe(dob)}`);
      }
      let end: IsoDate | null | undefined = null;
      if (endText !== '') {
        end = parseDfeDate(endText) ?? undefined;
        if (!end) fail('MIS_END', '1005', `MIS_END (date the period ended) must be a real date written dd/mm/yyyy, ${found(endText)}`);
        else {
          if (end > today) fail('MIS_END', 'date_in_future', `MIS_END ${dfe(end)} is after today (${dfe(today)})`);
          if (start && end < start) fail('MIS_END', '567', `MIS_END ${dfe(end)} is before MIS_START ${dfe(start)}`);
        }
      }
      if (start && end === null) {
        const ended = state.episodes.find((d) => d.endedOn !== null && start >= d.startedOn! && start <= d.endedOn);
        if (ended) fail('MIS_END', '575', `the placement this period started in (episodes.csv line ${ended.line}) ended on ${dfe(ended.endedOn!)}, so MIS_END must be given`);
      }
      if (start) state.missing.push({ line, kind, start, end });
    };
  });
  if (missingTable) {
    const t = missingTable;
    const file = 'missing.csv';
    for (const [child, state] of states) {
      if (state.missing.length < 2) continue;
      const list = state.missing.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.line - b.line));
      for (let i = 1; i < list.length; i += 1) {
        const prev = list[i - 1]!;
        const cur = list[i]!;
        if (cur.start === prev.start) {
            add(file, cur.line, t, 'MIS_START', 'duplicate_missing', `child ${child} already has a missing or away period starting ${dfe(cur.start)} on line ${list.find((m) => m.start === cur.start)!.line}`, child);
        } else if (prev.end === null || (prev.end !== undefined && cur.start < prev.end)) {
            add(file, cur.line, t, 'MIS_START', '574', `this period starts ${dfe(cur.start)} while the previous one (line ${prev.line}) ${prev.end === null ? 'is still open' : `runs to ${dfe(prev.end)}`}: missing or away periods must not overlap`, child);
        }
      }
    }
  }

  // ---- oc2.csv
  const oc2: Ssda903Oc2Row[] = [];
  if (files['oc2.csv'] !== undefined) readTable('oc2.csv', files['oc2.csv'], errors, (t) => {
    const c = columnsOf(t, SSDA903_COLUMNS['oc2.csv']);
    const file = 'oc2.csv';
    const FLAGS = ['CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'] as const;
    const CORE = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'] as const;
    let at = 0;
    let who = '';
    const e = (column: string, rule: string, message: string) => add(file, at, t, column, rule, message, who);
    return (line, v) => {
      at = line;
      const child = clean(v[c.CHILD]);
      who = child;
      const state = childOf(file, line, t, child);
      if (!state) return;
      if (state.oc2Line > 0) {
        add(file, line, t, 'CHILD', 'duplicate_child', `child ${child} is already on line ${state.oc2Line} of oc2.csv`, child);
        return;
      }
      state.oc2Line = line;
      hasEpisodes(file, line, t, child, state);
      checkDob(file, line, v, t, child, state);
      const scoreText = clean(v[c.SDQ_SCORE]);
      let sdqScore: number | null = null;
      if (scoreText !== '') {
        if (SDQ_SCORE.test(scoreText) && Number(scoreText) <= 40) sdqScore = Number(scoreText);
        else e('SDQ_SCORE', '180', `SDQ_SCORE (total difficulties) must be a whole number from 0 to 40, ${found(scoreText)}`);
      }
      const reason = clean(v[c.SDQ_REASON]);
      if (reason !== '' && !SDQ_REASONS.some((r) => r.code === reason)) e('SDQ_REASON', '196', `SDQ_REASON must be one of ${codesText(SDQ_REASONS)} or blank, ${found(reason)}`);
      if (scoreText !== '' && reason !== '') e('SDQ_REASON', '197a', 'SDQ_REASON (reason for no SDQ score) must be blank when SDQ_SCORE is given');
      const flags: Partial<Record<(typeof FLAGS)[number], Flag | null>> = {};
      for (const name of FLAGS) {
        const value = clean(v[c[name]]);
        if (value === '') flags[name] = null;
        else if (value === '0' || value === '1') flags[name] = value;
        else {
          flags[name] = null;
          e(name, '181', `${name} must be 0, 1 or blank, ${found(value)}`);
        }
      }
      const coreBlank = CORE.filter((name) => clean(v[c[name]]) === '');
      if (coreBlank.length > 0 && coreBlank.length < CORE.length)
        e(coreBlank[0]!, '182', `IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and SUBSTANCE_MISUSE must all be given or all be blank; ${coreBlank.join(', ')} ${coreBlank.length === 1 ? 'is' : 'are'} blank`);
      else if (coreBlank.length === CORE.length && (['CONVICTED', 'HEALTH_CHECK', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'] as const).some((name) => clean(v[c[name]]) !== ''))
        e('IMMUNISATIONS', '182', 'other OC2 items are given, so IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and SUBSTANCE_MISUSE must be given too');
      if (flags.CONVICTED === '1' && coreBlank.length > 0) e('CONVICTED', '544', 'CONVICTED is 1, so IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and SUBSTANCE_MISUSE must be given');
      if (flags.HEALTH_CHECK === '1' && coreBlank.length > 0) e('HEALTH_CHECK', '547', 'HEALTH_CHECK is 1, so IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT and SUBSTANCE_MISUSE must be given');
      const misuse = clean(v[c.SUBSTANCE_MISUSE]);
      const received = clean(v[c.INTERVENTION_RECEIVED]);
      const offered = clean(v[c.INTERVENTION_OFFERED]);
      if (misuse === '1' && received === '') e('INTERVENTION_RECEIVED', '192', 'SUBSTANCE_MISUSE is 1, so INTERVENTION_RECEIVED must be given (1 received, 0 not)');
      if (misuse !== '1' && (received !== '' || offered !== ''))
        e(received !== '' ? 'INTERVENTION_RECEIVED' : 'INTERVENTION_OFFERED', '193', 'INTERVENTION_RECEIVED and INTERVENTION_OFFERED must be blank unless SUBSTANCE_MISUSE is 1');
      if (received === '1' && offered !== '') e('INTERVENTION_OFFERED', '158', 'INTERVENTION_OFFERED must be blank when INTERVENTION_RECEIVED is 1');
      if (misuse === '1' && received === '0' && offered === '') e('INTERVENTION_OFFERED', '159', 'SUBSTANCE_MISUSE is 1 and INTERVENTION_RECEIVED is 0, so INTERVENTION_OFFERED must be given (1 offered but refused, 0 not offered)');
      oc2.push({
          laChildId: child,
          line,
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
    };
  });

  if (errors.length > 0) return { ok: false, errors: sortImportErrors(errors, SSDA903_FILE_NAMES) };

  const episodes: Ssda903Episode[] = [];
  const reviews: Ssda903Review[] = [];
  const missing: Ssda903MissingEpisode[] = [];
  for (const child of children) {
    const state = states.get(child.laChildId)!;
    for (const d of state.episodes) {
      episodes.push({
        laChildId: d.child,
        line: d.line,
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
    for (const r of state.reviews) reviews.push({ laChildId: child.laChildId, line: r.line, reviewOn: r.reviewOn, participation: r.participation });
    for (const m of state.missing) missing.push({ laChildId: child.laChildId, line: m.line, kind: m.kind as MissingKind, startedOn: m.start, endedOn: m.end ?? null });
  }
  const suppliedFiles = SSDA903_FILE_NAMES.filter((file) => files[file] !== undefined);
  return { ok: true, value: { children, episodes, reviews, missing, oc2, suppliedFiles } };
}
