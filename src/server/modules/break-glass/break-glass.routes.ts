import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activeBreakGlassResponse,
  breakGlassBody,
  breakGlassByNhsNumberBody,
  breakGlassGrantResponse,
  grantParams,
  notificationParams,
  notificationsResponse,
  reviewBody,
  reviewQueueQuery,
  reviewQueueResponse,
  stepUpBody,
  stepUpResponse,
} from '../../../contracts/break-glass.js';
import { childParams } from '../../../contracts/children.js';
import { errorBody } from '../../../contracts/errors.js';
import { BREAK_GLASS_REASON_CODES, BREAK_GLASS_REASONS, STEP_UP_FRESH_MS } from '../../../domain/access/break-glass.js';
import { createUnauthenticatedError } from '../../shared/app-error.js';
import type { SessionStore } from '../auth/sessions.js';
import * as breakGlass from './break-glass.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Break-glass emergency access, its review queue, notifications, and step-up re-authentication (#5). */
export function breakGlassRoutes(deps: breakGlass.Deps & { sessions: SessionStore }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/auth/step-up', { schema: { tags: ['auth'], summary: 'Re-enter the password (step-up) before break-glass or a sealed category; fresh for 10 minutes', body: stepUpBody, response: { 200: stepUpResponse, ...errors } } }, async (req) => {
      if (!req.session) throw createUnauthenticatedError();
      const at = await deps.sessions.stepUp({ sessionId: req.session.sessionId, actor: req.actor(), password: req.body.password });
      return { steppedUpAt: at.toISOString(), freshUntil: new Date(at.getTime() + STEP_UP_FRESH_MS).toISOString() };
    });

    app.get('/break-glass/reasons', { schema: { tags: ['break-glass'], summary: 'The reasons offered for emergency access', response: { 200: z.object({ reasons: z.array(z.object({ code: z.string(), label: z.string() })) }), ...errors } } }, async () => ({
      reasons: BREAK_GLASS_REASON_CODES.map((code) => ({ code, label: BREAK_GLASS_REASONS[code].label })),
    }));

    app.post('/children/:childId/break-glass', { schema: { tags: ['break-glass'], summary: 'Request time-boxed emergency access to a child outside your scope (needs a fresh step-up)', params: childParams, body: breakGlassBody, response: { 201: breakGlassGrantResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send(await breakGlass.requestBreakGlass(deps, { actor: req.actor(), target: { childId: req.params.childId }, input: req.body })),
    );

    app.post('/break-glass', { schema: { tags: ['break-glass'], summary: 'Request emergency access to a child by NHS number (for roles whose search shows only their own scope)', body: breakGlassByNhsNumberBody, response: { 201: breakGlassGrantResponse, ...errors } } }, async (req, reply) => {
      const { nhsNumber, ...input } = req.body;
      return reply.code(201).send(await breakGlass.requestBreakGlass(deps, { actor: req.actor(), target: { nhsNumber }, input }));
    });

    app.get('/children/:childId/break-glass', { schema: { tags: ['break-glass'], summary: 'Your own active emergency access to this child, if any', params: childParams, response: { 200: activeBreakGlassResponse, ...errors } } }, async (req) =>
      breakGlass.activeBreakGlass(deps, { actor: req.actor(), childId: req.params.childId }),
    );

    app.get('/break-glass/review-queue', { schema: { tags: ['break-glass'], summary: 'Emergency access uses to review (designated and named professionals)', querystring: reviewQueueQuery, response: { 200: reviewQueueResponse, ...errors } } }, async (req) =>
      breakGlass.breakGlassReviewQueue(deps, { actor: req.actor(), status: req.query.status }),
    );

    app.post('/break-glass/:grantId/review', { schema: { tags: ['break-glass'], summary: 'Close an emergency access use as justified or escalated', params: grantParams, body: reviewBody, response: { 200: z.object({ id: z.string(), outcome: z.string(), reviewedAt: z.string(), expiresAt: z.string() }), ...errors } } }, async (req) =>
      breakGlass.reviewBreakGlass(deps, { actor: req.actor(), grantId: req.params.grantId, outcome: req.body.outcome, note: req.body.note }),
    );

    app.get('/notifications', { schema: { tags: ['notifications'], summary: 'Your notifications and the unread count', response: { 200: notificationsResponse, ...errors } } }, async (req) => breakGlass.notificationsFor(deps, { actor: req.actor() }));

    app.post('/notifications/:notificationId/read', { schema: { tags: ['notifications'], summary: 'Mark a notification read', params: notificationParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await breakGlass.readNotification(deps, { actor: req.actor(), notificationId: req.params.notificationId });
      return reply.code(204).send(null);
    });
  };
}
