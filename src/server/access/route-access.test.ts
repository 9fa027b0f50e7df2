import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ACTIONS, RESOURCES } from '../../domain/access/roles.js';
import { buildApp } from '../app.js';
import type { DatabaseHandle } from '../db/database.js';
import { fixedClock } from '../shared/clock.js';
import { createTestDb } from '../test/test-db.js';
import { ROUTE_ACCESS, routeKey } from './route-access.js';

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

/**
 * A new route without an access decision fails here (#5 "Done when … the default for new ones"). That every
 * non-public route refuses a request without a session (401) is proven over app.apiRoutes in app.test.ts.
 */
describe('every API route has one access decision in route-access.ts', () => {
  test('every registered route has an entry', () => {
    const registered = app.apiRoutes.map(routeKey);
    const missing = registered.filter((key) => !Object.hasOwn(ROUTE_ACCESS, key));
    expect(missing, 'add these routes to ROUTE_ACCESS in src/server/access/route-access.ts, with their access decision and a sample request').toEqual([]);
  });

  test('every entry is a registered route', () => {
    const registered = new Set(app.apiRoutes.map(routeKey));
    expect(Object.keys(ROUTE_ACCESS).filter((key) => !registered.has(key)), 'these entries name no route: remove or rename them').toEqual([]);
  });

  test("the table's public routes are exactly the routes the app serves without a session", () => {
    const publicInApp = app.apiRoutes.filter((r) => r.public).map(routeKey).sort();
    const publicInTable = Object.entries(ROUTE_ACCESS).filter(([, e]) => e.access.kind === 'public').map(([key]) => key).sort();
    expect(publicInTable).toEqual(publicInApp);
  });

  test('child and role decisions name a real resource and action; a child decision names where the child is', () => {
    const decisions = Object.entries(ROUTE_ACCESS).flatMap(([key, entry]) => [[key, entry.access] as const, ...(entry.variants ?? []).map((v) => [`${key} [${v.name}]`, v.access] as const)]);
    for (const [key, access] of decisions) {
      if (access.kind !== 'child' && access.kind !== 'role') continue;
      expect(RESOURCES, key).toContain(access.resource);
      expect(ACTIONS, key).toContain(access.action);
      if (access.kind === 'child' && (access.childIn ?? 'params') === 'params') expect(key, 'a child route keyed by :childId').toContain(':childId');
    }
  });
});
