import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseHandle } from '../db/database.js';
import { fixedClock } from '../shared/clock.js';
import type { Actor } from '../shared/actor.js';
import { createTestDb } from '../test/test-db.js';
import { seedFixture } from '../test/fixtures.js';
import { withChild } from '../modules/children/children.usecases.js';
import { lookupFlags } from '../modules/children/children.usecases.js';
import { setReadAuditCommit } from './audit.js';

/** ADR 0006: CLASP_READ_AUDIT_COMMIT=async makes a READ's transaction commit asynchronously — and nothing else. */
let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof seedFixture>>;
let designated: Actor;
const clock = fixedClock('2026-11-27T12:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  designated = { userId: fx.users.designated!.id, username: 'designated', role: 'designated_nurse', organisationId: fx.organisations.icb, teamId: null, channel: 'api' };
}, 60_000);
afterEach(() => setReadAuditCommit('sync'));
afterAll(async () => {
  await handle?.close();
});

const commitSettingInside = (action: 'read' | 'update') =>
  withChild({ db: handle.db, clock }, { actor: designated, childId: fx.children.amelia, resource: 'child', action, auditAction: `test.${action}` }, async (tx) => {
    const { rows } = await sql<{ mode: string }>`SELECT current_setting('synchronous_commit') AS mode`.execute(tx);
    return rows[0]!.mode;
  });

describe('read-audit commit mode', () => {
  test('by default every transaction, read or write, commits synchronously', async () => {
    expect(await commitSettingInside('read')).toBe('on');
    expect(await commitSettingInside('update')).toBe('on');
  });

  test('async: a read commits asynchronously, a write never does; both are still audited', async () => {
    setReadAuditCommit('async');
    expect(await commitSettingInside('read')).toBe('off');
    expect(await commitSettingInside('update')).toBe('on');
    const audit = await handle.db.selectFrom('audit_events').select('action').where('action', 'in', ['test.read', 'test.update']).execute();
    expect(audit.length).toBeGreaterThanOrEqual(4);
    // The setting is local to the transaction: the next statement outside it is back to the default.
    const { rows } = await sql<{ mode: string }>`SELECT current_setting('synchronous_commit') AS mode`.execute(handle.db);
    expect(rows[0]!.mode).toBe('on');
  });

  test('async: the one-statement flag lookup still finds the child and writes its audit row', async () => {
    setReadAuditCommit('async');
    const result = await lookupFlags({ db: handle.db, clock }, { actor: designated, nhsNumber: '9434765919' });
    expect(result.child.id).toBe(fx.children.amelia);
    const row = await handle.db.selectFrom('audit_events').select('outcome').where('action', '=', 'flag.lookup').orderBy('logged_order', 'desc').executeTakeFirstOrThrow();
    expect(row.outcome).toBe('allowed');
  });
});
