/**
 * DIAGNOSTIC ONLY — a bench-only route that does the flag lookup's reads with scope and audit switched
 * off, to show what they cost. src/ has no switch for them, so this is written here, in the same shape
 * as the real route (lookupFlagsAudited: ONE statement, one round trip, an implicit transaction): the
 * child by NHS number with its status episodes, alerts and responsible LA aggregated as JSON — but no
 * scope or access-basis columns, no audit chain update and no audit insert (so a read-only commit: no
 * WAL flush). Then deriveFlags, as lookupFlags does. Never served by CLASP itself. If lookupFlags'
 * reads change, this can drift from it: the real route is always measured beside it.
 *
 *   GET /api/v1/bench/flags-no-scope-no-audit?nhsNumber=…
 *
 * It sits under /api/v1/, so it passes through the same session hook and uses the same zod query
 * validation and response serialisation as the real GET /api/v1/flags.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { flagLookupQuery, flagLookupResponse } from '../src/contracts/children.js';
import { deriveFlags, type CpCategory, type ManualFlagKind, type StatusKind } from '../src/domain/status/flags.js';
import type { Db } from '../src/server/db/database.js';
import { createChildNotFoundError } from '../src/server/modules/children/children.errors.js';
import type { Clock } from '../src/server/shared/clock.js';

export const FLAG_VARIANT_PATH = '/api/v1/bench/flags-no-scope-no-audit';

interface Row {
  id: string;
  nhs_number: string | null;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  is_unborn: boolean;
  episodes: { id: string; kind: string; startedOn: string; endedOn: string | null; cpCategory: string | null; legalStatus: string | null; placementType: string | null; placementInArea: boolean | null; extendedTo25: boolean }[] | null;
  manual_flags: { id: string; kind: string; note: string | null; source: string; recordedBy: string; recordedAt: string; reviewOn: string; endedOn: string | null; disclosureDecision: 'disclosed' | 'not_disclosed' }[] | null;
  responsible_la: { id: string; code: string; name: string } | null;
}

export function flagVariantRoutes(root: FastifyInstance, { db, clock }: { db: Db; clock: Clock }): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(FLAG_VARIANT_PATH, { schema: { querystring: flagLookupQuery, response: { 200: flagLookupResponse } } }, async (req) => {
    req.actor();
    const today = clock.today();
    const { rows } = await sql<Row>`
      SELECT c.id, c.nhs_number, c.given_name, c.family_name, c.date_of_birth, c.is_unborn,
             (SELECT json_agg(json_build_object('id', se.id, 'kind', se.kind, 'startedOn', se.started_on, 'endedOn', se.ended_on,
                                                'cpCategory', se.cp_category, 'legalStatus', se.legal_status, 'placementType', se.placement_type,
                                                'placementInArea', se.placement_in_area, 'extendedTo25', se.extended_to_25) ORDER BY se.started_on DESC)
                FROM status_episodes se WHERE se.child_id = c.id) AS episodes,
             (SELECT json_agg(json_build_object('id', f.id, 'kind', f.kind, 'note', f.note, 'source', f.source, 'recordedBy', f.recorded_by,
                                                'recordedAt', f.recorded_at, 'reviewOn', f.review_on, 'endedOn', f.ended_on,
                                                'disclosureDecision', f.disclosure_decision))
                FROM manual_flags f WHERE f.child_id = c.id) AS manual_flags,
             (SELECT json_build_object('id', o.id, 'code', o.code, 'name', o.name) FROM organisations o WHERE o.id = c.responsible_la_id) AS responsible_la
        FROM children c
       WHERE c.nhs_number = ${req.query.nhsNumber}`.execute(db);
    const row = rows[0];
    if (!row) throw createChildNotFoundError();
    const flags = deriveFlags({
      episodes: (row.episodes ?? []).map((e) => ({ ...e, kind: e.kind as StatusKind, cpCategory: e.cpCategory as CpCategory | null })),
      manualFlags: (row.manual_flags ?? []).map((f) => ({ ...f, kind: f.kind as ManualFlagKind, recordedAt: new Date(f.recordedAt).toISOString() })),
      today,
      dateOfBirth: row.date_of_birth,
      isUnborn: row.is_unborn,
    });
    return {
      child: { id: row.id, nhsNumber: row.nhs_number, givenName: row.given_name, familyName: row.family_name, dateOfBirth: row.date_of_birth },
      flags,
      responsibleLocalAuthority: row.responsible_la,
    };
  });
}
