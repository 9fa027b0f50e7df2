import { addMonths, isIsoDate, type IsoDate } from '../calendar/iso-date.js';
import { addWorkingDays, addWorkingHours, londonDateOf, londonInstant, parseInstant } from '../calendar/working-days.js';

/**
 * Safeguarding timers (#3): when each step of a MASH referral and a child protection plan is due.
 * Pure: the start, the calendar (bank holidays) and the rule are arguments. Each rule is versioned data
 * carrying its source (domain-rules.md §11, with the §0/§5 working-day convention) and the source's
 * confidence tag, so a change of guidance is a new version, not an edit of code.
 *
 * Conventions (domain-rules §5 [S]): "within N working days of X" — the day of X is day 0, count forward
 * Mon–Fri non-bank-holidays, the deadline is the Nth such day; X on a weekend or holiday counts from the
 * next working day. Dates are England's calendar (Europe/London). A deadline that is a date closes at the
 * end of that London day, except where the rule says "working day" in the sense of office hours
 * (the MASH acknowledgement, which closes at 17:00 London on the next working day).
 */
export const TIMER_RULES_VERSION = 1;

export const TIMER_KINDS = [
  'written_confirmation_of_verbal_referral',
  'mash_decision',
  'initial_child_protection_conference',
  'core_group',
  'first_review_conference',
  'subsequent_review_conference',
  'reports_to_initial_conference',
  'reports_to_review_conference',
  'worklist_escalation',
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/** How a rule measures time from (or back from) its start. */
export type TimerMeasure =
  | { unit: 'clock_hours'; amount: number; direction: 'after' | 'before' }
  | { unit: 'working_days'; amount: number; direction: 'after' | 'before'; closesAt: 'end_of_day' | 'end_of_working_day' }
  | { unit: 'calendar_months'; amount: number; direction: 'after' }
  | { unit: 'working_hours'; amount: number | 'from_routing_rule'; direction: 'after' };

export interface TimerRule {
  kind: TimerKind;
  version: number;
  /** Plain English, as shown beside the due date. */
  description: string;
  /** What starts the clock. */
  startsAt: string;
  measure: TimerMeasure;
  /** The paragraph the rule comes from, and the source's confidence tag ([C] confirmed, [S] secondary, [R] recollection). */
  source: string;
  edition: string;
  effectiveFrom: IsoDate;
}

/** 09:00–17:00 London: the office hours a "working day" deadline closes at, and escalation counts in. */
export const WORKING_DAY_END_HOUR = 17;

export const TIMER_RULES: Readonly<Record<TimerKind, TimerRule>> = {
  written_confirmation_of_verbal_referral: {
    kind: 'written_confirmation_of_verbal_referral', version: 1,
    description: 'A verbal (telephone) referral to MASH must be confirmed in writing within 48 hours.',
    startsAt: 'the verbal referral',
    measure: { unit: 'clock_hours', amount: 48, direction: 'after' },
    source: 'domain-rules.md §11 "Telephone referral: confirm in writing within 48 hours" [S] (Paediatric CP guideline 2007; trust/LSCB procedures); CQC Bedford 2015 3.4, rec 2.8',
    edition: 'Working Together 2006/2010 origin [R]; local procedures',
    effectiveFrom: '2010-03-01',
  },
  mash_decision: {
    kind: 'mash_decision', version: 1,
    description: 'MASH decides the type of response and acknowledges the referrer within one working day: by 17:00 on the next working day.',
    startsAt: 'the referral (the first contact, verbal or written)',
    measure: { unit: 'working_days', amount: 1, direction: 'after', closesAt: 'end_of_working_day' },
    source: 'domain-rules.md §11 "LA decision on referral … within 1 working day" [S] (Tees CSCP procedures quoting Working Together); §5 counting convention',
    edition: 'Working Together (as quoted by Tees CSCP procedures)',
    effectiveFrom: '2018-07-04',
  },
  initial_child_protection_conference: {
    kind: 'initial_child_protection_conference', version: 1,
    description: 'The initial child protection conference is held within 15 working days of the strategy discussion.',
    startsAt: 'the strategy discussion (the one at which section 47 enquiries were initiated, if several)',
    measure: { unit: 'working_days', amount: 15, direction: 'after', closesAt: 'end_of_day' },
    source: 'domain-rules.md §11 "Initial CP conference (ICPC): within 15 working days of the strategy discussion" [C] (ERSCP, Isle of Man, Warrington procedures); §5 counting convention',
    edition: 'Working Together 2018/2023 as applied by local procedures',
    effectiveFrom: '2018-07-04',
  },
  core_group: {
    kind: 'core_group', version: 1,
    description: 'The first core group meeting is held within 10 working days of the initial child protection conference.',
    startsAt: 'the initial child protection conference',
    measure: { unit: 'working_days', amount: 10, direction: 'after', closesAt: 'end_of_day' },
    source: 'domain-rules.md §11 "Core group: first meeting within 10 working days of ICPC" [S] (NYAS; Wales procedures); §5 counting convention',
    edition: 'Working Together 2018/2023 as applied by local procedures',
    effectiveFrom: '2018-07-04',
  },
  first_review_conference: {
    kind: 'first_review_conference', version: 1,
    description: 'The first review child protection conference is held within 3 months of the initial conference.',
    startsAt: 'the initial child protection conference',
    measure: { unit: 'calendar_months', amount: 3, direction: 'after' },
    source: 'domain-rules.md §11 "First review conference: within 3 months of ICPC" [C] (NYAS; Wales procedures; London 4.1.22)',
    edition: 'London Child Protection Procedures 4.1.22',
    effectiveFrom: '2018-07-04',
  },
  subsequent_review_conference: {
    kind: 'subsequent_review_conference', version: 1,
    description: 'Later review conferences are held at most 6 months apart while the plan continues.',
    startsAt: 'the previous review conference',
    measure: { unit: 'calendar_months', amount: 6, direction: 'after' },
    source: 'domain-rules.md §11 "Subsequent reviews: at intervals of ≤ 6 months" [C] (London CP procedures 4.1.22, Bromley)',
    edition: 'London Child Protection Procedures 4.1.22',
    effectiveFrom: '2018-07-04',
  },
  // Reports to a conference: §11 gives two rows — "shared with parents ≥ 48 h before ICPC" and "3 working
  // days before review (local)". We use each for the conference it names: an ICPC is called at short notice
  // (15 working days from the strategy discussion), so the 48-hour row is the one that can be met; a review
  // is booked months ahead, so the longer 3-working-day row applies. Both are [S] local procedure (ERSCP).
  reports_to_initial_conference: {
    kind: 'reports_to_initial_conference', version: 1,
    description: 'Health reports for an initial child protection conference are due 48 hours before it, so they can be shared with the parents.',
    startsAt: 'the initial conference (counting back)',
    measure: { unit: 'clock_hours', amount: 48, direction: 'before' },
    source: 'domain-rules.md §11 "Reports to ICPC: shared with parents ≥ 48 h before ICPC" [S] (ERSCP)',
    edition: 'ERSCP procedures',
    effectiveFrom: '2018-07-04',
  },
  reports_to_review_conference: {
    kind: 'reports_to_review_conference', version: 1,
    description: 'Health reports for a review child protection conference are due 3 working days before it.',
    startsAt: 'the review conference (counting back)',
    measure: { unit: 'working_days', amount: 3, direction: 'before', closesAt: 'end_of_day' },
    source: 'domain-rules.md §11 "Reports … 3 working days before review (local)" [S] (ERSCP); §5 counting convention',
    edition: 'ERSCP procedures',
    effectiveFrom: '2018-07-04',
  },
  worklist_escalation: {
    kind: 'worklist_escalation', version: 1,
    description: 'A routed worklist item not acknowledged within the routing rule’s working hours escalates to the team manager.',
    startsAt: 'the item is routed',
    measure: { unit: 'working_hours', amount: 'from_routing_rule', direction: 'after' },
    source: 'Issue #3 "unacknowledged items escalate to the team manager after a configured number of working hours"; domain-rules.md §11 escalation (Lincolnshire joint protocol: acknowledge immediately) [C]; §0/§5 working days',
    edition: 'CLASP routing rules v1 (acknowledgeWithinWorkingHours)',
    effectiveFrom: '2026-11-27',
  },
};

export interface Deadline {
  kind: TimerKind;
  ruleVersion: number;
  /** The instant after which the step is late (ISO, UTC). */
  dueAt: string;
  /** The London calendar date of the deadline (what the worklist shows). */
  dueOn: IsoDate;
  description: string;
  source: string;
}

/**
 * When a safeguarding step is due.
 * - `from` is the instant (ISO 8601) or London date (YYYY-MM-DD) of the event that starts (or, for reports,
 *   the conference that ends) the clock; a date is read as that London day.
 * - `workingHours` is required for `worklist_escalation` (the routing rule's acknowledgeWithinWorkingHours).
 * Sources: each rule's `source` in TIMER_RULES (domain-rules.md §11; working days per §0/§5).
 */
export function deadlineFor({
  kind,
  from,
  bankHolidays,
  workingHours,
  rules = TIMER_RULES,
}: {
  kind: TimerKind;
  from: string;
  bankHolidays: ReadonlySet<IsoDate>;
  workingHours?: number;
  rules?: Readonly<Record<TimerKind, TimerRule>>;
}): Deadline {
  const rule = rules[kind];
  const startMs = isIsoDate(from) ? londonInstant({ date: from, hour: 0 }) : parseInstant(from);
  const startDate = isIsoDate(from) ? from : londonDateOf(startMs);
  const measure = rule.measure;
  let dueMs: number;
  switch (measure.unit) {
    case 'clock_hours':
      dueMs = startMs + (measure.direction === 'after' ? 1 : -1) * measure.amount * 3_600_000;
      break;
    case 'working_days': {
      const days = measure.direction === 'after' ? measure.amount : -measure.amount;
      const date = addWorkingDays({ from: startDate, days, bankHolidays });
      dueMs = measure.closesAt === 'end_of_working_day' ? londonInstant({ date, hour: WORKING_DAY_END_HOUR }) : endOfLondonDay(date);
      break;
    }
    case 'calendar_months':
      dueMs = endOfLondonDay(addMonths(startDate, measure.amount));
      break;
    case 'working_hours': {
      const hours = measure.amount === 'from_routing_rule' ? workingHours : measure.amount;
      if (hours === undefined || !Number.isFinite(hours) || hours < 0) throw new RangeError(`${kind} needs workingHours ≥ 0`);
      dueMs = Date.parse(addWorkingHours({ from: new Date(startMs).toISOString(), hours, bankHolidays }));
      break;
    }
  }
  // The last instant of a London day belongs to that day, so dueOn is read a millisecond before dueAt.
  return { kind, ruleVersion: rule.version, dueAt: new Date(dueMs).toISOString(), dueOn: londonDateOf(dueMs - 1), description: rule.description, source: rule.source };
}

/** Midnight at the end of a London date (the first instant of the next day): a date deadline is met any time that day. */
function endOfLondonDay(date: IsoDate): number {
  return londonInstant({ date, hour: 24 });
}

/** Whether a step is late at `now` (strictly after its deadline). */
export function isOverdue({ deadline, now }: { deadline: Pick<Deadline, 'dueAt'>; now: string }): boolean {
  return parseInstant(now) > Date.parse(deadline.dueAt);
}
