import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addressInput,
  birthBody,
  childParams,
  childResponse,
  createChildBody,
  createChildResponse,
  endEpisodeBody,
  episodeParams,
  flagLookupQuery,
  flagLookupResponse,
  identifierInput,
  manualFlagBody,
  nameChangeBody,
  possibleDuplicateSchema,
  presentationBody,
  relationshipBody,
  searchChildrenQuery,
  searchChildrenResponse,
  statusEpisodeBody,
  updateChildBody,
} from '../../../contracts/children.js';
import { uuid } from '../../../contracts/common.js';
import { errorBody } from '../../../contracts/errors.js';
import type { Deps } from './children.usecases.js';
import * as children from './children.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

/** Thin wiring: parse (zod), call the use-case with the signed-in actor, shape the reply. */
export function childrenRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/children', { schema: { tags: ['children'], summary: 'Find a child by NHS number, name (fuzzy) or date of birth', querystring: searchChildrenQuery, response: { 200: searchChildrenResponse, ...errors } } }, async (req) =>
      children.searchChildren(deps, { actor: req.actor(), criteria: req.query }),
    );

    app.post('/children/duplicate-check', { schema: { tags: ['children'], summary: 'Possible duplicates of a child about to be added', body: createChildBody, response: { 200: z.object({ possibleDuplicates: z.array(possibleDuplicateSchema) }), ...errors } } }, async (req) => ({
      possibleDuplicates: await children.checkDuplicates(deps, { actor: req.actor(), input: req.body }),
    }));

    app.post('/children', { schema: { tags: ['children'], summary: 'Add a child (or an unborn child)', body: createChildBody, response: { 201: createChildResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send(await children.createChild(deps, { actor: req.actor(), input: req.body })),
    );

    app.get('/children/:childId', { schema: { tags: ['children'], summary: "A child's summary: flags, identifiers, household, status timeline", params: childParams, response: { 200: childResponse, ...errors } } }, async (req) => ({
      child: await children.getChildSummary(deps, { actor: req.actor(), childId: req.params.childId }),
    }));

    app.patch('/children/:childId', { schema: { tags: ['children'], summary: "Change a child's details (GP practice, school, identifiers, placement area)", params: childParams, body: updateChildBody, response: { 200: childResponse, ...errors } } }, async (req) => ({
      child: await children.updateChild(deps, { actor: req.actor(), childId: req.params.childId, input: req.body }),
    }));

    app.post('/children/:childId/status-episodes', { schema: { tags: ['children'], summary: 'Record a status episode (early help, CIN, CP plan, looked after, care leaver)', params: childParams, body: statusEpisodeBody, response: { 201: childResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send({ child: await children.addStatusEpisode(deps, { actor: req.actor(), childId: req.params.childId, input: req.body }) }),
    );

    app.patch('/children/:childId/status-episodes/:episodeId', { schema: { tags: ['children'], summary: 'End a status episode', params: episodeParams, body: endEpisodeBody, response: { 200: childResponse, ...errors } } }, async (req) => ({
      child: await children.endStatusEpisode(deps, { actor: req.actor(), childId: req.params.childId, episodeId: req.params.episodeId, endedOn: req.body.endedOn }),
    }));

    app.post('/children/:childId/flags', { schema: { tags: ['children'], summary: 'Add a manual alert with provenance, review date and disclosure decision', params: childParams, body: manualFlagBody, response: { 201: childResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send({ child: await children.addManualFlag(deps, { actor: req.actor(), childId: req.params.childId, input: req.body }) }),
    );

    app.patch('/children/:childId/flags/:flagId', { schema: { tags: ['children'], summary: 'End a manual alert', params: z.object({ childId: uuid, flagId: uuid }), body: endEpisodeBody, response: { 200: childResponse, ...errors } } }, async (req) => ({
      child: await children.endManualFlag(deps, { actor: req.actor(), childId: req.params.childId, flagId: req.params.flagId, endedOn: req.body.endedOn }),
    }));

    app.post('/children/:childId/relationships', { schema: { tags: ['children'], summary: 'Add a parent, carer, sibling or household member', params: childParams, body: relationshipBody, response: { 201: childResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send({ child: await children.addRelationship(deps, { actor: req.actor(), childId: req.params.childId, input: req.body }) }),
    );

    app.post('/children/:childId/names', { schema: { tags: ['children'], summary: 'Record a change of name (the old name is kept in the history)', params: childParams, body: nameChangeBody, response: { 201: childResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send({ child: await children.changeName(deps, { actor: req.actor(), childId: req.params.childId, input: req.body }) }),
    );

    app.post('/children/:childId/addresses', { schema: { tags: ['children'], summary: 'Record a new address (the old one is kept in the history)', params: childParams, body: addressInput, response: { 201: childResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send({ child: await children.addAddress(deps, { actor: req.actor(), childId: req.params.childId, input: req.body }) }),
    );

    app.post('/children/:childId/identifiers', { schema: { tags: ['children'], summary: 'Add another local identifier', params: childParams, body: identifierInput, response: { 201: childResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send({ child: await children.addIdentifier(deps, { actor: req.actor(), childId: req.params.childId, input: req.body }) }),
    );

    app.post('/children/:childId/birth', { schema: { tags: ['children'], summary: "Record the birth: the unborn record becomes the child's own record", params: childParams, body: birthBody, response: { 201: childResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send({ child: await children.recordBirth(deps, { actor: req.actor(), childId: req.params.childId, input: req.body }) }),
    );

    app.post('/children/:childId/presentations', { schema: { tags: ['children'], summary: 'Record that a child is presenting (unscheduled care): opens the record for 24 hours, audited', params: childParams, body: presentationBody, response: { 201: childResponse, ...errors } } }, async (req, reply) =>
      reply.code(201).send({ child: await children.recordPresentation(deps, { actor: req.actor(), childId: req.params.childId, reason: req.body.reason }) }),
    );

    app.get('/flags', { schema: { tags: ['flags'], summary: "A child's safeguarding flags by NHS number (CP-IS style), audited", querystring: flagLookupQuery, response: { 200: flagLookupResponse, ...errors } } }, async (req) =>
      children.lookupFlags(deps, { actor: req.actor(), nhsNumber: req.query.nhsNumber }),
    );
  };
}
