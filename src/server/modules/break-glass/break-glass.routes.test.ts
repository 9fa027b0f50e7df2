import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { hashPassword } from '../auth/password.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, TEST_PASSWORD, type SignedIn } from '../../test/fixtures.js';

/** A clock the test moves forward (grants expire, step-ups go stale). */
const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
let nowMs = Date.parse('2026-11-27T03:00:00Z');
const clock: Clock = { now: () => new Date(nowMs), today: () => londonDate.format(new Date(nowMs)) };
const advance = (minutes: number) => {
  nowMs += minutes * 60 * 1000;
};
const USERS = ['ed', 'hv', 'designated', 'commissioner', 'named-hospital', 'named-community', 'gp'];
/** Sessions end after 30 idle minutes: sign everyone in again after a long wait (a new session has no step-up). */
async function signInAll() {
  for (const name of USERS) as[name] = await signIn(app, name);
}

let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};
const REASON_TEXT = 'Child brought in unconscious by a neighbour; carers unreachable, need plan details now';

const body = (overrides: Record<string, unknown> = {}) => ({ reasonCode: 'unscheduled_care_emergency', reasonText: REASON_TEXT, minutes: 60, ...overrides });
const stepUp = (who: string, password = TEST_PASSWORD) => app.inject({ method: 'POST', url: '/api/v1/auth/step-up', headers: as[who]!.headers, payload: { password } });
const breakGlass = (who: string, childId: string, payload: Record<string, unknown> = body()) => app.inject({ method: 'POST', url: `/api/v1/children/${childId}/break-glass`, headers: as[who]!.headers, payload });
const getChild = (who: string, childId: string) => app.inject({ method: 'GET', url: `/api/v1/children/${childId}`, headers: as[who]!.headers });
const queue = (who: string, status = 'open') => app.inject({ method: 'GET', url: `/api/v1/break-glass/review-queue?status=${status}`, headers: as[who]!.headers });
const notifications = (who: string) => app.inject({ method: 'GET', url: '/api/v1/notifications', headers: as[who]!.headers });
async function auditRows(action: string) {
  const rows = await handle.db.selectFrom('audit_events').select(['record', 'outcome', 'child_id', 'actor_id']).where('action', '=', action).orderBy('logged_order').execute();
  return rows.map((r) => ({ ...r, parsed: JSON.parse(r.record) as { details: Record<string, unknown>; outcome: string } }));
}

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  const hash = await hashPassword(TEST_PASSWORD);
  // Named nurses for safeguarding: one in the hospital (the ED's trust), one in community health.
  for (const [username, organisationId] of [
    ['named-hospital', fx.organisations.hospital],
    ['named-community', fx.organisations.community],
  ] as const) {
    await handle.db.insertInto('users').values({ id: randomUUID(), username, display_name: `Test ${username}`, password_hash: hash, role_id: 'named_nurse', organisation_id: organisationId, team_id: null, locked_until: null }).execute();
  }
  app = await buildApp({ db: handle.db, clock });
  await signInAll();
}, 60_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('break-glass emergency access, end to end', () => {
  test('an ED clinician cannot open a child who is not presenting (404, as if missing)', async () => {
    expect((await getChild('ed', fx.children.barnaby)).statusCode).toBe(404);
  });

  test('without a step-up the request is refused 401 auth.step_up_required, audited, and nothing is granted', async () => {
    const res = await breakGlass('ed', fx.children.barnaby);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.step_up_required');
    const rows = await auditRows('break_glass.grant');
    expect(rows.at(-1)).toMatchObject({ outcome: 'denied', parsed: { details: { reason: 'step_up_required' } } });
    expect(await handle.db.selectFrom('break_glass_grants').selectAll().execute()).toHaveLength(0);
  });

  test('a wrong password at step-up is 400 on the password field, counts towards the lockout and is audited', async () => {
    const res = await stepUp('ed', 'not-my-password');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'auth.step_up_failed', fieldErrors: { password: ['Enter your correct password'] } });
    const user = await handle.db.selectFrom('users').select('failed_sign_ins').where('username', '=', 'ed').executeTakeFirstOrThrow();
    expect(user.failed_sign_ins).toBe(1);
    expect((await auditRows('auth.step_up')).at(-1)).toMatchObject({ outcome: 'denied', parsed: { details: { reason: 'bad_password' } } });
  });

  test('the right password stamps the session; the failure count is reset', async () => {
    const res = await stepUp('ed');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ steppedUpAt: '2026-11-27T03:00:00.000Z', freshUntil: '2026-11-27T03:10:00.000Z' });
    const user = await handle.db.selectFrom('users').select('failed_sign_ins').where('username', '=', 'ed').executeTakeFirstOrThrow();
    expect(user.failed_sign_ins).toBe(0);
    expect((await auditRows('auth.step_up')).at(-1)).toMatchObject({ outcome: 'allowed' });
  });

  test('a child that does not exist is 404 exactly as elsewhere', async () => {
    const res = await breakGlass('ed', randomUUID());
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('children.not_found');
  });

  test('input is checked: a reason from the list, a reason text, and at most 4 hours', async () => {
    expect((await breakGlass('ed', fx.children.barnaby, body({ reasonCode: 'curiosity' }))).json().error.fieldErrors).toHaveProperty('reasonCode');
    expect((await breakGlass('ed', fx.children.barnaby, body({ reasonText: '  ' }))).json().error.fieldErrors).toHaveProperty('reasonText');
    const tooLong = await breakGlass('ed', fx.children.barnaby, body({ minutes: 241 }));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().error.fieldErrors).toHaveProperty('minutes');
  });

  let grantId: string;
  test('with a fresh step-up the grant is made for one hour and the designated and named nurses are told at once', async () => {
    const res = await breakGlass('ed', fx.children.barnaby, { reasonCode: 'unscheduled_care_emergency', reasonText: REASON_TEXT });
    expect(res.statusCode).toBe(201);
    const { grant } = res.json();
    grantId = grant.id;
    expect(grant).toMatchObject({ childId: fx.children.barnaby, grantedAt: '2026-11-27T03:00:00.000Z', expiresAt: '2026-11-27T04:00:00.000Z' });
    const stored = await handle.db.selectFrom('break_glass_grants').selectAll().where('id', '=', grantId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ user_id: fx.users.ed!.id, organisation_id: fx.organisations.hospital, role_id: 'ed_clinician', reason_text: REASON_TEXT, reasons_version: 1 });
    for (const who of ['designated', 'named-hospital']) {
      const n = (await notifications(who)).json();
      expect(n.unread).toBe(1);
      expect(n.items[0]).toMatchObject({ kind: 'break_glass.granted', childId: fx.children.barnaby, refId: grantId });
      expect(n.items[0].text).toContain('Barnaby Thistlewood');
    }
    // The named nurse of another organisation is not told of the hospital's use.
    expect((await notifications('named-community')).json().unread).toBe(0);
  });

  test('the record opens, says break_glass as its basis, and every audit row written under the grant says so', async () => {
    const res = await getChild('ed', fx.children.barnaby);
    expect(res.statusCode).toBe(200);
    expect(res.json().child.accessBasis).toBe('break_glass');
    const read = (await auditRows('child.read')).filter((r) => r.child_id === fx.children.barnaby && r.outcome === 'allowed').at(-1);
    expect(read?.parsed.details).toMatchObject({ basis: 'break_glass' });
    const banner = await app.inject({ method: 'GET', url: `/api/v1/children/${fx.children.barnaby}/break-glass`, headers: as.ed!.headers });
    expect(banner.json().grant).toMatchObject({ id: grantId, expiresAt: '2026-11-27T04:00:00.000Z' });
  });

  test('the reason text the user typed is never in the audit log', async () => {
    const rows = await handle.db.selectFrom('audit_events').select('record').execute();
    expect(rows.some((r) => r.record.includes('unconscious'))).toBe(false);
    const grantRow = (await auditRows('break_glass.grant')).find((r) => r.outcome === 'allowed');
    expect(grantRow?.parsed.details).toMatchObject({ basis: 'break_glass', grantId, reasonCode: 'unscheduled_care_emergency', minutes: 60, notified: 2 });
  });

  test('a grant widens scope, never actions: the ED clinician still cannot change the child (403)', async () => {
    const res = await app.inject({ method: 'PATCH', url: `/api/v1/children/${fx.children.barnaby}`, headers: as.ed!.headers, payload: { placementArea: 'Elsewhere' } });
    expect(res.statusCode).toBe(403);
  });

  test('asking again while the grant is active, or for a child already in scope, is 409', async () => {
    expect((await breakGlass('ed', fx.children.barnaby)).statusCode).toBe(409);
    expect((await stepUp('hv')).statusCode).toBe(200);
    const res = await breakGlass('hv', fx.children.amelia);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('break_glass.already_in_scope');
  });

  test('a commissioner cannot break glass (403), even after a step-up', async () => {
    expect((await stepUp('commissioner')).statusCode).toBe(200);
    const res = await breakGlass('commissioner', fx.children.barnaby);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.forbidden');
  });

  test('a step-up older than 10 minutes is stale: 401 again', async () => {
    advance(11);
    const res = await breakGlass('ed', fx.children.cressida);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.step_up_required');
  });

  test('the review queue is for designated and named professionals only (403 for others)', async () => {
    for (const who of ['hv', 'ed', 'commissioner', 'gp']) expect((await queue(who)).statusCode).toBe(403);
  });

  test('the queue shows who, role, organisation, child, reason, time and what they looked at during the grant', async () => {
    const res = await queue('designated');
    expect(res.statusCode).toBe(200);
    const [item] = res.json().items;
    expect(item).toMatchObject({
      id: grantId,
      child: { id: fx.children.barnaby, name: 'Barnaby Thistlewood' },
      user: { id: fx.users.ed!.id, username: 'ed' },
      role: 'ed_clinician',
      roleLabel: 'Emergency department clinician',
      organisation: { id: fx.organisations.hospital, name: 'Testborough Hospital' },
      reasonCode: 'unscheduled_care_emergency',
      reasonText: REASON_TEXT,
      status: 'active',
      review: null,
    });
    expect(item.accessed.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['break_glass.grant', 'child.read']));
    // The named nurse of the ED's trust sees it; the named nurse of another organisation does not.
    expect((await queue('named-hospital')).json().items.map((i: { id: string }) => i.id)).toEqual([grantId]);
    expect((await queue('named-community')).json().items).toEqual([]);
  });

  test('an expired grant gives nothing: the record is 404 again and search says out of scope', async () => {
    advance(50); // 04:01, the grant ended at 04:00
    await signInAll();
    expect((await getChild('ed', fx.children.barnaby)).statusCode).toBe(404);
    const search = await app.inject({ method: 'GET', url: '/api/v1/children?nhsNumber=4010232137', headers: as.ed!.headers });
    expect(search.json().results[0]).toMatchObject({ id: fx.children.barnaby, inScope: false });
    expect((await app.inject({ method: 'GET', url: `/api/v1/children/${fx.children.barnaby}/break-glass`, headers: as.ed!.headers })).json().grant).toBeNull();
    expect((await queue('designated')).json().items[0]).toMatchObject({ id: grantId, status: 'awaiting_review' });
  });

  test('closing a use: another organisation’s named nurse gets 404; the designated nurse closes it as justified once', async () => {
    const review = (who: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/break-glass/${grantId}/review`, headers: as[who]!.headers, payload });
    expect((await review('named-community', { outcome: 'justified' })).statusCode).toBe(404);
    expect((await review('hv', { outcome: 'justified' })).statusCode).toBe(403);
    const escalateWithoutNote = await review('designated', { outcome: 'escalated' });
    expect(escalateWithoutNote.statusCode).toBe(400);
    expect(escalateWithoutNote.json().error.fieldErrors).toHaveProperty('note');
    const ok = await review('designated', { outcome: 'justified', note: 'Confirmed with ED: attended out of area' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: grantId, outcome: 'justified' });
    expect((await review('named-hospital', { outcome: 'escalated', note: 'again' })).statusCode).toBe(409);
    expect((await queue('designated')).json().items).toEqual([]);
    const all = (await queue('designated', 'all')).json().items;
    expect(all[0]).toMatchObject({ id: grantId, status: 'justified', review: { outcome: 'justified', reviewedBy: 'Test designated', note: 'Confirmed with ED: attended out of area' } });
    // Closing the use clears everyone's notification about it.
    expect((await notifications('designated')).json().unread).toBe(0);
    expect((await notifications('named-hospital')).json().unread).toBe(0);
    const audited = (await auditRows('break_glass.review')).find((r) => r.outcome === 'allowed');
    expect(audited?.parsed.details).toEqual({ grantId, reviewOutcome: 'justified', endedAccess: false });
    expect(audited?.record).not.toContain('Confirmed with ED');
  });

  test('escalating a use that is still active ends the access at once', async () => {
    expect((await stepUp('ed')).statusCode).toBe(200);
    const granted = await breakGlass('ed', fx.children.cressida, body({ reasonCode: 'other', minutes: 30 }));
    expect(granted.statusCode).toBe(201);
    expect((await getChild('ed', fx.children.cressida)).statusCode).toBe(200);
    advance(5);
    const res = await app.inject({ method: 'POST', url: `/api/v1/break-glass/${granted.json().grant.id}/review`, headers: as['named-hospital']!.headers, payload: { outcome: 'escalated', note: 'No attendance recorded' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().expiresAt).toBe(new Date(nowMs).toISOString());
    expect((await getChild('ed', fx.children.cressida)).statusCode).toBe(404);
  });

  test('a reviewer cannot close their own use', async () => {
    // The community named nurse has organisation caseload scope but not Barnaby: they break glass themselves.
    expect((await stepUp('named-community')).statusCode).toBe(200);
    const granted = await breakGlass('named-community', fx.children.barnaby);
    expect(granted.statusCode).toBe(201);
    const res = await app.inject({ method: 'POST', url: `/api/v1/break-glass/${granted.json().grant.id}/review`, headers: as['named-community']!.headers, payload: { outcome: 'justified' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('break_glass.own_use');
  });

  test('notifications can be marked read one by one; another user’s notification is 404', async () => {
    const list = (await notifications('designated')).json();
    const unreadItem = list.items.find((i: { readAt: string | null }) => i.readAt === null);
    expect(unreadItem).toBeDefined();
    expect((await app.inject({ method: 'POST', url: `/api/v1/notifications/${unreadItem.id}/read`, headers: as['named-hospital']!.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/v1/notifications/${unreadItem.id}/read`, headers: as.designated!.headers })).statusCode).toBe(204);
    expect((await notifications('designated')).json().unread).toBe(list.unread - 1);
  });
});

describe('step-up before a sealed category', () => {
  test('the designated nurse sees a sealed-identity chronology entry only after a fresh step-up', async () => {
    const eventId = randomUUID();
    await handle.db
      .insertInto('child_events')
      .values({ child_id: fx.children.cressida, id: eventId, type: 'mash_referral', occurred_at: new Date(nowMs - 86_400_000), recorded_at: new Date(nowMs - 86_400_000), recorded_by: null, organisation_id: null, service: 'mash', source: 'test', source_system: null, source_id: null, significance: 'routine', confidentiality: 'sealed_identity', household_event_id: null, summary: 'Previous identity: linked record', details: '{}', routing_version: 1 })
      .execute();
    const read = async () => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/children/${fx.children.cressida}/chronology`, headers: as.designated!.headers });
      expect(res.statusCode).toBe(200);
      return (res.json().entries as { id?: string; eventId?: string; summary: string | null; restricted: unknown }[]).find((e) => (e.id ?? e.eventId) === eventId);
    };
    expect(await read()).toMatchObject({ summary: null, restricted: { category: 'sealed_identity' } });
    expect((await stepUp('designated')).statusCode).toBe(200);
    expect(await read()).toMatchObject({ summary: 'Previous identity: linked record', restricted: null });
    advance(11);
    expect(await read()).toMatchObject({ summary: null, restricted: { category: 'sealed_identity' } });
  });
});

describe('break-glass by NHS number, for a role whose search shows only its own scope', () => {
  test('a health visitor asks by NHS number: 401 without a step-up, 404 for an unknown number, then a grant for the child', async () => {
    as.hv = await signIn(app, 'hv');
    const ask = (nhsNumber: string) => app.inject({ method: 'POST', url: '/api/v1/break-glass', headers: as.hv!.headers, payload: { ...body(), nhsNumber } });
    expect((await ask('401 023 2137')).json().error.code).toBe('auth.step_up_required');
    expect((await stepUp('hv')).statusCode).toBe(200);
    const invalid = await ask('4010232138');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.fieldErrors).toHaveProperty('nhsNumber');
    const unknown = await ask('9000000009');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('children.not_found');
    expect((await auditRows('break_glass.grant')).at(-1)).toMatchObject({ outcome: 'not_found', child_id: null, parsed: { details: { reason: 'missing', requestedBy: 'nhs_number' } } });
    expect((await ask('9434765919')).statusCode).toBe(409); // Amelia is already on the health visitor's caseload
    const granted = await ask('401 023 2137');
    expect(granted.statusCode).toBe(201);
    expect(granted.json().grant.childId).toBe(fx.children.barnaby);
    const read = await getChild('hv', fx.children.barnaby);
    expect(read.statusCode).toBe(200);
    expect(read.json().child.accessBasis).toBe('break_glass');
    // The community named nurse (the health visitor's organisation) is told.
    const n = (await notifications('named-community')).json();
    expect(n.items.some((i: { refId: string }) => i.refId === granted.json().grant.id)).toBe(true);
  });
});
