import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import { fixedClock } from '../../shared/clock.js';
import { seedFixture, signIn, type SignedIn } from '../../test/fixtures.js';
import { createTestDb } from '../../test/test-db.js';
import { lacImportRoutes } from './lac-import.routes.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');
const validFiles = () => Object.fromEntries(['header.csv', 'episodes.csv', 'reviews.csv', 'missing.csv', 'oc2.csv'].map((name) => [name, fixture(`valid/${name}`)]));

let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};
const clock = fixedClock('2025-06-01T12:00:00Z');

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  app = await buildApp({ db: handle.db, clock });
  // Until app.ts registers the import routes, register them here the same way (under /api/v1).
  if (!app.hasRoute({ method: 'POST', url: '/api/v1/lac/imports/ssda903' })) await app.withTypeProvider<ZodTypeProvider>().register(lacImportRoutes({ db: handle.db, clock }), { prefix: '/api/v1' });
  for (const name of ['lac', 'hv']) as[name] = await signIn(app, name);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const post = (who: string | null, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: who ? as[who]!.headers : {}, payload: payload as object });
const children = async () => Number((await handle.db.selectFrom('children').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('POST /api/v1/lac/imports/ssda903', () => {
  test('needs a session (401)', async () => {
    const response = await post(null, '/api/v1/lac/imports/ssda903', { files: validFiles() });
    expect(response.statusCode).toBe(401);
  });

  test('a health visitor may not import (403), and the refusal is audited', async () => {
    const response = await post('hv', '/api/v1/lac/imports/ssda903', { files: validFiles() });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.forbidden');
    const audit = await handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'ssda903.import').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ outcome: 'denied', actor_id: fx.users.hv!.id });
  });

  test('header.csv and episodes.csv are required (400 naming the file)', async () => {
    const response = await post('lac', '/api/v1/lac/imports/ssda903', { files: { 'header.csv': fixture('valid/header.csv') } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation.invalid');
    expect(Object.keys(response.json().error.fieldErrors)).toEqual(['files.episodes.csv']);
  });

  test('invalid files: 400 ssda903.invalid with every error in formErrors, nothing written', async () => {
    const before = await children();
    const files = { 'header.csv': fixture('invalid/header.csv'), 'episodes.csv': fixture('invalid/episodes.csv') };
    const response = await post('lac', '/api/v1/lac/imports/ssda903', { files });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('ssda903.invalid');
    expect(error.formErrors).toHaveLength(3);
    expect(error.formErrors[1]).toMatch(/^episodes\.csv:4:3 \(rule 357\): the first episode for child 1002 must start with RNE S/);
    expect(await children()).toBe(before);
  });

  test('the LAC nurse imports a return (200 with the summary), audited as her', async () => {
    const response = await post('lac', '/api/v1/lac/imports/ssda903', { files: validFiles() });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      children: { created: 5, updated: 0, unchanged: 0 },
      episodes: { created: 11, updated: 0, unchanged: 0, deleted: 0 },
      reviews: { created: 4, updated: 0, unchanged: 0 },
      missing: { created: 2, updated: 0, unchanged: 0 },
      oc2: { rows: 2, stored: 0 },
    });
    const rows = await handle.db.selectFrom('audit_events').selectAll().where('action', '=', 'ssda903.import').where('outcome', '=', 'allowed').execute();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.actor_id === fx.users.lac!.id)).toBe(true);
  });

  test('bodies larger than the usual 1 MiB are accepted on this route', async () => {
    const files = validFiles();
    files['header.csv'] = `${files['header.csv']}${'\n'.repeat(2 * 1024 * 1024)}`; // blank lines are skipped
    const response = await post('lac', '/api/v1/lac/imports/ssda903', { files });
    expect(response.statusCode).toBe(200);
    expect(response.json().children).toEqual({ created: 0, updated: 0, unchanged: 5 });
  });
});

describe('POST /api/v1/lac/imports/health-activity', () => {
  test('a health visitor may not import (403)', async () => {
    const response = await post('hv', '/api/v1/lac/imports/health-activity', { fileName: 'health-activity.csv', text: fixture('health-activity.csv') });
    expect(response.statusCode).toBe(403);
  });

  test('invalid rows: 400 health_activity.invalid listing each', async () => {
    const response = await post('lac', '/api/v1/lac/imports/health-activity', { fileName: 'bad.csv', text: fixture('health-activity-invalid.csv') });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('health_activity.invalid');
    expect(response.json().error.formErrors).toHaveLength(4);
  });

  test('the LAC nurse imports health activity (200), and again changes nothing', async () => {
    const first = await post('lac', '/api/v1/lac/imports/health-activity', { fileName: 'health-activity.csv', text: fixture('health-activity.csv') });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ rows: 6, created: 6, unchanged: 0, children: 3 });
    const second = await post('lac', '/api/v1/lac/imports/health-activity', { fileName: 'health-activity.csv', text: fixture('health-activity.csv') });
    expect(second.json()).toEqual({ rows: 6, created: 0, unchanged: 6, children: 0 });
  });
});
