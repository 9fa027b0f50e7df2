import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { childParams } from '../../../contracts/children.js';
import { errorBody } from '../../../contracts/errors.js';
import { actionWorklistBody, recordedEvent, recordEventBody, worklistItemParams, worklistQuery, worklistResponse, type RecordEventInput } from '../../../contracts/events.js';
import { CONFIDENTIALITY, CONFIDENTIALITY_CATEGORIES } from '../../../domain/access/confidentiality.js';
import { EVENT_TYPE_DEFINITIONS, EVENT_TYPES, EVENT_TYPES_VERSION } from '../../../domain/safeguarding/event-types.js';
import { ROUTE_TARGETS, ROUTING_RULES, ROUTING_RULES_VERSION } from '../../../domain/safeguarding/routing-rules.js';
import { recordEvents, type Deps } from './events.usecases.js';
import { listWorklist, listWorklistTeams, updateWorklistItem } from './worklists.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

const TARGET_LABELS: Record<(typeof ROUTE_TARGETS)[number], string> = {
  paediatric_liaison: 'Paediatric liaison nurse (hospital where it happened)',
  zero_to_nineteen: 'Health visitor (under 5) or school nurse (5–19)',
  gp: 'Registered GP practice',
  lac_nurse: 'Looked-after children’s health team',
  camhs: 'CAMHS team that knows the child',
  midwife: 'Midwifery team',
  mash_health: 'MASH health',
};

export function eventsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/children/:childId/events',
      { schema: { tags: ['events'], summary: 'Record a safeguarding event; it is routed to team worklists by the versioned routing rules', params: childParams, body: recordEventBody, response: { 201: recordedEvent, ...errors } } },
      async (req, reply) => {
        const source = req.headers['x-clasp-client'] === 'web' ? 'ui' : 'api';
        const result = await recordEvents(deps, { actor: req.actor(), submissions: [{ childId: req.params.childId, input: req.body as RecordEventInput }], source, checkScope: true });
        const [recorded] = result.recorded;
        return reply.code(201).send(recorded!);
      },
    );

    app.get('/worklists/teams', { schema: { tags: ['events'], summary: 'Teams whose worklists you can open, with open and escalated counts', response: { 200: z.object({ teams: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), organisation: z.string(), open: z.number(), escalated: z.number(), mine: z.boolean() })) }), ...errors } } }, async (req) => ({
      teams: await listWorklistTeams(deps, { actor: req.actor() }),
    }));

    app.get('/worklists', { schema: { tags: ['events'], summary: 'A team’s worklist: routed items with counts and ageing (your team by default)', querystring: worklistQuery, response: { 200: worklistResponse, ...errors } } }, async (req) =>
      listWorklist(deps, { actor: req.actor(), teamId: req.query.teamId, state: req.query.state, limit: req.query.limit }),
    );

    app.post('/children/:childId/worklist-items/:itemId/acknowledge', { schema: { tags: ['events'], summary: 'Acknowledge a routed item (stops its escalation clock)', params: worklistItemParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await updateWorklistItem(deps, { actor: req.actor(), childId: req.params.childId, itemId: req.params.itemId, change: { kind: 'acknowledge' } });
      return reply.code(204).send(null);
    });

    app.post('/children/:childId/worklist-items/:itemId/action', { schema: { tags: ['events'], summary: 'Record what was done about a routed item (closes it)', params: worklistItemParams, body: actionWorklistBody, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
      await updateWorklistItem(deps, { actor: req.actor(), childId: req.params.childId, itemId: req.params.itemId, change: { kind: 'action', outcome: req.body.outcome, note: req.body.note } });
      return reply.code(204).send(null);
    });

    app.get('/routing-rules', { schema: { tags: ['events'], summary: 'The routing rules in force (versioned data), event types and confidentiality categories', response: { 200: z.unknown(), 401: errorBody } } }, async (req) => {
      req.actor();
      return {
        version: ROUTING_RULES_VERSION,
        eventTypesVersion: EVENT_TYPES_VERSION,
        targets: TARGET_LABELS,
        eventTypes: EVENT_TYPES.map((type) => ({ type, ...EVENT_TYPE_DEFINITIONS[type] })),
        rules: ROUTING_RULES,
        confidentiality: CONFIDENTIALITY_CATEGORIES.map((category) => ({ category, ...CONFIDENTIALITY[category] })),
      };
    });
  };
}
