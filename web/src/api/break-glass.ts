import { activeBreakGlassResponse, breakGlassGrantResponse, notificationsResponse, reviewQueueResponse, stepUpResponse, type BreakGlassBody } from '../../../src/contracts/break-glass.js';
import { api } from './client.js';

/** Break-glass emergency access, step-up, the review queue and notifications (#5). 401s are the page's to handle. */
export const breakGlassApi = {
  stepUp: (password: string) => api.post('/api/v1/auth/step-up', { password }, { schema: stepUpResponse, handle401: true }),
  request: (childId: string, body: BreakGlassBody) => api.post(`/api/v1/children/${encodeURIComponent(childId)}/break-glass`, body, { schema: breakGlassGrantResponse, handle401: true }),
  requestByNhsNumber: (nhsNumber: string, body: BreakGlassBody) => api.post('/api/v1/break-glass', { ...body, nhsNumber }, { schema: breakGlassGrantResponse, handle401: true }),
  active: (childId: string) => api.get(`/api/v1/children/${encodeURIComponent(childId)}/break-glass`, { schema: activeBreakGlassResponse }),
  reviewQueue: (status: 'open' | 'all') => api.get('/api/v1/break-glass/review-queue', { query: { status }, schema: reviewQueueResponse }),
  review: (grantId: string, body: { outcome: string; note?: string | undefined }) => api.post(`/api/v1/break-glass/${encodeURIComponent(grantId)}/review`, body),
  notifications: () => api.get('/api/v1/notifications', { schema: notificationsResponse }),
};
