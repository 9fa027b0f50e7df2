import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import { recordAuditBatch, verifyAuditChain, type AuditEntry } from '../../audit/audit.js';
import type { DatabaseHandle } from '../../db/database.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, TEST_PASSWORD, type SignedIn } from '../../test/fixtures.js';
import { AUDIT_EXPORT_CSV_HEADER, verifyExportedRows } from './access-review.usecases.js';

let handle: DatabaseHandle;
let app: FastifyInstance;
/** The same server at 22:00 (out of hours in England in November). */
let lateApp: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};
const late: Record<string, SignedIn> = {};
let namedNurseId: string;
let broadViewerId: string;

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as[who]!.headers });
const post = (who: string, url: string, payload: object) => app.inject({ method: 'POST', url, headers: as[who]!.headers, payload });
const auditRows = async (action: string) => handle.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('logged_order').execute();

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  const hash = (await handle.db.selectFrom('users').select('password_hash').where('username', '=', 'designated').executeTakeFirstOrThrow()).password_hash;
  // A named nurse for the community trust (organisation scope: Amelia, Dorian and the unborn baby, not Barnaby).
  namedNurseId = randomUUID();
  await handle.db.insertInto('users').values({ id: namedNurseId, username: 'named-nurse', display_name: 'Test named-nurse', password_hash: hash, role_id: 'named_nurse', organisation_id: fx.organisations.community, team_id: null, locked_until: null }).execute();
  // MASH health (area-wide scope) who will have looked at many children this week.
  broadViewerId = randomUUID();
  await handle.db.insertInto('users').values({ id: broadViewerId, username: 'mash', display_name: 'Test mash', password_hash: hash, role_id: 'mash_health_practitioner', organisation_id: fx.organisations.community, team_id: null, locked_until: null }).execute();

  app = await buildApp({ db: handle.db, clock: fixedClock('2026-11-27T12:00:00Z') });
  lateApp = await buildApp({ db: handle.db, clock: fixedClock('2026-11-27T22:00:00Z') });
  for (const name of ['hv', 'hv-south', 'gp', 'ed', 'designated', 'commissioner', 'named-nurse', 'mash']) as[name] = await signIn(app, name);
  late.hv = await signIn(lateApp, 'hv');

  const amelia = fx.children.amelia;
  // Allowed on her own caseload (hv), refused by scope (hv-south), by role (commissioner), area-wide (designated).
  expect((await get('hv', `/api/v1/children/${amelia}`)).statusCode).toBe(200);
  expect((await get('hv-south', `/api/v1/children/${amelia}`)).statusCode).toBe(404);
  expect((await get('commissioner', `/api/v1/children/${amelia}`)).statusCode).toBe(403);
  expect((await get('designated', `/api/v1/children/${amelia}`)).statusCode).toBe(200);
  // Out of hours: the health visitor opens the chronology at 22:00.
  expect((await lateApp.inject({ method: 'GET', url: `/api/v1/children/${amelia}/chronology`, headers: late.hv.headers })).statusCode).toBe(200);
  // Break-glass: the ED clinician (Amelia is not presenting) re-enters the password and takes emergency access.
  expect((await post('ed', '/api/v1/auth/step-up', { password: TEST_PASSWORD })).statusCode).toBe(200);
  const glass = await post('ed', `/api/v1/children/${amelia}/break-glass`, { reasonCode: 'safeguarding_concern_immediate_risk', reasonText: 'Brought in by police, possible injury, plan status needed now', minutes: 60 });
  expect(glass.statusCode).toBe(201);
  expect((await get('ed', `/api/v1/children/${amelia}`)).statusCode).toBe(200);

  // MASH health viewed 24 different children this week on its area-wide basis (Amelia among them).
  const mashActor = { userId: broadViewerId, username: 'mash', role: 'mash_health_practitioner' as const, organisationId: fx.organisations.community, teamId: null, channel: 'api' as const };
  const entries: AuditEntry[] = [amelia, fx.children.barnaby, ...Array.from({ length: 22 }, () => randomUUID())].map((childId, i) => ({ actor: mashActor, action: 'child.read', outcome: 'allowed', childId, details: { basis: 'all' }, at: new Date(Date.UTC(2026, 10, 24, 10, i)) }));
  await recordAuditBatch(handle.db, entries);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await lateApp?.close();
  await handle?.close();
});

describe('GET /children/:childId/access-review — who has looked at this record', () => {
  test('the designated nurse sees every access grouped by person, with role, organisation, basis, action, outcome and channel', async () => {
    const response = await get('designated', `/api/v1/children/${fx.children.amelia}/access-review?from=2026-11-01&to=2026-11-27`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ childId: fx.children.amelia, from: '2026-11-01', to: '2026-11-27', rulesVersion: 1, truncated: false });
    const person = (name: string) => body.people.find((p: { person: string }) => p.person === name);

    const hv = person('Test hv');
    expect(hv).toMatchObject({ roleLabel: 'Health visitor', organisation: 'Testborough Community Health', refused: 0, outOfHours: 1 });
    expect(hv.rows[0]).toMatchObject({ actionText: 'viewed the record', listed: false, outcome: 'allowed', outcomeText: 'Allowed', basis: 'own_caseload', basisText: 'On their own caseload', channel: 'api', channelText: 'API', breakGlass: false, unusual: [] });
    expect(hv.rows.find((r: { action: string }) => r.action === 'chronology.read')).toMatchObject({ actionText: 'viewed the chronology', localTime: '2026-11-27 22:00', unusual: ['out_of_hours'] });
    expect(hv.unusual).toEqual(['out_of_hours']);

    expect(person('Test hv-south').rows[0]).toMatchObject({ outcome: 'not_found', outcomeText: 'Refused: outside their scope', basisText: 'No relationship', unusual: ['refused'] });
    expect(person('Test commissioner').rows[0]).toMatchObject({ outcome: 'denied', outcomeText: 'Refused: their role does not allow it', basisText: 'Not checked (the role was refused first)', roleLabel: 'Commissioner', unusual: ['refused'] });
    expect(person('Test designated').rows[0]).toMatchObject({ basis: 'all', basisText: 'Area-wide role (designated or named professional, MASH)', unusual: [] });

    const ed = person('Test ed');
    expect(ed.breakGlass).toBeGreaterThanOrEqual(1);
    expect(ed.rows.find((r: { action: string }) => r.action === 'child.read')).toMatchObject({ basis: 'break_glass', breakGlass: true, basisText: 'Emergency access (break-glass)', unusual: ['break_glass'] });
    expect(ed.unusual).toContain('break_glass');

    // Many children area-wide: 24 different children in 27 days is not "many" (threshold 78 for 27 days)…
    expect(person('Test mash')).toMatchObject({ areaWideChildren: 24, unusual: [] });
    expect(body.manyChildrenThreshold).toBe(78);
    // …but in the one week they happened it is (threshold 20 for 7 days).
    const week = (await get('designated', `/api/v1/children/${fx.children.amelia}/access-review?from=2026-11-21&to=2026-11-27`)).json();
    expect(week.people.find((p: { person: string }) => p.person === 'Test mash')).toMatchObject({ areaWideChildren: 24, unusual: ['many_children_area_wide'] });
    // The most serious come first.
    expect(week.people[0].person).toBe('Test mash');
  });

  test('the channel: the web app’s requests are "Web", other API clients "API"', async () => {
    const child = fx.children.dorian;
    expect((await app.inject({ method: 'GET', url: `/api/v1/children/${child}`, headers: { ...as.designated!.headers, 'x-clasp-client': 'web' } })).statusCode).toBe(200);
    expect((await get('designated', `/api/v1/children/${child}`)).statusCode).toBe(200);
    const body = (await get('designated', `/api/v1/children/${child}/access-review`)).json();
    const reads = body.people.find((p: { person: string }) => p.person === 'Test designated').rows.filter((r: { action: string }) => r.action === 'child.read');
    expect(reads.map((r: { channel: string; channelText: string }) => [r.channel, r.channelText])).toEqual([
      ['web', 'Web'],
      ['api', 'API'],
    ]);
  });

  test('searches and lists the child appeared in are shown too, marked as such (found on the list index, migration 0009)', async () => {
    const child = fx.children.cressida;
    const search = await get('gp', '/api/v1/children?name=Cressida%20Marrowby');
    expect(search.statusCode).toBe(200);
    expect(search.json().results.map((r: { id: string }) => r.id)).toContain(child);
    const body = (await get('designated', `/api/v1/children/${child}/access-review`)).json();
    const gp = body.people.find((p: { person: string }) => p.person === 'Test gp');
    expect(gp.rows).toEqual([expect.objectContaining({ action: 'child.search', listed: true, actionText: 'searched for children: this child was in the results', outcome: 'allowed' })]);
    // A search that did not find her is not shown on her review.
    expect((await get('hv', '/api/v1/children?name=Barnaby')).statusCode).toBe(200);
    const again = (await get('designated', `/api/v1/children/${child}/access-review`)).json();
    expect(again.people.find((p: { person: string }) => p.person === 'Test hv')).toBeUndefined();
  });

  test('the review itself is audited as access_review.read with the period', async () => {
    const rows = await auditRows('access_review.read');
    const row = rows.find((r) => r.actor_id === fx.users.designated!.id && r.outcome === 'allowed');
    expect(row).toBeDefined();
    expect(row!.child_id).toBe(fx.children.amelia);
    expect(JSON.parse(row!.record).details).toMatchObject({ basis: 'all', from: '2026-11-01', to: '2026-11-27' });
  });

  test('the child’s named professional (her allocated health visitor) may see it', async () => {
    const response = await get('hv', `/api/v1/children/${fx.children.amelia}/access-review`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ from: '2026-10-29', to: '2026-11-27' });
  });

  test('another health visitor, outside the child’s scope, gets 404 as for a missing child, audited', async () => {
    const response = await get('hv-south', `/api/v1/children/${fx.children.amelia}/access-review`);
    expect(response.statusCode).toBe(404);
    const row = (await auditRows('access_review.read')).find((r) => r.actor_id === fx.users['hv-south']!.id);
    expect(row).toMatchObject({ outcome: 'not_found', child_id: fx.children.amelia });
  });

  test('a GP with the child in scope (registered practice) but not named gets 403, audited as refused', async () => {
    const response = await get('gp', `/api/v1/children/${fx.children.amelia}/access-review`);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('access_review.forbidden');
    const row = (await auditRows('access_review.read')).find((r) => r.actor_id === fx.users.gp!.id);
    expect(row).toMatchObject({ outcome: 'failed' });
    expect(JSON.parse(row!.record).details.reason).toBe('access_review.forbidden');
  });

  test('a commissioner gets 403, audited as denied', async () => {
    const response = await get('commissioner', `/api/v1/children/${fx.children.amelia}/access-review`);
    expect(response.statusCode).toBe(403);
    const row = (await auditRows('access_review.read')).find((r) => r.actor_id === fx.users.commissioner!.id);
    expect(row).toMatchObject({ outcome: 'denied' });
  });

  test('a named nurse reviews a child in the organisation’s scope, and gets 404 outside it', async () => {
    expect((await get('named-nurse', `/api/v1/children/${fx.children.amelia}/access-review`)).statusCode).toBe(200);
    expect((await get('named-nurse', `/api/v1/children/${fx.children.barnaby}/access-review`)).statusCode).toBe(404);
  });

  test('a missing child is 404; dates in the wrong order or too long a period are 400 naming the field', async () => {
    expect((await get('designated', `/api/v1/children/${randomUUID()}/access-review`)).statusCode).toBe(404);
    const order = await get('designated', `/api/v1/children/${fx.children.amelia}/access-review?from=2026-11-27&to=2026-11-01`);
    expect(order.statusCode).toBe(400);
    expect(order.json().error.fieldErrors.to).toBeDefined();
    const long = await get('designated', `/api/v1/children/${fx.children.amelia}/access-review?from=2024-01-01&to=2026-11-27`);
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fieldErrors.from).toBeDefined();
    const bad = await get('designated', `/api/v1/children/${fx.children.amelia}/access-review?from=2026-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fieldErrors.from).toBeDefined();
  });
});

describe('GET /access-review/unusual — the area view', () => {
  test('lists users whose access stands out, with counts; the designated nurse (all) sees the children named', async () => {
    const response = await get('designated', '/api/v1/access-review/unusual?days=7');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ days: 7, manyChildrenThreshold: 20, rulesVersion: 1 });
    const mash = body.users.find((u: { userId: string }) => u.userId === broadViewerId);
    expect(mash).toMatchObject({ accesses: 24, children: 24, areaWideChildren: 24, unusual: ['many_children_area_wide'], roleLabel: 'MASH health practitioner' });
    // Amelia and Barnaby exist and are in the designated nurse's scope; the other 22 ids are not children.
    expect(mash.childrenInReaderScope.map((c: { name: string }) => c.name).sort()).toEqual(['Amelia Quillfeather', 'Barnaby Thistlewood']);
    expect(mash.childrenOutsideReaderScope).toBe(22);
    expect(body.users[0].userId).toBe(broadViewerId);
    const ed = body.users.find((u: { userId: string }) => u.userId === fx.users.ed!.id);
    expect(ed.unusual).toContain('break_glass');
    const hvSouth = body.users.find((u: { userId: string }) => u.userId === fx.users['hv-south']!.id);
    expect(hvSouth.unusual).toContain('refused');
    // An ordinary daytime caseload user does not appear.
    expect(body.users.find((u: { userId: string }) => u.userId === fx.users.gp!.id)?.unusual ?? []).not.toContain('many_children_area_wide');
  });

  test('a named nurse sees counts for everyone but names only children in the trust’s scope', async () => {
    const body = (await get('named-nurse', '/api/v1/access-review/unusual?days=7')).json();
    const mash = body.users.find((u: { userId: string }) => u.userId === broadViewerId);
    expect(mash.childrenInReaderScope.map((c: { name: string }) => c.name)).toEqual(['Amelia Quillfeather']);
    expect(mash.childrenOutsideReaderScope).toBe(23);
  });

  test('is audited with ids only; a health visitor gets 403 (audited); days out of range is 400', async () => {
    const rows = await auditRows('access_review.unusual');
    const allowed = rows.find((r) => r.actor_id === fx.users.designated!.id);
    expect(JSON.parse(allowed!.record).details).toMatchObject({ days: 7, resultUserIds: expect.arrayContaining([broadViewerId]) });
    expect(allowed!.record).not.toContain('Amelia');
    expect((await get('hv', '/api/v1/access-review/unusual')).statusCode).toBe(403);
    expect((await auditRows('access_review.unusual')).find((r) => r.actor_id === fx.users.hv!.id)).toMatchObject({ outcome: 'denied' });
    const bad = await get('designated', '/api/v1/access-review/unusual?days=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fieldErrors.days).toBeDefined();
  });
});

describe('GET /audit/export — rows for an investigation', () => {
  test('JSON: every row about the child with chain id, seq, hash and previous hash; each row verifies', async () => {
    const response = await get('designated', `/api/v1/audit/export?childId=${fx.children.amelia}&from=2026-11-01&to=2026-11-27&format=json`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toContain(`audit-child-${fx.children.amelia}.json`);
    const body = response.json();
    expect(body.subject).toEqual({ kind: 'child', id: fx.children.amelia });
    expect(body.rows.length).toBeGreaterThanOrEqual(8);
    for (const row of body.rows) {
      expect(row.childId).toBe(fx.children.amelia);
      expect(row).toMatchObject({ chainId: expect.any(Number), seq: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/), prevHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }
    expect(body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(expect.arrayContaining(['allowed', 'denied', 'not_found', 'failed']));
    expect(verifyExportedRows(body.rows)).toEqual({ ok: true, badRows: [] });
    // A row changed after export no longer verifies.
    const tampered = body.rows.map((r: { record: string }, i: number) => (i === 0 ? { ...r, record: r.record.replace('"allowed"', '"denied"') } : r));
    expect(verifyExportedRows(tampered).ok).toBe(false);
  });

  test('the export is audited as audit.export with the subject, period, format and number of rows (not in the export itself)', async () => {
    const before = (await auditRows('audit.export')).length;
    const response = await get('designated', `/api/v1/audit/export?childId=${fx.children.amelia}&format=json`);
    const rows = await auditRows('audit.export');
    expect(rows.length).toBe(before + 1);
    const row = rows[rows.length - 1]!;
    expect(row).toMatchObject({ actor_id: fx.users.designated!.id, outcome: 'allowed', child_id: fx.children.amelia });
    expect(JSON.parse(row.record).details).toMatchObject({ subject: 'child', format: 'json', rows: response.json().rows.length, basis: 'all' });
    expect(response.json().rows.some((r: { action: string; hash: string }) => r.hash === row.hash)).toBe(false);
  });

  test('CSV: a header naming the columns, one line per row, the hashed record in its own column', async () => {
    const response = await get('designated', `/api/v1/audit/export?userId=${fx.users.hv!.id}&format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(AUDIT_EXPORT_CSV_HEADER.join(','));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const line of lines.slice(1)) expect(line).toContain(fx.users.hv!.id);
    const exportRow = (await auditRows('audit.export')).at(-1)!;
    expect(JSON.parse(exportRow.record).details).toMatchObject({ subject: 'user', subjectUserId: fx.users.hv!.id, format: 'csv' });
    expect(exportRow.child_id).toBeNull();
  });

  test('a health visitor (no access_review: export) gets 403, audited; a named nurse exporting a child outside scope gets 404', async () => {
    expect((await get('hv', `/api/v1/audit/export?childId=${fx.children.amelia}`)).statusCode).toBe(403);
    expect((await get('hv', `/api/v1/audit/export?userId=${fx.users.gp!.id}`)).statusCode).toBe(403);
    const denied = (await auditRows('audit.export')).filter((r) => r.actor_id === fx.users.hv!.id);
    expect(denied.map((r) => r.outcome)).toEqual(['denied', 'denied']);
    expect((await get('named-nurse', `/api/v1/audit/export?childId=${fx.children.barnaby}`)).statusCode).toBe(404);
  });

  test('neither or both subjects, an unknown user, or a bad format are refused', async () => {
    expect((await get('designated', '/api/v1/audit/export')).json().error.fieldErrors.childId).toBeDefined();
    expect((await get('designated', `/api/v1/audit/export?childId=${fx.children.amelia}&userId=${fx.users.hv!.id}`)).statusCode).toBe(400);
    expect((await get('designated', `/api/v1/audit/export?userId=${randomUUID()}`)).statusCode).toBe(404);
    expect((await get('designated', `/api/v1/audit/export?childId=${fx.children.amelia}&format=xml`)).json().error.fieldErrors.format).toBeDefined();
    expect((await get('designated', `/api/v1/audit/export?childId=${fx.children.amelia}&from=2026-11-27&to=2026-11-01`)).statusCode).toBe(400);
  });

  test.each([
    ['a child id that is not a UUID', 'childId=amelia', 'childId'],
    ['a date before 1900', `userId=00000000-0000-4000-8000-000000000000&from=1899-12-31`, 'from'],
    ['an impossible date', `userId=00000000-0000-4000-8000-000000000000&to=2026-13-01`, 'to'],
    ['an empty format', `userId=00000000-0000-4000-8000-000000000000&format=`, 'format'],
  ])('bad query: %s is 400 naming the field, never a 5xx', async (_, query, field) => {
    const response = await get('designated', `/api/v1/audit/export?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fieldErrors[field]).toBeDefined();
  });

  test('after all of this the audit chain is intact', async () => {
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true });
  });
});
