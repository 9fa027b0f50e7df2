import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { childParams } from '../../../contracts/children.js';
import { errorBody } from '../../../contracts/errors.js';
import { assessmentParams, breachReasonBody, completeAssessmentBody, healthPlanBody, oc2Query, qaReviewBody, recordContributionBody, requestAssessmentBody, sdqBody, worklistQuery, worklistResponse } from '../../../contracts/lac.js';
import { FORMS } from '../../../domain/forms/registry.js';
import { QA_CHECKLIST } from '../../../domain/lac/qa-checklist.js';
import * as lac from './lac-health.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };
const countPercent = z.object({ count: z.number(), percent: z.number() });
const oc2Figures = z.object({
  yearStart: z.string(),
  yearEnding: z.string(),
  cohort: z.number(),
  healthAssessments: countPercent,
  dentalChecks: countPercent,
  immunisations: countPercent,
  developmentChecks: z.object({ eligible: z.number(), count: z.number(), percent: z.number() }),
  sdq: z.object({ eligible: z.number(), returned: z.number(), averageScore: z.number().nullable() }),
});

export function lacHealthRoutes(deps: lac.Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/lac/worklist', { schema: { tags: ['lac'], summary: 'Statutory health assessments due for children looked after (the LAC team worklist)', querystring: worklistQuery, response: { 200: worklistResponse, ...errors } } }, async (req) =>
      lac.healthAssessmentWorklist(deps, { actor: req.actor(), asOf: req.query.asOf }),
    );

    app.get('/lac/exceptions', { schema: { tags: ['lac'], summary: 'Young people who missed or refused assessments, or are overdue (monthly exceptions meeting)', response: { 200: z.object({ exceptions: z.array(z.object({ childId: z.string(), laChildId: z.string().nullable(), name: z.string(), kind: z.string(), dueOn: z.string(), reason: z.string() })) }), ...errors } } }, async (req) => ({
      exceptions: await lac.assessmentExceptions(deps, { actor: req.actor() }),
    }));

    app.get('/lac/oc2', { schema: { tags: ['lac'], summary: 'DfE OC2 figures, England averages and three-year trend (aggregate only)', querystring: oc2Query, response: { 200: oc2Figures.extend({ englandAverages: z.unknown(), trend: z.array(oc2Figures) }), ...errors } } }, async (req) =>
      lac.oc2Report(deps, { actor: req.actor(), yearEnding: req.query.yearEnding, withTrend: true }),
    );

    app.get('/lac/oc2.csv', { schema: { tags: ['lac'], summary: 'The DfE oc2.csv for the local authority', querystring: oc2Query } }, async (req, reply) => {
      const csv = await lac.oc2Csv(deps, { actor: req.actor(), yearEnding: req.query.yearEnding });
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="oc2-${req.query.yearEnding}.csv"`).send(csv);
    });

    app.post('/children/:childId/health-assessments', { schema: { tags: ['lac'], summary: 'Request or book an IHA/RHA; contributions are requested from GP, CAMHS, school and carer', params: childParams, body: requestAssessmentBody, response: { 201: z.object({ assessmentId: z.string() }), ...errors } } }, async (req, reply) =>
      reply.code(201).send(await lac.requestHealthAssessment(deps, { actor: req.actor(), childId: req.params.childId, input: req.body })),
    );

    app.post('/children/:childId/health-assessments/:assessmentId/contributions', { schema: { tags: ['lac'], summary: 'Record a contribution received (GP, CAMHS progress report, school, carer SDQ, host area)', params: assessmentParams, body: recordContributionBody, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await lac.recordContribution(deps, { actor: req.actor(), childId: req.params.childId, assessmentId: req.params.assessmentId, input: req.body });
      return reply.code(204).send(null);
    });

    app.post('/children/:childId/health-assessments/:assessmentId/breach-reason', { schema: { tags: ['lac'], summary: 'Record why an assessment is late', params: assessmentParams, body: breachReasonBody, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await lac.recordBreachReason(deps, { actor: req.actor(), childId: req.params.childId, assessmentId: req.params.assessmentId, breachReason: req.body.breachReason });
      return reply.code(204).send(null);
    });

    app.post('/children/:childId/health-assessments/:assessmentId/outcome', { schema: { tags: ['lac'], summary: 'The young person declined, did not attend, or the appointment was cancelled', params: assessmentParams, body: z.object({ status: z.enum(['declined', 'did_not_attend', 'cancelled']) }), response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await lac.markAssessmentOutcome(deps, { actor: req.actor(), childId: req.params.childId, assessmentId: req.params.assessmentId, status: req.body.status });
      return reply.code(204).send(null);
    });

    app.post('/children/:childId/health-assessments/:assessmentId/complete', { schema: { tags: ['lac'], summary: 'Complete an IHA/RHA on its versioned form (validated with the same code as the browser)', params: assessmentParams, body: completeAssessmentBody, response: { 200: z.object({ formId: z.string(), formVersion: z.number(), voiceOfChild: z.object({ complete: z.boolean(), gaps: z.array(z.string()), words: z.number() }) }), ...errors } } }, async (req) =>
      lac.completeHealthAssessment(deps, { actor: req.actor(), childId: req.params.childId, assessmentId: req.params.assessmentId, input: req.body }),
    );

    app.get('/forms', { schema: { tags: ['lac'], summary: 'Versioned form definitions (IHA, RHA) and the QA checklist', response: { 200: z.object({ forms: z.array(z.unknown()), qaChecklist: z.unknown() }), 401: errorBody } } }, async (req) => {
      req.actor();
      return { forms: [...FORMS], qaChecklist: QA_CHECKLIST };
    });

    app.get('/children/:childId/lac-health', { schema: { tags: ['lac'], summary: "A looked-after child's health: next assessment, assessments with contributions, plan actions, SDQ trend, care-leaver reviews", params: childParams, response: { 200: z.unknown(), ...errors } } }, async (req) =>
      lac.childLacHealth(deps, { actor: req.actor(), childId: req.params.childId }),
    );

    app.get('/children/:childId/health-plans/draft', { schema: { tags: ['lac'], summary: "The next plan's draft: the previous plan's unmet and open actions, carried forward with their history", params: childParams, response: { 200: z.unknown(), ...errors } } }, async (req) =>
      lac.draftHealthPlan(deps, { actor: req.actor(), childId: req.params.childId }),
    );

    app.post('/children/:childId/health-plans', { schema: { tags: ['lac'], summary: 'Save a health plan: every action must be SMART; unmet previous actions must be carried forward', params: childParams, body: healthPlanBody, response: { 201: z.object({ planId: z.string() }), ...errors } } }, async (req, reply) =>
      reply.code(201).send(await lac.createHealthPlan(deps, { actor: req.actor(), childId: req.params.childId, input: req.body })),
    );

    app.post('/children/:childId/qa-reviews', { schema: { tags: ['lac'], summary: 'Quality-assure a completed assessment against the versioned checklist', params: childParams, body: qaReviewBody, response: { 201: z.unknown(), ...errors } } }, async (req, reply) =>
      reply.code(201).send(await lac.recordQaReview(deps, { actor: req.actor(), childId: req.params.childId, input: req.body })),
    );

    app.get('/lac/care-leavers', { schema: { tags: ['lac'], summary: 'Care leavers (to 21, or 25 on request) with their next proactive health review', response: { 200: z.object({ items: z.array(z.object({ childId: z.string(), laChildId: z.string().nullable(), name: z.string(), dateOfBirth: z.string(), ageYears: z.number(), offerEndsOn: z.string(), extendedTo25: z.boolean(), lastReviewOn: z.string().nullable(), nextReviewDue: z.string().nullable(), status: z.enum(['due', 'overdue', 'offer_ending']) })) }), ...errors } } }, async (req) =>
      lac.careLeaverWorklist(deps, { actor: req.actor() }),
    );

    app.get('/lac/qa-summary', { schema: { tags: ['lac'], summary: 'QA results per practitioner, team, internal/out of area and checklist item (rec 1.6)', response: { 200: z.unknown(), ...errors } } }, async (req) => lac.qaSummary(deps, { actor: req.actor() }));

    app.post('/children/:childId/sdq', { schema: { tags: ['lac'], summary: "Record a carer's SDQ (25 responses as answered, or the total) — scored as youthinmind publishes", params: childParams, body: sdqBody, response: { 201: z.object({ id: z.string(), emotional: z.number().nullable(), conduct: z.number().nullable(), hyperactivity: z.number().nullable(), peer: z.number().nullable(), prosocial: z.number().nullable(), totalDifficulties: z.number().nullable(), band: z.string().nullable() }), ...errors } } }, async (req, reply) =>
      reply.code(201).send(await lac.recordSdq(deps, { actor: req.actor(), childId: req.params.childId, input: req.body })),
    );
  };
}
