/**
 * Set-based writes for the imports: each statement moves a batch of rows as one array parameter per
 * column (`unnest`), so a national return is a few hundred statements, not hundreds of thousands of
 * round trips. Works on PostgreSQL and on PGlite (both receive the arrays through node-postgres).
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database.js';

/** Rows per statement: large enough to amortise the round trip, small enough to keep each message modest. */
export const BULK_BATCH_ROWS = 5_000;

/** A column and its PostgreSQL type, e.g. `['started_on', 'date']`. */
export type BulkColumn = readonly [name: string, type: string];

function chunks<T>(rows: readonly T[], size = BULK_BATCH_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * A PostgreSQL array literal for `values` ('{a,b,NULL}'), quoting only elements that need it. Built
 * here rather than by node-postgres so it costs one pass, and so the next batch can be built while the
 * database is still writing the previous one.
 */
export function arrayLiteral(values: readonly unknown[]): string {
  const parts: string[] = new Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value === null || value === undefined) {
      parts[i] = 'NULL';
      continue;
    }
    const text = typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
    parts[i] = needsQuotes(text) ? `"${text.replace(/[\\"]/g, '\\$&')}"` : text;
  }
  return `{${parts.join(',')}}`;
}

function needsQuotes(text: string): boolean {
  if (text.length === 0) return true;
  if (text.length === 4 && text.toUpperCase() === 'NULL') return true;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    // whitespace and controls, " , \ { }
    if (c <= 32 || c === 34 || c === 44 || c === 92 || c === 123 || c === 125) return true;
  }
  return false;
}

function arrays(columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[]): RawBuilder<unknown>[] {
  return columns.map(([, type], c) => sql`${arrayLiteral(rows.map((row) => row[c]))}::${sql.raw(type)}[]`);
}

/**
 * Runs one statement per batch, building each batch's statement before waiting for the previous one,
 * so on PostgreSQL the next batch is prepared while the server writes the last.
 */
async function pipelined<T>(batches: readonly T[], build: (batch: T) => RawBuilder<Record<string, unknown>>, db: Db, onRows?: (rows: Record<string, unknown>[]) => void): Promise<void> {
  let pending: Promise<void> | null = null;
  for (const batch of batches) {
    const query = build(batch);
    if (pending) await pending;
    pending = query.execute(db).then((result) => onRows?.(result.rows));
  }
  if (pending) await pending;
}

function names(columns: readonly BulkColumn[]) {
  return sql.join(columns.map(([name]) => sql.ref(name)));
}

/**
 * INSERT … SELECT FROM unnest(arrays). `constants` are the same for every row (e.g. recorded_at).
 * With `returning`, returns that column of the rows actually inserted (after ON CONFLICT DO NOTHING).
 */
export async function bulkInsert(
  db: Db,
  {
    table,
    columns,
    rows,
    constants = {},
    onConflictDoNothing,
    returning,
  }: {
    table: string;
    columns: readonly BulkColumn[];
    rows: readonly (readonly unknown[])[];
    constants?: Record<string, RawBuilder<unknown>>;
    /** The conflict target, e.g. `(child_id, source_key) WHERE source_key IS NOT NULL`. */
    onConflictDoNothing?: RawBuilder<unknown>;
    returning?: string;
  },
): Promise<unknown[]> {
  const constantNames = Object.keys(constants);
  const returned: unknown[] = [];
  const columnList = constantNames.length ? sql`${names(columns)}, ${sql.join(constantNames.map((n) => sql.ref(n)))}` : names(columns);
  const selectList = constantNames.length ? sql`u.*, ${sql.join(constantNames.map((n) => constants[n]!))}` : sql`u.*`;
  const conflict = onConflictDoNothing ? sql` ON CONFLICT ${onConflictDoNothing} DO NOTHING` : sql``;
  const ret = returning ? sql` RETURNING ${sql.ref(returning)}` : sql``;
  await pipelined(
    chunks(rows),
    (batch) => sql<Record<string, unknown>>`INSERT INTO ${sql.table(table)} (${columnList}) SELECT ${selectList} FROM unnest(${sql.join(arrays(columns, batch))}) AS u${conflict}${ret}`,
    db,
    returning ? (result) => result.forEach((row) => returned.push(row[returning])) : undefined,
  );
  return returned;
}

/** UPDATE table SET each of `set` FROM unnest(arrays) WHERE the `key` columns match. */
export async function bulkUpdate(
  db: Db,
  {
    table,
    key,
    set,
    rows,
    constants = {},
  }: {
    table: string;
    key: readonly BulkColumn[];
    set: readonly BulkColumn[];
    /** Each row: the key values, then the set values, in order. */
    rows: readonly (readonly unknown[])[];
    constants?: Record<string, RawBuilder<unknown>>;
  },
): Promise<void> {
  const columns = [...key, ...set];
  const assignments = [
    ...set.map(([name]) => sql`${sql.ref(name)} = ${sql.ref(`u.${name}`)}`),
    ...Object.entries(constants).map(([name, value]) => sql`${sql.ref(name)} = ${value}`),
  ];
  const match = sql.join(
    key.map(([name]) => sql`${sql.ref(`t.${name}`)} = ${sql.ref(`u.${name}`)}`),
    sql` AND `,
  );
  await pipelined(chunks(rows), (batch) => sql<Record<string, unknown>>`UPDATE ${sql.table(table)} AS t SET ${sql.join(assignments)} FROM unnest(${sql.join(arrays(columns, batch))}) AS u(${names(columns)}) WHERE ${match}`, db);
}

/** DELETE the rows whose `key` columns match one of `rows`. */
export async function bulkDelete(db: Db, { table, key, rows }: { table: string; key: readonly BulkColumn[]; rows: readonly (readonly unknown[])[] }): Promise<void> {
  const match = sql.join(
    key.map(([name]) => sql`${sql.ref(`t.${name}`)} = ${sql.ref(`d.${name}`)}`),
    sql` AND `,
  );
  await pipelined(chunks(rows), (batch) => sql<Record<string, unknown>>`DELETE FROM ${sql.table(table)} AS t USING unnest(${sql.join(arrays(key, batch))}) AS d(${names(key)}) WHERE ${match}`, db);
}

/** SELECT … WHERE column = ANY(values), in batches; `query` builds the statement for one batch. */
export async function selectInBatches<T>(values: readonly string[], query: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const batch of chunks(values, 10_000)) for (const row of await query(batch)) out.push(row);
  return out;
}
