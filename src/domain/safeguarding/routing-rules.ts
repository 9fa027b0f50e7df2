import type { EventType } from './event-types.js';

/**
 * Routing rules as versioned data (#3): event type × the child's status × the child's services → team
 * worklists. A designated nurse reads these in the UI (GET /api/routing-rules); a change is a new
 * version, and every routed worklist item records the rule id and version that put it there.
 */
export const ROUTING_RULES_VERSION = 1;

/** Whom a rule routes to; the server resolves each target to the child's actual teams. */
export const ROUTE_TARGETS = [
  'paediatric_liaison',   // the paediatric liaison nurse's check queue at the hospital where it happened
  'zero_to_nineteen',     // the child's health visitor (under 5 or unborn) or school nurse (5+)
  'gp',                   // the child's registered GP practice
  'lac_nurse',            // the looked-after children's health team
  'camhs',                // the child's CAMHS team (incl. LAC CAMHS), when CAMHS know the child
  'midwife',              // the midwifery team caring for the mother (unborn child)
  'mash_health',          // MASH health
] as const;
export type RouteTarget = (typeof ROUTE_TARGETS)[number];

/** A target the child must always have: if no team is found, the item goes to the safeguarding team that receives unallocated work, never nowhere. */
export const REQUIRED_TARGETS: ReadonlySet<RouteTarget> = new Set(['paediatric_liaison', 'zero_to_nineteen', 'mash_health']);

export const ROUTE_ACTIONS = ['check', 'copy', 'follow_up', 'file_plan'] as const;
export type RouteAction = (typeof ROUTE_ACTIONS)[number];
export const PRIORITIES = ['urgent', 'routine'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type ChildStatus = 'child_protection' | 'looked_after' | 'care_leaver' | 'child_in_need';

export interface RoutingCondition {
  /** Only children under 18 (and unborn children). */
  under18?: boolean;
  /** The child has any of these statuses now. */
  anyStatus?: readonly ChildStatus[];
  /** The child has none of these statuses now. */
  noStatus?: readonly ChildStatus[];
  /** Missed appointments in the previous 12 months, not counting this one. */
  minPriorMissedAppointments?: number;
  maxPriorMissedAppointments?: number;
  /** A detail field must hold one of these values. */
  detailIn?: Readonly<Record<string, readonly (string | boolean)[]>>;
  /** A detail field (an array) must not be empty. */
  detailNotEmpty?: readonly string[];
}

export interface RoutingRule {
  id: string;
  version: number;
  /** Plain English, shown to the designated nurse and on each routed item. */
  description: string;
  /** Where the rule comes from (review paragraph, recommendation, guidance). */
  source: string;
  eventTypes: readonly EventType[];
  when: RoutingCondition;
  to: readonly RouteTarget[];
  action: RouteAction;
  priority: Priority;
  /** Not acknowledged within this many working hours (09:00–17:00, England working days): escalates to the team manager. */
  acknowledgeWithinWorkingHours: number;
}

export const ROUTING_RULES: readonly RoutingRule[] = [
  {
    id: 'ed-attendance-liaison-check', version: 1,
    description: 'Every emergency department attendance by a child under 18 goes to the paediatric liaison nurse to check.',
    source: 'CQC Bedford 2015 review 1.17, 1.23, 5.2.7',
    eventTypes: ['ed_attendance'], when: { under18: true }, to: ['paediatric_liaison'], action: 'check', priority: 'routine', acknowledgeWithinWorkingHours: 8,
  },
  {
    id: 'ed-attendance-copy', version: 1,
    description: 'A copy of every under-18 emergency department attendance goes to the child’s health visitor or school nurse and GP.',
    source: 'CQC Bedford 2015 review 1.17, 1.23, 5.2.7',
    eventTypes: ['ed_attendance'], when: { under18: true }, to: ['zero_to_nineteen', 'gp'], action: 'copy', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'ed-attendance-concern-urgent', version: 1,
    description: 'An emergency department attendance with a safeguarding concern goes to the health visitor or school nurse urgently, to follow up.',
    source: 'CQC Bedford 2015 review 3.3–3.4; domain rules §6',
    eventTypes: ['ed_attendance'], when: { under18: true, detailIn: { safeguardingConcern: [true] } }, to: ['zero_to_nineteen'], action: 'follow_up', priority: 'urgent', acknowledgeWithinWorkingHours: 4,
  },
  {
    id: 'ed-attendance-protected-child', version: 1,
    description: 'An emergency department attendance by a child on a child protection plan or looked after goes to the health visitor or school nurse urgently, to follow up.',
    source: 'CQC Bedford 2015 review 3.3–3.4 (CP-IS alert); domain rules §12',
    eventTypes: ['ed_attendance'], when: { anyStatus: ['child_protection', 'looked_after'] }, to: ['zero_to_nineteen'], action: 'follow_up', priority: 'urgent', acknowledgeWithinWorkingHours: 4,
  },
  {
    id: 'ed-attendance-looked-after', version: 1,
    description: 'An emergency department attendance or admission of a looked-after child goes to the LAC health team.',
    source: 'CQC Bedford 2015 review 4.x (LAC health overview); rec 3.9',
    eventTypes: ['ed_attendance', 'admission'], when: { anyStatus: ['looked_after'] }, to: ['lac_nurse'], action: 'copy', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'admission-copy', version: 1,
    description: 'A hospital admission of a child goes to the paediatric liaison nurse to check and to the health visitor or school nurse and GP.',
    source: 'CQC Bedford 2015 review 1.17, 1.23',
    eventTypes: ['admission'], when: { under18: true }, to: ['paediatric_liaison', 'zero_to_nineteen', 'gp'], action: 'copy', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'missed-appointment-protected-child', version: 1,
    description: 'A missed planned appointment for a child on a child protection plan or looked after goes to the 0-19 team immediately, and to the GP (and the LAC health team for a looked-after child).',
    source: 'CQC Bedford 2015 rec 1.1; domain rules §10 (Was Not Brought)',
    eventTypes: ['missed_appointment'], when: { anyStatus: ['child_protection', 'looked_after'] }, to: ['zero_to_nineteen', 'gp'], action: 'follow_up', priority: 'urgent', acknowledgeWithinWorkingHours: 4,
  },
  {
    id: 'missed-appointment-protected-child-lac', version: 1,
    description: 'A missed planned appointment for a looked-after child also goes to the LAC health team.',
    source: 'CQC Bedford 2015 rec 1.1; domain rules §10',
    eventTypes: ['missed_appointment'], when: { anyStatus: ['looked_after'] }, to: ['lac_nurse'], action: 'follow_up', priority: 'urgent', acknowledgeWithinWorkingHours: 4,
  },
  {
    id: 'missed-appointment-second', version: 1,
    description: 'For any other child, the second missed planned appointment in 12 months goes to the 0-19 team to follow up.',
    source: 'CQC Bedford 2015 rec 1.1; domain rules §10 (local policies: often 2 consecutive) [R]',
    eventTypes: ['missed_appointment'], when: { noStatus: ['child_protection', 'looked_after'], minPriorMissedAppointments: 1 }, to: ['zero_to_nineteen'], action: 'follow_up', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'police-dv-household', version: 1,
    description: 'A police domestic abuse notification goes to the health visitor or school nurse, the midwife and the GP of every child in the household.',
    source: 'CQC Bedford 2015 review 1.16; rec 2.2',
    eventTypes: ['police_dv_notification'], when: {}, to: ['zero_to_nineteen', 'midwife', 'gp'], action: 'follow_up', priority: 'urgent', acknowledgeWithinWorkingHours: 8,
  },
  {
    id: 'marac-household', version: 1,
    description: 'A MARAC referral or outcome goes to the health visitor or school nurse, the midwife and the GP of every child in the household.',
    source: 'CQC Bedford 2015 review 1.16',
    eventTypes: ['marac_referral', 'marac_outcome'], when: {}, to: ['zero_to_nineteen', 'midwife', 'gp'], action: 'follow_up', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'mash-referral', version: 1,
    description: 'A MASH referral goes to MASH health to check.',
    source: 'CQC Bedford 2015 rec 2.8; domain rules §11',
    eventTypes: ['mash_referral'], when: {}, to: ['mash_health'], action: 'check', priority: 'urgent', acknowledgeWithinWorkingHours: 4,
  },
  {
    id: 'mash-decision-copy', version: 1,
    description: 'The MASH threshold decision goes to the child’s health visitor or school nurse and GP.',
    source: 'CQC Bedford 2015 rec 2.8',
    eventTypes: ['mash_decision'], when: {}, to: ['zero_to_nineteen', 'gp'], action: 'copy', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'strategy-discussion', version: 1,
    description: 'A strategy discussion goes to the child’s health visitor or school nurse and GP.',
    source: 'CQC Bedford 2015 review 2.x; domain rules §11',
    eventTypes: ['strategy_discussion'], when: {}, to: ['zero_to_nineteen', 'gp'], action: 'copy', priority: 'urgent', acknowledgeWithinWorkingHours: 8,
  },
  {
    id: 'cp-plan-every-service', version: 1,
    description: 'A child protection plan goes to every health service the child has — health visitor or school nurse, GP, CAMHS, midwife and the LAC health team — to file on their record.',
    source: 'CQC Bedford 2015 rec 3.8',
    eventTypes: ['cp_conference'], when: { detailIn: { outcome: ['plan_made', 'plan_continued', 'plan_ended'] } }, to: ['zero_to_nineteen', 'gp', 'camhs', 'midwife', 'lac_nurse'], action: 'file_plan', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'cin-plan-every-service', version: 1,
    description: 'A child in need plan goes to the health visitor or school nurse, GP and CAMHS to file on their record.',
    source: 'CQC Bedford 2015 rec 3.8',
    eventTypes: ['cin_plan_received'], when: {}, to: ['zero_to_nineteen', 'gp', 'camhs'], action: 'file_plan', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'maternity-booking-risk', version: 1,
    description: 'A maternity booking with a risk identified goes to the health visitor for an antenatal contact.',
    source: 'CQC Bedford 2015 review 1.5',
    eventTypes: ['maternity_booking'], when: { detailNotEmpty: ['riskFactors'] }, to: ['zero_to_nineteen'], action: 'follow_up', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'new-birth', version: 1,
    description: 'A new birth notification goes to the health visitor for the new birth visit and to the GP.',
    source: 'CQC Bedford 2015 review 1.x (handover from midwife to health visitor)',
    eventTypes: ['new_birth_notification'], when: {}, to: ['zero_to_nineteen', 'gp'], action: 'follow_up', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'camhs-progress-lac', version: 1,
    description: 'A CAMHS progress report on a looked-after child goes to the LAC health team to inform the health review.',
    source: 'CQC Bedford 2015 rec 3.9',
    eventTypes: ['camhs_progress_report'], when: { anyStatus: ['looked_after'] }, to: ['lac_nurse'], action: 'copy', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
  {
    id: 'placement-change-lac', version: 1,
    description: 'A placement change of a looked-after child goes to the LAC health team and the GP.',
    source: 'CQC Bedford 2015 review 4.x (placement moves and health records)',
    eventTypes: ['placement_change'], when: { anyStatus: ['looked_after'] }, to: ['lac_nurse', 'gp'], action: 'copy', priority: 'routine', acknowledgeWithinWorkingHours: 16,
  },
];
