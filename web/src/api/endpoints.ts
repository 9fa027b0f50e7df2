import { z } from 'zod';
import { metaResponse, sessionResponse } from '../../../src/contracts/auth.js';
import {
  childResponse,
  cohortResponse,
  createChildResponse,
  possibleDuplicateSchema,
  searchChildrenResponse,
} from '../../../src/contracts/children.js';
import { worklistResponse } from '../../../src/contracts/lac.js';
import { api } from './client.js';
import {
  careLeaversResponse,
  completeAssessmentResponse,
  createPlanResponse,
  draftPlanResponse,
  exceptionsResponse,
  formsResponse,
  healthActivityImportResponse,
  lacHealthResponse,
  oc2Response,
  qaReviewResponse,
  qaSummaryResponse,
  requestAssessmentResponse,
  sdqResponse,
  ssda903ImportResponse,
} from './lac-schemas.js';

/** Organisations list (`GET /api/v1/organisations?kind=`). */
export const organisationsResponse = z.object({
  organisations: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() })),
});
export type Organisation = z.infer<typeof organisationsResponse>['organisations'][number];

export const duplicateCheckResponse = z.object({ possibleDuplicates: z.array(possibleDuplicateSchema) });
export type PossibleDuplicate = z.infer<typeof possibleDuplicateSchema>;

/** Record-birth response: the new child's record (the unborn record stays, linked). */
const birthResponse = z.object({ child: z.object({ id: z.string() }).passthrough() });

const base = '/api/v1';
const child = (childId: string) => `${base}/children/${encodeURIComponent(childId)}`;
const assessment = (childId: string, assessmentId: string) => `${child(childId)}/health-assessments/${encodeURIComponent(assessmentId)}`;

/** The DfE oc2.csv for a year (a plain same-origin link: the session cookie goes with it). */
export const oc2CsvHref = (yearEnding: string) => `${base}/lac/oc2.csv?yearEnding=${encodeURIComponent(yearEnding)}`;

export const endpoints = {
  meta: () => api.get(`${base}/meta`, { schema: metaResponse, handle401: true }),
  session: () => api.get(`${base}/auth/session`, { schema: sessionResponse, handle401: true }),
  signIn: (body: { username: string; password: string }) => api.post(`${base}/auth/sign-in`, body, { schema: sessionResponse, handle401: true }),
  signOut: () => api.post(`${base}/auth/sign-out`, undefined, { handle401: true }),

  searchChildren: (query: { nhsNumber?: string; name?: string; dateOfBirth?: string }) =>
    api.get(`${base}/children`, { query, schema: searchChildrenResponse }),
  child: (childId: string) => api.get(child(childId), { schema: childResponse }),
  duplicateCheck: (body: unknown) => api.post(`${base}/children/duplicate-check`, body, { schema: duplicateCheckResponse }),
  createChild: (body: unknown) => api.post(`${base}/children`, body, { schema: createChildResponse }),
  recordPresentation: (childId: string, body: { reason: string }) => api.post(`${child(childId)}/presentations`, body),
  addStatusEpisode: (childId: string, body: unknown) => api.post(`${child(childId)}/status-episodes`, body),
  endStatusEpisode: (childId: string, episodeId: string, body: { endedOn: string }) =>
    api.patch(`${child(childId)}/status-episodes/${encodeURIComponent(episodeId)}`, body),
  addFlag: (childId: string, body: unknown) => api.post(`${child(childId)}/flags`, body),
  endFlag: (childId: string, flagId: string, body: { endedOn: string }) => api.patch(`${child(childId)}/flags/${encodeURIComponent(flagId)}`, body),
  recordBirth: (childId: string, body: unknown) => api.post(`${child(childId)}/birth`, body, { schema: birthResponse }),

  organisations: (kind: 'gp_practice' | 'school') => api.get(`${base}/organisations`, { query: { kind }, schema: organisationsResponse }),
  practiceCohort: () => api.get(`${base}/cohorts/practice`, { schema: cohortResponse }),

  // Looked-after children's health (#4)
  lacWorklist: (asOf?: string) => api.get(`${base}/lac/worklist`, { query: { asOf }, schema: worklistResponse }),
  lacExceptions: () => api.get(`${base}/lac/exceptions`, { schema: exceptionsResponse }),
  careLeavers: () => api.get(`${base}/lac/care-leavers`, { schema: careLeaversResponse }),
  oc2: (yearEnding: string) => api.get(`${base}/lac/oc2`, { query: { yearEnding }, schema: oc2Response }),
  qaSummary: () => api.get(`${base}/lac/qa-summary`, { schema: qaSummaryResponse }),
  forms: () => api.get(`${base}/forms`, { schema: formsResponse }),
  lacHealth: (childId: string) => api.get(`${child(childId)}/lac-health`, { schema: lacHealthResponse }),
  requestAssessment: (childId: string, body: unknown) => api.post(`${child(childId)}/health-assessments`, body, { schema: requestAssessmentResponse }),
  recordContribution: (childId: string, assessmentId: string, body: unknown) => api.post(`${assessment(childId, assessmentId)}/contributions`, body),
  recordBreachReason: (childId: string, assessmentId: string, body: { breachReason: string }) => api.post(`${assessment(childId, assessmentId)}/breach-reason`, body),
  recordAssessmentOutcome: (childId: string, assessmentId: string, body: { status: string }) => api.post(`${assessment(childId, assessmentId)}/outcome`, body),
  completeAssessment: (childId: string, assessmentId: string, body: unknown) => api.post(`${assessment(childId, assessmentId)}/complete`, body, { schema: completeAssessmentResponse }),
  draftHealthPlan: (childId: string) => api.get(`${child(childId)}/health-plans/draft`, { schema: draftPlanResponse }),
  createHealthPlan: (childId: string, body: unknown) => api.post(`${child(childId)}/health-plans`, body, { schema: createPlanResponse }),
  recordSdq: (childId: string, body: unknown) => api.post(`${child(childId)}/sdq`, body, { schema: sdqResponse }),
  recordQaReview: (childId: string, body: unknown) => api.post(`${child(childId)}/qa-reviews`, body, { schema: qaReviewResponse }),
  importSsda903: (files: Record<string, string>) => api.post(`${base}/lac/imports/ssda903`, { files }, { schema: ssda903ImportResponse }),
  importHealthActivity: (body: { fileName: string; text: string }) => api.post(`${base}/lac/imports/health-activity`, body, { schema: healthActivityImportResponse }),
};
