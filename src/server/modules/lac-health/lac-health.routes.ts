import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { childParams } from '../../../contracts/children.js';
import { errorBody } from '../../../contracts/errors.js';
import { assessmentParams, breachReasonBody, oc2Query, recordContributionBody, requestAssessmentBody, sdqBody, worklistQuery, worklistResponse } from '../../../contracts/lac.js';
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

    app.post('/children/:childId/sdq', { schema: { tags: ['lac'], summary: "Record a carer's SDQ (25 responses as answered, or the total) — scored as youthinmind publishes", params: childParams, body: sdqBody, response: { 201: z.object({ id: z.string(), emotional: z.number().nullable(), conduct: z.number().nullable(), hyperactivity: z.number().nullable(), peer: z.number().nullable(), prosocial: z.number().nullable(), totalDifficulties: z.number().nullable(), band: z.string().nullable() }), ...errors } } }, async (req, reply) =>
      reply.code(201).send(await lac.recordSdq(deps, { actor: req.actor(), childId: req.params.childId, input: req.body })),
    );
  };
}
