/**
 * LAC health pipeline benchmarks (#4), run by `npm run bench -- --only lac` or directly with
 * `node --import tsx bench/lac.ts`:
 *  - PostgreSQL (DATABASE_URL, a database of its own is created): SSDA903 import of a national-size
 *    return (85,000 children, ~300,000 episodes) — target ≤ 15 s; OC2 report over it — target ≤ 3 s.
 *  - Embedded PGlite with the borough dataset (2,000 looked after): the LAC worklist and the OC2
 *    dashboard API calls, signed in as the demo LAC nurse — target ≤ 200 ms each.
 * Loops are bounded; only loopback addresses.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { openDatabase } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { oc2Report } from '../src/server/modules/lac-health/lac-health.usecases.js';
import { generateSsda903Return } from '../src/server/modules/lac-import/generate-return.js';
import { importSsda903 } from '../src/server/modules/lac-import/ssda903.usecases.js';
import { systemClock } from '../src/server/shared/clock.js';
import { DEMO_PASSWORD, ensureDemoData } from '../src/server/start.js';
import { seedAtScale } from '../src/seed/scale.js';

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function postgresPart(databaseUrl: string) {
  const admin = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/?]+(\?|$)/, '/postgres$1') });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS clasp_lacbench');
  await admin.query('CREATE DATABASE clasp_lacbench');
  await admin.end();
  const url = databaseUrl.replace(/\/[^/?]+(\?|$)/, '/clasp_lacbench$1');
  const handle = await openDatabase({ databaseUrl: url });
  try {
    await migrate(handle.db);
    const files = generateSsda903Return({ children: 85_000, seed: 7 });
    const episodes = files['episodes.csv'].split('\n').length - 2;
    const started = process.hrtime.bigint();
    const summary = await importSsda903({ db: handle.db, clock: systemClock }, { actor: null, files });
    const importSeconds = seconds(started);
    const again = process.hrtime.bigint();
    await importSsda903({ db: handle.db, clock: systemClock }, { actor: null, files });
    const reimportSeconds = seconds(again);
    const oc2Times: number[] = [];
    let cohort = 0;
    for (let i = 0; i < 3; i += 1) {
      const t = process.hrtime.bigint();
      cohort = (await oc2Report({ db: handle.db, clock: systemClock }, { actor: null, yearEnding: '2025-03-31' })).cohort;
      oc2Times.push(seconds(t));
    }
    return { children: summary.children, episodes, importSeconds, reimportSeconds, oc2Seconds: Math.min(...oc2Times), oc2Cohort: cohort };
  } finally {
    await handle.close();
  }
}

async function pgliteBoroughPart() {
  const dataDir = mkdtempSync(join(tmpdir(), 'clasp-lacbench-'));
  const handle = await openDatabase({ dataDir });
  try {
    await migrate(handle.db);
    await ensureDemoData({ db: handle.db, clock: systemClock });
    const seeded = await seedAtScale({ pool: handle.pool, scale: 'borough' });
    const app = await buildApp({ db: handle.db, clock: systemClock, signInRateLimitPerMinute: 1000 });
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'lac-nurse', password: DEMO_PASSWORD } });
    const cookie = `clasp_session=${signIn.cookies.find((c) => c.name === 'clasp_session')!.value}`;
    const measure = async (url: string, runs = 15) => {
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < runs; i += 1) {
        const t = process.hrtime.bigint();
        const response = await app.inject({ method: 'GET', url, headers: { cookie } });
        times.push(seconds(t) * 1000);
        status = response.statusCode;
      }
      return { status, p50: percentile(times, 50), p95: percentile(times, 95) };
    };
    const worklist = await measure('/api/v1/lac/worklist');
    const oc2 = await measure('/api/v1/lac/oc2?yearEnding=2026-03-31');
    const exceptions = await measure('/api/v1/lac/exceptions');
    const careLeavers = await measure('/api/v1/lac/care-leavers');
    await app.close();
    return { children: seeded.children, lookedAfter: seeded.lookedAfter, worklist, oc2, exceptions, careLeavers };
  } finally {
    await handle.close();
  }
}

export async function runLacBench({ databaseUrl }: { databaseUrl: string | undefined }) {
  const results: Record<string, unknown> = {};
  if (databaseUrl) results.postgres = await postgresPart(databaseUrl);
  else results.postgres = 'skipped: set DATABASE_URL';
  results.pgliteBorough = await pgliteBoroughPart();
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runLacBench({ databaseUrl: process.env.DATABASE_URL });
  console.log(JSON.stringify(results, null, 2));
  const pgResult = results.postgres as { importSeconds?: number; oc2Seconds?: number };
  const borough = results.pgliteBorough as { worklist: { p95: number }; oc2: { p95: number } };
  console.log(`SSDA903 national import: ${pgResult.importSeconds?.toFixed(1) ?? '-'} s (target ≤ 15 s)`);
  console.log(`OC2 over it: ${pgResult.oc2Seconds?.toFixed(2) ?? '-'} s (target ≤ 3 s)`);
  console.log(`Borough LAC worklist p95: ${borough.worklist.p95.toFixed(0)} ms, OC2 dashboard p95: ${borough.oc2.p95.toFixed(0)} ms (target ≤ 200 ms)`);
}
