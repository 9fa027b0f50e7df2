/**
 * Property-based tests of every input path (issue #5, "proven by"): the JSON body of every POST and
 * PATCH route, the query string and path parameters of every route, and the CSV imports (SSDA903 and
 * health activity). For every generated input:
 *
 * - never a 5xx;
 * - a refusal (4xx) has the one error body `{error:{code,message,formErrors?,fieldErrors?}}`;
 * - a refusal writes nothing: every table's row count and content are unchanged (except the audit log,
 *   which records refusals by design, and session last-seen times), and any audit row it adds is a
 *   refusal (`denied`, `not_found` or `failed`), never `allowed`;
 * - the audit chain still verifies at the end.
 *
 * Routes are discovered from the app (`app.apiRoutes` and the OpenAPI document generated from the
 * same zod schemas), so a route added later is fuzzed without editing this file; requests are made
 * as a role that may perform the action, so they reach validation and the use-cases.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, describe, expect, test } from 'vitest';
import { errorBody } from '../../contracts/errors.js';
import { buildApp } from '../app.js';
import { verifyAuditChain } from '../audit/audit.js';
import { generateSsda903Return } from '../modules/lac-import/generate-return.js';
import { fixedClock } from '../shared/clock.js';
import { seedFixture, signIn, type SignedIn } from '../test/fixtures.js';
import { createTestDb } from '../test/test-db.js';
import { mutatedCsvFiles, type CsvFiles } from './csv-mutations.js';
import { captureStateAndAuditOrder, diffTableState, listTables, TABLES_A_REFUSAL_MAY_CHANGE, type TableState } from './db-state.js';
import { anyJson, arbitraryForSchema, HOSTILE_STRINGS, type JsonSchema, type Pools } from './schema-arbitrary.js';

/** Runs per route for schema-shaped input; the whole file stays well under a minute on PGlite. */
const RUNS_PER_ROUTE = Number(process.env.CLASP_PROPERTY_RUNS ?? 40);
const RUNS_RAW = RUNS_PER_ROUTE * 3;
const RUNS_CSV = RUNS_PER_ROUTE + 10;

/**
 * Who makes the requests: a role that may perform the route's action (designated nurse: scope `all`
 * and most actions). Routes that need another role are listed here; a route on which every request
 * is refused 401/403 fails the coverage test below, telling whoever added it to add a line here.
 */
const USER_FOR_ROUTE: Record<string, string> = {
  'POST /api/v1/children/:childId/presentations': 'ed',
  // Wrong passwords count towards the lockout: a user no other route uses, so the lock cannot spread.
  'POST /api/v1/auth/step-up': 'admin',
};
const DEFAULT_USER = 'designated';
/** Routes whose requests end the caller's session get a fresh one each time (a sign-in: slow KDF, so fewer runs). */
const FRESH_SESSION_ROUTES = new Set(['POST /api/v1/auth/sign-out', 'POST /api/v1/auth/step-up']);
const RUNS_FOR_ROUTE: Record<string, number> = { 'POST /api/v1/auth/sign-out': 5, 'POST /api/v1/auth/step-up': 10, 'POST /api/v1/auth/sign-in': 15 };
/**
 * Tables a refusal on this route changes by design. A wrong password at step-up counts towards the
 * lockout (`users.failed_sign_ins`, H-009) and, at the limit, revokes the session.
 */
const REFUSAL_ALSO_CHANGES: Record<string, readonly string[]> = { 'POST /api/v1/auth/step-up': ['users'] };

const FIXTURES = new URL('../modules/lac-import/fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const validReturn = (): CsvFiles => Object.fromEntries(['header.csv', 'episodes.csv', 'reviews.csv', 'missing.csv', 'oc2.csv'].map((name) => [name, fixture(`valid/${name}`)]));

// ---- Set-up (top level, so that the routes can be listed as one test each)

const clock = fixedClock('2025-06-01T12:00:00Z');
const handle = await createTestDb();
const fx = await seedFixture(handle.db);
const app: FastifyInstance = await buildApp({ db: handle.db, clock, signInRateLimitPerMinute: 1_000_000 });
await app.ready();
afterAll(async () => {
  await app.close();
  await handle.close();
});

const sessions: Record<string, SignedIn> = {};
for (const username of ['designated', 'ed', 'lac']) sessions[username] = await signIn(app, username);

// Data for the deeper paths: looked-after children from a return, their health activity, an assessment.
const generated = generateSsda903Return({ children: 6, seed: 7 });
for (const files of [validReturn(), generated as unknown as CsvFiles]) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/lac/imports/ssda903', headers: sessions.designated!.headers, payload: { files } });
  if (res.statusCode !== 200) throw new Error(`set-up import failed: ${res.statusCode} ${res.body}`);
}
{
  const res = await app.inject({ method: 'POST', url: '/api/v1/lac/imports/health-activity', headers: sessions.designated!.headers, payload: { fileName: 'health-activity.csv', text: fixture('health-activity.csv') } });
  if (res.statusCode !== 200) throw new Error(`set-up health activity import failed: ${res.statusCode} ${res.body}`);
}
const lookedAfter = await handle.db.selectFrom('children').select('id').where('la_child_id', 'is not', null).orderBy('la_child_id').execute();
for (const child of lookedAfter.slice(0, 3)) {
  await app.inject({ method: 'POST', url: `/api/v1/children/${child.id}/health-assessments`, headers: sessions.designated!.headers, payload: { kind: 'RHA' } });
}

const spec = app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[] }>> };
const tables = await listTables(handle.db);

// ---- Pools of values that exist in the database, refreshed as requests create rows

const ID_TABLES: Record<string, string> = {
  childId: 'children',
  relatedChildId: 'children',
  episodeId: 'status_episodes',
  flagId: 'manual_flags',
  assessmentId: 'health_assessments',
  carriedFromActionId: 'health_plan_actions',
  planId: 'health_plans',
  practiceId: 'organisations',
  registeredPracticeId: 'organisations',
  schoolId: 'organisations',
  organisationId: 'organisations',
  teamId: 'teams',
  userId: 'users',
  eventId: 'child_events',
};
let idPools = new Map<string, string[]>();
let nhsNumbers: string[] = [];
async function refreshPools(): Promise<void> {
  const next = new Map<string, string[]>();
  for (const table of new Set(Object.values(ID_TABLES))) {
    if (!tables.includes(table)) continue;
    const { rows } = await sql<{ id: string }>`SELECT id::text AS id FROM ${sql.table(table)} ORDER BY id LIMIT 200`.execute(handle.db);
    next.set(table, rows.map((r) => r.id));
  }
  idPools = next;
  nhsNumbers = (await handle.db.selectFrom('children').select('nhs_number').where('nhs_number', 'is not', null).execute()).map((r) => r.nhs_number!);
}
await refreshPools();
const pools: Pools = {
  idsFor: (name) => {
    const table = ID_TABLES[name];
    if (table) return idPools.get(table) ?? [];
    return [...idPools.values()].flat();
  },
  get nhsNumbers() {
    return nhsNumbers;
  },
};

// ---- The checks every request goes through

interface Attempt {
  method: string;
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
  body?: string;
}

const capture = () => captureStateAndAuditOrder(handle.db, { tables, exclude: TABLES_A_REFUSAL_MAY_CHANGE });
let { state: known, auditOrder: lastAuditOrder } = await capture();
function remember(current: { state: TableState; auditOrder: number }): void {
  known = current.state;
  lastAuditOrder = current.auditOrder;
}

const clip = (text: string | undefined, n: number) => (text && text.length > n ? `${text.slice(0, n)}…(${text.length} chars)` : (text ?? ''));
const describeAttempt = (a: Attempt, res: LightMyRequestResponse) => `${a.method} ${clip(a.url, 200)}\n  body: ${clip(JSON.stringify(a.payload ?? a.body), 400)}\n  → ${res.statusCode} ${clip(res.body, 400)}`;

/** encodeURIComponent, except that a lone surrogate (which it refuses) is sent as U+FFFD, as a browser would. */
const encodePathSegment = (value: string) => encodeURIComponent(value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

const statusCounts = new Map<string, Map<number, number>>();

/** Sends one request and checks the properties; returns the response. */
async function attempt(routeKey: string, a: Attempt, who: SignedIn): Promise<LightMyRequestResponse> {
  const res = await app.inject({
    method: a.method as 'GET',
    url: a.url,
    headers: { ...who.headers, ...a.headers },
    ...(a.body !== undefined ? { body: a.body } : a.payload !== undefined ? { payload: a.payload as object } : {}),
  });
  const counts = statusCounts.get(routeKey) ?? statusCounts.set(routeKey, new Map()).get(routeKey)!;
  counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
  const what = describeAttempt(a, res);

  expect(res.statusCode, `no 5xx: ${what}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    let parsed: unknown;
    try {
      parsed = res.json();
    } catch {
      parsed = undefined;
    }
    const shape = errorBody.strict().safeParse(parsed);
    expect(shape.success, `one error body: ${what}`).toBe(true);
    if (shape.success) {
      expect(shape.data.error.code, `error code <module>.<reason>: ${what}`).toMatch(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/);
      expect(shape.data.error.message.length, `error message: ${what}`).toBeGreaterThan(0);
    }
    const after = await capture();
    const allowed = REFUSAL_ALSO_CHANGES[routeKey] ?? [];
    expect(diffTableState(known, after.state).filter((t) => !allowed.includes(t.split(' ')[0]!)), `no partial write: ${what}`).toEqual([]);
    if (after.auditOrder > lastAuditOrder) {
      const audits = await sql<{ outcome: string; action: string }>`SELECT outcome, action FROM audit_events WHERE logged_order > ${lastAuditOrder} ORDER BY logged_order`.execute(handle.db);
      expect(audits.rows.filter((r) => r.outcome === 'allowed'), `a refusal is not audited as allowed: ${what}`).toEqual([]);
    }
    remember(after);
  } else {
    remember(await capture());
  }
  return res;
}

async function sessionFor(routeKey: string): Promise<SignedIn> {
  const username = USER_FOR_ROUTE[routeKey] ?? DEFAULT_USER;
  if (FRESH_SESSION_ROUTES.has(routeKey)) {
    // A lockout left by an earlier run (step-up with wrong passwords) is cleared so this run starts signed in.
    await handle.db.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('username', '=', username).execute();
    const fresh = await signIn(app, username);
    // Signing in writes a session row and may touch the user; that is not the request under test.
    remember(await capture());
    return fresh;
  }
  return (sessions[username] ??= await signIn(app, username));
}

// ---- Request arbitraries from the OpenAPI document

type Operation = NonNullable<(typeof spec.paths)[string]>[string];
const routes = app.apiRoutes.map((r) => {
  const openApiPath = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
  const operation: Operation = spec.paths[openApiPath]?.[r.method.toLowerCase()] ?? {};
  return { ...r, key: `${r.method} ${r.url}`, operation };
});

function pathArbitrary(url: string, operation: Operation): fc.Arbitrary<string> {
  const names = [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  if (names.length === 0) return fc.constant(url);
  const schemas = Object.fromEntries((operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p.schema]));
  const values = fc.tuple(...names.map((n) => arbitraryForSchema(schemas[n] ?? { type: 'string', format: 'uuid' }, { name: n, pools, wrongness: 0 }).map((v) => String(v))));
  return values.map((vs) => names.reduce((path, n, i) => path.replace(`:${n}`, encodePathSegment(vs[i]!)), url));
}

function queryArbitrary(operation: Operation): fc.Arbitrary<string> {
  const params = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const raw = fc.constantFrom('', '%', '%E0%A4%A', 'a[b]=1', '&&&', '=', '=x', '__proto__[x]=1', 'constructor[prototype][x]=1', 'limit=1&limit=2', `q=${'x'.repeat(3000)}`);
  if (params.length === 0) return fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: raw });
  const schema: JsonSchema = { type: 'object', properties: Object.fromEntries(params.map((p) => [p.name, p.schema ?? {}])), required: params.filter((p) => p.required).map((p) => p.name) };
  const structured = arbitraryForSchema(schema, { pools, wrongness: 0 }).map((value) => {
    const search = new URLSearchParams();
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        for (const item of Array.isArray(v) ? v : [v]) search.append(k, typeof item === 'object' && item !== null ? JSON.stringify(item) : String(item));
      }
    }
    return search.toString();
  });
  return fc.oneof({ weight: 6, arbitrary: structured }, { weight: 1, arbitrary: raw });
}

function bodyArbitrary(operation: Operation): fc.Arbitrary<{ payload?: unknown; body?: string; headers?: Record<string, string> }> | null {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (!schema) return null;
  return arbitraryForSchema(schema, { pools }).map((payload) => (payload === undefined ? {} : typeof payload === 'object' && payload !== null ? { payload } : { body: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }));
}

/** Bodies that are not JSON of the right shape at all: broken JSON, other media types, deep nesting. */
const rawBody = fc.oneof(
  fc.json({ maxDepth: 3 }).map((body) => ({ body, headers: { 'content-type': 'application/json' } })),
  fc.string({ maxLength: 60 }).map((body) => ({ body, headers: { 'content-type': 'application/json' } })),
  fc.constantFrom('{', '{"a":', '[1,2', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', 'null', '""', '0', '[]', '{}', '\uFEFF{}', `${'['.repeat(5000)}${']'.repeat(5000)}`, `{"a":${'['.repeat(200)}${']'.repeat(200)}}`).map((body) => ({ body, headers: { 'content-type': 'application/json' } })),
  fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml').chain((type) => fc.string({ maxLength: 40 }).map((body) => ({ body, headers: { 'content-type': type } }))),
);

/**
 * The suite runs a fixed seed so CI is repeatable; `CLASP_PROPERTY_SEED=random` explores new inputs (do it after
 * every change to an input path), and `CLASP_PROPERTY_SEED=<seed printed by a failure>` replays that run.
 */
const SEED = process.env.CLASP_PROPERTY_SEED ?? '20261127';
const FC_PARAMS = { numRuns: RUNS_PER_ROUTE, ...(SEED === 'random' ? {} : { seed: Number(SEED) }) } as const;

// ---- The properties

describe('every API route: schema-shaped bodies, query strings and path parameters', () => {
  const fuzzed = routes.filter((r) => r.url !== '/api/v1/auth/sign-in');
  test.each(fuzzed.map((r) => [r.key, r] as const))('%s', async (key, route) => {
    await refreshPools();
    const body = ['POST', 'PATCH', 'PUT'].includes(route.method) ? bodyArbitrary(route.operation) : null;
    const request = fc.record({
      path: pathArbitrary(route.url, route.operation),
      query: queryArbitrary(route.operation),
      body: body ?? fc.constant({} as { payload?: unknown; body?: string; headers?: Record<string, string> }),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ path, query, body: b }) => {
        const who = await sessionFor(key);
        await attempt(key, { method: route.method, url: query ? `${path}?${query}` : path, ...b }, who);
      }),
      { ...FC_PARAMS, numRuns: RUNS_FOR_ROUTE[key] ?? RUNS_PER_ROUTE },
    );
    // The requests reached validation and the use-cases, not just the access decision.
    const seen = statusCounts.get(key) ?? new Map<number, number>();
    const reached = [...seen].filter(([status]) => status !== 401 && status !== 403).reduce((n, [, c]) => n + c, 0);
    expect(reached, `${key}: every request was refused 401/403 as ${USER_FOR_ROUTE[key] ?? DEFAULT_USER}; add the route to USER_FOR_ROUTE with a role that may use it (statuses: ${JSON.stringify([...seen])})`).toBeGreaterThan(0);
  });

  test('POST /api/v1/auth/sign-in (public): malformed credentials are refused with the error body', async () => {
    const signInRoute = routes.find((r) => r.url === '/api/v1/auth/sign-in');
    expect(signInRoute).toBeDefined();
    const body = bodyArbitrary(signInRoute!.operation)!;
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        await attempt(signInRoute!.key, { method: 'POST', url: signInRoute!.url, ...b }, { cookie: '', csrfToken: '', headers: {} as SignedIn['headers'] });
      }),
      { ...FC_PARAMS, numRuns: RUNS_FOR_ROUTE[signInRoute!.key] ?? RUNS_PER_ROUTE },
    );
  });
});

describe('every POST/PATCH route: bodies that are not the right JSON at all', () => {
  const writable = routes.filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method) && !FRESH_SESSION_ROUTES.has(r.key));
  test('broken JSON, other media types, prototype keys and deep nesting are a 4xx with the error body', async () => {
    await refreshPools();
    const request = fc.record({ route: fc.constantFrom(...writable), body: rawBody });
    await fc.assert(
      fc.asyncProperty(request, async ({ route, body }) => {
        const path = fc.sample(pathArbitrary(route.url, route.operation), 1)[0]!;
        const who = await sessionFor(route.key);
        await attempt(route.key, { method: route.method, url: path, ...body }, who);
      }),
      { ...FC_PARAMS, numRuns: RUNS_RAW },
    );
  });
});

describe('CSV imports', () => {
  test('SSDA903: mutated returns are imported whole or refused whole (400 listing the errors), never a 5xx', async () => {
    const base = fc.oneof(
      fc.constant(validReturn()),
      fc.integer({ min: 1, max: 1000 }).map((seed) => ({ ...generateSsda903Return({ children: 4, seed: 100 + seed }) }) as unknown as CsvFiles),
    );
    const key = 'POST /api/v1/lac/imports/ssda903';
    await fc.assert(
      fc.asyncProperty(mutatedCsvFiles(base), async ({ files }) => {
        const res = await attempt(key, { method: 'POST', url: '/api/v1/lac/imports/ssda903', payload: { files } }, sessions.designated!);
        if (res.statusCode === 400 && res.json().error.code === 'ssda903.invalid') {
          // Every error names file:line:column (or the file) and the rule.
          for (const line of res.json().error.formErrors as string[]) expect(line).toMatch(/^[a-z0-9]+\.csv(:\d+(:\d+)?)?\b/);
        }
      }),
      { ...FC_PARAMS, numRuns: RUNS_CSV },
    );
  });

  test('health activity: mutated files are imported whole or refused whole, never a 5xx', async () => {
    const key = 'POST /api/v1/lac/imports/health-activity';
    const base = fc.constant({ 'health-activity.csv': fixture('health-activity.csv') } as CsvFiles);
    const fileName = fc.oneof({ weight: 4, arbitrary: fc.constant('health-activity.csv') }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.slice(0, 12)) });
    await fc.assert(
      fc.asyncProperty(mutatedCsvFiles(base), fileName, async ({ files }, name) => {
        await attempt(key, { method: 'POST', url: '/api/v1/lac/imports/health-activity', payload: { fileName: name, text: files['health-activity.csv'] } }, sessions.designated!);
      }),
      { ...FC_PARAMS, numRuns: RUNS_CSV },
    );
  });

  test('health activity: random rows for real and unknown children', async () => {
    const key = 'POST /api/v1/lac/imports/health-activity';
    const laIds = (await handle.db.selectFrom('children').select('la_child_id').where('la_child_id', 'is not', null).execute()).map((r) => r.la_child_id!);
    const row = fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...laIds) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }),
      fc.constantFrom('health_assessment', 'dental_check', 'development_check', 'immunisations', 'sdq', 'unknown_activity', ''),
      fc.oneof(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.constantFrom('2025-02-29', '31/12/2024', '', '9999-12-31')),
      fc.oneof(fc.constantFrom('', 'IHA', 'RHA', 'up_to_date', '14', '41', '-1'), fc.string({ maxLength: 8 })),
    );
    const text = fc.array(row, { minLength: 0, maxLength: 12 }).map((rows) => ['child_id,activity,date,result', ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(','))].join('\n'));
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        await attempt(key, { method: 'POST', url: '/api/v1/lac/imports/health-activity', payload: { fileName: 'activity.csv', text: t } }, sessions.designated!);
      }),
      { ...FC_PARAMS, numRuns: RUNS_CSV },
    );
  });
});

describe('regressions: inputs these properties found (each was a 5xx or another body)', () => {
  const child = () => fx.children.amelia;
  test.each([
    ['an over-long path segment: 414 with the one error body', () => ({ method: 'GET', url: `/api/v1/children/${'x'.repeat(2000)}` }), 414, 'request.path_too_long'],
    ['a malformed percent-encoding in the path: 400', () => ({ method: 'GET', url: '/api/v1/children/%E0%A4%A' }), 400, 'request.bad_url'],
    ['a NUL character in a body field: 400 naming the field', () => ({ method: 'POST', url: `/api/v1/children/${child()}/addresses`, payload: { line1: 'a\u0000b', postcode: 'ZZ99 3AB', validFrom: '2024-01-01' } }), 400, 'validation.nul_character'],
    ['a NUL character in a query string: 400', () => ({ method: 'GET', url: '/api/v1/children?name=ab%00c' }), 400, 'validation.nul_character'],
    ['a NUL character inside an imported file: 400 with line and column', () => ({ method: 'POST', url: '/api/v1/lac/imports/health-activity', payload: { fileName: 'a.csv', text: 'child_id,activity,date,result\n\u0000,dental_check,2024-02-01,' } }), 400, 'validation.nul_character'],
    ['a NUL character in a username at sign-in: 400', () => ({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: '\u0000', password: 'x' } }), 400, 'validation.nul_character'],
    ['year 0000 as the worklist date: 400', () => ({ method: 'GET', url: '/api/v1/lac/worklist?asOf=0000-01-01' }), 400, 'validation.invalid'],
    ['year 0001 as the OC2 year end: 400', () => ({ method: 'GET', url: '/api/v1/lac/oc2?yearEnding=0001-01-01' }), 400, 'validation.invalid'],
    ['year 9999 as the OC2 CSV year end: 400', () => ({ method: 'GET', url: '/api/v1/lac/oc2.csv?yearEnding=9999-03-31' }), 400, 'validation.invalid'],
  ] as const)('%s', async (_, request, status, code) => {
    const r = request() as { method: 'GET' | 'POST'; url: string; payload?: object };
    const res = await app.inject({ method: r.method, url: r.url, headers: sessions.designated!.headers, ...(r.payload ? { payload: r.payload } : {}) });
    expect(res.statusCode).toBe(status);
    expect(errorBody.strict().parse(res.json()).error.code).toBe(code);
  });

  test('the NUL error names the file field with its line and column', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/lac/imports/ssda903', headers: sessions.designated!.headers, payload: { files: { 'header.csv': 'CHILD,SEX\n1001,\u00002', 'episodes.csv': '' } } });
    expect(res.json().error.fieldErrors).toEqual({ 'files.header.csv': ['files.header.csv contains a NUL character (line 2, column 6): remove it and try again'] });
  });
});

describe('after all of the above', () => {
  test('the audit chain verifies', async () => {
    const result = await verifyAuditChain(handle.db);
    expect(result.firstBreak).toBeNull();
    expect(result.rowsChecked).toBeGreaterThan(RUNS_PER_ROUTE);
  });

  test('report: statuses seen per route', () => {
    const lines = [...statusCounts].map(([key, counts]) => `${key}: ${[...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    if (process.env.CLASP_PROPERTY_REPORT) console.log(lines.join('\n'));
    expect(lines.length).toBeGreaterThanOrEqual(routes.length - 1);
  });
});
