import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accessReviewQuery, accessReviewResponse, auditExportQuery, unusualAccessQuery, unusualAccessResponse } from '../../../contracts/access-review.js';
import { childParams } from '../../../contracts/children.js';
import { errorBody } from '../../../contracts/errors.js';
import * as accessReview from './access-review.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };

/** The access review ("who has looked at this child and why"), the area's unusual access, and audit exports (#5). */
export function accessReviewRoutes(deps: accessReview.Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/children/:childId/access-review',
      { schema: { tags: ['access-review'], summary: 'Who has looked at this child’s record and why: every access, grouped by person, unusual ones highlighted', params: childParams, querystring: accessReviewQuery, response: { 200: accessReviewResponse, ...errors } } },
      async (req) => accessReview.accessReview(deps, { actor: req.actor(), childId: req.params.childId, query: req.query }),
    );

    app.get(
      '/access-review/unusual',
      { schema: { tags: ['access-review'], summary: 'Users whose access to children’s records stands out in the last N days (designated and named professionals)', querystring: unusualAccessQuery, response: { 200: unusualAccessResponse, ...errors } } },
      async (req) => accessReview.unusualAccess(deps, { actor: req.actor(), days: req.query.days }),
    );

    app.get(
      '/audit/export',
      { schema: { tags: ['access-review'], summary: 'Audit rows of one child or one user for an investigation, with chain id, seq, hash and previous hash (CSV or JSON)', querystring: auditExportQuery } },
      async (req, reply) => {
        const exported = await accessReview.exportAudit(deps, { actor: req.actor(), query: req.query });
        const name = `audit-${exported.subject.kind}-${exported.subject.id}`;
        if (req.query.format === 'csv') {
          return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}.csv"`).send(accessReview.auditExportCsv(exported.rows));
        }
        return reply.type('application/json; charset=utf-8').header('cache-control', 'no-store').header('content-disposition', `attachment; filename="${name}.json"`).send(exported);
      },
    );
  };
}
