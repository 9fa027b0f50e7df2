import { z } from 'zod';
import { chronologyResponse } from '../../../src/contracts/chronology.js';
import { recordedEvent, worklistResponse as teamWorklistResponse } from '../../../src/contracts/events.js';
import { childLoopsResponse, gpReportDraft, loopView } from '../../../src/contracts/safeguarding-loops.js';
import { api } from './client.js';
import { driftListResponse, driftRulesResponse, routingRulesResponse, worklistTeamsResponse } from './safeguarding-schemas.js';

/**
 * The safeguarding API (#3): events, team worklists, chronology, closed loops and drift. A module of its
 * own, imported only by the lazily loaded safeguarding pages, so its contracts stay out of the first bundle.
 */
const base = '/api/v1';
const child = (childId: string) => `${base}/children/${encodeURIComponent(childId)}`;

/** Chronology filters as query parameters (lists joined with commas, as the server accepts). */
export interface ChronologyParams {
  type?: readonly string[];
  service?: readonly string[];
  significance?: readonly string[];
  cursor?: string;
  limit?: number;
}
function chronologyQuery(params: ChronologyParams): Record<string, string | undefined> {
  return {
    type: params.type?.length ? params.type.join(',') : undefined,
    service: params.service?.length ? params.service.join(',') : undefined,
    significance: params.significance?.length ? params.significance.join(',') : undefined,
    cursor: params.cursor,
    limit: params.limit === undefined ? undefined : String(params.limit),
  };
}
/** The chronology exports (plain same-origin links: the session cookie goes with them). */
export function chronologyExportHref(childId: string, kind: 'csv' | 'print', params: ChronologyParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(chronologyQuery({ ...params, cursor: undefined, limit: undefined }))) if (value) search.set(key, value);
  const query = search.toString();
  return `${child(childId)}/${kind === 'csv' ? 'chronology.csv' : 'chronology/print'}${query ? `?${query}` : ''}`;
}

export const safeguardingEndpoints = {
  recordEvent: (childId: string, body: unknown) => api.post(`${child(childId)}/events`, body, { schema: recordedEvent }),
  worklistTeams: () => api.get(`${base}/worklists/teams`, { schema: worklistTeamsResponse }),
  teamWorklist: (query: { teamId?: string; state: string }) => api.get(`${base}/worklists`, { query, schema: teamWorklistResponse }),
  acknowledgeWorklistItem: (childId: string, itemId: string) => api.post(`${child(childId)}/worklist-items/${encodeURIComponent(itemId)}/acknowledge`, undefined),
  actionWorklistItem: (childId: string, itemId: string, body: unknown) => api.post(`${child(childId)}/worklist-items/${encodeURIComponent(itemId)}/action`, body),
  routingRules: () => api.get(`${base}/routing-rules`, { schema: routingRulesResponse }),
  chronology: (childId: string, params: ChronologyParams, household = false) =>
    api.get(`${child(childId)}/${household ? 'household-chronology' : 'chronology'}`, { query: chronologyQuery(params), schema: chronologyResponse }),
  childLoops: (childId: string) => api.get(`${child(childId)}/loops`, { schema: childLoopsResponse }),
  createConference: (childId: string, body: unknown) => api.post(`${child(childId)}/cp-conferences`, body, { schema: z.object({ conferenceId: z.string(), loop: loopView }) }),
  gpReportDraft: (childId: string, conferenceId: string) => api.get(`${child(childId)}/cp-conferences/${encodeURIComponent(conferenceId)}/gp-report-draft`, { schema: gpReportDraft }),
  recordConferenceReport: (childId: string, conferenceId: string, body: unknown) =>
    api.post(`${child(childId)}/cp-conferences/${encodeURIComponent(conferenceId)}/reports`, body, { schema: z.object({ loop: loopView }) }),
  acknowledgeLoopStep: (childId: string, loopId: string, stepId: string) =>
    api.post(`${child(childId)}/loops/${encodeURIComponent(loopId)}/steps/${encodeURIComponent(stepId)}/acknowledge`, undefined, { schema: z.object({ loop: loopView }) }),
  drift: (teamId?: string) => api.get(`${base}/drift`, { query: { teamId }, schema: driftListResponse }),
  driftRules: () => api.get(`${base}/drift-rules`, { schema: driftRulesResponse }),
};
