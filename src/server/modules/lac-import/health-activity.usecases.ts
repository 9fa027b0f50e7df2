/**
 * Import of health activity (health assessments, dental and development checks, immunisation status,
 * SDQ totals) migrated from a previous system. All or nothing, like the SSDA903 import; each row is
 * keyed `import:<child_id>:<activity>:<date>:<result>`, so importing the same file again adds nothing.
 */
import { sql } from 'kysely';
import { canPerform } from '../../../domain/access/permissions.js';
import { checkHealthActivityChildren, parseHealthActivityFile, sortHealthActivityErrors } from '../../../domain/lac-import/health-activity.js';
import { recordAudit, recordAuditBatch, type AuditEntry } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { createForbiddenError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { bulkInsert, selectInBatches } from '../../db/bulk.js';
import { createHealthActivityInvalidError, type ImportValidationError } from './lac-import.errors.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

export interface HealthActivityImportSummary {
  rows: number;
  /** Activities added by this import. */
  created: number;
  /** Rows CLASP already held from an earlier import of the same data. */
  unchanged: number;
  /** Children who gained at least one activity. */
  children: number;
}

export const HEALTH_ACTIVITY_AUDIT_ACTION = 'health_activity.import';
export const HEALTH_ACTIVITY_IMPORT_SOURCE = 'Imported from previous system';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ImportValidationError };

/**
 * `actor` null is the CLI acting as the system. Uses the same permission as the SSDA903 import
 * (create status episodes: the LAC health team and designated professionals).
 */
export async function importHealthActivity({ db, clock }: Deps, { actor, fileName, text }: { actor: Actor | null; fileName: string; text: string }): Promise<HealthActivityImportSummary> {
  const now = clock.now();
  if (actor && !canPerform({ role: actor.role, resource: 'status_episode', action: 'import' })) {
    await recordAudit(db, { actor, action: HEALTH_ACTIVITY_AUDIT_ACTION, outcome: 'denied', details: { reason: 'role' }, at: now });
    throw createForbiddenError();
  }
  const parsed = parseHealthActivityFile({ fileName, text, today: clock.today() });

  const outcome = await db.transaction().execute(async (tx): Promise<Outcome<HealthActivityImportSummary>> => {
    const ids = [...new Set(parsed.childReferences.map((r) => r.laChildId))];
    const found = await selectInBatches(ids, async (batch) =>
      (await sql<{ id: string; la_child_id: string; date_of_birth: string | null }>`SELECT id, la_child_id, date_of_birth FROM children WHERE la_child_id = ANY(${batch}::text[])`.execute(tx)).rows,
    );
    const children = new Map(found.map((c) => [c.la_child_id, { id: c.id, dateOfBirth: c.date_of_birth }]));
    const errors = [...parsed.errors, ...checkHealthActivityChildren({ fileName, childReferences: parsed.childReferences, children })];
    if (errors.length > 0) return { ok: false, error: createHealthActivityInvalidError(sortHealthActivityErrors(errors)) };

    const inserted = await bulkInsert(tx, {
      table: 'health_activities',
      columns: [['child_id', 'uuid'], ['activity', 'text'], ['activity_on', 'date'], ['result', 'text'], ['source_key', 'text'], ['recorded_by', 'uuid']],
      rows: parsed.rows.map((r) => [children.get(r.laChildId)!.id, r.activity, r.activityOn, r.result, r.sourceKey, actor?.userId ?? null]),
      constants: { id: sql`gen_random_uuid()`, source: sql`${HEALTH_ACTIVITY_IMPORT_SOURCE}::text`, recorded_at: sql`${now.toISOString()}::timestamptz` },
      onConflictDoNothing: sql`(child_id, source_key) WHERE source_key IS NOT NULL`,
      returning: 'child_id',
    });
    const perChild = new Map<string, number>();
    for (const childId of inserted as string[]) perChild.set(childId, (perChild.get(childId) ?? 0) + 1);
    const summary: HealthActivityImportSummary = { rows: parsed.rows.length, created: inserted.length, unchanged: parsed.rows.length - inserted.length, children: perChild.size };
    const entries: AuditEntry[] = [...perChild].map(([childId, created]) => ({ actor, action: HEALTH_ACTIVITY_AUDIT_ACTION, outcome: 'allowed', childId, details: { created }, at: now }));
    entries.push({ actor, action: HEALTH_ACTIVITY_AUDIT_ACTION, outcome: 'allowed', childId: null, details: { ...summary }, at: now });
    await recordAuditBatch(tx, entries);
    return { ok: true, value: summary };
  });
  if (!outcome.ok) {
    await recordAudit(db, { actor, action: HEALTH_ACTIVITY_AUDIT_ACTION, outcome: 'failed', details: { reason: 'invalid', errors: outcome.error.errors.length }, at: now });
    throw outcome.error;
  }
  return outcome.value;
}
