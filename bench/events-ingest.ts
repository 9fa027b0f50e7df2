/**
 * Event feed ingest benchmark (#3), run by `npm run bench -- --only events-ingest` or directly with
 * `node --import tsx bench/events-ingest.ts`. Never part of `npm test`.
 *
 * Target (issue #3): on PostgreSQL with the national dataset, ingest of an ED attendance feed including
 * routing ≥ 5,000 events/s.
 *
 * Generates an ED attendance feed of EVENTS_INGEST_ROWS rows (default 50,000) over children sampled from
 * the seeded data (NHS numbers), with a mix of injuries and safeguarding concerns, and times
 * `importEventFeed` end to end — CSV parsing and validation, NHS numbers resolved, previous source ids
 * checked, `recordEvents` (events written, routed to worklists, closed-loop hook, audit) — as the CLI
 * and the API run it. Reports events/s and the split between parsing and the database work.
 *
 *  - PGlite: a fresh data directory with the demo borough + the borough dataset (~50,000 children); the
 *    import commits (the data directory is deleted afterwards).
 *  - PostgreSQL when DATABASE_URL is set (only 127.0.0.1/localhost/::1 and a database whose name
 *    contains "bench"): the national dataset already seeded there by `npm run bench -- --only pg`
 *    (it is NOT reseeded; migrations are applied). The import runs inside a transaction that is ROLLED
 *    BACK at the end, so the bench database keeps no benchmark events, worklist items or audit rows;
 *    everything but the final COMMIT is measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { FEED_LAYOUTS } from '../src/domain/events-import/feed-layouts.js';
import { parseEventFeed } from '../src/domain/events-import/parse-feed.js';
import type { RecordEventInput } from '../src/contracts/events.js';
import { openDatabase, type Db } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { validateEventBody } from '../src/server/modules/events-import/event-body-validator.js';
import { importEventFeed, type EventFeedImportSummary } from '../src/server/modules/events-import/events-import.usecases.js';
import type { Actor } from '../src/server/shared/actor.js';
import { systemClock } from '../src/server/shared/clock.js';
import { ensureDemoData } from '../src/server/start.js';
import { seedAtScale } from '../src/seed/scale.js';
import { checkBenchDatabaseUrl } from './databases.js';

const ROWS = Number(process.env.EVENTS_INGEST_ROWS ?? 50_000);
const TARGET_EVENTS_PER_SECOND = 5_000;
const SAMPLE_CHILDREN = 20_000;
const log = (message: string) => process.stderr.write(`${message}\n`);

export interface IngestResult {
  database: string;
  children: number;
  rows: number;
  parseSeconds: number;
  importSeconds: number;
  eventsPerSecond: number;
  summary: EventFeedImportSummary;
  committed: boolean;
}

/** Children to attend the ED: a random sample of those with an NHS number, under 17, born before the feed's month. */
async function sampleNhsNumbers(db: Db, { postgres }: { postgres: boolean }): Promise<string[]> {
  const sample = postgres ? sql`TABLESAMPLE SYSTEM (1)` : sql``;
  const { rows } = await sql<{ nhs_number: string }>`
    SELECT nhs_number FROM children ${sample}
    WHERE nhs_number IS NOT NULL AND NOT is_unborn AND date_of_birth > (current_date - interval '17 years') AND date_of_birth < (current_date - interval '31 days')
    LIMIT ${SAMPLE_CHILDREN}`.execute(db);
  return rows.map((r) => r.nhs_number);
}

/** An ED attendance feed: one row per attendance, each child chosen at random from the sample (deterministic). */
export function generateEdFeed({ nhsNumbers, rows, runId, now }: { nhsNumbers: readonly string[]; rows: number; runId: string; now: Date }): string {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const complaints = ['Fall from play equipment', 'Fever', 'Wheeze', 'Head injury', 'Abdominal pain', 'Burn to hand', 'Ingestion of tablets', 'Laceration to forehead'];
  const accompanied = ['mother', 'father', 'foster_carer', 'relative', 'alone', 'police'];
  const lines = ['source_id,nhs_number,occurred_at,presenting_complaint,accompanied_by,parental_responsibility,injury,injury_mechanism,discharge,safeguarding_concern,safeguarding_concern_note'];
  const start = now.getTime() - 30 * 86_400_000;
  for (let i = 0; i < rows; i += 1) {
    const nhs = nhsNumbers[Math.floor(random() * nhsNumbers.length)]!;
    const at = new Date(start + Math.floor(random() * 29 * 86_400_000)).toISOString();
    const complaint = complaints[i % complaints.length]!;
    const injury = /injury|Burn|Laceration|Fall/.test(complaint);
    const concern = i % 20 === 0;
    lines.push([`${runId}-${i}`, nhs, at, complaint, accompanied[i % accompanied.length], i % 7 === 0 ? 'unknown' : 'yes', injury ? 'yes' : 'no', injury ? 'Reported fall at home' : '', i % 50 === 0 ? 'admitted' : 'home', concern ? 'yes' : 'no', concern ? 'Explanation inconsistent with the injury' : ''].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The demo paediatric liaison nurse at the hospital: the role that sends ED feeds. */
async function liaisonNurse(db: Db): Promise<Actor> {
  const user = await db.selectFrom('users').select(['id', 'username', 'role_id', 'organisation_id', 'team_id']).where('role_id', '=', 'paediatric_liaison_nurse').orderBy('username').executeTakeFirstOrThrow();
  return { userId: user.id, username: user.username, role: 'paediatric_liaison_nurse', organisationId: user.organisation_id, teamId: user.team_id, channel: 'cli' };
}

/**
 * A Db whose `transaction()` runs the work inside `outer` (an open transaction the caller rolls back):
 * the use-case's own transaction becomes part of it, so every statement runs and nothing stays.
 */
function insideTransaction(outer: Db): Db {
  return new Proxy(outer, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(work: (tx: Db) => Promise<T>) => work(outer) });
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function ingest(db: Db, { database, postgres, committed }: { database: string; postgres: boolean; committed: boolean }): Promise<IngestResult> {
  const nhsNumbers = await sampleNhsNumbers(db, { postgres });
  if (nhsNumbers.length === 0) throw new Error('No children with NHS numbers: seed the dataset first');
  const actor = await liaisonNurse(db);
  const now = new Date();
  const runId = `B${now.getTime().toString(36)}`;
  const text = generateEdFeed({ nhsNumbers, rows: ROWS, runId, now });
  log(`${database}: ${ROWS.toLocaleString('en-GB')} ED attendances over ${nhsNumbers.length.toLocaleString('en-GB')} children (${(text.length / 2 ** 20).toFixed(1)} MiB)`);

  // Parsing and validation alone (pure), for the split.
  const parseStarted = performance.now();
  const parsed = parseEventFeed<RecordEventInput>({ layout: FEED_LAYOUTS['ed-attendance']!, fileName: 'bench.csv', text, now: now.toISOString(), sourceSystem: `bench-${runId}`, validate: validateEventBody });
  const parseSeconds = (performance.now() - parseStarted) / 1000;
  if (parsed.errorCount > 0) throw new Error(`the generated feed has errors: ${parsed.errors.slice(0, 3).map((e) => e.message).join('; ')}`);

  const started = performance.now();
  const summary = await importEventFeed({ db, clock: systemClock }, { actor, feed: 'ed-attendance', sourceSystem: `bench-${runId}`, fileName: 'bench.csv', text, onProgress: (done, total) => log(`  ${done.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')}  ${((performance.now() - started) / 1000).toFixed(1)} s`) });
  const importSeconds = (performance.now() - started) / 1000;
  return { database, children: nhsNumbers.length, rows: ROWS, parseSeconds, importSeconds, eventsPerSecond: summary.imported / importSeconds, summary, committed };
}

async function pgliteBorough(): Promise<IngestResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clasp-ingestbench-'));
  const handle = await openDatabase({ dataDir });
  try {
    await migrate(handle.db);
    await ensureDemoData({ db: handle.db, clock: systemClock });
    log('PGlite: seeding the borough dataset');
    await seedAtScale({ pool: handle.pool, scale: 'borough' });
    return await ingest(handle.db, { database: 'PGlite (borough)', postgres: false, committed: true });
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The national database is used as it is: migrations missing from it, and the import, run inside ONE
 * transaction that is rolled back, so the database is left exactly as it was. With
 * EVENTS_INGEST_EXPLAIN=1 (a superuser role, as the bench uses) every statement's duration goes to the
 * PostgreSQL server log (parameters left out), and auto_explain adds the plan (with trigger times) of any slower than 150 ms.
 */
async function postgresNational(databaseUrl: string): Promise<IngestResult> {
  checkBenchDatabaseUrl(databaseUrl);
  const handle = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    const outer = await handle.db.startTransaction().execute();
    try {
      const db = insideTransaction(outer as unknown as Db);
      const { applied } = await migrate(db);
      if (applied.length > 0) log(`PostgreSQL: applied ${applied.join(', ')} inside the benchmark transaction (rolled back at the end)`);
      if (process.env.EVENTS_INGEST_EXPLAIN === '1') {
        // Every statement's duration to the server log (without its parameters), and the plan of any slower than 1 s.
        await sql`LOAD 'auto_explain'`.execute(db);
        for (const setting of ['auto_explain.log_min_duration = 150', 'auto_explain.log_analyze = on', 'auto_explain.log_buffers = on', 'auto_explain.log_triggers = on', 'auto_explain.log_nested_statements = on', 'log_min_duration_statement = 0', 'log_parameter_max_length = 0'])
          await sql.raw(`SET LOCAL ${setting}`).execute(db);
      }
      if (process.env.EVENTS_INGEST_VARIANT === 'no-redundant-fk') {
        // A what-if for the lead, undone with everything else: worklist_items.child_id → children is implied
        // by (child_id, event_id) → child_events, whose child_id already references children.
        await sql`ALTER TABLE worklist_items DROP CONSTRAINT worklist_items_child_id_fkey`.execute(db);
        log('PostgreSQL: variant no-redundant-fk (worklist_items_child_id_fkey dropped inside the rolled-back transaction)');
      }
      const children = Number((await sql<{ n: string }>`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = 'children'`.execute(db)).rows[0]?.n ?? 0);
      log(`PostgreSQL: ${children.toLocaleString('en-GB')} children (estimate) in ${new URL(databaseUrl).pathname.slice(1)}`);
      return await ingest(db, { database: `PostgreSQL (${children.toLocaleString('en-GB')} children)`, postgres: true, committed: false });
    } finally {
      await outer.rollback().execute();
    }
  } finally {
    await handle.close();
  }
}

export async function runEventsIngestBench({ databaseUrl }: { databaseUrl: string | undefined }) {
  const results: { pglite?: IngestResult; postgres?: IngestResult | string } = {};
  results.pglite = await pgliteBorough();
  results.postgres = databaseUrl ? await postgresNational(databaseUrl) : 'skipped: set DATABASE_URL';
  return results;
}

export function eventsIngestSummary(results: Awaited<ReturnType<typeof runEventsIngestBench>>): string {
  const line = (r: IngestResult) =>
    `${r.database}: ${r.summary.imported.toLocaleString('en-GB')} events in ${r.importSeconds.toFixed(1)} s = ${Math.round(r.eventsPerSecond).toLocaleString('en-GB')} events/s incl. routing (${r.summary.routed.toLocaleString('en-GB')} worklist items; parsing and validation ${r.parseSeconds.toFixed(1)} s of it)${r.committed ? '' : ', rolled back'}`;
  const out = [`ED feed ingest, target ≥ ${TARGET_EVENTS_PER_SECOND.toLocaleString('en-GB')} events/s on PostgreSQL with the national dataset`];
  if (results.pglite) out.push(`  ${line(results.pglite)}`);
  out.push(typeof results.postgres === 'string' ? `  PostgreSQL: ${results.postgres}` : `  ${line(results.postgres!)} — ${results.postgres!.eventsPerSecond >= TARGET_EVENTS_PER_SECOND ? 'meets' : 'BELOW'} the target`);
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.env.EVENTS_INGEST_ONLY;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const results =
    only === 'pg' && databaseUrl ? { postgres: await postgresNational(databaseUrl) } : only === 'pglite' ? { pglite: await pgliteBorough(), postgres: 'skipped (EVENTS_INGEST_ONLY=pglite)' } : await runEventsIngestBench({ databaseUrl });
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n\n${eventsIngestSummary(results)}\n`);
}
