/**
 * Chronology benchmark (#3), run by `npm run bench -- --only chronology` or directly with
 * `node --import tsx bench/chronology.ts`. Never part of `npm test`.
 *
 * Targets (issue #3): a child's chronology with 10,000 events, first page ≤ 30 ms server time on
 * PostgreSQL with the national dataset; ≤ 200 ms on the embedded default (PGlite) with the borough.
 *
 *  - PGlite: a fresh data directory, the demo borough + the borough dataset (~50,000 children), a
 *    background of events on other children, and one child with 10,000 events (+ a worklist item on
 *    every 4th, a tenth of them confidential, and runs of equal timestamps).
 *  - PostgreSQL when DATABASE_URL is set (only 127.0.0.1/localhost/::1): a database of its own,
 *    `clasp_chronobench`, with a national-profile seed limited to CHRONOLOGY_BENCH_NATIONAL_LIMIT
 *    children (default 1,000,000; the full 12 million takes the national seed time) and the same child.
 *
 * Measures against a listening server (127.0.0.1, an ephemeral port), one request at a time, signed in
 * as the demo designated nurse: server time from Fastify's `reply.elapsedTime` (routing, scope, the
 * queries, the audit row, serialisation) and the round trip seen by the client; p50/p95 over N requests
 * after a warm-up. Also: a filtered first page, page 100 (deep keyset), the household chronology, the
 * CSV and print exports of all 10,000, and the query plan of the first page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { chronologyQuery } from '../src/contracts/chronology.js';
import { readChronologyWithoutScopeOrAudit } from '../src/server/modules/chronology/chronology.usecases.js';
import { openDatabase, type DatabaseHandle } from '../src/server/db/database.js';
import { migrate } from '../src/server/db/migrate.js';
import { systemClock } from '../src/server/shared/clock.js';
import { setReadAuditCommit } from '../src/server/audit/audit.js';
import { ensureDemoData } from '../src/server/start.js';
import { hashPassword } from '../src/server/modules/auth/password.js';
import { EVENT_TYPES, EVENT_TYPE_DEFINITIONS } from '../src/domain/safeguarding/event-types.js';
import { seedAtScale } from '../src/seed/scale.js';

const EVENTS = 10_000;
const REQUESTS = Number(process.env.CHRONOLOGY_BENCH_REQUESTS ?? 50);
const WARMUP = 5;
const BENCH_USER = 'chronology-bench';
const BENCH_PASSWORD = 'chronology-bench-password';

const log = (message: string) => process.stderr.write(`${message}\n`);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1))]!;
const round = (n: number) => Math.round(n * 10) / 10;

interface Timing {
  requests: number;
  status: number;
  serverP50: number;
  serverP95: number;
  roundTripP50: number;
  roundTripP95: number;
  bytes: number;
}

/**
 * The child with 10,000 events, its household sibling, and events on other children, written with
 * generate_series (set-based: a few seconds even on PGlite). Types cycle through every event type;
 * every 10th event is confidential; every 7th shares its timestamp with the one before (equal timestamps).
 */
async function seedChronology(handle: DatabaseHandle, { backgroundEvents }: { backgroundEvents: number }) {
  const db = handle.db;
  const organisation = await db.selectFrom('organisations').select('id').orderBy('code').limit(1).executeTakeFirstOrThrow();
  const team = await db.selectFrom('teams').select('id').orderBy('name').limit(1).executeTakeFirstOrThrow();
  const recorder = await db.selectFrom('users').select('id').orderBy('username').limit(1).executeTakeFirstOrThrow();
  // A bench account of its own (designated nurse: every child in scope), so the seed's demo accounts stay untouched.
  const existing = await db.selectFrom('users').select('id').where('username', '=', BENCH_USER).executeTakeFirst();
  if (!existing)
    await db.insertInto('users').values({ id: randomUUID(), username: BENCH_USER, display_name: 'Chronology Benchmark', password_hash: await hashPassword(BENCH_PASSWORD), role_id: 'designated_nurse', organisation_id: organisation.id, team_id: null, locked_until: null }).execute();
  const childId = randomUUID();
  const siblingId = randomUUID();
  for (const [id, given] of [[childId, 'Thaddeus'], [siblingId, 'Ottoline']] as const)
    await db.insertInto('children').values({ id, nhs_number: null, la_child_id: null, given_name: given, family_name: 'Benchmarsh', date_of_birth: '2015-06-01', expected_due_on: null, is_unborn: false, born_as_child_id: null, unborn_record_id: null, mother_person_id: null, ethnicity: null, registered_practice_id: null, school_id: null, responsible_la_id: null, placement_area: null }).execute();
  await db.insertInto('relationships').values({ child_id: childId, id: randomUUID(), kind: 'sibling', related_child_id: siblingId, related_person_id: null, lives_with: true }).execute();

  const types = sql.join(EVENT_TYPES.map((t) => sql`${t}`));
  const services = sql.join(EVENT_TYPES.map((t) => sql`${EVENT_TYPE_DEFINITIONS[t].service}`));
  const categories = sql`ARRAY['sexual_health', 'dv_disclosure', 'young_person_private', 'camhs_therapy', 'sealed_identity']`;
  // Back from now, one event every 8¾ hours (~10 years); every 7th shares the previous one's instant.
  await sql`
    INSERT INTO child_events (child_id, id, type, occurred_at, recorded_at, recorded_by, organisation_id, service, source, significance, confidentiality, household_event_id, summary, details, routing_version)
    SELECT ${childId}::uuid, gen_random_uuid(),
           (ARRAY[${types}])[1 + i % ${EVENT_TYPES.length}],
           now() - (i - CASE WHEN i % 7 = 6 THEN 1 ELSE 0 END) * interval '8 hours 45 minutes',
           now(), ${recorder.id}::uuid, ${organisation.id}::uuid,
           (ARRAY[${services}])[1 + i % ${EVENT_TYPES.length}],
           (ARRAY['ui', 'api', 'feed'])[1 + i % 3],
           (ARRAY['routine', 'significant', 'significant', 'critical'])[1 + i % 4],
           CASE WHEN i % 10 = 0 THEN (${categories})[1 + (i / 10) % 5] ELSE 'standard' END,
           NULL,
           'Benchmark event ' || i || ': a summary of what happened, who was there and what was done next',
           jsonb_build_object('note', 'benchmark details ' || i, 'index', i),
           1
      FROM generate_series(1, ${EVENTS}) AS g(i)`.execute(db);
  await sql`
    INSERT INTO worklist_items (child_id, id, event_id, team_id, rule_id, rule_version, action, priority, reason, created_at, escalate_at, acknowledged_at, actioned_at, outcome)
    SELECT e.child_id, gen_random_uuid(), e.id, ${team.id}::uuid, 'bench-rule', 1, 'check', 'routine', 'Benchmark routing', e.occurred_at, e.occurred_at + interval '16 hours',
           CASE WHEN n % 8 = 0 THEN e.occurred_at + interval '2 hours' END,
           CASE WHEN n % 16 = 0 THEN e.occurred_at + interval '3 hours' END,
           CASE WHEN n % 16 = 0 THEN 'contact_made' END
      FROM (SELECT child_id, id, occurred_at, row_number() OVER (ORDER BY occurred_at, id) AS n FROM child_events WHERE child_id = ${childId}::uuid) e
     WHERE e.n % 4 = 0`.execute(db);
  // The sibling: 500 events of its own.
  await sql`
    INSERT INTO child_events (child_id, id, type, occurred_at, recorded_at, recorded_by, organisation_id, service, source, significance, confidentiality, summary, details, routing_version)
    SELECT ${siblingId}::uuid, gen_random_uuid(), 'health_contact', now() - i * interval '7 days', now(), ${recorder.id}::uuid, ${organisation.id}::uuid, 'health_visiting', 'ui', 'routine', 'standard', 'Sibling contact ' || i, '{}'::jsonb, 1
      FROM generate_series(1, 500) AS g(i)`.execute(db);
  // Background: events spread over other children, so the table and its indexes are not one child's.
  if (backgroundEvents > 0)
    await sql`
      INSERT INTO child_events (child_id, id, type, occurred_at, recorded_at, recorded_by, organisation_id, service, source, significance, confidentiality, summary, details, routing_version)
      SELECT c.id, gen_random_uuid(), 'health_contact', now() - (k * 13 % 3650) * interval '1 day', now(), NULL, NULL, 'health_visiting', 'feed', 'routine', 'standard', 'Background event', '{}'::jsonb, 1
        FROM (SELECT id, row_number() OVER () AS r FROM (SELECT id FROM children WHERE id NOT IN (${childId}::uuid, ${siblingId}::uuid) LIMIT ${Math.ceil(backgroundEvents / 4)}) s) c
        CROSS JOIN generate_series(1, 4) AS k`.execute(db);
  // The same team's open items across 20,000 other children: a team worklist spans many children, not one.
  await sql`
    INSERT INTO worklist_items (child_id, id, event_id, team_id, rule_id, rule_version, action, priority, reason, created_at, escalate_at)
    SELECT e.child_id, gen_random_uuid(), e.id, ${team.id}::uuid, 'bench-rule', 1, 'copy', CASE WHEN random() < 0.1 THEN 'urgent' ELSE 'routine' END, 'Benchmark routing', now() - random() * interval '30 days', now() + interval '8 hours'
      FROM (SELECT DISTINCT ON (child_id) child_id, id FROM child_events WHERE child_id <> ${childId}::uuid AND source = 'feed' LIMIT 20000) e`.execute(db);
  await sql`ANALYZE child_events`.execute(db);
  await sql`ANALYZE worklist_items`.execute(db);
  const counts = await sql<{ events: number; items: number }>`SELECT (SELECT count(*)::int FROM child_events) AS events, (SELECT count(*)::int FROM worklist_items) AS items`.execute(db);
  return { childId, siblingId, totalEvents: counts.rows[0]!.events, totalWorklistItems: counts.rows[0]!.items };
}

/** The first page's plan (the same statement shape the repository runs): it must walk child_events_chronology_idx. */
async function firstPagePlan(handle: DatabaseHandle, childId: string): Promise<{ usesChronologyIndex: boolean; sorts: boolean; plan: string[] }> {
  const result = await sql<{ 'QUERY PLAN': string }>`
    EXPLAIN (ANALYZE, COSTS OFF)
    SELECT e.child_id, e.id, e.occurred_at FROM child_events e
     WHERE e.child_id = ${childId}::uuid
     ORDER BY e.occurred_at DESC, e.id DESC LIMIT 51`.execute(handle.db);
  const plan = result.rows.map((r) => r['QUERY PLAN']);
  return { usesChronologyIndex: plan.some((l) => l.includes('child_events_chronology_idx')), sorts: plan.some((l) => /\bSort\b/.test(l)), plan };
}

async function measureServer(handle: DatabaseHandle, { childId }: { childId: string }) {
  const app = await buildApp({ db: handle.db, clock: systemClock, signInRateLimitPerMinute: 1000 });
  const serverMs = new Map<string, number>();
  app.addHook('onResponse', async (req, reply) => {
    const id = req.headers['x-bench-id'];
    if (typeof id === 'string') serverMs.set(id, reply.elapsedTime);
  });
  // Bench-only: the first page with scope and audit switched off (same session hook, validation and
  // serialisation), measured beside the real route in the same run — the #5 overhead ratio.
  app.get('/api/v1/bench/chronology-no-scope-no-audit/:childId', async (req) => {
    const { childId } = req.params as { childId: string };
    return readChronologyWithoutScopeOrAudit(handle.db, { actor: req.actor(), childId, query: chronologyQuery.parse(req.query ?? {}), now: new Date() });
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  try {
    const signIn = await fetch(`${address}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: BENCH_USER, password: BENCH_PASSWORD }) });
    if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;

    const call = async (path: string) => {
      const id = randomUUID();
      const started = process.hrtime.bigint();
      const response = await fetch(`${address}${path}`, { headers: { cookie, 'x-bench-id': id } });
      const body = await response.text();
      const roundTrip = Number(process.hrtime.bigint() - started) / 1e6;
      return { status: response.status, body, roundTrip, server: serverMs.get(id) ?? Number.NaN };
    };
    const measure = async (name: string, path: (i: number) => string, requests = REQUESTS): Promise<Timing> => {
      log(`  ${name}: ${WARMUP} warm-up + ${requests} sequential requests`);
      for (let i = 0; i < WARMUP; i += 1) await call(path(i));
      const server: number[] = [];
      const roundTrip: number[] = [];
      let status = 0;
      let bytes = 0;
      for (let i = 0; i < requests; i += 1) {
        const r = await call(path(i));
        if (r.status !== 200) throw new Error(`${name}: HTTP ${r.status} ${r.body.slice(0, 300)}`);
        status = r.status;
        bytes = r.body.length;
        server.push(r.server);
        roundTrip.push(r.roundTrip);
      }
      return { requests, status, serverP50: round(percentile(server, 50)), serverP95: round(percentile(server, 95)), roundTripP50: round(percentile(roundTrip, 50)), roundTripP95: round(percentile(roundTrip, 95)), bytes };
    };

    const base = `/api/v1/children/${childId}`;
    // The team with the most routed items (issue #3: a team worklist ≤ 50 ms on PostgreSQL, ≤ 200 ms on PGlite).
    const busiest = await sql<{ team_id: string; n: number }>`SELECT team_id, count(*)::int AS n FROM worklist_items WHERE actioned_at IS NULL GROUP BY team_id ORDER BY n DESC LIMIT 1`.execute(handle.db);
    const first = await call(`${base}/chronology`);
    const firstBody = JSON.parse(first.body) as { total: number; entries: unknown[]; restrictedCount: number; nextCursor: string | null };
    // The cursor of page 100 (of 50 each), found by walking the keyset once.
    let cursor = firstBody.nextCursor;
    for (let page = 2; page < 100 && cursor; page += 1) cursor = (JSON.parse((await call(`${base}/chronology?cursor=${cursor}`)).body) as { nextCursor: string | null }).nextCursor;
    const results = {
      check: { total: firstBody.total, entriesOnFirstPage: firstBody.entries.length, restrictedCount: firstBody.restrictedCount },
      firstPage: await measure('first page (50 entries, counts per type, worklist items, audit)', () => `${base}/chronology`),
      firstPageNoScopeNoAudit: await measure('first page with scope and audit switched off (bench-only route)', () => `/api/v1/bench/chronology-no-scope-no-audit/${childId}`),
      firstPageAgain: await measure('first page again (interleaved, for the ratio)', () => `${base}/chronology`),
      firstPageFiltered: await measure('first page filtered by type and significance', () => `${base}/chronology?type=ed_attendance,missed_appointment&significance=significant,critical`),
      page100: cursor ? await measure('page 100 (keyset cursor)', () => `${base}/chronology?cursor=${cursor}`) : null,
      householdFirstPage: await measure('household chronology, first page (child + sibling, 10,500 events)', () => `/api/v1/children/${childId}/household-chronology`),
      teamWorklist: busiest.rows[0] ? { openItems: busiest.rows[0].n, ...(await measure(`team worklist, first 100 of ${busiest.rows[0].n} open items`, () => `/api/v1/worklists?teamId=${busiest.rows[0]!.team_id}`)) } : null,
      csvExport: await measure('CSV export of all 10,000', () => `${base}/chronology.csv`, 5),
      printExport: await measure('print page of all 10,000', () => `${base}/chronology/print`, 5),
    };
    return results;
  } finally {
    await app.close();
  }
}

async function pglitePart() {
  const dataDir = mkdtempSync(join(tmpdir(), 'clasp-chronobench-'));
  const handle = await openDatabase({ dataDir });
  try {
    await migrate(handle.db);
    await ensureDemoData({ db: handle.db, clock: systemClock });
    log('PGlite: seeding the borough dataset');
    const started = process.hrtime.bigint();
    const seeded = await seedAtScale({ pool: handle.pool, scale: 'borough' });
    log(`  ${seeded.children} children in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s; adding the chronology events`);
    const chronology = await seedChronology(handle, { backgroundEvents: 100_000 });
    const plan = await firstPagePlan(handle, chronology.childId);
    log('PGlite: measuring');
    const timings = await measureServer(handle, { childId: chronology.childId });
    return { database: 'PGlite (embedded)', dataset: `borough: ${seeded.children} children`, ...chronology, plan, ...timings };
  } finally {
    await handle.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgresPart(databaseUrl: string) {
  const url = new URL(databaseUrl);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname)) throw new Error('The chronology benchmark only uses a PostgreSQL server on this machine');
  const admin = new pg.Client({ connectionString: databaseUrl.replace(/\/[^/?]+(\?|$)/, '/postgres$1') });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS clasp_chronobench');
  await admin.query('CREATE DATABASE clasp_chronobench');
  await admin.end();
  const handle = await openDatabase({ databaseUrl: databaseUrl.replace(/\/[^/?]+(\?|$)/, '/clasp_chronobench$1') });
  try {
    await migrate(handle.db);
    // A bench database of its own: the demo organisations, teams and users give the events their recorders and teams.
    await ensureDemoData({ db: handle.db, clock: systemClock });
    const limit = Number(process.env.CHRONOLOGY_BENCH_NATIONAL_LIMIT ?? 1_000_000);
    log(`PostgreSQL: seeding the national profile, ${limit.toLocaleString('en-GB')} children`);
    const seeded = await seedAtScale({ pool: handle.pool, scale: 'national', limit });
    const chronology = await seedChronology(handle, { backgroundEvents: 1_000_000 });
    const plan = await firstPagePlan(handle, chronology.childId);
    log('PostgreSQL: measuring');
    const timings = await measureServer(handle, { childId: chronology.childId });
    return { database: 'PostgreSQL', dataset: `national profile: ${seeded.children} children`, ...chronology, plan, ...timings };
  } finally {
    await handle.close();
  }
}

export async function runChronologyBench({ databaseUrl }: { databaseUrl: string | undefined }) {
  // Other work on the machine inflates every figure: the load average is recorded beside them.
  // CLASP_READ_AUDIT_COMMIT=async measures ADR 0006's asynchronous commit of read-audit rows; CHRONOLOGY_BENCH_ONLY=pg|pglite runs one part.
  const readAuditCommit = process.env.CLASP_READ_AUDIT_COMMIT === 'async' ? 'async' : 'sync';
  setReadAuditCommit(readAuditCommit);
  const only = process.env.CHRONOLOGY_BENCH_ONLY;
  const results: Record<string, unknown> = { startedAt: new Date().toISOString(), cpus: cpus().length, readAuditCommit, loadAverageBefore: loadavg().map(round) };
  results.postgres = only === 'pglite' ? 'skipped: CHRONOLOGY_BENCH_ONLY=pglite' : databaseUrl ? await postgresPart(databaseUrl) : 'skipped: set DATABASE_URL';
  results.pglite = only === 'pg' ? 'skipped: CHRONOLOGY_BENCH_ONLY=pg' : await pglitePart();
  results.loadAverageAfter = loadavg().map(round);
  return results;
}

export function chronologySummary(results: Record<string, unknown>): string {
  const lines: string[] = [`read-audit commit: ${String(results.readAuditCommit)}; machine: ${String(results.cpus)} CPUs; 1/5/15-minute load average before ${String(results.loadAverageBefore)}, after ${String(results.loadAverageAfter)}`];
  for (const [key, target] of [['postgres', 30], ['pglite', 200]] as const) {
    const r = results[key] as { database?: string; dataset?: string; teamWorklist?: (Timing & { openItems: number }) | null; firstPage?: Timing; firstPageAgain?: Timing; firstPageNoScopeNoAudit?: Timing; page100?: Timing | null; householdFirstPage?: Timing; csvExport?: Timing; plan?: { usesChronologyIndex: boolean; sorts: boolean } } | string;
    if (typeof r === 'string' || !r?.firstPage) {
      lines.push(`${key}: ${String(r)}`);
      continue;
    }
    const f = r.firstPage;
    lines.push(
      `${r.database} (${r.dataset}): first page server p50 ${f.serverP50} ms, p95 ${f.serverP95} ms (target ≤ ${target} ms: ${f.serverP95 <= target ? 'met' : 'NOT met'}); round trip p50 ${f.roundTripP50} ms, p95 ${f.roundTripP95} ms`,
      ...(r.firstPageNoScopeNoAudit && r.firstPageAgain
        ? [
            `  scope + audit cost (#5, target ≤ 20%): first page p50 ${Math.min(f.serverP50, r.firstPageAgain.serverP50)} ms with vs ${r.firstPageNoScopeNoAudit.serverP50} ms without = +${Math.round((Math.min(f.serverP50, r.firstPageAgain.serverP50) / r.firstPageNoScopeNoAudit.serverP50 - 1) * 100)}%`,
          ]
        : []),
      `  team worklist (${r.teamWorklist?.openItems ?? '-'} open items, first 100): server p50 ${r.teamWorklist?.serverP50 ?? '-'} ms, p95 ${r.teamWorklist?.serverP95 ?? '-'} ms (target ≤ ${key === 'postgres' ? 50 : 200} ms)`,
      `  page 100 server p95 ${r.page100?.serverP95 ?? '-'} ms; household first page p95 ${r.householdFirstPage?.serverP95 ?? '-'} ms; CSV of 10,000 p50 ${r.csvExport?.serverP50 ?? '-'} ms; plan uses child_events_chronology_idx: ${r.plan?.usesChronologyIndex}, sorts: ${r.plan?.sorts}`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runChronologyBench({ databaseUrl: process.env.DATABASE_URL || undefined });
  console.log(JSON.stringify(results, null, 2));
  console.log(chronologySummary(results));
}
