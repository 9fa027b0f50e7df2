import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { bulkInsert } from '../db/bulk.js';
import type { Db } from '../db/database.js';
import type { Actor } from '../shared/actor.js';

export const AUDIT_CHAINS = 16;

/**
 * How the audit row of a READ commits (ADR 0006), set once at start-up from validated configuration.
 * 'async' turns on PostgreSQL's asynchronous commit for read transactions only (set_config(..., true) is local
 * to the transaction); writes are never affected.
 */
export type ReadAuditCommit = 'sync' | 'async';
let readAuditCommit: ReadAuditCommit = 'sync';
export function setReadAuditCommit(mode: ReadAuditCommit): void {
  readAuditCommit = mode;
}
export function readAuditIsAsync(): boolean {
  return readAuditCommit === 'async';
}
/** In a read's transaction, before its audit row: commit it asynchronously when so configured. */
export async function applyReadAuditCommit(tx: Db): Promise<void> {
  if (readAuditCommit === 'async') await sql`SELECT set_config('synchronous_commit', 'off', true)`.execute(tx);
}
export type AuditOutcome = 'allowed' | 'denied' | 'not_found' | 'failed';

export interface AuditEntry {
  actor: Actor | null;
  action: string;
  outcome: AuditOutcome;
  childId?: string | null;
  /** No free text a user typed, no names: identifiers and codes only (no PII in the audit detail). */
  details?: Record<string, unknown>;
  at: Date;
}

export function chainFor(key: string): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i += 1) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619);
  return (hash >>> 0) % AUDIT_CHAINS;
}

/** Canonical JSON: keys sorted at every level, so the hashed text is reproducible. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditRecordText(entry: AuditEntry): string {
  return canonicalJson({
    v: 1,
    at: entry.at.toISOString(),
    actorId: entry.actor?.userId ?? null,
    role: entry.actor?.role ?? null,
    organisationId: entry.actor?.organisationId ?? null,
    channel: entry.actor?.channel ?? null,
    action: entry.action,
    outcome: entry.outcome,
    childId: entry.childId ?? null,
    details: entry.details ?? {},
  });
}

export function chainHash(prevHash: string, record: string): string {
  return createHash('sha256').update(`${prevHash}\n${record}`, 'utf8').digest('hex');
}

/**
 * Appends one row to the hash-chained audit log, in the caller's transaction (pass the transaction).
 * One statement: the chain head is advanced and the row inserted together, so concurrent writers on
 * the same chain queue on the chain row and the chain never forks.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  const record = auditRecordText(entry);
  const chainId = chainFor(entry.childId ?? entry.actor?.userId ?? 'system');
  await sql`
    WITH c AS (
      UPDATE audit_chains
         SET seq = seq + 1,
             prev_hash = last_hash,
             last_hash = encode(sha256(convert_to(last_hash || E'\n' || ${record}::text, 'UTF8')), 'hex')
       WHERE chain_id = ${chainId}
   RETURNING chain_id, seq, prev_hash, last_hash)
    INSERT INTO audit_events (chain_id, seq, occurred_at, actor_id, action, outcome, child_id, record, prev_hash, hash)
    SELECT chain_id, seq, ${entry.at.toISOString()}::timestamptz, ${entry.actor?.userId ?? null}::uuid, ${entry.action}, ${entry.outcome},
           ${entry.childId ?? null}::uuid, ${record}::text, prev_hash, last_hash
      FROM c`.execute(db);
}

export interface AuditBreak {
  chainId: number;
  seq: number;
  problem: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  rowsChecked: number;
  chains: number;
  firstBreak: AuditBreak | null;
}

/**
 * Walks every chain in order and reports the first break: a changed row (hash or columns no longer
 * match the record), a deleted row (gap in seq, or chain head ahead of the last row), an inserted row
 * (prev_hash does not link), or a truncated tail.
 */
export async function verifyAuditChain(db: Db, { onProgress }: { onProgress?: (rows: number) => void } = {}): Promise<AuditVerifyResult> {
  const heads = await db.selectFrom('audit_chains').selectAll().orderBy('chain_id').execute();
  let rowsChecked = 0;
  const batch = 5000;
  for (const head of heads) {
    let expectedSeq = 1;
    let prevHash = '0'.repeat(64);
    let lastSeq = 0;
    for (;;) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('chain_id', '=', head.chain_id)
        .where('seq', '>=', String(expectedSeq))
        .orderBy('seq')
        .limit(batch)
        .execute();
      for (const row of rows) {
        const seq = Number(row.seq);
        const fail = (problem: string): AuditVerifyResult => ({ ok: false, rowsChecked, chains: heads.length, firstBreak: { chainId: head.chain_id, seq, problem } });
        if (seq !== expectedSeq) return fail(`row ${expectedSeq} is missing (deleted?)`);
        if (row.prev_hash !== prevHash) return fail('does not link to the previous row (inserted or reordered?)');
        if (chainHash(prevHash, row.record) !== row.hash) return fail('hash does not match the record (changed?)');
        let parsed: { at?: string; actorId?: string | null; action?: string; outcome?: string; childId?: string | null };
        try {
          parsed = JSON.parse(row.record);
        } catch {
          return fail('record is not valid JSON');
        }
        const occurredAt = new Date(row.occurred_at).toISOString();
        if (parsed.at !== occurredAt || parsed.action !== row.action || parsed.outcome !== row.outcome || (parsed.actorId ?? null) !== row.actor_id || (parsed.childId ?? null) !== row.child_id)
          return fail('columns do not match the hashed record (changed?)');
        prevHash = row.hash;
        lastSeq = seq;
        expectedSeq += 1;
        rowsChecked += 1;
      }
      onProgress?.(rowsChecked);
      if (rows.length < batch) break;
    }
    if (Number(head.seq) !== lastSeq || (lastSeq > 0 && head.last_hash !== prevHash))
      return { ok: false, rowsChecked, chains: heads.length, firstBreak: { chainId: head.chain_id, seq: lastSeq + 1, problem: `chain head is at ${head.seq} but the log ends at ${lastSeq} (rows deleted from the end?)` } };
  }
  return { ok: true, rowsChecked, chains: heads.length, firstBreak: null };
}

/**
 * Appends many rows at once (bulk imports), in the caller's transaction: the chain heads are locked,
 * the hashes are computed here in order, the rows inserted in batches and the heads advanced. Same
 * chains, same record format and the same verification as recordAudit().
 */
export async function recordAuditBatch(db: Db, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const byChain = new Map<number, AuditEntry[]>();
  for (const entry of entries) {
    const chainId = chainFor(entry.childId ?? entry.actor?.userId ?? 'system');
    (byChain.get(chainId) ?? byChain.set(chainId, []).get(chainId)!).push(entry);
  }
  const chainIds = [...byChain.keys()].sort((a, b) => a - b);
  const heads = await sql<{ chain_id: number; seq: string | number; last_hash: string }>`
    SELECT chain_id, seq, last_hash FROM audit_chains WHERE chain_id IN (${sql.join(chainIds)}) ORDER BY chain_id FOR UPDATE`.execute(db);
  const rows: { chain_id: number; seq: number; occurred_at: string; actor_id: string | null; action: string; outcome: string; child_id: string | null; record: string; prev_hash: string; hash: string }[] = [];
  const newHeads: { chainId: number; seq: number; prevHash: string; lastHash: string }[] = [];
  for (const head of heads.rows) {
    let seq = Number(head.seq);
    let prev = head.last_hash;
    let before = prev;
    for (const entry of byChain.get(head.chain_id) ?? []) {
      const record = auditRecordText(entry);
      const hash = chainHash(prev, record);
      seq += 1;
      rows.push({ chain_id: head.chain_id, seq, occurred_at: entry.at.toISOString(), actor_id: entry.actor?.userId ?? null, action: entry.action, outcome: entry.outcome, child_id: entry.childId ?? null, record, prev_hash: prev, hash });
      before = prev;
      prev = hash;
    }
    newHeads.push({ chainId: head.chain_id, seq, prevHash: before, lastHash: prev });
  }
  // One array parameter per column (unnest), not one parameter per value: a feed of thousands of children is audited in a few statements.
  await bulkInsert(db, {
    table: 'audit_events',
    columns: [['chain_id', 'integer'], ['seq', 'bigint'], ['occurred_at', 'timestamptz'], ['actor_id', 'uuid'], ['action', 'text'], ['outcome', 'text'], ['child_id', 'uuid'], ['record', 'text'], ['prev_hash', 'text'], ['hash', 'text']],
    rows: rows.map((r) => [r.chain_id, r.seq, r.occurred_at, r.actor_id, r.action, r.outcome, r.child_id, r.record, r.prev_hash, r.hash]),
  });
  for (const head of newHeads) {
    await db.updateTable('audit_chains').set({ seq: head.seq, prev_hash: head.prevHash, last_hash: head.lastHash }).where('chain_id', '=', head.chainId).execute();
  }
}
