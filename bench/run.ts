/**
 * CLASP's performance benchmark (`npm run bench -- [options]`). Never part of `npm test`.
 *
 *   --only pg|pglite|seed|chronology|events-ingest   run one part (default: all; the PostgreSQL part needs DATABASE_URL;
 *                           chronology: bench/chronology.ts, a child with 10,000 events;
 *                           events-ingest: bench/events-ingest.ts, an ED feed of 50,000 rows incl. routing)
 *   --national-limit N      children in the national seed (default 12,000,000; smaller for trial runs)
 *   --duration S            seconds per measured autocannon run (default 10, after a 2 s warm-up)
 *   --page-requests N       sequential requests per page API call on PGlite (default 50)
 *   --wait-quiet S          before each measurement, wait up to S s for other work on the machine to settle
 *   --reuse-seed            keep the national dataset an earlier run seeded (same --national-limit) instead of reseeding
 *
 * See bench/README.md for what each figure means.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SCALE_PROFILES } from '../src/seed/scale.js';
import { BENCH_STATEMENT_TIMEOUT_MS, benchServerUrl, cancelLeftoverQueries, checkBenchDatabaseUrl, readSeedMarker, resetPostgres, samplePostgres, seedPglite, seedPostgres, writeSeedMarker } from './databases.js';
import type { SeedReport } from './databases.js';
import type { Samples } from './datasets.js';
import { FLAG_VARIANT_PATH } from './flag-variants.js';
import { call, signIn, type Session } from './http.js';
import { loadSettings, randomOf, runLoad, runSequential, type LoadResult } from './load.js';
import { waitForQuiet } from './machine.js';
import { observePostgres } from './pgstats.js';
import { format, renderReport, writeResults, type Results } from './report.js';
import { ROOT, spawnServer, type RunningChild, type SpawnOptions } from './spawn.js';

const FLAG_CONNECTIONS = 50;
const SEARCH_CONNECTIONS = 10;
const SEQUENTIAL_SEARCHES = 20;
const COLD_STARTS = 3;
const SIGN_IN_SAMPLES = 5; // sign-in is rate-limited to 10 a minute per address; 7 in all are made

function parseOptions() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      only: { type: 'string' },
      'national-limit': { type: 'string' },
      duration: { type: 'string' },
      'page-requests': { type: 'string' },
      'wait-quiet': { type: 'string' },
      'reuse-seed': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('npm run bench -- [--only pg|pglite|seed|chronology|events-ingest] [--national-limit N] [--duration S] [--page-requests N] [--wait-quiet S] [--reuse-seed]\nSee bench/README.md.\n');
    process.exit(0);
  }
  const only = values.only ?? null;
  if (only !== null && !['pg', 'pglite', 'seed', 'chronology', 'events-ingest'].includes(only)) throw new Error(`--only must be pg, pglite, seed, chronology or events-ingest (got '${only}')`);
  const int = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    if (raw === undefined) return fallback;
    const value = Number(raw.replace(/[_,]/g, ''));
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max} (got '${raw}')`);
    return value;
  };
  return {
    only: only as 'pg' | 'pglite' | 'seed' | 'chronology' | 'events-ingest' | null,
    nationalLimit: int('national-limit', values['national-limit'], SCALE_PROFILES.national.children, 1_000, SCALE_PROFILES.national.children),
    durationS: int('duration', values.duration, 10, 1, 300),
    pageRequests: int('page-requests', values['page-requests'], 50, 5, 500),
    waitQuietS: int('wait-quiet', values['wait-quiet'], 0, 0, 3_600),
    reuseSeed: values['reuse-seed'] ?? false,
  };
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** Every child server started, so an interrupted run still stops them (by pid, via their handles). */
const running = new Set<RunningChild>();

async function withServer<T>(options: SpawnOptions, work: (server: RunningChild) => Promise<T>): Promise<T> {
  const databaseUrl = options.databaseUrl;
  const server = await spawnServer(databaseUrl ? { ...options, databaseUrl: benchServerUrl(databaseUrl) } : options);
  running.add(server);
  try {
    return await work(server);
  } finally {
    await server.stop();
    running.delete(server);
    if (databaseUrl) {
      const cancelled = await cancelLeftoverQueries(databaseUrl);
      if (cancelled > 0) log(`  cancelled ${cancelled} queries still running after the ${options.mode} server stopped`);
    }
  }
}

const ratio = (r: LoadResult | undefined, floor: LoadResult | undefined) => (r && floor && floor.reqPerSec > 0 ? r.reqPerSec / floor.reqPerSec : null);

async function measureBareFloor(durationS: number): Promise<LoadResult> {
  log('Floor: bare Fastify JSON route');
  return withServer({ mode: 'bare' }, (s) => runLoad({ name: 'bare Fastify JSON route', url: s.url, connections: FLAG_CONNECTIONS, durationS, path: () => '/bare' }));
}

async function measureLookupFloor(name: string, spawn: SpawnOptions, nhsNumbers: string[], durationS: number): Promise<LoadResult> {
  log(`Floor: ${name}`);
  return withServer(spawn, (s) =>
    runLoad({ name, url: s.url, connections: FLAG_CONNECTIONS, durationS, path: () => `/lookup?nhsNumber=${randomOf(nhsNumbers)}` }),
  );
}

async function runPostgres(results: Results, databaseUrl: string, opts: ReturnType<typeof parseOptions>): Promise<void> {
  let seed: SeedReport & { machineBusyBefore?: number | null; reusedFrom?: string };
  const marker = opts.reuseSeed ? await readSeedMarker(databaseUrl) : null;
  if (opts.reuseSeed && marker?.children === opts.nationalLimit) {
    log(`PostgreSQL: reusing the national dataset seeded at ${marker.seededAt} (${marker.children.toLocaleString('en-GB')} children)`);
    seed = { ...marker, reusedFrom: marker.seededAt };
    results.notes.push(`--reuse-seed: the national dataset and its seed rate are from an earlier run (${marker.seededAt}); the database also holds that run's audit rows.`);
  } else {
    if (opts.reuseSeed) log('PostgreSQL: no national dataset of that size to reuse; seeding afresh');
    log(`PostgreSQL: resetting the bench database and seeding ${opts.nationalLimit.toLocaleString('en-GB')} national children (COPY)`);
    await resetPostgres(databaseUrl);
    const busy = await waitForQuiet(opts.waitQuietS);
    seed = { ...(await seedPostgres(databaseUrl, opts.nationalLimit)), machineBusyBefore: busy };
    await writeSeedMarker(databaseUrl, seed);
  }
  if (opts.only === 'seed') {
    results.seedOnly = seed;
    return;
  }
  results.postgres = { seed };
  log('PostgreSQL: sampling NHS numbers and family names');
  const samples = await samplePostgres(databaseUrl);
  if (samples.nhsNumbers.length === 0 || samples.familyNames.length === 0) throw new Error('The national dataset has no NHS numbers or names to sample');

  results.floors.pgPointLookup = await measureLookupFloor('Fastify + one pg point lookup', { mode: 'lookup', databaseUrl }, samples.nhsNumbers, opts.durationS);

  log('PostgreSQL: CLASP server (startServer in a child process)');
  await withServer({ mode: 'clasp', databaseUrl }, async (server) => {
    results.postgres!.serverColdStartS = server.coldStartS;
    const ed = (await signIn(server.url, 'ed-clinician')).session;
    let observer: Awaited<ReturnType<typeof observePostgres>> | undefined;
    log('  flag lookup by NHS number, 50 connections');
    const flags = await runLoad({
      name: 'flag lookup',
      url: server.url,
      connections: FLAG_CONNECTIONS,
      durationS: opts.durationS,
      headers: { cookie: ed.cookie },
      path: () => `/api/v1/flags?nhsNumber=${randomOf(samples.nhsNumbers)}`,
      beforeWarmup: async () => {
        observer = await observePostgres(databaseUrl);
      },
    });
    results.postgres!.flagLookup = { ...flags, ratioToFloor: ratio(flags, results.floors.pgPointLookup), evidence: await observer?.stop(flags.count + flags.warmupRequests) };

    const nurse = (await signIn(server.url, 'designated-nurse')).session;
    log(`  child search by family name, one at a time (${SEQUENTIAL_SEARCHES} requests, at most 120 s)`);
    await waitForQuiet(opts.waitQuietS);
    results.postgres!.childSearchByNameSequential = await runSequential(
      'child search by family name, one at a time',
      SEQUENTIAL_SEARCHES,
      (i) => call(server.url, `/api/v1/children?name=${encodeURIComponent(samples.familyNames[i % samples.familyNames.length] as string)}`, { session: nurse }),
      120_000,
    );
    log('  child search by family name, 10 connections');
    let searchObserver: Awaited<ReturnType<typeof observePostgres>> | undefined;
    const search = await runLoad({
      name: 'child search by name',
      url: server.url,
      connections: SEARCH_CONNECTIONS,
      durationS: opts.durationS,
      headers: { cookie: nurse.cookie },
      path: () => `/api/v1/children?name=${encodeURIComponent(randomOf(samples.familyNames))}`,
      timeoutS: BENCH_STATEMENT_TIMEOUT_MS / 1000,
      // The one-at-a-time run warmed the server; a warm-up here would leave slow queries running into the measured run.
      warmupS: 0,
      beforeWarmup: async () => {
        searchObserver = await observePostgres(databaseUrl);
      },
    });
    results.postgres!.childSearchByName = { ...search, evidence: await searchObserver?.stop(search.count + search.warmupRequests) };
  });

  log('PostgreSQL: diagnostic flag lookup without scope or audit (bench-only route on CLASP\'s app)');
  try {
    await withServer({ mode: 'clasp-variants', databaseUrl }, async (server) => {
      const ed = (await signIn(server.url, 'ed-clinician')).session;
      const r = await runLoad({
        name: 'flag lookup without scope or audit',
        url: server.url,
        connections: FLAG_CONNECTIONS,
        durationS: opts.durationS,
        headers: { cookie: ed.cookie },
        path: () => `${FLAG_VARIANT_PATH}?nhsNumber=${randomOf(samples.nhsNumbers)}`,
      });
      results.postgres!.flagLookupNoScopeNoAudit = { ...r, ratioToFloor: ratio(r, results.floors.pgPointLookup) };
    });
  } catch (error) {
    // The diagnostic leans on src/ internals that may have moved; the real figures stand without it.
    results.notes.push(`The diagnostic flag lookup without scope or audit was skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

async function pagesOnPglite(server: RunningChild, samples: Samples, n: number) {
  const url = server.url;
  const pages = [];
  pages.push(await runSequential('sign-in page: GET /meta', n, () => call(url, '/api/v1/meta')));
  const sessions: Record<string, Session> = {};
  const signInAs = ['designated-nurse', ...Array.from({ length: SIGN_IN_SAMPLES - 1 }, () => 'designated-nurse'), 'ed-clinician', 'gp'];
  pages.push(
    await runSequential('sign in: POST /auth/sign-in', signInAs.length, async (i) => {
      const username = signInAs[i] as string;
      const { session, status } = await signIn(url, username);
      sessions[username] = session;
      return status;
    }),
  );
  const nurse = sessions['designated-nurse'] as Session;
  const ed = sessions['ed-clinician'] as Session;
  const gp = sessions.gp as Session;
  const at = <T>(values: readonly T[], i: number) => values[i % values.length] as T;
  pages.push(await runSequential('every page: GET /auth/session', n, () => call(url, '/api/v1/auth/session', { session: nurse })));
  pages.push(await runSequential('find a child: by NHS number', n, (i) => call(url, `/api/v1/children?nhsNumber=${at(samples.nhsNumbers, i)}`, { session: nurse })));
  pages.push(await runSequential('find a child: by family name', n, (i) => call(url, `/api/v1/children?name=${encodeURIComponent(at(samples.familyNames, i))}`, { session: nurse })));
  if (samples.childrenWithHousehold.length)
    pages.push(await runSequential('child summary (household + episodes)', n, (i) => call(url, `/api/v1/children/${at(samples.childrenWithHousehold, i)}`, { session: nurse })));
  pages.push(await runSequential('practice cohort (demo GP)', n, () => call(url, '/api/v1/cohorts/practice', { session: gp })));
  const practice = samples.largestPractice;
  if (practice)
    pages.push(await runSequential(`practice cohort (largest practice, ${practice.children} children)`, n, () => call(url, `/api/v1/cohorts/practice?practiceId=${practice.id}`, { session: nurse })));
  pages.push(await runSequential('add a child: GET /organisations (GPs)', n, () => call(url, '/api/v1/organisations?kind=gp_practice', { session: nurse })));
  if (samples.people.length)
    pages.push(await runSequential('add a child: duplicate check', n, (i) => call(url, '/api/v1/children/duplicate-check', { session: nurse, method: 'POST', body: at(samples.people, i) })));
  pages.push(await runSequential('flag lookup (ED clinician)', n, (i) => call(url, `/api/v1/flags?nhsNumber=${at(samples.nhsNumbers, i)}`, { session: ed })));
  if (samples.childrenWithHousehold.length)
    pages.push(
      await runSequential('record presentation (ED, a write)', n, (i) =>
        call(url, `/api/v1/children/${at(samples.childrenWithHousehold, i + n)}/presentations`, { session: ed, method: 'POST', body: { reason: 'Attended the emergency department (benchmark)' } }),
      ),
    );
  return { pages, ed };
}

async function runPglite(results: Results, opts: ReturnType<typeof parseOptions>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clasp-bench-pglite-'));
  try {
    log(`PGlite: seeding the demo and a borough into ${dataDir}`);
    const { report, samples } = await seedPglite(dataDir);
    results.pglite = { seed: report, coldStarts: [], pages: [], memoryAfterPages: null };
    const g = results.pglite;

    results.floors.pglitePointLookup = await measureLookupFloor('Fastify + one PGlite point lookup', { mode: 'lookup', dataDir }, samples.nhsNumbers, opts.durationS);

    log(`PGlite: ${COLD_STARTS} cold starts of the CLASP server`);
    for (let i = 0; i < COLD_STARTS - 1; i += 1) {
      const busy = await waitForQuiet(opts.waitQuietS);
      await withServer({ mode: 'clasp', dataDir }, async (s) => {
        g.coldStarts.push({ seconds: s.coldStartS, timings: s.timings, machineBusyBefore: busy });
      });
    }
    const busy = await waitForQuiet(opts.waitQuietS);
    await withServer({ mode: 'clasp', dataDir }, async (server) => {
      g.coldStarts.push({ seconds: server.coldStartS, timings: server.timings, machineBusyBefore: busy });
      log(`PGlite: page API calls, ${opts.pageRequests} sequential requests each`);
      g.machineBusyBeforePages = await waitForQuiet(opts.waitQuietS);
      const { pages, ed } = await pagesOnPglite(server, samples, opts.pageRequests);
      g.pages = pages;
      g.memoryAfterPages = server.memory();
      log('PGlite: flag lookup under load, 50 connections');
      const load = await runLoad({
        name: 'flag lookup on PGlite',
        url: server.url,
        connections: FLAG_CONNECTIONS,
        durationS: opts.durationS,
        headers: { cookie: ed.cookie },
        path: () => `/api/v1/flags?nhsNumber=${randomOf(samples.nhsNumbers)}`,
      });
      g.flagLookupUnderLoad = { ...load, ratioToFloor: ratio(load, results.floors.pglitePointLookup) };
      g.memoryAfterLoad = server.memory();
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Figures taken while the machine was busy with other work are flagged, not silently reported. */
function noteBusyMachine(results: Results): void {
  const readings: [string, number | null | undefined][] = [
    ['bare floor', results.floors.bareFastify?.machineBusyBefore],
    ['pg floor', results.floors.pgPointLookup?.machineBusyBefore],
    ['PGlite floor', results.floors.pglitePointLookup?.machineBusyBefore],
    ['national seed', (results.postgres?.seed ?? results.seedOnly)?.machineBusyBefore],
    ['PG flag lookup', results.postgres?.flagLookup?.machineBusyBefore],
    ['PG search', results.postgres?.childSearchByName?.machineBusyBefore],
    ['PG diagnostic', results.postgres?.flagLookupNoScopeNoAudit?.machineBusyBefore],
    ['PGlite page calls', results.pglite?.machineBusyBeforePages],
    ['PGlite flag load', results.pglite?.flagLookupUnderLoad?.machineBusyBefore],
    ...(results.pglite?.coldStarts ?? []).map((c, i): [string, number | null] => [`cold start ${i + 1}`, c.machineBusyBefore]),
  ];
  const busy = readings.filter(([, v]) => typeof v === 'number' && v > 0.2);
  if (busy.length)
    results.notes.push(
      `Other work was using the machine just before: ${busy.map(([k, v]) => `${k} ${Math.round((v as number) * 100)}%`).join(', ')} of all CPU. Those figures understate what the machine can do; re-run when it is quiet (or with --wait-quiet 300).`,
    );
}

/** A percentile from a handful of responses (e.g. a search that takes seconds) is rough: say so. */
function noteThinSamples(results: Results): void {
  const runs: (LoadResult | undefined)[] = [
    results.floors.bareFastify,
    results.floors.pgPointLookup,
    results.floors.pglitePointLookup,
    results.postgres?.flagLookup,
    results.postgres?.flagLookupNoScopeNoAudit,
    results.postgres?.childSearchByName,
    results.pglite?.flagLookupUnderLoad,
  ];
  for (const r of runs) {
    if (!r) continue;
    if (r.count < 200) results.notes.push(`${r.name}: only ${r.count} responses in ${r.durationS} s, so its percentiles are rough${r.timeouts ? ` (${r.timeouts} requests timed out and are not in them)` : ''}.`);
    else if (r.timeouts) results.notes.push(`${r.name}: ${r.timeouts} requests timed out and are not in its percentiles.`);
  }
}

function checkTargets(results: Results): void {
  const { ms, n0, pct } = format;
  const t = results.targets;
  const seed = results.postgres?.seed ?? results.seedOnly;
  if (seed) t.push({ target: 'national seed ≥ 50,000 children/s (COPY)', measured: `${n0(seed.childrenPerSecond)}/s over ${n0(seed.children)} children`, pass: seed.childrenPerSecond >= 50_000 });
  const p = results.postgres;
  if (p?.flagLookup) {
    const f = p.flagLookup;
    t.push({ target: 'PG flag lookup ≥ 50% of the one-lookup floor', measured: `${n0(f.reqPerSec)} vs ${n0(results.floors.pgPointLookup?.reqPerSec)} req/s = ${pct(f.ratioToFloor)}`, pass: f.ratioToFloor === null ? null : f.ratioToFloor >= 0.5 });
    t.push({ target: 'PG flag lookup p99 ≤ 50 ms at 50 connections', measured: `${ms(f.p99)} ms (non-2xx ${f.non2xx}, errors ${f.errors})`, pass: f.p99 <= 50 && f.non2xx === 0 && f.errors === 0 });
  }
  if (p?.childSearchByName) {
    const s = p.childSearchByName;
    const sq = p.childSearchByNameSequential;
    t.push({
      target: 'PG child search by name p95 ≤ 100 ms',
      measured:
        `${s.count} responses in ${s.durationS} s at ${s.connections} connections${s.count ? `, p95 ${ms(s.p95)} ms` : ''} (non-2xx ${s.non2xx}, timeouts ${s.timeouts})` +
        (sq ? `; one at a time p95 ${ms(sq.p95)} ms` : ''),
      pass: s.count > 0 && s.p95 <= 100 && s.non2xx === 0 && s.errors === 0,
    });
  }
  const g = results.pglite;
  if (g) {
    const worst = Math.max(...g.coldStarts.map((c) => c.seconds));
    t.push({ target: 'PGlite cold start ≤ 3 s', measured: `worst of ${g.coldStarts.length}: ${worst.toFixed(2)} s`, pass: worst <= 3 });
    const over = g.pages.filter((r) => r.p95 > 200);
    const failed = g.pages.filter((r) => r.non2xx > 0);
    const slowest = [...g.pages].sort((a, b) => b.p95 - a.p95)[0];
    if (slowest)
      t.push({
        target: "PGlite every page's API calls ≤ 200 ms (p95)",
        measured: over.length
          ? `over: ${over.map((r) => `${r.name} p95 ${ms(r.p95)} ms`).join('; ')}${failed.length ? `; non-2xx in ${failed.map((f) => f.name).join(', ')}` : ''}`
          : `slowest: ${slowest.name} p95 ${ms(slowest.p95)} ms${failed.length ? `; non-2xx in ${failed.map((f) => f.name).join(', ')}` : ''}`,
        pass: over.length === 0 && failed.length === 0,
      });
    if (g.memoryAfterPages) t.push({ target: 'PGlite server RSS ≤ 500 MB', measured: `${n0(g.memoryAfterPages.rssMb)} MB after the page calls (peak ${n0(g.memoryAfterPages.peakRssMb)} MB)`, pass: g.memoryAfterPages.peakRssMb <= 500 });
  }
}

/** Which code was measured: the commit, and how many files differed from it (others may be mid-edit). */
function sourceState(): Results['source'] {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const status = git('status', '--porcelain', '--untracked-files=normal');
    return { root: ROOT, commit: git('rev-parse', 'HEAD'), changedFiles: status ? status.split('\n').length : 0 };
  } catch {
    return { root: ROOT, commit: null, changedFiles: null };
  }
}

async function postgresVersion(databaseUrl: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>("SELECT 'PostgreSQL ' || current_setting('server_version') AS v");
    return rows[0]?.v;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  const opts = parseOptions();
  loadSettings.waitQuietS = opts.waitQuietS;
  if (opts.only === 'chronology') {
    // #3: a child's chronology with 10,000 events (bench/chronology.ts), on PGlite and, with DATABASE_URL, PostgreSQL.
    const { runChronologyBench, chronologySummary } = await import('./chronology.js');
    const chronology = await runChronologyBench({ databaseUrl: process.env.DATABASE_URL || undefined });
    process.stdout.write(`${JSON.stringify(chronology, null, 2)}\n\n${chronologySummary(chronology)}\n`);
    return;
  }
  if (opts.only === 'events-ingest') {
    // #3: an ED attendance feed of 50,000 rows, parsed, recorded and routed (bench/events-ingest.ts).
    const { runEventsIngestBench, eventsIngestSummary } = await import('./events-ingest.js');
    const ingest = await runEventsIngestBench({ databaseUrl: process.env.DATABASE_URL || undefined });
    process.stdout.write(`${JSON.stringify(ingest, null, 2)}\n\n${eventsIngestSummary(ingest)}\n`);
    return;
  }
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const wantPg = opts.only === null || opts.only === 'pg' || opts.only === 'seed';
  const wantPglite = opts.only === null || opts.only === 'pglite';
  const results: Results = {
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version },
    options: { only: opts.only, nationalLimit: opts.nationalLimit, durationS: opts.durationS, pageRequests: opts.pageRequests, waitQuietS: opts.waitQuietS, reuseSeed: opts.reuseSeed },
    source: sourceState(),
    floors: {},
    targets: [],
    notes: [],
  };

  let runPg = wantPg;
  if (wantPg && !databaseUrl) {
    if (opts.only !== null) throw new Error('The PostgreSQL part needs DATABASE_URL, e.g. DATABASE_URL=postgres://clasp:clasp@127.0.0.1:5432/clasp_bench');
    results.notes.push('DATABASE_URL is not set: the PostgreSQL part (national seed, pg floor, flag lookup, search) was skipped.');
    runPg = false;
  }
  if (runPg && databaseUrl) {
    checkBenchDatabaseUrl(databaseUrl);
    const version = await postgresVersion(new URL('/postgres', databaseUrl).toString());
    if (version) results.machine.postgres = version;
  }
  if (runPg && opts.nationalLimit < SCALE_PROFILES.national.children)
    results.notes.push(`Trial run: the national seed was limited to ${opts.nationalLimit.toLocaleString('en-GB')} of ${SCALE_PROFILES.national.children.toLocaleString('en-GB')} children.`);
  results.notes.push('Servers run from TypeScript through tsx (node --import tsx), as in development; cold start and RSS include tsx.');
  if (runPg && opts.only !== 'seed')
    results.notes.push("The 'diagnostic' flag-lookup row is a bench-only route (bench/flag-variants.ts): the same session hook, validation and serialisation, and one statement reading the child by NHS number with its episodes, alerts and LA, like the real route, but with no scope columns and no audit write. src/ has no switch for scope or audit.");

  if (opts.only !== 'seed') results.floors.bareFastify = await measureBareFloor(opts.durationS);
  if (runPg && databaseUrl) await runPostgres(results, databaseUrl, opts);
  if (wantPglite) await runPglite(results, opts);

  results.finishedAt = new Date().toISOString();
  noteBusyMachine(results);
  noteThinSamples(results);
  checkTargets(results);
  const file = writeResults(ROOT, results);
  process.stdout.write(`\n${renderReport(results)}\n\nResults: ${file}\n`);
}

let interrupted = false;
const interrupt = () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log('Interrupted: stopping the servers this run started');
  Promise.all([...running].map((s) => s.stop())).finally(() => process.exit(130));
};
process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

main().catch(async (error: unknown) => {
  log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await Promise.all([...running].map((s) => s.stop()));
  process.exit(1);
});
