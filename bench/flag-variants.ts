/**
 * DIAGNOSTIC ONLY — a bench-only route that does the flag lookup's reads with scope and audit switched
 * off, to show what they cost. src/ has no switch for them, so this re-composes repository functions
 * here: the child by NHS number, then its episodes, alerts and responsible LA (the three loads run in
 * parallel on the pool; no transaction, no scope columns, no audit row). Never served by CLASP itself.
 *
 *   GET /api/v1/bench/flags-no-scope-no-audit?nhsNumber=…
 *
 * It sits under /api/v1/, so it passes through the same session hook and uses the same zod query
 * validation and response serialisation as the real GET /api/v1/flags.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { flagLookupQuery, flagLookupResponse } from '../src/contracts/children.js';
import { deriveFlags } from '../src/domain/status/flags.js';
import type { Db } from '../src/server/db/database.js';
import { createChildNotFoundError } from '../src/server/modules/children/children.errors.js';
import { loadEpisodes, loadManualFlags, loadOrganisations } from '../src/server/modules/children/children.repository.js';
import type { Clock } from '../src/server/shared/clock.js';

export const FLAG_VARIANT_PATH = '/api/v1/bench/flags-no-scope-no-audit';

export function flagVariantRoutes(root: FastifyInstance, { db, clock }: { db: Db; clock: Clock }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(FLAG_VARIANT_PATH, { schema: { querystring: flagLookupQuery, response: { 200: flagLookupResponse } } }, async (req) => {
    req.actor();
    const today = clock.today();
    const child = await db
      .selectFrom('children')
      .select(['id', 'nhs_number', 'given_name', 'family_name', 'date_of_birth', 'is_unborn', 'responsible_la_id'])
      .where('nhs_number', '=', req.query.nhsNumber)
      .executeTakeFirst();
    if (!child) throw createChildNotFoundError();
    const [episodes, manual, orgs] = await Promise.all([loadEpisodes(db, [child.id]), loadManualFlags(db, [child.id]), loadOrganisations(db, [child.responsible_la_id])]);
    const flags = deriveFlags({ episodes: episodes.get(child.id) ?? [], manualFlags: manual.get(child.id) ?? [], today, dateOfBirth: child.date_of_birth, isUnborn: child.is_unborn });
    return {
      child: { id: child.id, nhsNumber: child.nhs_number, givenName: child.given_name, familyName: child.family_name, dateOfBirth: child.date_of_birth },
      flags,
      responsibleLocalAuthority: child.responsible_la_id ? (orgs.get(child.responsible_la_id) ?? null) : null,
    };
  });
}
