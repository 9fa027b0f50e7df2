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
