import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DatabaseHandle } from './database.js';
import { createTestDb } from '../test/test-db.js';
import { arrayLiteral, bulkDelete, bulkInsert, bulkUpdate } from './bulk.js';

describe('arrayLiteral', () => {
  test.each([
    [['a', 'b'], '{a,b}'],
    [[null, undefined, 'x'], '{NULL,NULL,x}'],
    [['', 'null', 'NULL'], '{"","null","NULL"}'],
    [['a b', 'a,b', 'a"b', 'a\\b', '{x}'], '{"a b","a,b","a\\"b","a\\\\b","{x}"}'],
    [[1, true, false], '{1,t,f}'],
    [['2024-01-01', '01972b5c-ee00-7000-8000-3ab053a2f60a'], '{2024-01-01,01972b5c-ee00-7000-8000-3ab053a2f60a}'],
  ])('%j → %s', (values, literal) => {
    expect(arrayLiteral(values)).toBe(literal);
  });
});

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDb();
  await sql`CREATE TABLE bulk_test (k integer PRIMARY KEY, t text, d date, at timestamptz)`.execute(handle.db);
}, 60_000);
afterAll(async () => {
  await handle?.close();
});

describe('bulk statements (unnest), on the test database', () => {
  test('round-trip awkward text through insert, update and delete, in several batches', async () => {
    const awkward = ['plain', 'with space', 'comma, here', 'quote " here', 'back\\slash', '', 'NULL', null, '{braces}', 'ünïcödé'];
    const rows = Array.from({ length: 12_000 }, (_, i) => [i, awkward[i % awkward.length], i % 3 === 0 ? null : '2024-02-29']);
    await bulkInsert(handle.db, { table: 'bulk_test', columns: [['k', 'integer'], ['t', 'text'], ['d', 'date']], rows, constants: { at: sql`now()` } });
    const stored = await sql<{ k: number; t: string | null; d: string | null }>`SELECT k, t, d FROM bulk_test ORDER BY k`.execute(handle.db);
    expect(stored.rows).toHaveLength(12_000);
    expect(stored.rows.slice(0, 10).map((r) => r.t)).toEqual(awkward);
    expect(stored.rows[1]!.d).toBe('2024-02-29');
    expect(stored.rows[0]!.d).toBeNull();

    await bulkUpdate(handle.db, { table: 'bulk_test', key: [['k', 'integer']], set: [['t', 'text']], rows: [[1, 'changed'], [2, null]] });
    await bulkDelete(handle.db, { table: 'bulk_test', key: [['k', 'integer']], rows: Array.from({ length: 6_000 }, (_, i) => [i * 2]) });
    const left = await sql<{ k: number; t: string | null }>`SELECT k, t FROM bulk_test WHERE k < 4 ORDER BY k`.execute(handle.db);
    expect(left.rows).toEqual([{ k: 1, t: 'changed' }, { k: 3, t: 'quote " here' }]);
  });

  test('ON CONFLICT DO NOTHING returns only the rows inserted', async () => {
    const returned = await bulkInsert(handle.db, { table: 'bulk_test', columns: [['k', 'integer'], ['t', 'text']], rows: [[1, 'dup'], [20_001, 'new']], onConflictDoNothing: sql`(k)`, returning: 'k' });
    expect(returned).toEqual([20_001]);
  });
});
