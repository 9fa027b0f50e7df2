import { accessReviewResponse, unusualAccessResponse } from '../../../src/contracts/access-review.js';
import { api } from './client.js';

/**
 * The access review API (#5): who has looked at a child's record, the area's unusual access, and the audit
 * export link. Imported only by the lazily loaded access-review pages.
 */
const base = '/api/v1';

export const accessReviewEndpoints = {
  childAccessReview: (childId: string, period: { from?: string | undefined; to?: string | undefined }) =>
    api.get(`${base}/children/${encodeURIComponent(childId)}/access-review`, { query: { from: period.from, to: period.to }, schema: accessReviewResponse }),
  unusualAccess: (days: number) => api.get(`${base}/access-review/unusual`, { query: { days: String(days) }, schema: unusualAccessResponse }),
};

/** The CSV of a child's audit rows for an investigation (a plain same-origin link: the session cookie goes with it). */
export function auditExportHref({ childId, from, to }: { childId: string; from?: string | undefined; to?: string | undefined }): string {
  const search = new URLSearchParams({ childId, format: 'csv' });
  if (from) search.set('from', from);
  if (to) search.set('to', to);
  return `${base}/audit/export?${search.toString()}`;
}
