import { addDays, addYears, ageInYears, compareIsoDates, formatDfeDate, type IsoDate } from '../calendar/iso-date.js';
import { isSdqTotal } from './sdq.js';

/**
 * DfE SSDA903 OC2 outcome measures: "children looked after continuously for at least 12 months as at
 * 31 March, excluding those children in respite care", their health outcomes, and the oc2.csv file.
 * Pure: the year end and every record are arguments.
 */

// ---------------------------------------------------------------------------------------------
// Cohort
// ---------------------------------------------------------------------------------------------

export type Oc2Episode = {
  readonly startedOn: IsoDate;
  readonly endedOn: IsoDate | null;
  /** 903 RNE */
  readonly reasonNewEpisode: string;
  /** 903 REC; null while the episode is open */
  readonly reasonCeased: string | null;
  /** 903 LS */
  readonly legalStatus: string;
};

/** Legal statuses for an agreed series of short-term breaks (respite); any such episode in the year excludes. */
export const SHORT_BREAK_LEGAL_STATUSES = ['V3', 'V4'] as const;

export const OC2_COHORT_DECISIONS = [
  'included',
  'not_looked_after_in_year',
  'started_care_in_year',
  'left_care_in_year',
  'short_breaks_in_year',
] as const;
export type Oc2CohortDecision = (typeof OC2_COHORT_DECISIONS)[number];

/**
 * The first day of the 12-month year ending `yearEnding` (31 March 2014 → 1 April 2013).
 * Source: domain-rules.md §0 "Collection year (903) 1 April to 31 March" [C].
 */
export function oc2YearStart(yearEnding: IsoDate): IsoDate {
  return addDays(addYears(yearEnding, -1), 1);
}

function overlapsYear({ episode, yearStart, yearEnding }: { episode: Oc2Episode; yearStart: IsoDate; yearEnding: IsoDate }): boolean {
  return (
    compareIsoDates(episode.startedOn, yearEnding) <= 0 &&
    (episode.endedOn === null || compareIsoDates(episode.endedOn, yearStart) >= 0)
  );
}

/**
 * Why a child is in or out of the OC2 cohort for the year ending `yearEnding`, checked in this order:
 * 1. `not_looked_after_in_year` — no episode overlaps the year (DECOM ≤ end and DEC ≥ start or open);
 * 2. `short_breaks_in_year` — an episode with LS V3 or V4 overlaps the year;
 * 3. `started_care_in_year` — an episode with RNE = 'S' starts AFTER the year start and on/before its end
 *    (so starting exactly on 1 April is still included);
 * 4. `left_care_in_year` — an episode ends with REC ≠ 'X1' on a date ≥ the year start and STRICTLY
 *    before the year end (so leaving on 31 March is still included);
 * otherwise `included`.
 * Source: domain-rules.md §2.4 [C] — SocialFinance quality-lac-data-beta-validator
 * `add_col_to_episodes_CONTINUOUSLY_LOOKED_AFTER` (utils.py), citing DfE "CLA_SSDA903_2021-22_Validation_rules
 * Version 1.2"; edge cases as implemented there. A closed episode with no REC counts as leaving care
 * (pandas `NaN != 'X1'` is true).
 */
export function oc2CohortDecision({ episodes, yearEnding }: { episodes: readonly Oc2Episode[]; yearEnding: IsoDate }): Oc2CohortDecision {
  const yearStart = oc2YearStart(yearEnding);
  const duringYear = episodes.filter((episode) => overlapsYear({ episode, yearStart, yearEnding }));
  if (duringYear.length === 0) return 'not_looked_after_in_year';
  if (duringYear.some((e) => (SHORT_BREAK_LEGAL_STATUSES as readonly string[]).includes(e.legalStatus))) {
    return 'short_breaks_in_year';
  }
  const entersCare = episodes.some(
    (e) => e.reasonNewEpisode === 'S' && compareIsoDates(e.startedOn, yearStart) > 0 && compareIsoDates(e.startedOn, yearEnding) <= 0,
  );
  if (entersCare) return 'started_care_in_year';
  const leavesCare = episodes.some(
    (e) =>
      e.endedOn !== null &&
      e.reasonCeased !== 'X1' &&
      compareIsoDates(e.endedOn, yearStart) >= 0 &&
      compareIsoDates(e.endedOn, yearEnding) < 0,
  );
  if (leavesCare) return 'left_care_in_year';
  return 'included';
}

/**
 * True when the child was looked after continuously for the whole year ending `yearEnding` and had no
 * short breaks (V3/V4) — the DfE OC2 cohort. See `oc2CohortDecision` for the rules and source
 * (domain-rules.md §2.4 [C]).
 */
export function isContinuouslyLookedAfter({ episodes, yearEnding }: { episodes: readonly Oc2Episode[]; yearEnding: IsoDate }): boolean {
  return oc2CohortDecision({ episodes, yearEnding }) === 'included';
}

// ---------------------------------------------------------------------------------------------
// Outcome measures
// ---------------------------------------------------------------------------------------------

export const OC2_ACTIVITY_KINDS = ['health_assessment', 'dental_check', 'development_check', 'immunisation_status', 'sdq'] as const;
export type Oc2ActivityKind = (typeof OC2_ACTIVITY_KINDS)[number];

/**
 * A health activity (`health_activities` row). `result`: 'IHA' | 'RHA' for a health assessment;
 * 'up_to_date' | 'not_up_to_date' for an immunisation status; the total difficulties score as text
 * or number ('0'…'40') for an SDQ; unused otherwise.
 */
export type Oc2Activity = {
  readonly activity: Oc2ActivityKind | (string & {});
  readonly activityOn: IsoDate;
  readonly result: string | number | null;
};

/** SDQ_REASON codes the LA may hold for a child with no score (domain-rules.md §2.5 [C]). */
export const SDQ_REASONS = ['SDQ1', 'SDQ2', 'SDQ3', 'SDQ4', 'SDQ5'] as const;
export type SdqReason = (typeof SDQ_REASONS)[number];

export type Oc2Child = {
  readonly childId: string;
  readonly dateOfBirth: IsoDate;
  readonly episodes: readonly Oc2Episode[];
  readonly activities: readonly Oc2Activity[];
  /**
   * Items CLASP does not hold itself. Leave undefined and the oc2.csv column is blank for the LA to
   * complete from its own records.
   */
  readonly localAuthority?: {
    readonly convicted?: boolean | null;
    readonly substanceMisuse?: boolean | null;
    readonly interventionReceived?: boolean | null;
    readonly interventionOffered?: boolean | null;
    /** Why there is no SDQ score (SDQ2 carer refused, SDQ3 disability, SDQ5 young person refused…). */
    readonly sdqReason?: SdqReason | null;
  };
};

export type CountAndPercent = { readonly count: number; readonly percent: number };

export type Oc2ChildDetail = {
  readonly childId: string;
  readonly dateOfBirth: IsoDate;
  readonly ageAtYearEnd: number;
  readonly healthAssessment: boolean;
  readonly dentalCheck: boolean;
  readonly immunisationsUpToDate: boolean;
  /** null when not eligible (5 or over at the year end). */
  readonly developmentCheck: boolean | null;
  readonly sdqEligible: boolean;
  /** Total difficulties of the latest SDQ in the year, or null. */
  readonly sdqScore: number | null;
  readonly sdqOn: IsoDate | null;
};

export type Oc2Result = {
  readonly yearStart: IsoDate;
  readonly yearEnding: IsoDate;
  readonly cohort: number;
  readonly healthAssessments: CountAndPercent;
  readonly dentalChecks: CountAndPercent;
  readonly immunisations: CountAndPercent;
  readonly developmentChecks: { readonly eligible: number; readonly count: number; readonly percent: number };
  readonly sdq: { readonly eligible: number; readonly returned: number; readonly averageScore: number | null };
  /** One entry per cohort child, in input order. */
  readonly children: readonly Oc2ChildDetail[];
  /** Children not in the cohort and why. */
  readonly excluded: readonly { readonly childId: string; readonly reason: Exclude<Oc2CohortDecision, 'included'> }[];
};

/**
 * `numerator / denominator` rounded half-up to one decimal place, computed in integers so that
 * 1/16 = 6.25 → 6.3 and 155/180 = 86.11… → 86.1. Returns 0 when the denominator is 0.
 * Source: issue #4 "percents to one decimal"; half-up as the DfE publishes (86.1% for 155/180 in CQC
 * Bedford 2015 "Context").
 */
export function oneDecimalRatio({ numerator, denominator }: { numerator: number; denominator: number }): number {
  if (denominator === 0) return 0;
  return Math.floor((20 * numerator + denominator) / (2 * denominator)) / 10;
}

/** Percentage to one decimal place, half-up; 0 when the denominator is 0 (see `oneDecimalRatio`). */
export function percentOneDecimal({ count, of }: { count: number; of: number }): number {
  return oneDecimalRatio({ numerator: count * 100, denominator: of });
}

function inYear({ on, yearStart, yearEnding }: { on: IsoDate; yearStart: IsoDate; yearEnding: IsoDate }): boolean {
  return compareIsoDates(on, yearStart) >= 0 && compareIsoDates(on, yearEnding) <= 0;
}

function sdqTotalOf(result: string | number | null): number | null {
  if (result === null) return null;
  const value = typeof result === 'number' ? result : /^\d{1,2}$/.test(result.trim()) ? Number(result.trim()) : Number.NaN;
  return isSdqTotal(value) ? value : null;
}

/**
 * Outcome detail for one cohort child.
 * - healthAssessment: an IHA or RHA (health_assessment with result IHA/RHA) dated in the year;
 * - dentalCheck: a dental check in the year;
 * - immunisationsUpToDate: the latest immunisation status recorded on or before the year end is
 *   'up_to_date' (when two share the latest date, any 'not_up_to_date' wins — the cautious reading);
 * - developmentCheck: for a child under 5 at the year end, a development check in the year;
 * - SDQ: eligible at 4–16 at the year end; the score is the latest valid SDQ total (0–40) in the year.
 * "In the year" = year start to year end inclusive.
 * Source: issue #4 "OC2 out" (definitions as written there); domain-rules.md §2.5 [C] (HEALTH_CHECK
 * under 5 at 31 March; TEETH_CHECK "in the year"; IMMUNISATIONS "up to date"), §1.3 [C] (SDQ 4–16);
 * exact DfE criteria for "up to date" are unconfirmed — domain-rules.md §13 item 3 [R].
 */
function childDetail({ child, yearStart, yearEnding }: { child: Oc2Child; yearStart: IsoDate; yearEnding: IsoDate }): Oc2ChildDetail {
  const ageAtYearEnd = ageInYears({ dateOfBirth: child.dateOfBirth, on: yearEnding });
  const during = child.activities.filter((a) => inYear({ on: a.activityOn, yearStart, yearEnding }));
  const healthAssessment = during.some((a) => a.activity === 'health_assessment' && (a.result === 'IHA' || a.result === 'RHA'));
  const dentalCheck = during.some((a) => a.activity === 'dental_check');

  const immunisations = child.activities.filter(
    (a) => a.activity === 'immunisation_status' && compareIsoDates(a.activityOn, yearEnding) <= 0,
  );
  const latestImmunisationOn = immunisations.map((a) => a.activityOn).sort(compareIsoDates).at(-1);
  const onLatest = immunisations.filter((a) => a.activityOn === latestImmunisationOn);
  const immunisationsUpToDate = onLatest.length > 0 && onLatest.every((a) => a.result === 'up_to_date');

  const developmentCheck = ageAtYearEnd < 5 ? during.some((a) => a.activity === 'development_check') : null;

  const sdqEligible = ageAtYearEnd >= 4 && ageAtYearEnd <= 16;
  const sdqs = during
    .filter((a) => a.activity === 'sdq')
    .map((a) => ({ on: a.activityOn, total: sdqTotalOf(a.result) }))
    .filter((s): s is { on: IsoDate; total: number } => s.total !== null)
    .sort((a, b) => compareIsoDates(a.on, b.on));
  const latestSdq = sdqs.at(-1) ?? null;

  return {
    childId: child.childId,
    dateOfBirth: child.dateOfBirth,
    ageAtYearEnd,
    healthAssessment,
    dentalCheck,
    immunisationsUpToDate,
    developmentCheck,
    sdqEligible,
    sdqScore: latestSdq?.total ?? null,
    sdqOn: latestSdq?.on ?? null,
  };
}

/**
 * The DfE OC2 outcome measures for the year ending `yearEnding`.
 *
 * Cohort per `isContinuouslyLookedAfter` (domain-rules.md §2.4 [C]). Among the cohort:
 * healthAssessments, dentalChecks and immunisations are {count, percent of cohort};
 * developmentChecks is {eligible (under 5 at the year end), count, percent of eligible};
 * sdq is {eligible (aged 4–16 at the year end), returned (eligible children with an SDQ in the year),
 * averageScore of their latest totals to one decimal, or null when none returned}.
 * Percentages are one decimal, half-up, and 0 when the denominator is 0.
 * Source: issue #4 "OC2 out"; CQC Bedford 2015 "Context" (the DfE measures it quotes: 180 children,
 * 86.1% (155) health assessments, 88.9% (160) teeth checked, development assessments for the under-5s,
 * average SDQ score 16.1).
 */
export function computeOc2({ yearEnding, children }: { yearEnding: IsoDate; children: readonly Oc2Child[] }): Oc2Result {
  const yearStart = oc2YearStart(yearEnding);
  const cohortChildren: Oc2Child[] = [];
  const excluded: { childId: string; reason: Exclude<Oc2CohortDecision, 'included'> }[] = [];
  for (const child of children) {
    const decision = oc2CohortDecision({ episodes: child.episodes, yearEnding });
    if (decision === 'included') cohortChildren.push(child);
    else excluded.push({ childId: child.childId, reason: decision });
  }
  const details = cohortChildren.map((child) => childDetail({ child, yearStart, yearEnding }));
  const cohort = details.length;
  const measure = (count: number): CountAndPercent => ({ count, percent: percentOneDecimal({ count, of: cohort }) });

  const developmentEligible = details.filter((d) => d.developmentCheck !== null);
  const developmentCount = developmentEligible.filter((d) => d.developmentCheck === true).length;
  const sdqEligible = details.filter((d) => d.sdqEligible);
  const sdqReturned = sdqEligible.filter((d) => d.sdqScore !== null);
  const sdqSum = sdqReturned.reduce((sum, d) => sum + (d.sdqScore ?? 0), 0);

  return {
    yearStart,
    yearEnding,
    cohort,
    healthAssessments: measure(details.filter((d) => d.healthAssessment).length),
    dentalChecks: measure(details.filter((d) => d.dentalCheck).length),
    immunisations: measure(details.filter((d) => d.immunisationsUpToDate).length),
    developmentChecks: {
      eligible: developmentEligible.length,
      count: developmentCount,
      percent: percentOneDecimal({ count: developmentCount, of: developmentEligible.length }),
    },
    sdq: {
      eligible: sdqEligible.length,
      returned: sdqReturned.length,
      averageScore: sdqReturned.length === 0 ? null : oneDecimalRatio({ numerator: sdqSum, denominator: sdqReturned.length }),
    },
    children: details,
    excluded,
  };
}

// ---------------------------------------------------------------------------------------------
// England averages (comparators)
// ---------------------------------------------------------------------------------------------

export type EnglandAverages = {
  readonly yearEnding: IsoDate;
  readonly healthAssessmentsPercent: number;
  readonly dentalChecksPercent: number;
  readonly sdqAverageScore: number;
  readonly source: string;
  readonly confidence: 'C' | 'S' | 'R';
  readonly version: string;
};

/**
 * England averages for children looked after continuously for 12 months, as published by the DfE and
 * quoted by CQC. Add a new entry per year; never edit a published one.
 * Source: CQC "Review of health services for Children Looked After and Safeguarding in Bedford
 * Borough" (2015), "Context" section: "England average of 88.4%" (annual health assessments),
 * "England average of 84.4%" (teeth checked by a dentist), SDQ "England average of 13.9" — DfE figures
 * for the year ending 31 March 2014 [C] (quoted text; the DfE release itself not checked).
 */
export const ENGLAND_AVERAGES = [
  {
    yearEnding: '2014-03-31',
    healthAssessmentsPercent: 88.4,
    dentalChecksPercent: 84.4,
    sdqAverageScore: 13.9,
    source: 'CQC Review of health services for Children Looked After and Safeguarding, Bedford Borough (2015), Context — quoting DfE 2014',
    confidence: 'C',
    version: 'dfe-oc2-2014/cqc-bedford-2015',
  },
] as const satisfies readonly EnglandAverages[];

/** The England averages for the year ending `yearEnding`, or null when CLASP holds none. */
export function englandAveragesFor(yearEnding: IsoDate): EnglandAverages | null {
  return ENGLAND_AVERAGES.find((entry) => entry.yearEnding === yearEnding) ?? null;
}

// ---------------------------------------------------------------------------------------------
// oc2.csv
// ---------------------------------------------------------------------------------------------

/** DfE oc2.csv columns in order. Source: domain-rules.md §2.1 [C] (validator903 config.py). */
export const OC2_CSV_COLUMNS = [
  'CHILD',
  'DOB',
  'SDQ_SCORE',
  'SDQ_REASON',
  'CONVICTED',
  'HEALTH_CHECK',
  'IMMUNISATIONS',
  'TEETH_CHECK',
  'HEALTH_ASSESSMENT',
  'SUBSTANCE_MISUSE',
  'INTERVENTION_RECEIVED',
  'INTERVENTION_OFFERED',
] as const;
export type Oc2CsvColumn = (typeof OC2_CSV_COLUMNS)[number];
export type Oc2CsvRow = Readonly<Record<Oc2CsvColumn, string>>;

const flag = (value: boolean): string => (value ? '1' : '0');
const optionalFlag = (value: boolean | null | undefined): string => (value === null || value === undefined ? '' : flag(value));

/**
 * SDQ_SCORE / SDQ_REASON for one cohort child, by age (validator rules in brackets):
 * - under 4 at the year end, or 17+ at the year start: both blank (188, 189);
 * - 4+ at the year start and under 17 at the year end: the score, else a reason — the LA's own reason
 *   if it holds one, otherwise SDQ4 "other" (SDQ1 is not allowed for this age, 157; a score is
 *   expected, 186);
 * - turning 4 or 17 during the year: the score, else the LA's reason, else SDQ1 "child under 4 or over
 *   16 at the date of the latest assessment" (197B: score or reason).
 * Source: domain-rules.md §2.5 [C]; quality-lac-data-beta-validator validators.py rules 157, 186, 188,
 * 189, 197B.
 */
function sdqColumns({ child, detail, yearStart, yearEnding }: { child: Oc2Child; detail: Oc2ChildDetail; yearStart: IsoDate; yearEnding: IsoDate }): {
  SDQ_SCORE: string;
  SDQ_REASON: string;
} {
  const fourth = addYears(child.dateOfBirth, 4);
  const seventeenth = addYears(child.dateOfBirth, 17);
  if (compareIsoDates(fourth, yearEnding) > 0 || compareIsoDates(seventeenth, yearStart) <= 0) {
    return { SDQ_SCORE: '', SDQ_REASON: '' };
  }
  if (detail.sdqScore !== null) return { SDQ_SCORE: String(detail.sdqScore), SDQ_REASON: '' };
  const heldReason = child.localAuthority?.sdqReason ?? null;
  const wholeYearInRange = compareIsoDates(fourth, yearStart) <= 0 && compareIsoDates(seventeenth, yearEnding) > 0;
  if (wholeYearInRange) return { SDQ_SCORE: '', SDQ_REASON: heldReason !== null && heldReason !== 'SDQ1' ? heldReason : 'SDQ4' };
  return { SDQ_SCORE: '', SDQ_REASON: heldReason ?? 'SDQ1' };
}

/**
 * The DfE oc2.csv rows for the OC2 cohort of the year ending `yearEnding` (children outside the cohort get no row: every OC2
 * item must be blank for them, rules 185, 190, 198).
 *
 * - CHILD is the LA child id; DOB is dd/mm/yyyy.
 * - HEALTH_CHECK (health surveillance / development checks up to date): only for a child under 5 at
 *   the year end, else blank (545, 546).
 * - IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT: 1/0 for every cohort child (191).
 * - SDQ_SCORE / SDQ_REASON: see `sdqColumns`.
 * - CONVICTED, SUBSTANCE_MISUSE, INTERVENTION_RECEIVED, INTERVENTION_OFFERED: CLASP does not hold
 *   convictions or substance-misuse assessments, so these are BLANK unless the caller passes them in
 *   `localAuthority`; the LA must complete them before submission (rule 191 requires SUBSTANCE_MISUSE
 *   for every cohort child, 543 requires CONVICTED at 10+). When given: CONVICTED only at 10+ at the
 *   year end; INTERVENTION_RECEIVED only when SUBSTANCE_MISUSE = 1; INTERVENTION_OFFERED only when
 *   SUBSTANCE_MISUSE = 1 and INTERVENTION_RECEIVED = 0 (192, 193, 158, 159).
 * Source: domain-rules.md §2.1 and §2.5 [C] (validator rule numbers as cited there).
 */
export function oc2CsvRows({ yearEnding, children }: { yearEnding: IsoDate; children: readonly Oc2Child[] }): Oc2CsvRow[] {
  const yearStart = oc2YearStart(yearEnding);
  const cohort = children.filter((child) => isContinuouslyLookedAfter({ episodes: child.episodes, yearEnding }));
  return cohort.map((child) => {
    const detail = childDetail({ child, yearStart, yearEnding });
    const la = child.localAuthority ?? {};
    const convicted = detail.ageAtYearEnd >= 10 ? optionalFlag(la.convicted) : '';
    const substanceMisuse = optionalFlag(la.substanceMisuse);
    const interventionReceived = substanceMisuse === '1' ? optionalFlag(la.interventionReceived) : '';
    const interventionOffered = substanceMisuse === '1' && interventionReceived === '0' ? optionalFlag(la.interventionOffered) : '';
    return {
      CHILD: child.childId,
      DOB: formatDfeDate(child.dateOfBirth),
      ...sdqColumns({ child, detail, yearStart, yearEnding }),
      CONVICTED: convicted,
      HEALTH_CHECK: detail.developmentCheck === null ? '' : flag(detail.developmentCheck),
      IMMUNISATIONS: flag(detail.immunisationsUpToDate),
      TEETH_CHECK: flag(detail.dentalCheck),
      HEALTH_ASSESSMENT: flag(detail.healthAssessment),
      SUBSTANCE_MISUSE: substanceMisuse,
      INTERVENTION_RECEIVED: interventionReceived,
      INTERVENTION_OFFERED: interventionOffered,
    };
  });
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * oc2.csv text: the header row of `OC2_CSV_COLUMNS`, then one line per row, fields quoted only when
 * they contain a comma, quote or line break; lines end with CRLF (RFC 4180) including the last.
 */
export function toCsv(rows: readonly Oc2CsvRow[]): string {
  const lines = [OC2_CSV_COLUMNS.join(','), ...rows.map((row) => OC2_CSV_COLUMNS.map((column) => csvField(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
