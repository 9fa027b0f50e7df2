import { addWorkingDays, londonDateOf, londonInstant } from '../../../domain/calendar/working-days.js';
import type { IsoDate } from '../../../domain/calendar/iso-date.js';
import { deadlineFor, TIMER_RULES, type TimerKind } from '../../../domain/safeguarding/timers.js';
import type { CONFERENCE_REPORT_AGENCIES } from '../../../contracts/safeguarding-loops.js';

/**
 * Closed-loop timers (#3): pure functions of the instant something happened and the bank-holiday set. The
 * statutory and procedural clocks are the shared, versioned TIMER_RULES (src/domain/safeguarding/timers.ts,
 * domain-rules §11 with the §0/§5 working-day convention); the two local defaults here (plan received, CAMHS
 * progress) say so. Working time is 09:00–17:00 Europe/London.
 */

export const LOOP_KINDS = ['mash_referral', 'cp_conference', 'camhs_progress'] as const;
export type LoopKind = (typeof LOOP_KINDS)[number];

export const LOOP_STEPS = ['written_confirmation', 'mash_decision', 'outcome_to_referrer', 'gp_report', 'health_report', 'plan_received', 'plan_filed', 'camhs_progress'] as const;
export type LoopStep = (typeof LOOP_STEPS)[number];

/** The rule text stored on each step, shown beside its deadline: the shared timer rules' own words and sources. */
const ruleText = (kind: TimerKind) => `${TIMER_RULES[kind].description} Source: ${TIMER_RULES[kind].source}`;
export const LOOP_RULES = {
  written_confirmation: ruleText('written_confirmation_of_verbal_referral'),
  mash_decision: ruleText('mash_decision'),
  outcome_to_referrer: `The outcome goes back to the referrer, who acknowledges it by 17:00 on the next working day after the decision (the same §11 row: MASH "acknowledges the referrer within 1 working day"). Source: ${TIMER_RULES.mash_decision.source}`,
  gp_report_initial: `${ruleText('reports_to_initial_conference')}; CQC Bedford 2015 rec 4.3`,
  gp_report_review: `${ruleText('reports_to_review_conference')}; CQC Bedford 2015 rec 4.3`,
  plan_received: 'The child protection plan is expected from the conference by 17:00 on the next working day (a local default, not a statutory timescale; CQC Bedford 2015 rec 3.8).',
  plan_filed: 'Each health service files the plan on its record and acknowledges it within the routing rule’s working hours (rule cp-plan-every-service; CQC Bedford 2015 rec 3.8).',
  camhs_progress: 'A CAMHS progress report informs the LAC health assessment; it is due with the assessment’s contributions, by 17:00 on the due date (CQC Bedford 2015 rec 3.9).',
} as const;

type Calendar = { bankHolidays: ReadonlySet<IsoDate> };
const END_OF_WORKING_DAY_HOUR = 17;

const due = (kind: TimerKind, from: Date, bankHolidays: ReadonlySet<IsoDate>) => new Date(deadlineFor({ kind, from: from.toISOString(), bankHolidays }).dueAt);

/** 17:00 London on the `days`-th working day after the London date of `from` (§5: the day itself is day 0). */
export function endOfWorkingDay({ from, days, bankHolidays }: { from: Date; days: number } & Calendar): Date {
  return new Date(londonInstant({ date: addWorkingDays({ from: londonDateOf(from.getTime()), days, bankHolidays }), hour: END_OF_WORKING_DAY_HOUR }));
}

/** Written confirmation of a verbal MASH referral: 48 hours (TIMER_RULES.written_confirmation_of_verbal_referral, domain-rules §11 [S]). */
export function writtenConfirmationDueAt({ referredAt, bankHolidays }: { referredAt: Date } & Calendar): Date {
  return due('written_confirmation_of_verbal_referral', referredAt, bankHolidays);
}

/** The MASH decision: by 17:00 London on the next working day after the referral (TIMER_RULES.mash_decision, domain-rules §11 [S]). */
export function mashDecisionDueAt({ referredAt, bankHolidays }: { referredAt: Date } & Calendar): Date {
  return due('mash_decision', referredAt, bankHolidays);
}

/** The referrer acknowledges the outcome by 17:00 London on the next working day after the decision (the same §11 row). */
export function outcomeAcknowledgementDueAt({ decidedAt, bankHolidays }: { decidedAt: Date } & Calendar): Date {
  return due('mash_decision', decidedAt, bankHolidays);
}

/**
 * Reports to a child protection conference (GP, health visitor, school nurse, CAMHS …): 48 hours before an
 * initial conference, by the end of the 3rd working day before a review (TIMER_RULES, domain-rules §11
 * "Reports to ICPC" [S]; CQC Bedford 2015 rec 4.3).
 */
export function conferenceReportsDueAt({ conferenceAt, kind, bankHolidays }: { conferenceAt: Date; kind: 'initial' | 'review' } & Calendar): Date {
  return due(kind === 'initial' ? 'reports_to_initial_conference' : 'reports_to_review_conference', conferenceAt, bankHolidays);
}

/** The plan is expected by 17:00 London on the next working day after the conference (a local default, not statutory). */
export function planReceivedDueAt({ conferenceAt, bankHolidays }: { conferenceAt: Date } & Calendar): Date {
  return endOfWorkingDay({ from: conferenceAt, days: 1, bankHolidays });
}

/** A CAMHS progress report is due by 17:00 London on the contribution's due date (set by the LAC module, rec 3.9). */
export function camhsProgressDueAt({ dueOn }: { dueOn: IsoDate }): Date {
  return new Date(londonInstant({ date: dueOn, hour: END_OF_WORKING_DAY_HOUR }));
}

export type StepState = 'expected' | 'received' | 'acknowledged';

export interface StepTimes {
  expectedBy: Date;
  needsAcknowledgement: boolean;
  receivedAt: Date | null;
  acknowledgedAt: Date | null;
  escalatedAt: Date | null;
}

/**
 * A step is complete when received, or — where the receiving agency must confirm it (outcome to the referrer,
 * a plan filed) — when acknowledged. An incomplete step past its time is overdue, and an overdue step is
 * shown as escalated whether or not the sweep has stamped it yet.
 */
export function assessStep({ step, now }: { step: StepTimes; now: Date }) {
  const state: StepState = step.acknowledgedAt ? 'acknowledged' : step.receivedAt ? 'received' : 'expected';
  const complete = step.needsAcknowledgement ? state === 'acknowledged' : state !== 'expected';
  const overdue = !complete && now.getTime() > step.expectedBy.getTime();
  return { state, complete, overdue, escalated: !complete && (overdue || step.escalatedAt !== null) };
}

export type ConferenceReportAgency = (typeof CONFERENCE_REPORT_AGENCIES)[number];

/** Which agency a conference report comes from, as a step: the GP's is pre-filled (rec 4.3), the rest are health reports. */
export function reportStepFor(agency: ConferenceReportAgency): LoopStep {
  return agency === 'gp' ? 'gp_report' : 'health_report';
}
