/**
 * Preparing the benchmark's databases: a dedicated PostgreSQL database (created if missing, its schema
 * dropped and recreated) seeded with the demo users and the national dataset; and a fresh PGlite data
 * directory seeded with the demo and a borough.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { seedAtScale, type Scale, type SeedAtScaleResult } from '../src/seed/scale.js';
import { openDatabase, type DatabaseHandle } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { systemClock } from '../src/server/shared/clock.js';
import { ensureDemoData } from '../src/server/start.js';
import { sampleDataset, type Samples } from './datasets.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The benchmark drops a schema, so it refuses anything but a loopback server and a database whose
 * name says it is for benchmarks.
 */
export function checkBenchDatabaseUrl(databaseUrl: string): { url: URL; database: string } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error('DATABASE_URL is not a valid postgres:// URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new Error('DATABASE_URL must be a postgres:// URL');
  if (!LOOPBACK.has(url.hostname)) throw new Error(`The benchmark only runs against a PostgreSQL server on this machine (127.0.0.1), not '${url.hostname}'`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/bench/i.test(database)) throw new Error(`The benchmark drops and recreates the schema of its database, so the database name must contain "bench" (got '${database || '(none)'}'), e.g. postgres://clasp:clasp@127.0.0.1:5432/clasp_bench`);
  return { url, database };
}

export const BENCH_SERVER_APP_NAME = 'clasp-bench-server';
/** A query that outlives the load generator's longest request timeout has no one waiting for it. */
export const BENCH_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * The URL a bench server process connects with: tagged with an application_name, so its leftover
 * queries can be found and cancelled after it stops, and with a statement timeout, so requests the
 * load generator has given up on do not pile up in PostgreSQL and skew the next measurement.
 */
export function benchServerUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', BENCH_SERVER_APP_NAME);
  url.searchParams.set('options', `-c statement_timeout=${BENCH_STATEMENT_TIMEOUT_MS}`);
  return url.toString();
}

/**
 * After a bench server process has stopped, PostgreSQL may still be running its last queries (it only
 * notices a vanished client when it next writes to it). Cancels them — only backends in the bench
 * database tagged with the bench server's application_name — and waits (at most 30 s) until none remain.
 */
export async function cancelLeftoverQueries(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const mine = `FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()`;
    const { rows } = await client.query<{ n: number }>(`SELECT count(pg_cancel_backend(pid))::int AS n ${mine} AND state = 'active'`, [BENCH_SERVER_APP_NAME]);
    for (let i = 0; i < 60; i += 1) {
      const left = await client.query<{ n: number }>(`SELECT count(*)::int AS n ${mine}`, [BENCH_SERVER_APP_NAME]);
      if ((left.rows[0]?.n ?? 0) === 0) break;
      if (i === 40) await client.query(`SELECT pg_terminate_backend(pid) ${mine}`, [BENCH_SERVER_APP_NAME]);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** Creates the bench database if missing (via the 'postgres' maintenance database), then empties its public schema. */
export async function resetPostgres(databaseUrl: string): Promise<void> {
  const { url, database } = checkBenchDatabaseUrl(databaseUrl);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: maintenance.toString() });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP SCHEMA IF EXISTS public CASCADE');
    await client.query('CREATE SCHEMA public');
  } finally {
    await client.end();
  }
}

export interface SeedReport {
  scale: Scale;
  children: number;
  rows: number;
  method: 'copy' | 'insert';
  /** seedAtScale's own wall time, including organisations and the closing ANALYZE. */
  seconds: number;
  childrenPerSecond: number;
  /** From the first to the last batch written (excludes set-up and ANALYZE). */
  batchPhaseChildrenPerSecond: number;
  /** Migrations and demo seed before it. */
  setupSeconds: number;
}

function progressPrinter(label: string) {
  let last = 0;
  let first: number | null = null;
  let lastDone = 0;
  let lastAt = 0;
  return {
    onProgress: (done: number, total: number) => {
      const now = performance.now();
      if (first === null) first = now;
      lastDone = done;
      lastAt = now;
      if (now - last > 5_000 || done === total) {
        last = now;
        const rate = done > 0 && first !== null && now > first ? Math.round(done / ((now - first) / 1000)) : 0;
        process.stderr.write(`  ${label}: ${done.toLocaleString('en-GB')} / ${total.toLocaleString('en-GB')} children (${rate.toLocaleString('en-GB')}/s)\n`);
      }
    },
    batchRate: () => (first !== null && lastAt > first ? lastDone / ((lastAt - first) / 1000) : NaN),
  };
}

async function seed(handle: DatabaseHandle, scale: Scale, limit: number | undefined): Promise<{ result: SeedAtScaleResult; report: SeedReport }> {
  const setupStarted = performance.now();
  await migrate(handle.db);
  await ensureDemoData({ db: handle.db, clock: systemClock });
  const setupSeconds = (performance.now() - setupStarted) / 1000;
  const progress = progressPrinter(`${scale} seed`);
  const result = await seedAtScale({ pool: handle.pool, scale, limit, onProgress: progress.onProgress });
  return {
    result,
    report: {
      scale,
      children: result.children,
      rows: result.rows,
      method: result.method,
      seconds: result.seconds,
      childrenPerSecond: result.children / result.seconds,
      batchPhaseChildrenPerSecond: progress.batchRate(),
      setupSeconds,
    },
  };
}

const SEED_MARKER_KEY = 'bench.national_seed';

/** Records what was seeded (for --reuse-seed), in the bench database's app_settings. */
export async function writeSeedMarker(databaseUrl: string, report: SeedReport): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [
      SEED_MARKER_KEY,
      JSON.stringify({ ...report, seededAt: new Date().toISOString() }),
    ]);
  } finally {
    await client.end();
  }
}

export async function readSeedMarker(databaseUrl: string): Promise<(SeedReport & { seededAt: string }) | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ value: string }>('SELECT value FROM app_settings WHERE key = $1', [SEED_MARKER_KEY]);
    return rows[0] ? (JSON.parse(rows[0].value) as SeedReport & { seededAt: string }) : null;
  } catch {
    return null; // no database, no schema or no marker yet
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Migrate, demo seed, national seed (COPY) on the bench PostgreSQL database. */
export async function seedPostgres(databaseUrl: string, limit: number | undefined): Promise<SeedReport> {
  const handle = await openDatabase({ databaseUrl, poolSize: 4 });
  try {
    return (await seed(handle, 'national', limit)).report;
  } finally {
    await handle.close();
  }
}

export async function samplePostgres(databaseUrl: string): Promise<Samples> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    return await sampleDataset(pool);
  } finally {
    await pool.end();
  }
}

/** Migrate, demo seed and borough seed into a fresh PGlite data directory, then close it. */
export async function seedPglite(dataDir: string): Promise<{ report: SeedReport; samples: Samples }> {
  const handle = await openDatabase({ dataDir });
  try {
    const { report } = await seed(handle, 'borough', undefined);
    const samples = await sampleDataset(handle.pool, { pages: true });
    return { report, samples };
  } finally {
    await handle.close();
  }
}
