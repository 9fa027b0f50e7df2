import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { childParams } from '../../../contracts/children.js';
import { chronologyQuery, chronologyResponse } from '../../../contracts/chronology.js';
import { errorBody } from '../../../contracts/errors.js';
import { reportOverrideQuery } from '../../../contracts/consent.js';
import * as chronology from './chronology.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody };
/** #5 consent: the exports are reports, so they also take the safeguarding override (`override=1&reason=…`). */
const exportQuery = chronologyQuery.safeExtend(reportOverrideQuery.shape);
const overrideOf = (q: { override?: '0' | '1' | undefined; reason?: string | undefined }) => ({ ...(q.override ? { override: q.override } : {}), ...(q.reason !== undefined ? { reason: q.reason } : {}) });

/**
 * The print page's own CSP: nothing may load (no scripts, images, fonts or frames) and the one inline
 * <style> is allowed by its hash — stricter than the app's policy, which has no inline styles at all.
 */
function printCsp(styleHash: string): string {
  return `default-src 'none'; style-src '${styleHash}'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

export function chronologyRoutes(deps: chronology.Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/children/:childId/chronology',
      { schema: { tags: ['chronology'], summary: 'A child’s chronology, newest first: filters, keyset pages, counts per type; restricted entries say whom to ask', params: childParams, querystring: chronologyQuery, response: { 200: chronologyResponse, ...errors } } },
      async (req) => chronology.readChronology(deps, { actor: req.actor(), childId: req.params.childId, query: req.query }),
    );

    app.get(
      '/children/:childId/household-chronology',
      { schema: { tags: ['chronology'], summary: 'The chronology of the child’s household: every member you have in scope, a household event once', params: childParams, querystring: chronologyQuery, response: { 200: chronologyResponse, ...errors } } },
      async (req) => chronology.readHouseholdChronology(deps, { actor: req.actor(), childId: req.params.childId, query: req.query }),
    );

    app.get(
      '/children/:childId/chronology.csv',
      { schema: { tags: ['chronology'], summary: 'The chronology as CSV (same filters; restricted rows say whom to ask; non-standard entries only with consent or a safeguarding override)', params: childParams, querystring: exportQuery } },
      async (req, reply) => {
        const { csv, omitted } = await chronology.exportChronologyCsv(deps, { actor: req.actor(), childId: req.params.childId, query: req.query, overrideQuery: overrideOf(req.query) });
        return reply
          .type('text/csv; charset=utf-8')
          .header('x-clasp-omitted-without-consent', String(omitted))
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename="chronology-${req.params.childId}.csv"`)
          .send(csv);
      },
    );

    app.get(
      '/children/:childId/chronology/print',
      { schema: { tags: ['chronology'], summary: 'The chronology as a self-contained print-styled HTML page for conferences and supervision (non-standard entries only with consent or a safeguarding override)', params: childParams, querystring: exportQuery } },
      async (req, reply) => {
        const { html, styleHash, omitted } = await chronology.printChronology(deps, { actor: req.actor(), childId: req.params.childId, query: req.query, overrideQuery: overrideOf(req.query) });
        return reply.type('text/html; charset=utf-8').header('x-clasp-omitted-without-consent', String(omitted)).header('cache-control', 'no-store').header('content-security-policy', printCsp(styleHash)).send(html);
      },
    );
  };
}
