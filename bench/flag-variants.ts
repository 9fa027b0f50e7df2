/**
 * DIAGNOSTIC ONLY — bench-only routes that repeat CLASP's flag lookup (lookupFlags in
 * src/server/modules/children/children.usecases.ts) with parts switched off, to show where the hot
 * path's time goes. src/ has no switch for scope or audit, so these re-compose the same repository
 * functions here; if lookupFlags changes, these can drift from it (compare against the real route,
 * which the benchmark always measures too). Never served by CLASP itself.
 *
 *   GET /api/v1/bench/flags-no-audit?nhsNumber=…        same transaction, role check, scope columns and
 *                                                       loads as lookupFlags, without the audit insert
 *   GET /api/v1/bench/flags-no-scope-no-audit?nhsNumber=…  no transaction, no scope columns, no audit:
 *                                                       child by NHS number, then the three loads
 *                                                       (in parallel on the pool)
 *
 * Both sit under /api/v1/, so they pass through the same session hook and use the same zod query
 * validation and response serialisation as the real route.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { flagLookupQuery, flagLookupResponse } from '../src/contracts/children.js';
import { accessBasis, canAccessRecord, canPerform, hasUnscheduledCareFlagLookup } from '../src/domain/access/permissions.js';
import { deriveFlags } from '../src/domain/status/flags.js';
import type { Db } from '../src/server/db/database.js';
import { createChildNotFoundError } from '../src/server/modules/children/children.errors.js';
import { findChildByNhsNumberWithRelationships, loadEpisodes, loadManualFlags, loadOrganisations, type ChildRow } from '../src/server/modules/children/children.repository.js';
import { createForbiddenError } from '../src/server/shared/app-error.js';
import type { Clock } from '../src/server/shared/clock.js';

export const FLAG_VARIANT_PATHS = {
  noAudit: '/api/v1/bench/flags-no-audit',
  noScopeNoAudit: '/api/v1/bench/flags-no-scope-no-audit',
} as const;

async function loadFlags(db: Db, child: ChildRow, today: string) {
  const [episodes, manual, orgs] = await Promise.all([loadEpisodes(db, [child.id]), loadManualFlags(db, [child.id]), loadOrganisations(db, [child.responsible_la_id])]);
  const flags = deriveFlags({ episodes: episodes.get(child.id) ?? [], manualFlags: manual.get(child.id) ?? [], today, dateOfBirth: child.date_of_birth, isUnborn: child.is_unborn });
  return {
    child: { id: child.id, nhsNumber: child.nhs_number, givenName: child.given_name, familyName: child.family_name, dateOfBirth: child.date_of_birth },
    flags,
    responsibleLocalAuthority: child.responsible_la_id ? (orgs.get(child.responsible_la_id) ?? null) : null,
  };
}

export function flagVariantRoutes(root: FastifyInstance, { db, clock }: { db: Db; clock: Clock }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const schema = { querystring: flagLookupQuery, response: { 200: flagLookupResponse } };

  app.get(FLAG_VARIANT_PATHS.noAudit, { schema }, async (req) => {
    const actor = req.actor();
    const at = { today: clock.today(), now: clock.now() };
    return db.transaction().execute(async (tx) => {
      if (!canPerform({ role: actor.role, resource: 'flag', action: 'read' })) throw createForbiddenError();
      const found = await findChildByNhsNumberWithRelationships(tx, { nhsNumber: req.query.nhsNumber, actor, at });
      const allowed = found && (hasUnscheduledCareFlagLookup(actor.role) || canAccessRecord({ role: actor.role, relationships: found.relationships }));
      if (!found || !allowed) throw createChildNotFoundError();
      accessBasis({ role: actor.role, relationships: found.relationships });
      return loadFlags(tx, found.child, at.today);
    });
  });

  app.get(FLAG_VARIANT_PATHS.noScopeNoAudit, { schema }, async (req) => {
    req.actor();
    const child = (await db.selectFrom('children').selectAll().where('nhs_number', '=', req.query.nhsNumber).executeTakeFirst()) as ChildRow | undefined;
    if (!child) throw createChildNotFoundError();
    return loadFlags(db, child, clock.today());
  });
}
