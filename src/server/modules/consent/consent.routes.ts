import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { childParams } from '../../../contracts/children.js';
import {
  consentBody,
  consentListResponse,
  consentParams,
  consentView,
  shareBody,
  shareDecisionQuery,
  shareDecisionResponse,
  shareRecipientsResponse,
  shareResponse,
  sharesListResponse,
  withdrawConsentBody,
} from '../../../contracts/consent.js';
import { errorBody } from '../../../contracts/errors.js';
import * as consent from './consent.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Consent per purpose and sharing that checks it, with the safeguarding override (#5). */
export function consentRoutes(deps: consent.Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/children/:childId/consents', { schema: { tags: ['consent'], summary: 'A child’s consents (given, withdrawn, expired), who may give them, and the form’s options', params: childParams, response: { 200: consentListResponse, ...errors } } }, async (req) =>
      consent.listConsents(deps, { actor: req.actor(), childId: req.params.childId }),
    );

    app.post('/children/:childId/consents', { schema: { tags: ['consent'], summary: 'Record a consent: purpose, recipient, categories, who gave it (competent young person or PR holder), date', params: childParams, body: consentBody, response: { 201: z.object({ consent: consentView }), ...errors } } }, async (req, reply) =>
      reply.code(201).send(await consent.recordConsent(deps, { actor: req.actor(), childId: req.params.childId, input: req.body })),
    );

    app.post('/children/:childId/consents/:consentId/withdraw', { schema: { tags: ['consent'], summary: 'Withdraw a consent: from now on it allows nothing', params: consentParams, body: withdrawConsentBody, response: { 200: z.object({ consent: consentView }), ...errors } } }, async (req) =>
      consent.withdrawConsent(deps, { actor: req.actor(), childId: req.params.childId, consentId: req.params.consentId, reason: req.body.reason, withdrawnOn: req.body.withdrawnOn }),
    );

    app.get('/children/:childId/shares/decision', { schema: { tags: ['consent'], summary: 'Whether the consents on record allow sharing these entries with that team or organisation now', params: childParams, querystring: shareDecisionQuery, response: { 200: shareDecisionResponse, ...errors } } }, async (req) =>
      consent.shareDecision(deps, { actor: req.actor(), childId: req.params.childId, eventIds: req.query.eventIds, recipientTeamId: req.query.recipientTeamId, recipientOrganisationId: req.query.recipientOrganisationId }),
    );

    app.get('/children/:childId/shares', { schema: { tags: ['consent'], summary: 'What was shared from this child’s record, with whom, and on what basis', params: childParams, response: { 200: sharesListResponse, ...errors } } }, async (req) =>
      consent.listShares(deps, { actor: req.actor(), childId: req.params.childId }),
    );

    app.post('/children/:childId/shares', { schema: { tags: ['consent'], summary: 'Share entries with a team or organisation: consent is checked now; a safeguarding override needs its own permission and a reason', params: childParams, body: shareBody, response: { 201: shareResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send(await consent.shareEvents(deps, { actor: req.actor(), childId: req.params.childId, input: req.body })),
    );

    app.get('/share-recipients', { schema: { tags: ['consent'], summary: 'Teams and organisations entries can be shared with', response: { 200: shareRecipientsResponse, ...errors } } }, async (req) => consent.shareRecipients(deps, { actor: req.actor() }));
  };
}
