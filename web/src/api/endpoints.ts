import { z } from 'zod';
import { metaResponse, sessionResponse } from '../../../src/contracts/auth.js';
import {
  childResponse,
  cohortResponse,
  createChildResponse,
  possibleDuplicateSchema,
  searchChildrenResponse,
} from '../../../src/contracts/children.js';
import { api } from './client.js';

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
};
