import { z } from 'zod';
import { uuid } from './common.js';
import { instant } from './events.js';

/**
 * Closed loops on timers (#3): MASH referral, child protection conference and CAMHS progress before a LAC
 * review health assessment. Each loop shows, per agency, what is expected by when, when it was received and
 * when it was acknowledged (CQC Bedford 2015 recs 2.8, 3.8, 3.9, 4.3).
 */
export const CONFERENCE_REPORT_AGENCIES = ['gp', 'health_visiting', 'school_nursing', 'camhs', 'midwifery', 'lac_health', 'paediatrics', 'sexual_health', 'substance_misuse'] as const;

export const createConferenceBody = z.object({
  kind: z.enum(['initial', 'review'], { error: 'Select initial or review conference' }),
  conferenceAt: instant('the date and time of the conference'),
  invitedServices: z
    .array(z.enum(CONFERENCE_REPORT_AGENCIES, { error: 'Select a health service' }), { error: 'Select the health services invited to report' })
    .min(1, 'Select at least one health service to invite')
    .max(CONFERENCE_REPORT_AGENCIES.length)
    .refine((list) => new Set(list).size === list.length, 'Select each service once'),
});

export const conferenceParams = z.object({ childId: uuid, conferenceId: uuid });
export const stepParams = z.object({ childId: uuid, loopId: uuid, stepId: uuid });

export const recordReportBody = z.object({
  agency: z.enum(CONFERENCE_REPORT_AGENCIES, { error: 'Select the service whose report this is' }),
  receivedAt: instant('when the report was received').optional(),
  note: z.string().trim().max(2000, 'The note must be 2000 characters or fewer').optional(),
});

export const loopStep = z.object({
  id: z.string(),
  step: z.string(),
  label: z.string(),
  agency: z.string(),
  agencyName: z.string().nullable(),
  expectedBy: z.string(),
  rule: z.string(),
  needsAcknowledgement: z.boolean(),
  state: z.enum(['expected', 'received', 'acknowledged']),
  receivedAt: z.string().nullable(),
  receivedBy: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  overdue: z.boolean(),
  escalated: z.boolean(),
  escalatedAt: z.string().nullable(),
  /** A plan filed by a service is its routed worklist item (acknowledged through the worklist). */
  worklistItemId: z.string().nullable(),
});
export type LoopStepView = z.infer<typeof loopStep>;

export const loopView = z.object({
  id: z.string(),
  kind: z.enum(['mash_referral', 'cp_conference', 'camhs_progress']),
  label: z.string(),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  sourceEventId: z.string().nullable(),
  planEventId: z.string().nullable(),
  referralMode: z.string().nullable(),
  conferenceKind: z.string().nullable(),
  conferenceAt: z.string().nullable(),
  assessmentId: z.string().nullable(),
  overdue: z.boolean(),
  steps: z.array(loopStep),
});
export type LoopView = z.infer<typeof loopView>;

export const childLoopsResponse = z.object({ loops: z.array(loopView) });

export const overdueStep = loopStep.extend({ childId: z.string(), childName: z.string(), loopId: z.string(), loopKind: z.string() });
export const overdueResponse = z.object({ steps: z.array(overdueStep) });

const restricted = z.object({ category: z.string(), label: z.string(), whomToAsk: z.string() });
export const gpReportDraft = z.object({
  conference: z.object({ id: z.string(), kind: z.string().nullable(), conferenceAt: z.string().nullable(), reportDueBy: z.string().nullable() }),
  child: z.object({ id: z.string(), name: z.string(), dateOfBirth: z.string().nullable(), nhsNumber: z.string().nullable(), address: z.string().nullable() }),
  gpPractice: z.object({ id: z.string(), code: z.string(), name: z.string() }).nullable(),
  flags: z.array(z.object({ code: z.string(), label: z.string() })),
  statusEpisodes: z.array(z.object({ kind: z.string(), startedOn: z.string(), endedOn: z.string().nullable(), cpCategory: z.string().nullable() })),
  household: z.array(z.object({ kind: z.string(), name: z.string().nullable(), dateOfBirth: z.string().nullable(), livesWith: z.boolean(), hasParentalResponsibility: z.boolean().nullable() })),
  chronology: z.array(
    z.object({
      eventId: z.string(),
      occurredAt: z.string(),
      type: z.string(),
      label: z.string(),
      significance: z.string(),
      summary: z.string().nullable(),
      restricted: restricted.nullable(),
    }),
  ),
  chronologyFrom: z.string(),
  /** #5 consent: entries of a non-standard category left out for want of an include-in-report consent (0 under an override). */
  omittedWithoutConsent: z.number().int().optional(),
  /** Headings the GP completes (the pre-filled parts above are the facts on record). */
  sectionsToComplete: z.array(z.object({ id: z.string(), heading: z.string() })),
});
export type GpReportDraft = z.infer<typeof gpReportDraft>;
