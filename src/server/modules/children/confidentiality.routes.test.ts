import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, type SignedIn } from '../../test/fixtures.js';

/** #5: entries and fields of the child record carry a confidentiality category; others see only that they exist. */
let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  app = await buildApp({ db: handle.db, clock: fixedClock('2026-11-27T12:00:00Z') });
  for (const name of ['hv', 'gp', 'ed', 'designated']) as[name] = await signIn(app, name);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as[who]!.headers });
const post = (who: string, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as[who]!.headers, payload: payload as object });
const summary = async (who: string, childId: string) => {
  const response = await get(who, `/api/v1/children/${childId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().child;
};

describe('a confidential alert', () => {
  test('is written with its category; an entitled reader sees it, others see a neutral "Safeguarding alert" and whom to ask', async () => {
    const created = await post('designated', `/api/v1/children/${fx.children.amelia}/flags`, {
      kind: 'cse_concern',
      note: 'Disclosed at the young people’s clinic',
      source: 'Sexual health service',
      reviewOn: '2027-01-15',
      disclosureDecision: 'not_disclosed',
      disclosureReason: 'Telling the family could put her at risk',
      confidentiality: 'sexual_health',
    });
    expect(created.statusCode, created.body).toBe(201);
    const own = (await summary('designated', fx.children.amelia)).manualFlags.find((f: { kind: string }) => f.kind === 'cse_concern');
    expect(own).toMatchObject({ note: 'Disclosed at the young people’s clinic', restricted: null });

    const hv = await summary('hv', fx.children.amelia);
    expect(JSON.stringify(hv)).not.toMatch(/cse_concern|Disclosed at the young|Telling the family|Sexual health service/);
    const restricted = hv.manualFlags.find((f: { restricted: unknown }) => f.restricted);
    expect(restricted).toMatchObject({ kind: 'other', label: 'Safeguarding alert', restricted: { category: 'sexual_health', whomToAsk: expect.stringMatching(/sexual health/) } });
    // The flag still raises the banner — without saying what it is.
    expect(hv.flags.map((f: { code: string }) => f.code)).toContain('other');
    expect(hv.flags.map((f: { code: string }) => f.code)).not.toContain('cse_concern');
  });

  test('the ED flag lookup (CP-IS style) shows the alert exists but not its kind', async () => {
    const response = await get('ed', '/api/v1/flags?nhsNumber=9434765919');
    expect(response.statusCode, response.body).toBe(200);
    const codes = response.json().flags.map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['child_protection_plan', 'other']));
    expect(codes).not.toContain('cse_concern');
  });

  test('a household member’s flags are redacted the same way', async () => {
    const dorian = await summary('hv', fx.children.dorian);
    const amelia = dorian.relationships?.find((r: { relatedChildId: string | null }) => r.relatedChildId === fx.children.amelia);
    if (amelia) expect(amelia.flags.join(' ')).not.toMatch(/exploitation/i);
  });
});

describe('confidential fields: a refuge address and a sealed identity', () => {
  test('an address recorded as a domestic-abuse disclosure is hidden from a role not entitled', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.barnaby}/addresses`, { line1: '1 Refuge Row', postcode: 'MK40 1AA', validFrom: '2026-11-20', confidentiality: 'dv_disclosure' });
    expect(response.statusCode, response.body).toBe(201);
    const designated = await summary('designated', fx.children.barnaby);
    expect(designated.addresses[0]).toMatchObject({ line1: '1 Refuge Row', restricted: null });
    // The ED clinician treating the child tonight sees that an address is held, not where.
    const presenting = await post('ed', `/api/v1/children/${fx.children.barnaby}/presentations`, { reason: 'Attending the emergency department' });
    expect(presenting.statusCode, presenting.body).toBe(201);
    const ed = await summary('ed', fx.children.barnaby);
    expect(ed.addresses[0]).toMatchObject({ line1: 'Restricted', postcode: 'Restricted', restricted: { category: 'dv_disclosure' } });
    expect(JSON.stringify(ed)).not.toMatch(/Refuge Row/);
  });

  test('on adoption the previous name is sealed: hidden even from the designated nurse until step-up, and from everyone else', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.amelia}/names`, { givenName: 'Amelia', familyName: 'Wrenfield', validFrom: '2026-11-01', previousNameConfidentiality: 'sealed_identity' });
    expect(response.statusCode, response.body).toBe(201);
    for (const who of ['designated', 'hv']) {
      const child = await summary(who, fx.children.amelia);
      const previous = child.names.find((n: { kind: string }) => n.kind === 'previous');
      expect(previous, who).toMatchObject({ givenName: 'Restricted', familyName: 'Restricted', restricted: { category: 'sealed_identity' } });
      expect(JSON.stringify(child.names), who).not.toMatch(/Quillfeather/);
    }
    // Search is by current names only: the sealed previous name finds nothing.
    const search = (await get('designated', '/api/v1/children?name=Amelia%20Quillfeather')).json();
    expect(search.results.map((r: { id: string }) => r.id)).not.toContain(fx.children.amelia);
  });

  test('a sealed previous NHS number is shown as restricted', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.amelia}/identifiers`, { kind: 'local_id', value: 'PREV-4010232137', confidentiality: 'sealed_identity' });
    expect(response.statusCode, response.body).toBe(201);
    const identifier = (await summary('hv', fx.children.amelia)).identifiers.find((i: { restricted: unknown }) => i.restricted);
    expect(identifier).toMatchObject({ value: 'Restricted', restricted: { category: 'sealed_identity', whomToAsk: expect.stringMatching(/designated doctor/) } });
  });

  test('an unknown category is refused at the door', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.amelia}/identifiers`, { kind: 'local_id', value: 'X', confidentiality: 'top_secret' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fieldErrors.confidentiality).toBeDefined();
  });
});
