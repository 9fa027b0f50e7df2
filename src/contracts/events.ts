import { z } from 'zod';
import { CONFIDENTIALITY_CATEGORIES } from '../domain/access/confidentiality.js';
import { EVENT_TYPES, SIGNIFICANCE } from '../domain/safeguarding/event-types.js';
import { isoDate, uuid } from './common.js';

/**
 * Safeguarding events (#3): one body shape for the web form, the API and each CSV feed row. The
 * details each type carries are validated here, on the server and in the browser alike.
 */
const text = (label: string, max = 500) => z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `${capitalised(label)} must be ${max} characters or fewer`);
const optionalText = (label: string, max = 500) => z.string().trim().max(max, `${capitalised(label)} must be ${max} characters or fewer`).optional();
function capitalised(label: string): string {
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** An instant with a UTC offset, e.g. 2026-11-27T03:10:00Z or 2026-11-27T03:10:00+00:00. */
export const instant = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `Enter ${label} as a date and time, like 2026-11-27T03:10:00Z` })
    .refine((value) => {
      const year = Number(value.slice(0, 4));
      return year >= 1900 && year <= 2100;
    }, `Enter ${label} between the years 1900 and 2100`);

export const ACCOMPANYING_RELATIONSHIPS = ['mother', 'father', 'parent', 'step_parent', 'foster_carer', 'kinship_carer', 'residential_carer', 'relative', 'friend', 'social_worker', 'police', 'ambulance_crew', 'school_staff', 'alone', 'other'] as const;
export const ED_DISCHARGES = ['home', 'admitted', 'transferred', 'left_before_seen', 'other'] as const;
export const MISSED_KINDS = ['was_not_brought', 'did_not_attend'] as const;
export const PLANNED_CARE_TYPES = ['physiotherapy', 'paediatrics', 'outpatients', 'dental', 'immunisation', 'health_review', 'speech_and_language', 'camhs', 'audiology', 'other'] as const;
export const MASH_DECISIONS = ['no_further_action', 'information_and_advice', 'early_help', 'child_in_need_assessment', 'strategy_discussion', 'already_open'] as const;
export const MATERNITY_RISK_FACTORS = ['domestic_abuse', 'substance_misuse', 'parental_mental_health', 'learning_disability', 'previous_children_removed', 'young_parent', 'homelessness', 'late_booking', 'other'] as const;
export const DV_RISK_LEVELS = ['standard', 'medium', 'high'] as const;
export const CONTACT_KINDS = ['home_visit', 'clinic', 'telephone', 'school', 'virtual', 'no_access_visit'] as const;

const adultInvolved = z.object({
  name: text('the adult’s name', 200),
  role: z.enum(['victim', 'alleged_perpetrator', 'other'], { error: 'Select the adult’s role in the incident' }),
  relationshipToChild: text('the adult’s relationship to the child', 100),
});

export const EVENT_DETAILS = {
  ed_attendance: z.object({
    presentingComplaint: text('the presenting complaint'),
    accompaniedBy: z.enum(ACCOMPANYING_RELATIONSHIPS, { error: 'Select who came with the child' }),
    accompanyingAdultName: optionalText('the accompanying adult’s name', 200),
    accompanyingAdultHasParentalResponsibility: z.enum(['yes', 'no', 'unknown'], { error: 'Say whether the accompanying adult has parental responsibility' }),
    injury: z.boolean({ error: 'Say whether the child has an injury' }),
    injuryMechanism: optionalText('the injury mechanism'),
    discharge: z.enum(ED_DISCHARGES, { error: 'Select the discharge outcome' }),
    safeguardingConcern: z.boolean({ error: 'Say whether there is a safeguarding concern' }),
    safeguardingConcernNote: optionalText('the safeguarding concern'),
  }).superRefine((value, ctx) => {
    if (value.injury && !value.injuryMechanism) ctx.addIssue({ code: 'custom', path: ['injuryMechanism'], message: 'Enter how the injury happened' });
    if (value.safeguardingConcern && !value.safeguardingConcernNote) ctx.addIssue({ code: 'custom', path: ['safeguardingConcernNote'], message: 'Describe the safeguarding concern' });
  }),
  admission: z.object({ ward: text('the ward', 200), reason: text('the reason for admission'), dischargedAt: instant('the discharge time').optional() }),
  missed_appointment: z.object({
    kind: z.enum(MISSED_KINDS, { error: 'Select was not brought or did not attend' }),
    service: text('the service', 200),
    clinic: optionalText('the clinic', 200),
    plannedCareType: z.enum(PLANNED_CARE_TYPES, { error: 'Select the type of planned care' }),
  }),
  police_dv_notification: z.object({
    policeReference: text('the police reference', 50),
    riskLevel: z.enum(DV_RISK_LEVELS, { error: 'Select the DASH risk level' }),
    childrenPresent: z.enum(['yes', 'no', 'unknown'], { error: 'Say whether children were present' }),
    adultsInvolved: z.array(adultInvolved).min(1, 'Add at least one adult involved').max(10),
  }),
  marac_referral: z.object({ riskLevel: z.enum(DV_RISK_LEVELS, { error: 'Select the DASH risk level' }), meetingOn: isoDate('the MARAC meeting date').optional() }),
  marac_outcome: z.object({ outcome: text('the MARAC outcome', 2000) }),
  mash_referral: z.object({
    mode: z.enum(['verbal', 'written'], { error: 'Select verbal or written' }),
    concern: text('the concern', 4000),
    referrerName: text('the referrer’s name', 200),
    referrerRole: text('the referrer’s role', 200),
    /** A written referral confirming an earlier verbal one (closes the 48-hour written-confirmation clock). */
    confirmsVerbalReferralId: uuid.optional(),
  }),
  mash_decision: z.object({
    decision: z.enum(MASH_DECISIONS, { error: 'Select the MASH decision' }),
    rationale: optionalText('the rationale', 4000),
    /** The referral this decides (closes the decision clock; the outcome goes back to the referrer). */
    referralEventId: uuid.optional(),
  }),
  strategy_discussion: z.object({ outcome: z.enum(['section_47_enquiry', 'no_further_action', 'child_in_need'], { error: 'Select the outcome' }) }),
  cp_conference: z.object({
    kind: z.enum(['initial', 'review'], { error: 'Select initial or review conference' }),
    outcome: z.enum(['plan_made', 'plan_continued', 'plan_ended', 'no_plan'], { error: 'Select the conference outcome' }),
    category: z.enum(['neglect', 'physical', 'emotional', 'sexual', 'multiple']).optional(),
    nextReviewOn: isoDate('the next review date').optional(),
  }),
  cin_plan_received: z.object({ planDate: isoDate('the plan date') }),
  health_contact: z.object({ kind: z.enum(CONTACT_KINDS, { error: 'Select the kind of contact' }), childSeen: z.boolean({ error: 'Say whether the child was seen' }) }),
  maternity_booking: z.object({
    gestationWeeks: z.number({ error: 'Enter the gestation in weeks' }).int().min(4, 'Gestation must be 4 weeks or more').max(42, 'Gestation must be 42 weeks or fewer'),
    riskFactors: z.array(z.enum(MATERNITY_RISK_FACTORS)).max(MATERNITY_RISK_FACTORS.length),
  }),
  new_birth_notification: z.object({ birthWeightGrams: z.number().int().min(200).max(7000).optional(), place: text('the place of birth', 200) }),
  camhs_progress_report: z.object({ reportDate: isoDate('the report date') }),
  placement_change: z.object({ toPlacement: text('the new placement', 200), inArea: z.boolean({ error: 'Say whether the placement is in the area' }) }),
  significant_event: z.object({ category: text('the category', 100) }),
} as const satisfies Record<(typeof EVENT_TYPES)[number], z.ZodType>;

const common = {
  occurredAt: instant('when it happened'),
  summary: text('a summary', 2000),
  significance: z.enum(SIGNIFICANCE).optional(),
  confidentiality: z.enum(CONFIDENTIALITY_CATEGORIES).default('standard'),
  /** Where it happened (e.g. the hospital of an ED attendance); defaults to the recorder's organisation. */
  organisationId: uuid.optional(),
  /** The sending system's own id for this event (feed rows, integrations): re-sending it is idempotent. */
  sourceSystem: z.string().trim().min(1).max(50).optional(),
  sourceId: z.string().trim().min(1).max(100).optional(),
};

export const recordEventBody = z.discriminatedUnion(
  'type',
  EVENT_TYPES.map((type) => z.object({ type: z.literal(type), ...common, details: EVENT_DETAILS[type] })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<(typeof EVENT_TYPES)[number]>; details: z.ZodType }>,
    ...z.ZodObject<{ type: z.ZodLiteral<(typeof EVENT_TYPES)[number]>; details: z.ZodType }>[],
  ],
  { error: 'Select the type of event' },
);
const commonFields = z.object(common);
/** One event as validated (the details object is validated per type by EVENT_DETAILS). */
export type RecordEventInput = z.output<typeof commonFields> & { type: (typeof EVENT_TYPES)[number]; details: Record<string, unknown> };

export const recordedEvent = z.object({
  eventId: uuid,
  childIds: z.array(uuid),
  duplicate: z.boolean(),
  routed: z.array(z.object({ childId: uuid, teamId: uuid, teamName: z.string(), ruleId: z.string(), action: z.string(), priority: z.string() })),
});

// ---------------------------------------------------------------------------------------------
// Worklists

export const WORKLIST_STATES = ['open', 'acknowledged', 'actioned'] as const;
export const WORKLIST_OUTCOMES = ['no_further_action', 'contact_made', 'visit_arranged', 'record_updated', 'referred_to_mash', 'discussed_with_safeguarding_team', 'plan_filed', 'other'] as const;

export const worklistItem = z.object({
  id: uuid,
  childId: uuid,
  childName: z.string(),
  nhsNumber: z.string().nullable(),
  eventId: uuid,
  eventType: z.string(),
  eventLabel: z.string(),
  eventSummary: z.string().nullable(),
  restricted: z.object({ category: z.string(), label: z.string(), whomToAsk: z.string() }).nullable(),
  occurredAt: z.string(),
  teamId: uuid,
  teamName: z.string(),
  ruleId: z.string(),
  reason: z.string(),
  action: z.string(),
  priority: z.string(),
  createdAt: z.string(),
  escalateAt: z.string().nullable(),
  escalated: z.boolean(),
  state: z.enum(WORKLIST_STATES),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  actionedAt: z.string().nullable(),
  actionedBy: z.string().nullable(),
  outcome: z.string().nullable(),
  ageHours: z.number(),
});
export type WorklistItem = z.infer<typeof worklistItem>;

export const worklistQuery = z.object({
  teamId: uuid.optional(),
  state: z.enum(['open', 'acknowledged', 'actioned', 'escalated', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const worklistResponse = z.object({
  team: z.object({ id: uuid, name: z.string() }),
  counts: z.object({ open: z.number(), acknowledged: z.number(), escalated: z.number(), urgent: z.number(), olderThan24h: z.number(), actioned: z.number() }),
  items: z.array(worklistItem),
});

export const worklistItemParams = z.object({ childId: uuid, itemId: uuid });
export const actionWorklistBody = z.object({
  outcome: z.enum(WORKLIST_OUTCOMES, { error: 'Select the outcome' }),
  note: optionalText('the note', 2000),
});
