/**
 * A cheap picture of the whole database for "nothing partial was written" properties: for every table
 * in the current schema, its row count and a sum of its rows' hashes (order-independent, so no sort;
 * an UPDATE that changes no count is caught too). One statement, so it costs one round trip on PGlite.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

/**
 * Tables that a refused request may legitimately change: the audit log records refusals (in its own
 * transaction, by design), and sessions move their last-seen time on every request.
 */
export const TABLES_A_REFUSAL_MAY_CHANGE = ['audit_events', 'audit_chains', 'sessions'] as const;

export type TableState = Record<string, { rows: number; digest: string }>;

export async function listTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
     ORDER BY table_name`.execute(db);
  return rows.map((r) => r.table_name);
}

/** Row count and content digest of every table except `exclude`. */
export async function captureTableState(db: Db, { tables, exclude = [] }: { tables: readonly string[]; exclude?: readonly string[] }): Promise<TableState> {
  const wanted = tables.filter((t) => !exclude.includes(t));
  if (wanted.length === 0) return {};
  const parts = wanted.map(
    (t) => sql`SELECT ${t}::text AS t, count(*)::int AS n, coalesce(sum(hashtext(x::text)::bigint), 0)::text AS h FROM ${sql.table(t)} x`,
  );
  const { rows } = await sql<{ t: string; n: number; h: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.t, { rows: Number(r.n), digest: r.h }]));
}

/** Table state plus the audit log's arrival counter, in the same round trip. */
export async function captureStateAndAuditOrder(db: Db, { tables, exclude = [] }: { tables: readonly string[]; exclude?: readonly string[] }): Promise<{ state: TableState; auditOrder: number }> {
  const wanted = tables.filter((t) => !exclude.includes(t));
  const parts = [
    sql`SELECT '#audit_order'::text AS t, coalesce(max(logged_order), 0)::int AS n, '' AS h FROM audit_events`,
    ...wanted.map((t) => sql`SELECT ${t}::text AS t, count(*)::int AS n, coalesce(sum(hashtext(x::text)::bigint), 0)::text AS h FROM ${sql.table(t)} x`),
  ];
  const { rows } = await sql<{ t: string; n: number; h: string }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  const state: TableState = {};
  let auditOrder = 0;
  for (const r of rows) {
    if (r.t === '#audit_order') auditOrder = Number(r.n);
    else state[r.t] = { rows: Number(r.n), digest: r.h };
  }
  return { state, auditOrder };
}

/** Only the row counts of every table (what a crash test compares across a restart). */
export async function countRows(db: Db, { tables }: { tables: readonly string[] }): Promise<Record<string, number>> {
  if (tables.length === 0) return {};
  const parts = tables.map((t) => sql`SELECT ${t}::text AS t, count(*)::int AS n FROM ${sql.table(t)}`);
  const { rows } = await sql<{ t: string; n: number }>`${sql.join(parts, sql` UNION ALL `)}`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/** The tables whose count or content differs, with before → after counts. */
export function diffTableState(before: TableState, after: TableState): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  const changed: string[] = [];
  for (const name of names) {
    const a = before[name];
    const b = after[name];
    if (!a || !b || a.rows !== b.rows || a.digest !== b.digest) changed.push(`${name} (${a?.rows ?? '-'} → ${b?.rows ?? '-'} rows)`);
  }
  return changed;
}
