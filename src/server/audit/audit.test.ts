import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { DatabaseHandle } from '../db/database.js';
import { createTestDb } from '../test/test-db.js';
import { canonicalJson, recordAudit, verifyAuditChain } from './audit.js';

let handle: DatabaseHandle;
const actor = { userId: '11111111-1111-4111-8111-111111111111', username: 'tester', role: 'health_visitor' as const, organisationId: '22222222-2222-4222-8222-222222222222', teamId: null, channel: 'api' as const };
const childId = '33333333-3333-4333-8333-333333333333';

beforeEach(async () => {
  handle = await createTestDb();
  for (let i = 0; i < 5; i += 1) await recordAudit(handle.db, { actor, action: 'child.read', outcome: 'allowed', childId, details: { i }, at: new Date(Date.UTC(2026, 10, 27, 9, 0, i)) });
  await recordAudit(handle.db, { actor, action: 'child.search', outcome: 'allowed', details: {}, at: new Date('2026-11-27T09:01:00Z') });
});
afterEach(async () => handle.close());

/** Tampering is done as a database owner would: the append-only trigger switched off first. */
async function tamper(statement: ReturnType<typeof sql>) {
  await handle.db.transaction().execute(async (tx) => {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(tx);
    await statement.execute(tx);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`.execute(tx);
  });
}

describe('hash-chained audit log', () => {
  test('an untouched log verifies', async () => {
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, rowsChecked: 6, firstBreak: null });
  });

  test('rows cannot be updated or deleted through the database (append-only trigger)', async () => {
    await expect(sql`UPDATE audit_events SET outcome = 'denied'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(handle.db)).rejects.toThrow(/append-only/);
  });

  test('a changed column is detected at that row', async () => {
    const target = await handle.db.selectFrom('audit_events').select(['chain_id', 'seq']).where('action', '=', 'child.read').where('seq', '=', '3').executeTakeFirstOrThrow();
    await tamper(sql`UPDATE audit_events SET outcome = 'denied' WHERE chain_id = ${target.chain_id} AND seq = 3`);
    const result = await verifyAuditChain(handle.db);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ chainId: target.chain_id, seq: 3 });
    expect(result.firstBreak!.problem).toMatch(/changed/);
  });

  test('a rewritten record (with its own hash recomputed) breaks the link to the next row', async () => {
    const target = await handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'child.read').where('seq', '=', '2').executeTakeFirstOrThrow();
    const forged = canonicalJson({ ...JSON.parse(target.record), outcome: 'allowed', details: { i: 99 } });
    await tamper(sql`UPDATE audit_events SET record = ${forged}, hash = encode(sha256(convert_to(prev_hash || E'\n' || ${forged}, 'UTF8')), 'hex') WHERE chain_id = ${target.chain_id} AND seq = 2`);
    const result = await verifyAuditChain(handle.db);
    expect(result.firstBreak).toMatchObject({ chainId: target.chain_id, seq: 3 });
  });

  test('a deleted row is detected as a gap', async () => {
    const target = await handle.db.selectFrom('audit_events').select('chain_id').where('action', '=', 'child.read').executeTakeFirstOrThrow();
    await tamper(sql`DELETE FROM audit_events WHERE chain_id = ${target.chain_id} AND seq = 2`);
    const result = await verifyAuditChain(handle.db);
    expect(result.firstBreak).toMatchObject({ chainId: target.chain_id, seq: 3 });
    expect(result.firstBreak!.problem).toMatch(/missing/);
  });

  test('a deleted last row is detected against the chain head', async () => {
    const target = await handle.db.selectFrom('audit_events').select('chain_id').where('action', '=', 'child.read').executeTakeFirstOrThrow();
    await tamper(sql`DELETE FROM audit_events WHERE chain_id = ${target.chain_id} AND seq = 5`);
    const result = await verifyAuditChain(handle.db);
    expect(result.firstBreak).toMatchObject({ chainId: target.chain_id, seq: 5 });
    expect(result.firstBreak!.problem).toMatch(/chain head/);
  });

  test('an inserted row is detected', async () => {
    const target = await handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'child.read').where('seq', '=', '5').executeTakeFirstOrThrow();
    await tamper(sql`UPDATE audit_events SET seq = seq + 100 WHERE chain_id = ${target.chain_id} AND seq >= 3`);
    await tamper(sql`UPDATE audit_events SET seq = seq - 99 WHERE chain_id = ${target.chain_id} AND seq >= 100`);
    await tamper(sql`INSERT INTO audit_events (chain_id, seq, occurred_at, actor_id, action, outcome, child_id, record, prev_hash, hash) SELECT chain_id, 3, occurred_at, actor_id, action, outcome, child_id, record, prev_hash, hash FROM audit_events WHERE chain_id = ${target.chain_id} AND seq = 2`);
    const result = await verifyAuditChain(handle.db);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ chainId: target.chain_id, seq: 3 });
  });
});

describe('batch append (imports)', () => {
  test('many rows appended at once verify, interleaved with single appends', async () => {
    const { recordAuditBatch } = await import('./audit.js');
    const entries = Array.from({ length: 250 }, (_, i) => ({ actor, action: 'import.child', outcome: 'allowed' as const, childId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, details: { i }, at: new Date('2026-11-27T10:00:00Z') }));
    await handle.db.transaction().execute((tx) => recordAuditBatch(tx, entries));
    await recordAudit(handle.db, { actor, action: 'child.read', outcome: 'allowed', childId, at: new Date('2026-11-27T10:01:00Z') });
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true, rowsChecked: 257 });
  });
});
