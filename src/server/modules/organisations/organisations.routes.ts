import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../../contracts/errors.js';
import { cohortQuery, cohortResponse } from '../../../contracts/children.js';
import { ORGANISATION_KINDS } from '../../../domain/organisations.js';
import type { Deps } from '../children/children.usecases.js';
import { practiceCohort } from '../cohorts/cohorts.usecases.js';

export function organisationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/organisations',
      {
        schema: {
          tags: ['organisations'],
          summary: 'Organisations (for choosing a GP practice or school)',
          querystring: z.object({ kind: z.enum(Object.keys(ORGANISATION_KINDS) as [string, ...string[]]).optional() }),
          response: { 200: z.object({ organisations: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() })) }), 401: errorBody },
        },
      },
      async (req) => {
        req.actor();
        let query = deps.db.selectFrom('organisations').select(['id', 'code', 'name', 'kind']).orderBy('name').limit(2000);
        if (req.query.kind) query = query.where('kind', '=', req.query.kind);
        return { organisations: await query.execute() };
      },
    );

    app.get('/cohorts/practice', { schema: { tags: ['cohorts'], summary: 'Every registered child who is looked after, on a CP plan or a CIN plan (review 5.1.4)', querystring: cohortQuery, response: { 200: cohortResponse, 401: errorBody, 403: errorBody, 404: errorBody } } }, async (req) =>
      practiceCohort(deps, { actor: req.actor(), practiceId: req.query.practiceId }),
    );
  };
}
