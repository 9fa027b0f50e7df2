import { z } from 'zod';
import { isoDate, uuid } from './common.js';

export const ASSESSMENT_KINDS = ['IHA', 'RHA'] as const;
export const CONTRIBUTORS = ['gp', 'camhs', 'school', 'carer_sdq', 'host_area'] as const;

export const worklistQuery = z.object({ asOf: isoDate('the date').optional() });

export const worklistItem = z.object({
  childId: z.string(),
  laChildId: z.string().nullable(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  type: z.enum(ASSESSMENT_KINDS),
  due: z.string(),
  status: z.enum(['due', 'overdue', 'booked']),
  workingDaysOverdue: z.number(),
  periodOfCareStartedOn: z.string(),
  placementInArea: z.boolean().nullable(),
  assessmentId: z.string().nullable(),
  bookedAt: z.string().nullable(),
  breachReason: z.string().nullable(),
  contributions: z.array(z.object({ contributor: z.string(), dueOn: z.string(), receivedOn: z.string().nullable() })),
});
export type WorklistItem = z.infer<typeof worklistItem>;
export const worklistResponse = z.object({ asOf: z.string(), items: z.array(worklistItem), counts: z.object({ overdue: z.number(), due: z.number(), booked: z.number() }) });

export const requestAssessmentBody = z
  .object({
    kind: z.enum(ASSESSMENT_KINDS, { error: 'Select initial or review health assessment' }),
    bookedAt: z.string().datetime({ offset: true, message: 'Enter the appointment date and time' }).optional(),
    location: z.string().trim().max(200).optional(),
    outOfArea: z.boolean().default(false),
    hostArea: z.string().trim().max(200).optional(),
    contributors: z.array(z.enum(CONTRIBUTORS)).default(['gp', 'school', 'carer_sdq']),
  })
  .superRefine((v, ctx) => {
    if (v.outOfArea && !v.hostArea) ctx.addIssue({ code: 'custom', path: ['hostArea'], message: 'Enter the host area that will do the assessment' });
  });

export const assessmentParams = z.object({ childId: uuid, assessmentId: uuid });

export const completeAssessmentBody = z.object({
  completedOn: isoDate('the date of the assessment'),
  answers: z.record(z.string(), z.unknown()),
  breachReason: z.string().trim().max(500).optional(),
});

export const recordContributionBody = z.object({
  contributor: z.enum(CONTRIBUTORS),
  receivedOn: isoDate('the date it was received'),
  summary: z.string().trim().max(4000).optional(),
});

export const breachReasonBody = z.object({ breachReason: z.string().trim().min(3, 'Enter why the assessment is late').max(500) });

export const planActionInput = z.object({
  /** Set when this action was carried forward from the previous plan. */
  carriedFromActionId: uuid.optional(),
  need: z.string().trim().max(500).default(''),
  action: z.string().trim().max(1000).default(''),
  ownerName: z.string().trim().max(200).default(''),
  ownerRole: z.string().trim().max(200).default(''),
  measurableOutcome: z.string().trim().max(1000).default(''),
  dueOn: z.string().trim().default(''),
});
export const healthPlanBody = z.object({
  assessmentId: uuid.optional(),
  actions: z.array(planActionInput).max(50).default([]),
  /** Statuses of the previous plan's actions, reviewed at this assessment. */
  reviewedActions: z.array(z.object({ id: uuid, status: z.enum(['met', 'unmet']) })).default([]),
});

export const sdqBody = z
  .object({
    completedOn: isoDate('the date the questionnaire was completed'),
    /** q1..q25 as answered on the form: 0 not true, 1 somewhat true, 2 certainly true; null unanswered. */
    responses: z.array(z.union([z.literal(0), z.literal(1), z.literal(2), z.null()])).length(25, 'Give 25 responses (null for unanswered)').optional(),
    totalOnly: z.number().int().min(0, 'Total difficulties must be 0 to 40').max(40, 'Total difficulties must be 0 to 40').optional(),
  })
  .refine((v) => (v.responses === undefined) !== (v.totalOnly === undefined), { message: 'Give either the 25 responses or the total, not both', path: ['responses'] });

export const qaReviewBody = z.object({
  assessmentId: uuid,
  /** Checklist item id → met | not_met | not_applicable (see domain/lac/qa-checklist.ts). */
  answers: z.record(z.string(), z.enum(['met', 'not_met', 'not_applicable'], { error: 'Answer met, not met or not applicable' })),
});

export const oc2Query = z.object({ yearEnding: isoDate('the year-end date') });
