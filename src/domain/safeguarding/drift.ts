import { addDays, addMonths, compareIsoDates, type IsoDate } from '../calendar/iso-date.js';
import { addWorkingDays, addWorkingHours, londonDateOf, londonInstant, londonOffsetMs, parseInstant } from '../calendar/working-days.js';
import { WORKING_DAY_END_HOUR } from './timers.js';

/**
 * Drift (#3): a child's case is drifting when something that should have followed an event has not —
 * "risks were identified but women were not always followed up" and "the lack of use of chronologies of
 * significant events does not support midwives to identify drift in cases" (CQC Bedford 2015 review 1.5,
 * rec 2.4). Each rule is versioned data: an id, a version, a plain-English description, its source and
 * its parameters. "Configurable" means the parameters are data: a later version of a rule can change
 * them (and its description, which states them), and every finding records the version that found it.
 *
 * `findDrift` is pure: the child's events and worklist items, the rules, `now` and the bank holidays
 * are all arguments. It reports drift as it stands at `now`: a follow-up that came late ends the drift.
 */
export const DRIFT_RULES_VERSION = 1;

interface DriftRuleBase {
  id: string;
  version: number;
  /** Plain English, states the parameters; shown on the drift list and to the designated nurse. */
  description: string;
  /** Where the rule comes from (review paragraph, recommendation, domain-rules section). */
  source: string;
  effectiveFrom: IsoDate;
}

export type DriftRule = DriftRuleBase &
  (
    | { kind: 'risk_without_contact'; parameters: { withinDays: number } }
    | { kind: 'referral_without_decision'; parameters: { withinWorkingDays: number; graceWorkingHours: number } }
    | { kind: 'verbal_referral_unconfirmed'; parameters: { withinHours: number } }
    | { kind: 'worklist_item_past_escalation'; parameters: Record<string, never> }
    | { kind: 'repeated_ed_attendances'; parameters: { minAttendances: number; withinMonths: number } }
    | { kind: 'missed_appointment_without_follow_up'; parameters: { withinDays: number } }
  );
export type DriftRuleKind = DriftRule['kind'];

export const DRIFT_RULES: readonly DriftRule[] = [
  {
    id: 'maternity-risk-no-contact', version: 1, kind: 'risk_without_contact',
    description: 'A risk was identified at maternity booking and there has been no health contact within 14 days of the booking.',
    source: 'CQC Bedford 2015 review 1.5 (risks identified, women not followed up), rec 2.4 (chronologies to identify drift)',
    effectiveFrom: '2026-11-27',
    parameters: { withinDays: 14 },
  },
  {
    id: 'mash-referral-no-decision', version: 1, kind: 'referral_without_decision',
    description: 'A MASH referral has no recorded decision by 17:00 on the next working day, plus 4 working hours’ grace.',
    source: 'domain-rules.md §11 "LA decision on referral … within 1 working day" [S]; §5 working days; CQC Bedford 2015 rec 2.8',
    effectiveFrom: '2026-11-27',
    parameters: { withinWorkingDays: 1, graceWorkingHours: 4 },
  },
  {
    id: 'mash-verbal-referral-unconfirmed', version: 1, kind: 'verbal_referral_unconfirmed',
    description: 'A verbal MASH referral has not been confirmed in writing within 48 hours.',
    source: 'domain-rules.md §11 "Telephone referral: confirm in writing within 48 hours" [S]; CQC Bedford 2015 3.4, rec 2.8',
    effectiveFrom: '2026-11-27',
    parameters: { withinHours: 48 },
  },
  {
    id: 'worklist-item-past-escalation', version: 1, kind: 'worklist_item_past_escalation',
    description: 'A routed worklist item is past its escalation time and still not acknowledged.',
    source: 'Issue #3 (unacknowledged items escalate to the team manager); routing rules acknowledgeWithinWorkingHours; CQC Bedford 2015 rec 1.1, 1.16',
    effectiveFrom: '2026-11-27',
    parameters: {},
  },
  {
    id: 'repeated-ed-attendances', version: 1, kind: 'repeated_ed_attendances',
    description: 'The child has attended the emergency department 3 or more times in 12 months.',
    source: 'CQC Bedford 2015 review 1.17, 1.23–1.24 (frequent attendance, previous attendances not visible); domain-rules §6',
    effectiveFrom: '2026-11-27',
    parameters: { minAttendances: 3, withinMonths: 12 },
  },
  {
    id: 'missed-appointment-no-follow-up', version: 1, kind: 'missed_appointment_without_follow_up',
    description: 'A missed appointment (was not brought or did not attend) has had no health contact or actioned follow-up within 10 days.',
    source: 'CQC Bedford 2015 rec 1.1 (non-attendance passed to the 0-19 team), 5.2.9; domain-rules §10 (Was Not Brought)',
    effectiveFrom: '2026-11-27',
    parameters: { withinDays: 10 },
  },
];

/** One event from the child's log, as drift needs it. */
export interface DriftEvent {
  id: string;
  type: string;
  /** ISO instant. */
  occurredAt: string;
  details: Readonly<Record<string, unknown>>;
}

export interface DriftWorklistItem {
  id: string;
  eventId: string;
  teamId: string;
  createdAt: string;
  escalateAt: string | null;
  acknowledgedAt: string | null;
  actionedAt: string | null;
}

export interface ChildFacts {
  childId: string;
  events: readonly DriftEvent[];
  worklistItems: readonly DriftWorklistItem[];
}

export interface DriftFinding {
  ruleId: string;
  ruleVersion: number;
  childId: string;
  /** When the drift began: the moment the expected follow-up became late (ISO, UTC). */
  since: string;
  description: string;
  /** The event(s) the finding concerns. */
  eventIds: string[];
  worklistItemId: string | null;
  teamId: string | null;
}

interface Context {
  child: ChildFacts;
  now: number;
  bankHolidays: ReadonlySet<IsoDate>;
  /** Events that have happened by `now`, oldest first. */
  events: readonly (DriftEvent & { at: number })[];
}

type Evaluate<K extends DriftRuleKind> = (rule: Extract<DriftRule, { kind: K }>, context: Context) => Omit<DriftFinding, 'ruleId' | 'ruleVersion' | 'childId' | 'description'>[];

/**
 * The drift findings for one child at `now`, oldest drift first.
 * Sources: each rule's `source` (CQC Bedford 2015 review 1.5, recs 1.1, 2.4, 2.8; domain-rules §10, §11; §5 working days).
 */
export function findDrift({ child, rules = DRIFT_RULES, now, bankHolidays }: { child: ChildFacts; rules?: readonly DriftRule[]; now: string; bankHolidays: ReadonlySet<IsoDate> }): DriftFinding[] {
  const nowMs = parseInstant(now);
  const events = child.events
    .map((event) => ({ ...event, at: parseInstant(event.occurredAt) }))
    .filter((event) => event.at <= nowMs)
    .sort((a, b) => a.at - b.at);
  const context: Context = { child, now: nowMs, bankHolidays, events };
  const findings: DriftFinding[] = [];
  for (const rule of rules) {
    for (const found of evaluate(rule, context)) {
      findings.push({ ruleId: rule.id, ruleVersion: rule.version, childId: child.childId, description: rule.description, ...found });
    }
  }
  return findings.sort((a, b) => Date.parse(a.since) - Date.parse(b.since) || a.ruleId.localeCompare(b.ruleId));
}

function evaluate(rule: DriftRule, context: Context) {
  switch (rule.kind) {
    case 'risk_without_contact':
      return riskWithoutContact(rule, context);
    case 'referral_without_decision':
      return referralWithoutDecision(rule, context);
    case 'verbal_referral_unconfirmed':
      return verbalReferralUnconfirmed(rule, context);
    case 'worklist_item_past_escalation':
      return worklistItemPastEscalation(rule, context);
    case 'repeated_ed_attendances':
      return repeatedEdAttendances(rule, context);
    case 'missed_appointment_without_follow_up':
      return missedAppointmentWithoutFollowUp(rule, context);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
const finding = (since: number, eventIds: string[], item?: DriftWorklistItem) => ({ since: iso(since), eventIds, worklistItemId: item?.id ?? null, teamId: item?.teamId ?? null });

/** A contact in which someone from health saw or spoke with the family; a no-access visit is not a follow-up. */
function isFollowUpContact(event: DriftEvent): boolean {
  return event.type === 'health_contact' && event.details.kind !== 'no_access_visit';
}

/** The same London wall-clock time `days` calendar days later (so 10:00 stays 10:00 across a clock change). */
export function addLondonDays(ms: number, days: number): number {
  const wall = ms + londonOffsetMs(ms);
  const msOfDay = ((wall % 86_400_000) + 86_400_000) % 86_400_000;
  const minutes = Math.floor(msOfDay / 60_000);
  return londonInstant({ date: addDays(londonDateOf(ms), days), hour: 0, minute: minutes }) + (msOfDay - minutes * 60_000);
}

const riskWithoutContact: Evaluate<'risk_without_contact'> = (rule, { events, now }) =>
  events
    .filter((e) => e.type === 'maternity_booking' && Array.isArray(e.details.riskFactors) && e.details.riskFactors.length > 0)
    .flatMap((booking) => {
      const late = addLondonDays(booking.at, rule.parameters.withinDays);
      if (now < late) return [];
      const contacted = events.some((e) => isFollowUpContact(e) && e.at > booking.at);
      return contacted ? [] : [finding(late, [booking.id])];
    });

/**
 * A written referral that confirms a verbal one is part of that referral (its clock started at the
 * first contact); a decision linked to either, or an unlinked decision recorded after the referral,
 * decides it.
 */
const referralWithoutDecision: Evaluate<'referral_without_decision'> = (rule, { events, now, bankHolidays }) => {
  const referrals = events.filter((e) => e.type === 'mash_referral');
  const ids = new Set(referrals.map((r) => r.id));
  const decisions = events.filter((e) => e.type === 'mash_decision');
  return referrals
    .filter((r) => !(typeof r.details.confirmsVerbalReferralId === 'string' && ids.has(r.details.confirmsVerbalReferralId)))
    .flatMap((referral) => {
      const linked = new Set([referral.id, ...referrals.filter((r) => r.details.confirmsVerbalReferralId === referral.id).map((r) => r.id)]);
      const decided = decisions.some((d) =>
        typeof d.details.referralEventId === 'string' ? linked.has(d.details.referralEventId) : d.at >= referral.at,
      );
      if (decided) return [];
      const dueDate = addWorkingDays({ from: londonDateOf(referral.at), days: rule.parameters.withinWorkingDays, bankHolidays });
      const due = londonInstant({ date: dueDate, hour: WORKING_DAY_END_HOUR });
      const late = Date.parse(addWorkingHours({ from: iso(due), hours: rule.parameters.graceWorkingHours, bankHolidays }));
      return now >= late ? [finding(late, [...linked])] : [];
    });
};

const verbalReferralUnconfirmed: Evaluate<'verbal_referral_unconfirmed'> = (rule, { events, now }) => {
  const referrals = events.filter((e) => e.type === 'mash_referral');
  return referrals
    .filter((r) => r.details.mode === 'verbal')
    .flatMap((verbal) => {
      const late = verbal.at + rule.parameters.withinHours * 3_600_000;
      if (now < late) return [];
      // A written referral linked to it confirms it; so does an unlinked written referral made after it.
      const confirmed = referrals.some((r) => r.details.mode === 'written' && (r.details.confirmsVerbalReferralId === verbal.id || (r.details.confirmsVerbalReferralId === undefined && r.at >= verbal.at)));
      return confirmed ? [] : [finding(late, [verbal.id])];
    });
};

const worklistItemPastEscalation: Evaluate<'worklist_item_past_escalation'> = (_rule, { child, now }) =>
  child.worklistItems.flatMap((item) => {
    if (item.escalateAt === null) return [];
    const escalateAt = parseInstant(item.escalateAt);
    const acknowledged = item.acknowledgedAt !== null && parseInstant(item.acknowledgedAt) <= now;
    return !acknowledged && escalateAt <= now ? [finding(escalateAt, [item.eventId], item)] : [];
  });

const repeatedEdAttendances: Evaluate<'repeated_ed_attendances'> = (rule, { events, now }) => {
  // The 12 months ending today (London dates): an attendance on today's date last year has dropped out.
  const windowStart = addMonths(londonDateOf(now), -rule.parameters.withinMonths);
  const attendances = events.filter((e) => e.type === 'ed_attendance' && compareIsoDates(londonDateOf(e.at), windowStart) > 0);
  const nth = attendances[rule.parameters.minAttendances - 1];
  return nth ? [finding(nth.at, attendances.map((e) => e.id))] : [];
};

const missedAppointmentWithoutFollowUp: Evaluate<'missed_appointment_without_follow_up'> = (rule, { events, now, child }) =>
  events
    .filter((e) => e.type === 'missed_appointment')
    .flatMap((missed) => {
      const late = addLondonDays(missed.at, rule.parameters.withinDays);
      if (now < late) return [];
      const contacted = events.some((e) => isFollowUpContact(e) && e.at > missed.at);
      const actioned = child.worklistItems.some((item) => item.eventId === missed.id && item.actionedAt !== null && parseInstant(item.actionedAt) <= now);
      return contacted || actioned ? [] : [finding(late, [missed.id])];
    });
