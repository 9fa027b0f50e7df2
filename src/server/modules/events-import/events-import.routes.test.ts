import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import { fixedClock } from '../../shared/clock.js';
import { seedFixture, signIn, type SignedIn } from '../../test/fixtures.js';
import { createTestDb } from '../../test/test-db.js';
import { eventsImportRoutes } from './events-import.routes.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const clock = fixedClock('2026-11-27T12:00:00Z');
const URL_ED = '/api/v1/imports/events?type=ed-attendance&sourceSystem=TESTBOROUGH-ED';

let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  const hash = (await handle.db.selectFrom('users').select('password_hash').where('username', '=', 'ed').executeTakeFirstOrThrow()).password_hash;
  await handle.db.insertInto('users').values({ id: randomUUID(), username: 'pln', display_name: 'Test pln', password_hash: hash, role_id: 'paediatric_liaison_nurse', organisation_id: fx.organisations.hospital, team_id: fx.teams.edTeam, locked_until: null }).execute();
  app = await buildApp({ db: handle.db, clock });
  // Until app.ts registers the route (the `// #3 event feed import` line), register it here the same way.
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/imports/events' })) await app.withTypeProvider<ZodTypeProvider>().register(eventsImportRoutes({ db: handle.db, clock }), { prefix: '/api/v1' });
  for (const name of ['pln', 'hv']) as[name] = await signIn(app, name);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const post = (who: string | null, url: string, payload: string, contentType = 'text/csv') =>
  app.inject({ method: 'POST', url, headers: { ...(who ? as[who]!.headers : {}), 'content-type': contentType }, payload });
const events = async () => Number((await handle.db.selectFrom('child_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/v1/imports/events', () => {
  test('needs a session (401)', async () => {
    expect((await post(null, URL_ED, fixture('ed-attendance.csv'))).statusCode).toBe(401);
  });

  test('a health visitor may not import a feed (403), and the refusal is audited', async () => {
    const response = await post('hv', URL_ED, fixture('ed-attendance.csv'));
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.forbidden');
    const audit = await handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'event.feed_import').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ outcome: 'denied', actor_id: fx.users.hv!.id });
  });

  test('the feed type and source system are required (400 naming each)', async () => {
    const response = await post('pln', '/api/v1/imports/events?type=mash-referral', fixture('ed-attendance.csv'));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation.invalid');
    expect(Object.keys(response.json().error.fieldErrors).sort()).toEqual(['sourceSystem', 'type']);
  });

  test('an invalid file: 400 events_import.invalid with every error as file:line:column, nothing written', async () => {
    const response = await post('pln', `${URL_ED}&fileName=ed-attendance-invalid.csv`, fixture('ed-attendance-invalid.csv'));
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('events_import.invalid');
    expect(error.formErrors).toHaveLength(5);
    expect(error.formErrors[4]).toBe('ed-attendance-invalid.csv:5:2 (rule unknown_child): no child in CLASP has the NHS number 9000000009: check the number (a wrong match is worse than none), or add the child first');
    expect(await events()).toBe(0);
  });

  test('the paediatric liaison nurse imports the ED feed (200 with counts), and again changes nothing', async () => {
    const first = await post('pln', URL_ED, fixture('ed-attendance.csv'));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ feed: 'ed-attendance', sourceSystem: 'TESTBOROUGH-ED', rows: 3, imported: 3, duplicatesSkipped: 0, eventsWritten: 3 });
    expect(first.json().routed).toBeGreaterThan(0);
    const second = await post('pln', URL_ED, fixture('ed-attendance.csv'), 'text/plain');
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ imported: 0, duplicatesSkipped: 3, alreadyImported: 3, routed: 0 });
    expect(await events()).toBe(3);
  });

  test('bodies larger than the usual 1 MiB are accepted (blank lines are skipped)', async () => {
    const response = await post('pln', URL_ED, `${fixture('ed-attendance.csv')}${'\n'.repeat(2 * 1024 * 1024)}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().alreadyImported).toBe(3);
  });
});
