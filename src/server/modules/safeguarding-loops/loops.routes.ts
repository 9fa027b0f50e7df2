import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { childParams } from '../../../contracts/children.js';
import { errorBody } from '../../../contracts/errors.js';
import { reportOverrideQuery } from '../../../contracts/consent.js';
import { childLoopsResponse, conferenceParams, createConferenceBody, gpReportDraft, loopView, overdueResponse, recordReportBody, stepParams } from '../../../contracts/safeguarding-loops.js';
import * as loops from './loops.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Closed loops on timers (#3): MASH referral, child protection conference, CAMHS progress before a LAC review. */
export function safeguardingLoopsRoutes(deps: loops.Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/children/:childId/loops', { schema: { tags: ['safeguarding'], summary: 'Every closed loop of a child: per agency, expected by, received, acknowledged, overdue or escalated', params: childParams, response: { 200: childLoopsResponse, ...errors } } }, async (req) =>
      loops.getChildLoops(deps, { actor: req.actor(), childId: req.params.childId }),
    );

    app.get('/loops/overdue', { schema: { tags: ['safeguarding'], summary: 'Overdue loop steps for the children in your scope (team pages)', querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }), response: { 200: overdueResponse, ...errors } } }, async (req) =>
      loops.listOverdueSteps(deps, { actor: req.actor(), limit: req.query.limit }),
    );

    app.post('/children/:childId/cp-conferences', { schema: { tags: ['safeguarding'], summary: 'Invite health services to a child protection conference: their reports fall due, then the plan', params: childParams, body: createConferenceBody, response: { 201: z.object({ conferenceId: z.string(), loop: loopView }), ...errors } } }, async (req, reply) =>
      reply.code(201).send(await loops.inviteToConference(deps, { actor: req.actor(), childId: req.params.childId, input: req.body })),
    );

    // #5 consent: non-standard entries only with an include-in-report consent, or `override=1&reason=…` (share: override).
    app.get('/children/:childId/cp-conferences/:conferenceId/gp-report-draft', { schema: { tags: ['safeguarding'], summary: 'The GP conference report, pre-filled from the child’s record and the last 12 months of the chronology (rec 4.3)', params: conferenceParams, querystring: reportOverrideQuery, response: { 200: gpReportDraft, ...errors } } }, async (req) =>
      loops.gpReportDraft(deps, { actor: req.actor(), childId: req.params.childId, conferenceId: req.params.conferenceId, overrideQuery: { ...(req.query.override ? { override: req.query.override } : {}), ...(req.query.reason !== undefined ? { reason: req.query.reason } : {}) } }),
    );

    app.post('/children/:childId/cp-conferences/:conferenceId/reports', { schema: { tags: ['safeguarding'], summary: 'Record a conference report received (GP, health visitor, school nurse, CAMHS …)', params: conferenceParams, body: recordReportBody, response: { 200: z.object({ loop: loopView }), ...errors } } }, async (req) =>
      loops.recordConferenceReport(deps, { actor: req.actor(), childId: req.params.childId, conferenceId: req.params.conferenceId, input: req.body }),
    );

    app.post('/children/:childId/loops/:loopId/steps/:stepId/acknowledge', { schema: { tags: ['safeguarding'], summary: 'Acknowledge a step sent to your organisation (e.g. the MASH outcome back to the referrer)', params: stepParams, response: { 200: z.object({ loop: loopView }), ...errors } } }, async (req) =>
      loops.acknowledgeStep(deps, { actor: req.actor(), childId: req.params.childId, loopId: req.params.loopId, stepId: req.params.stepId }),
    );
  };
}
