import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { driftListResponse, driftQuery } from '../../../contracts/drift.js';
import { errorBody } from '../../../contracts/errors.js';
import * as drift from './drift.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };


export function driftRoutes(deps: drift.Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/drift', { schema: { tags: ['drift'], summary: "A team's drifting children: risks with no follow-up, MASH referrals with no decision, items past escalation, repeated ED attendances, missed appointments not followed up", querystring: driftQuery, response: { 200: driftListResponse, ...errors } } }, async (req) =>
      drift.listTeamDrift(deps, { actor: req.actor(), teamId: req.query.teamId }),
    );

    app.get('/drift-rules', { schema: { tags: ['drift'], summary: 'The drift rules in force (versioned data with their parameters and sources)', response: { 200: z.unknown(), 401: errorBody } } }, async (req) => {
      req.actor();
      return drift.listDriftRules();
    });
  };
}
