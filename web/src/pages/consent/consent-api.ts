import { z } from 'zod';
import { consentBody, consentListResponse, consentView, shareBody, shareDecisionResponse, shareRecipientsResponse, shareResponse, sharesListResponse } from '../../../../src/contracts/consent.js';
import { api } from '../../api/client.js';

/** The consent and sharing API (#5), used only by the lazily loaded consent pages. */
const child = (childId: string) => `/api/v1/children/${encodeURIComponent(childId)}`;

export const consentApi = {
  list: (childId: string) => api.get(`${child(childId)}/consents`, { schema: consentListResponse }),
  record: (childId: string, body: z.output<typeof consentBody>) => api.post(`${child(childId)}/consents`, body, { schema: z.object({ consent: consentView }) }),
  withdraw: (childId: string, consentId: string, body: { reason: string; withdrawnOn?: string | undefined }) =>
    api.post(`${child(childId)}/consents/${encodeURIComponent(consentId)}/withdraw`, body, { schema: z.object({ consent: consentView }) }),
  recipients: () => api.get('/api/v1/share-recipients', { schema: shareRecipientsResponse }),
  decision: (childId: string, q: { eventIds: readonly string[]; recipientTeamId: string }) =>
    api.get(`${child(childId)}/shares/decision`, { query: { eventIds: q.eventIds.join(','), recipientTeamId: q.recipientTeamId }, schema: shareDecisionResponse }),
  share: (childId: string, body: z.output<typeof shareBody>) => api.post(`${child(childId)}/shares`, body, { schema: shareResponse }),
  shares: (childId: string) => api.get(`${child(childId)}/shares`, { schema: sharesListResponse }),
};
