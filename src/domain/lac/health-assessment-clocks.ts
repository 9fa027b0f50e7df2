import { addMonths, addYears, ageInYears, compareIsoDates, type IsoDate } from '../calendar/iso-date.js';
import { addWorkingDays, workingDaysBetween } from '../calendar/working-days.js';

/**
 * Statutory clocks for looked-after children's health assessments (IHA/RHA) and the care-leaver
 * review schedule. Pure: `today` and the bank-holiday set are arguments.
 */

export const HEALTH_ASSESSMENT_KINDS = ['IHA', 'RHA'] as const;
export type HealthAssessmentKind = (typeof HEALTH_ASSESSMENT_KINDS)[number];

export const HEALTH_ASSESSMENT_CLOCK_STATUSES = ['due', 'overdue', 'booked'] as const;
export type HealthAssessmentClockStatus = (typeof HEALTH_ASSESSMENT_CLOCK_STATUSES)[number];

type BankHolidays = { bankHolidays: ReadonlySet<IsoDate> };

/**
 * Working days allowed for the initial health assessment (done and reported in time for the first
 * looked-after review).
 * Source: domain-rules.md §1.1 "Operational IHA deadline" [S] (Healthwatch Lambeth 2020; Wakefield SCP)
 * and "First LAC review — within 20 working days" (CPPCR 2010 reg 33(1)) [S]; issue #4 "Statutory clocks".
 */
export const IHA_WORKING_DAYS = 20;

/** Months between review health assessments while the child is under 5, and from 5. */
export const RHA_INTERVAL_MONTHS = { underFive: 6, fiveAndOver: 12 } as const;

/** Age at which the review interval changes from 6 to 12 months. */
export const RHA_AGE_BOUNDARY_YEARS = 5;

/**
 * Initial health assessment due date: the 20th working day after the day the child became looked
 * after (that day is day 0; weekends and England & Wales bank holidays are not working days, so a
 * child entering care on a Saturday counts from the Monday).
 * Source: domain-rules.md §1.1 "Operational IHA deadline" [S]; §5 counting convention [S]
 * (Fri 01/05/2020 + 20 wd = Tue 02/06/2020); issue #4 "Statutory clocks".
 */
export function initialHealthAssessmentDueOn({ enteredCareOn, bankHolidays }: { enteredCareOn: IsoDate } & BankHolidays): IsoDate {
  return addWorkingDays({ from: enteredCareOn, days: IHA_WORKING_DAYS, bankHolidays });
}

/**
 * Review health assessment due date: 6 months after the last assessment if the child was under 5 ON
 * the date of that assessment, otherwise 12 months. Ages by calendar anniversary (a 29 Feb child turns
 * 5 on 28 Feb in a common year, as the DfE validator does); months clamp to the month end
 * (31 Aug + 6 months = 28/29 Feb).
 * Source: CPPCR 2010 reg 7 via domain-rules.md §1.1 "RHA frequency" [S] and the "Age-5 boundary" safe
 * default ("nextDue = last + 6 months if the child is under 5 on that date, else last + 12 months");
 * ages per §0 [C].
 */
export function reviewHealthAssessmentDueOn({ lastAssessmentOn, dateOfBirth }: { lastAssessmentOn: IsoDate; dateOfBirth: IsoDate }): IsoDate {
  const underFive = ageInYears({ dateOfBirth, on: lastAssessmentOn }) < RHA_AGE_BOUNDARY_YEARS;
  return addMonths(lastAssessmentOn, underFive ? RHA_INTERVAL_MONTHS.underFive : RHA_INTERVAL_MONTHS.fiveAndOver);
}

export type CompletedHealthAssessment = { readonly kind: HealthAssessmentKind; readonly completedOn: IsoDate };
export type BookedHealthAssessment = { readonly kind: HealthAssessmentKind; readonly bookedOn: IsoDate };

export type NextHealthAssessment = {
  readonly type: HealthAssessmentKind;
  readonly due: IsoDate;
  readonly status: HealthAssessmentClockStatus;
  /** Working days from the due date to `today` (§5 convention); 0 unless `today` is after `due`. */
  readonly workingDaysOverdue: number;
  /** The booked date when `status` is 'booked', else null. */
  readonly bookedOn: IsoDate | null;
  /** The assessment the next one is counted from, or null for an IHA. */
  readonly lastAssessmentOn: IsoDate | null;
};

/**
 * The next statutory health assessment for a child in the current period of care.
 *
 * - Only assessments completed on/after `periodOfCareStartedOn` (and on/before `today`) count; the
 *   first of them is the IHA whatever it was labelled, so the next one after any is an RHA.
 * - No assessment yet → IHA due `initialHealthAssessmentDueOn(period start)`.
 * - Otherwise → RHA due `reviewHealthAssessmentDueOn(latest)`.
 * - Status: 'booked' when a booking for that type is on/after `today` (a past booking that was not
 *   completed is a missed appointment and does not count); else 'overdue' when `today` is after the
 *   due date; else 'due'. `workingDaysOverdue` is reported whatever the status, so a booking after the
 *   due date still shows the breach.
 * Source: domain-rules.md §1.1 (IHA/RHA timing [S]; "IHA clock starts at the date the child starts to be
 * looked after (903 DECOM of the episode with RNE = S)"); issue #4 "Statutory clocks" (status due,
 * overdue, booked); style.md "Expected outcomes are values ({ status: 'overdue', workingDaysOverdue })".
 */
export function nextHealthAssessment({
  periodOfCareStartedOn,
  dateOfBirth,
  assessments,
  booked = null,
  today,
  bankHolidays,
}: {
  periodOfCareStartedOn: IsoDate;
  dateOfBirth: IsoDate;
  assessments: readonly CompletedHealthAssessment[];
  booked?: BookedHealthAssessment | null;
  today: IsoDate;
} & BankHolidays): NextHealthAssessment {
  const inPeriod = assessments
    .filter((a) => compareIsoDates(a.completedOn, periodOfCareStartedOn) >= 0 && compareIsoDates(a.completedOn, today) <= 0)
    .map((a) => a.completedOn)
    .sort(compareIsoDates);
  const lastAssessmentOn = inPeriod.at(-1) ?? null;
  const type: HealthAssessmentKind = lastAssessmentOn === null ? 'IHA' : 'RHA';
  const due =
    lastAssessmentOn === null
      ? initialHealthAssessmentDueOn({ enteredCareOn: periodOfCareStartedOn, bankHolidays })
      : reviewHealthAssessmentDueOn({ lastAssessmentOn, dateOfBirth });
  const workingDaysOverdue = compareIsoDates(today, due) > 0 ? workingDaysBetween({ from: due, to: today, bankHolidays }) : 0;
  const activeBooking = booked !== null && booked.kind === type && compareIsoDates(booked.bookedOn, today) >= 0 ? booked : null;
  const status: HealthAssessmentClockStatus =
    activeBooking !== null ? 'booked' : compareIsoDates(today, due) > 0 ? 'overdue' : 'due';
  return { type, due, status, workingDaysOverdue, bookedOn: activeBooking?.bookedOn ?? null, lastAssessmentOn };
}

export type CareEpisode = {
  readonly startedOn: IsoDate;
  readonly endedOn: IsoDate | null;
  /** SSDA903 RNE: 'S' = started to be looked after; others continue a period of care. */
  readonly reasonNewEpisode: string;
};

/**
 * The start of the child's current continuous period of care on `today`, or null if the child is not
 * looked after on `today`.
 *
 * The current episode is the latest one started on/before `today` that has not ended before `today`
 * (an episode ending today still covers today, as flags do). From it, walk back through episodes
 * chained without a gap — the previous episode ends on the day the next begins (903 REC = X1, "episode
 * ceases and new episode begins same day") — until an episode with RNE = 'S' (started to be looked
 * after). If the chain breaks before an 'S' (incomplete data), the earliest chained episode is the
 * start, which can only make the IHA due earlier, never later.
 * Source: domain-rules.md §1.1 edge case "IHA clock starts at the date the child starts to be looked
 * after (903 DECOM of the episode with RNE = S), not the placement date of later episodes" [S];
 * §2.3 RNE 'S' and REC 'X1' [C].
 */
export function periodOfCareStart({ episodes, today }: { episodes: readonly CareEpisode[]; today: IsoDate }): IsoDate | null {
  const started = episodes
    .filter((e) => compareIsoDates(e.startedOn, today) <= 0)
    .sort((a, b) => compareIsoDates(a.startedOn, b.startedOn));
  const current = [...started].reverse().find((e) => e.endedOn === null || compareIsoDates(e.endedOn, today) >= 0);
  if (current === undefined) return null;
  let cursor = current;
  while (cursor.reasonNewEpisode !== 'S') {
    const at = cursor;
    const previous = started.find((e) => e !== at && e.endedOn !== null && compareIsoDates(e.endedOn, at.startedOn) === 0);
    if (previous === undefined) break;
    cursor = previous;
  }
  return cursor.startedOn;
}

// ---------------------------------------------------------------------------------------------
// Care leavers
// ---------------------------------------------------------------------------------------------

/** Age the care-leaver health offer runs to, and the age when extended on request. */
export const CARE_LEAVER_OFFER_END_AGE = { standard: 21, extended: 25 } as const;

/** Months between proactive care-leaver health reviews (CLASP policy). */
export const CARE_LEAVER_REVIEW_INTERVAL_MONTHS = 12;

/**
 * The day the care-leaver health offer ends: the 21st birthday, or the 25th when extended on request
 * (calendar anniversary; a 29 Feb birthday ends on 28 Feb in a common year).
 * Source: CQC Bedford 2015 para 4.8 ("the service is now commissioned to 21") and rec 1.5; issue #4
 * "Care leavers" ("runs to 21 (25 on request)"). CLASP policy derived from those [S].
 */
export function careLeaverOfferEndsOn({ dateOfBirth, extendedTo25 }: { dateOfBirth: IsoDate; extendedTo25: boolean }): IsoDate {
  return addYears(dateOfBirth, extendedTo25 ? CARE_LEAVER_OFFER_END_AGE.extended : CARE_LEAVER_OFFER_END_AGE.standard);
}

export type CareLeaverReviewInput = {
  dateOfBirth: IsoDate;
  extendedTo25: boolean;
} & ({ leftCareOn: IsoDate; lastReviewOn?: IsoDate | null } | { leftCareOn?: IsoDate | null; lastReviewOn: IsoDate });

/**
 * The next proactive care-leaver health review: 12 months after the last review, or after leaving care
 * when there has been none; `null` when that date would fall on or after the end of the offer (21st
 * birthday, or 25th when extended), because the offer has then ended.
 *
 * CLASP POLICY, not statute: reviews are scheduled by CLASP itself so the young person does not depend
 * on children's social care asking for one.
 * Source: CQC Bedford 2015 para 4.8 ("no plans to review a young person's needs unless requested by
 * children's social care … over reliance upon another professional to trigger the service") and
 * recommendation 1.5 ("the care leaver offer is developed to ensure better access to services");
 * issue #4 "Care leavers … reviews scheduled proactively". Confidence: policy choice [S].
 */
export function careLeaverReviewDueOn(input: CareLeaverReviewInput): IsoDate | null {
  const from = input.lastReviewOn ?? input.leftCareOn;
  if (from === null || from === undefined) {
    throw new RangeError('careLeaverReviewDueOn needs leftCareOn or lastReviewOn');
  }
  const due = addMonths(from, CARE_LEAVER_REVIEW_INTERVAL_MONTHS);
  const endsOn = careLeaverOfferEndsOn({ dateOfBirth: input.dateOfBirth, extendedTo25: input.extendedTo25 });
  return compareIsoDates(due, endsOn) < 0 ? due : null;
}

// ---------------------------------------------------------------------------------------------
// Exceptions list (missed or refused assessments)
// ---------------------------------------------------------------------------------------------

export const ASSESSMENT_EXCEPTION_REASONS = ['refused', 'missed', 'overdue'] as const;
export type AssessmentExceptionReason = (typeof ASSESSMENT_EXCEPTION_REASONS)[number];

export type AssessmentRecordForExceptions = {
  readonly childId: string;
  readonly kind: HealthAssessmentKind;
  /** health_assessments.status: requested | booked | completed | declined | did_not_attend | cancelled */
  readonly status: string;
  readonly dueOn: IsoDate;
};

export type AssessmentException = {
  readonly childId: string;
  readonly kind: HealthAssessmentKind;
  readonly dueOn: IsoDate;
  readonly reason: AssessmentExceptionReason;
};

/**
 * The "exceptions" list for the LAC team's meeting with children's social care: young people who
 * refused (status declined) or missed (did_not_attend) an assessment, or whose assessment is still
 * outstanding after its due date. Sorted by due date, oldest first.
 * Source: CQC Bedford 2015 para 5.2.3 ("good operational oversight of … young people who miss or refuse
 * health assessments. The introduction of the 'exceptions' meeting"); refusal per CPPCR reg 7(4) via
 * domain-rules.md §1.1 "Refusal … record refusal, re-offer" [S].
 */
export function healthAssessmentExceptions({
  records,
  today,
}: {
  records: readonly AssessmentRecordForExceptions[];
  today: IsoDate;
}): AssessmentException[] {
  const exceptions: AssessmentException[] = [];
  for (const record of records) {
    const reason: AssessmentExceptionReason | null =
      record.status === 'declined'
        ? 'refused'
        : record.status === 'did_not_attend'
          ? 'missed'
          : (record.status === 'requested' || record.status === 'booked') && compareIsoDates(today, record.dueOn) > 0
            ? 'overdue'
            : null;
    if (reason !== null) exceptions.push({ childId: record.childId, kind: record.kind, dueOn: record.dueOn, reason });
  }
  return exceptions.sort((a, b) => compareIsoDates(a.dueOn, b.dueOn) || a.childId.localeCompare(b.childId));
}
