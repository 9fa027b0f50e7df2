import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuid } from '../../../contracts/common.js';
import { errorBody } from '../../../contracts/errors.js';
import * as drift from './drift.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

export const driftQuery = z.object({ teamId: uuid.optional() });

export const driftFinding = z.object({
  ruleId: z.string().nullable(),
  ruleVersion: z.number().nullable(),
  since: z.string(),
  description: z.string(),
  eventIds: z.array(z.string()),
  worklistItemId: z.string().nullable(),
  teamId: z.string().nullable(),
  restricted: z.object({ category: z.string(), label: z.string(), whomToAsk: z.string() }).nullable(),
});

export const driftListResponse = z.object({
  team: z.object({ id: z.string(), name: z.string() }),
  asOf: z.string(),
  rulesVersion: z.number(),
  children: z.array(
    z.object({
      childId: z.string(),
      givenName: z.string(),
      familyName: z.string(),
      dateOfBirth: z.string().nullable(),
      nhsNumber: z.string().nullable(),
      isUnborn: z.boolean(),
      findings: z.array(driftFinding),
    }),
  ),
});

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
