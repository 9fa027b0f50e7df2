import { z } from 'zod';
import type { Condition, FormDefinition } from '../../../src/domain/forms/form-definition.js';
import type { QaChecklist } from '../../../src/domain/lac/qa-checklist.js';

/**
 * Response schemas for the LAC health endpoints whose server schema is `z.unknown()` (the server
 * returns domain objects as they are). Shapes follow src/server/modules/lac-health/lac-health.usecases.ts
 * and the domain types they return; parsing here makes contract drift fail loudly, as for every response.
 */

const nullableString = z.string().nullable();

export const exceptionsResponse = z.object({
  exceptions: z.array(z.object({ childId: z.string(), laChildId: nullableString, name: z.string(), kind: z.string(), dueOn: z.string(), reason: z.string() })),
});
export type AssessmentExceptionRow = z.infer<typeof exceptionsResponse>['exceptions'][number];

/** `GET /lac/care-leavers` (careLeaverWorklist): care leavers to 21, or 25 on request, with their next review. */
export const careLeaversResponse = z.object({
  items: z.array(
    z.object({
      childId: z.string(),
      laChildId: nullableString,
      name: z.string(),
      dateOfBirth: z.string(),
      ageYears: z.number(),
      offerEndsOn: z.string(),
      extendedTo25: z.boolean(),
      lastReviewOn: nullableString,
      nextReviewDue: nullableString,
      status: z.enum(['due', 'overdue', 'offer_ending']),
    }),
  ),
});
export type CareLeaverRow = z.infer<typeof careLeaversResponse>['items'][number];

const countPercent = z.object({ count: z.number(), percent: z.number() });
export const oc2Figures = z.object({
  yearStart: z.string(),
  yearEnding: z.string(),
  cohort: z.number(),
  healthAssessments: countPercent,
  dentalChecks: countPercent,
  immunisations: countPercent,
  developmentChecks: z.object({ eligible: z.number(), count: z.number(), percent: z.number() }),
  sdq: z.object({ eligible: z.number(), returned: z.number(), averageScore: z.number().nullable() }),
});
export type Oc2Figures = z.infer<typeof oc2Figures>;
/** ENGLAND_AVERAGES in src/domain/lac/oc2.ts; null for a year CLASP holds none for. */
export const englandAveragesSchema = z
  .object({
    yearEnding: z.string(),
    healthAssessmentsPercent: z.number(),
    dentalChecksPercent: z.number(),
    sdqAverageScore: z.number(),
    source: z.string(),
    confidence: z.string(),
    version: z.string(),
  })
  .nullable();
export const oc2Response = oc2Figures.extend({ englandAverages: englandAveragesSchema, trend: z.array(oc2Figures) });
export type Oc2Report = z.infer<typeof oc2Response>;

const qaGroup = z.object({ key: z.string(), reviews: z.number(), score: z.number(), maxScore: z.number(), percent: z.number().nullable() });
export type QaGroup = z.infer<typeof qaGroup>;
export const qaSummaryResponse = z.object({
  overall: qaGroup,
  byPractitioner: z.array(qaGroup),
  byTeam: z.array(qaGroup),
  byOrigin: z.array(qaGroup),
  byItem: z.array(z.object({ itemId: z.string(), met: z.number(), notMet: z.number(), notApplicable: z.number(), unanswered: z.number(), percentMet: z.number().nullable() })),
});
export type QaSummary = z.infer<typeof qaSummaryResponse>;

export const qaReviewResponse = z.object({ id: z.string(), score: z.number(), maxScore: z.number(), percent: z.number().nullable() }).passthrough();

// ---- Versioned form definitions (src/domain/forms/form-definition.ts) ----

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ equals: z.object({ field: z.string(), value: z.string() }) }),
    z.object({ includes: z.object({ field: z.string(), value: z.string() }) }),
    z.object({ ageAtLeast: z.number() }),
    z.object({ ageBelow: z.number() }),
    z.object({ all: z.array(conditionSchema) }),
    z.object({ any: z.array(conditionSchema) }),
  ]),
);

const fieldSchema = z.object({
  id: z.string(),
  type: z.enum(['text', 'textarea', 'radios', 'checkboxes', 'date', 'yesNo']),
  label: z.string(),
  hint: z.string().optional(),
  required: z.boolean(),
  showWhen: conditionSchema.optional(),
  requiredMessage: z.string().optional(),
  maxLength: z.number().optional(),
  notInFuture: z.boolean().optional(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});

const formDefinitionSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    title: z.string(),
    source: z.string(),
    effectiveFrom: z.string(),
    sections: z.array(z.object({ id: z.string(), title: z.string(), showWhen: conditionSchema.optional(), fields: z.array(fieldSchema) })),
  })
  .refine((form) => form.sections.every((s) => s.fields.every((f) => (f.type === 'radios' || f.type === 'checkboxes') === Array.isArray(f.options))), 'choice fields need options')
  .transform((form) => form as unknown as FormDefinition);

const qaChecklistSchema = z
  .object({
    id: z.string(),
    version: z.number(),
    title: z.string(),
    effectiveFrom: z.string(),
    items: z.array(z.object({ id: z.string(), text: z.string(), weight: z.number(), allowNotApplicable: z.boolean(), source: z.string() })),
  })
  .transform((checklist) => checklist as QaChecklist);

export const formsResponse = z.object({ forms: z.array(formDefinitionSchema), qaChecklist: qaChecklistSchema });
export type FormsResponse = z.infer<typeof formsResponse>;

// ---- A child's LAC health ----

const contributionSchema = z.object({ contributor: z.string(), requestedOn: z.string(), dueOn: z.string(), receivedOn: nullableString });
export const assessmentSchema = z.object({
  id: z.string(),
  kind: z.enum(['IHA', 'RHA']),
  status: z.string(),
  dueOn: z.string(),
  bookedAt: nullableString,
  location: nullableString,
  completedOn: nullableString,
  formId: nullableString,
  formVersion: z.number().nullable(),
  breachReason: nullableString,
  outOfArea: z.boolean(),
  hostArea: nullableString,
  voiceOfChild: z.object({ complete: z.boolean(), gaps: z.array(z.string()), words: z.number() }).nullable(),
  contributions: z.array(contributionSchema),
});
export type Assessment = z.infer<typeof assessmentSchema>;

const historyEntry = z.object({ on: z.string(), event: z.string(), note: z.string().optional(), fromActionId: z.string().optional() });
export const planActionSchema = z.object({
  id: z.string(),
  need: z.string(),
  action: z.string(),
  ownerName: z.string(),
  ownerRole: z.string(),
  measurableOutcome: z.string(),
  dueOn: nullableString,
  status: z.string(),
  carriedFromActionId: nullableString.optional(),
  history: z.array(historyEntry),
});
export type PlanAction = z.infer<typeof planActionSchema>;

export const sdqPointSchema = z.object({
  completedOn: z.string(),
  totalDifficulties: z.number().nullable(),
  band: nullableString,
  emotional: z.number().nullable(),
  conduct: z.number().nullable(),
  hyperactivity: z.number().nullable(),
  peer: z.number().nullable(),
  prosocial: z.number().nullable(),
});
export type SdqPoint = z.infer<typeof sdqPointSchema>;

export const lacHealthResponse = z.object({
  lookedAfter: z.boolean(),
  periodOfCareStartedOn: nullableString,
  next: z
    .object({
      type: z.enum(['IHA', 'RHA']),
      due: z.string(),
      status: z.enum(['due', 'overdue', 'booked']),
      workingDaysOverdue: z.number(),
      bookedOn: nullableString,
      lastAssessmentOn: nullableString,
    })
    .nullable(),
  careLeaver: z.object({ offerEndsOn: z.string(), nextReviewDue: nullableString }).nullable(),
  assessments: z.array(assessmentSchema),
  activities: z.array(z.object({ activity: z.string(), on: z.string(), result: nullableString })),
  sdqTrend: z.array(sdqPointSchema),
  planActions: z.array(planActionSchema),
});
export type LacHealth = z.infer<typeof lacHealthResponse>;

export const requestAssessmentResponse = z.object({ assessmentId: z.string() });
export const completeAssessmentResponse = z.object({
  formId: z.string(),
  formVersion: z.number(),
  voiceOfChild: z.object({ complete: z.boolean(), gaps: z.array(z.string()), words: z.number() }),
});

export const draftPlanResponse = z.object({
  previousActions: z.array(planActionSchema),
  carriedForward: z.array(planActionSchema.omit({ id: true }).extend({ carriedFromActionId: z.string() })),
});
export type DraftPlan = z.infer<typeof draftPlanResponse>;
export const createPlanResponse = z.object({ planId: z.string() });

export const sdqResponse = z.object({
  id: z.string(),
  emotional: z.number().nullable(),
  conduct: z.number().nullable(),
  hyperactivity: z.number().nullable(),
  peer: z.number().nullable(),
  prosocial: z.number().nullable(),
  totalDifficulties: z.number().nullable(),
  band: nullableString,
});

// ---- Imports (src/server/modules/lac-import) ----

const changeCounts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
/** As `ssda903ImportResponse` in src/server/modules/lac-import/lac-import.routes.ts. */
export const ssda903ImportResponse = z.object({
  children: changeCounts,
  episodes: changeCounts.extend({ deleted: z.number() }),
  reviews: changeCounts,
  missing: changeCounts,
  oc2: z.object({ rows: z.number(), stored: z.number() }),
});
export type Ssda903ImportSummary = z.infer<typeof ssda903ImportResponse>;
export const healthActivityImportResponse = z.object({ rows: z.number(), created: z.number(), unchanged: z.number(), children: z.number() });
export type HealthActivityImportSummary = z.infer<typeof healthActivityImportResponse>;
