import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from './app.js';
import type { DatabaseHandle } from './db/database.js';
import { fixedClock } from './shared/clock.js';
import { createTestDb } from './test/test-db.js';

let handle: DatabaseHandle;
let app: FastifyInstance;
beforeAll(async () => {
  handle = await createTestDb();
  app = await buildApp({ db: handle.db, clock: fixedClock('2026-11-27T12:00:00Z') });
  await app.ready();
}, 60_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const PUBLIC_ROUTES = ['POST /api/v1/auth/sign-in', 'GET /api/v1/auth/session', 'GET /api/v1/meta'];

describe('every API route makes an access decision', () => {
  test('the only public routes are sign-in, the session probe and meta', () => {
    expect(app.apiRoutes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  test('every other route refuses a request without a session (401), before validating anything', async () => {
    const guarded = app.apiRoutes.filter((r) => !r.public);
    expect(guarded.length).toBeGreaterThan(10);
    for (const route of guarded) {
      const url = route.url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
      const response = await app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {} });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(response.json().error.code).toBe('auth.no_session');
    }
  });
});

describe('OpenAPI', () => {
  test('is generated from the zod schemas and served at /api/docs', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/children', '/api/v1/children/{childId}', '/api/v1/flags']));
    expect(spec.paths['/api/v1/children'].post.requestBody.content['application/json'].schema.properties.nhsNumber).toBeDefined();
    expect((await app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  test('an unknown API path reveals nothing without a session, and is a JSON 404 outside the API prefix', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(anonymous.statusCode).toBe(401);
    const response = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });
});
