import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DRIFT_RULES } from '../../../domain/safeguarding/drift.js';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, type SignedIn } from '../../test/fixtures.js';
import { driftForChild } from './drift.usecases.js';

// Friday 27 November 2026, 12:00 GMT.
const NOW = '2026-11-27T12:00:00Z';
let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};
let gpTeam: string;
const ids: Record<string, string> = {};

async function addEvent(childId: string, type: string, occurredAt: string, details: Record<string, unknown> = {}, confidentiality = 'standard') {
  const id = randomUUID();
  await handle.db
    .insertInto('child_events')
    .values({ child_id: childId, id, type, occurred_at: occurredAt, recorded_at: occurredAt, recorded_by: null, organisation_id: null, service: 'test', source: 'api', source_system: null, source_id: null, significance: 'significant', confidentiality, household_event_id: null, summary: `Test ${type}`, details: JSON.stringify(details), routing_version: 1 })
    .execute();
  return id;
}

async function addItem(childId: string, eventId: string, teamId: string, values: { escalateAt?: string; acknowledgedAt?: string; actionedAt?: string } = {}) {
  const id = randomUUID();
  await handle.db
    .insertInto('worklist_items')
    .values({ child_id: childId, id, event_id: eventId, team_id: teamId, rule_id: 'test-rule', rule_version: 1, action: 'follow_up', priority: 'urgent', reason: 'Test routing', created_at: '2026-11-20T10:00:00Z', escalate_at: values.escalateAt ?? null, escalated_at: null, acknowledged_at: values.acknowledgedAt ?? null, acknowledged_by: null, actioned_at: values.actionedAt ?? null, actioned_by: null, outcome: values.actionedAt ? 'contact_made' : null, outcome_note: null })
    .execute();
  return id;
}

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  app = await buildApp({ db: handle.db, clock: fixedClock(NOW) });
  for (const name of ['hv', 'hv-south', 'designated', 'commissioner', 'gp']) as[name] = await signIn(app, name);
  gpTeam = (await handle.db.selectFrom('users').select('team_id').where('username', '=', 'gp').executeTakeFirstOrThrow()).team_id!;
  const { amelia, barnaby, dorian, unborn } = fx.children;

  // Team A (health visiting north) has Amelia, Dorian and the unborn baby allocated.
  // The unborn baby: a risk at maternity booking on 2 November and no contact since → drifting from 16 November.
  ids.booking = await addEvent(unborn, 'maternity_booking', '2026-11-02T10:00:00Z', { gestationWeeks: 12, riskFactors: ['domestic_abuse'] });
  // Amelia: a missed appointment on 10 November with no follow-up (drifting from 20 November), three ED attendances.
  ids.ameliaMissed = await addEvent(amelia, 'missed_appointment', '2026-11-10T10:00:00Z', { kind: 'was_not_brought', service: 'Physiotherapy', plannedCareType: 'physiotherapy' });
  ids.ed1 = await addEvent(amelia, 'ed_attendance', '2026-02-01T20:00:00Z');
  ids.ed2 = await addEvent(amelia, 'ed_attendance', '2026-07-01T20:00:00Z');
  ids.ed3 = await addEvent(amelia, 'ed_attendance', '2026-11-22T20:00:00Z');
  // A sexual-health missed appointment: a health visitor may see that drift exists, not what it is.
  ids.ameliaRestricted = await addEvent(amelia, 'missed_appointment', '2026-11-05T10:00:00Z', { kind: 'did_not_attend', service: 'Sexual health', plannedCareType: 'other' }, 'sexual_health');
  // Dorian: a missed appointment that was followed up by a health contact → not drifting.
  await addEvent(dorian, 'missed_appointment', '2026-11-10T10:00:00Z', { kind: 'was_not_brought', service: 'Audiology', plannedCareType: 'audiology' });
  await addEvent(dorian, 'health_contact', '2026-11-12T10:00:00Z', { kind: 'home_visit', childSeen: true });
  // Barnaby is not a team A child: an item routed to team B (south), past its escalation and unacknowledged.
  ids.barnabyEvent = await addEvent(barnaby, 'ed_attendance', '2026-11-24T09:00:00Z');
  ids.barnabyItem = await addItem(barnaby, ids.barnabyEvent, fx.teams.hvTeamSouth, { escalateAt: '2026-11-25T12:00:00Z' });
  // The GP team: items routed for Amelia (registered with the GP's practice) and Barnaby (another practice).
  ids.gpAmeliaItem = await addItem(amelia, ids.ed3, gpTeam, { escalateAt: '2026-11-24T13:00:00Z' });
  ids.gpBarnabyItem = await addItem(barnaby, ids.barnabyEvent, gpTeam, { escalateAt: '2026-11-25T13:00:00Z' });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as[who]!.headers });
type Body = { team: { id: string; name: string }; children: { childId: string; findings: { ruleId: string | null; since: string; eventIds: string[]; worklistItemId: string | null; restricted: { category: string } | null }[] }[] };
const auditRows = (actorUsername: string) =>
  handle.db
    .selectFrom('audit_events as a')
    .innerJoin('users as u', 'u.id', 'a.actor_id')
    .select(['a.action', 'a.outcome', 'a.child_id', 'a.record', 'a.seq'])
    .where('u.username', '=', actorUsername)
    .where('a.action', '=', 'drift.list')
    .execute();

describe('GET /api/v1/drift: a team’s drifting children', () => {
  test('a health visitor sees team A’s drifting children with their findings, oldest drift first', async () => {
    const response = await get('hv', `/api/v1/drift?teamId=${fx.teams.hvTeam}`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as Body;
    expect(body.team).toEqual({ id: fx.teams.hvTeam, name: 'Health visiting north' });
    // Amelia's oldest drift began on 15 November, the unborn baby's on 16 November; Dorian was followed up.
    expect(body.children.map((c) => c.childId)).toEqual([fx.children.amelia, fx.children.unborn]);
    const unborn = body.children[1]!;
    expect(unborn.findings).toEqual([expect.objectContaining({ ruleId: 'maternity-risk-no-contact', since: '2026-11-16T10:00:00.000Z', eventIds: [ids.booking], restricted: null })]);
    const amelia = body.children[0]!;
    expect(amelia.findings.filter((f) => f.ruleId !== null).map((f) => [f.ruleId, f.since])).toEqual([
      ['missed-appointment-no-follow-up', '2026-11-20T10:00:00.000Z'],
      ['repeated-ed-attendances', '2026-11-22T20:00:00.000Z'],
      ['worklist-item-past-escalation', '2026-11-24T13:00:00.000Z'],
    ]);
  });

  test('the team defaults to the reader’s own', async () => {
    const body = (await get('hv', '/api/v1/drift')).json() as Body;
    expect(body.team.id).toBe(fx.teams.hvTeam);
  });

  test('drift about a restricted entry shows that it exists and whom to ask, not the rule; a designated nurse sees the rule', async () => {
    const hv = ((await get('hv', `/api/v1/drift?teamId=${fx.teams.hvTeam}`)).json() as Body).children.find((c) => c.childId === fx.children.amelia)!;
    const restricted = hv.findings.find((f) => f.eventIds.includes(ids.ameliaRestricted!))!;
    expect(restricted).toMatchObject({ ruleId: null, restricted: { category: 'sexual_health' }, since: '2026-11-15T10:00:00.000Z' });
    expect(restricted.description).not.toMatch(/missed|appointment/i);
    const designated = ((await get('designated', `/api/v1/drift?teamId=${fx.teams.hvTeam}`)).json() as Body).children.find((c) => c.childId === fx.children.amelia)!;
    expect(designated.findings.find((f) => f.eventIds.includes(ids.ameliaRestricted!))).toMatchObject({ ruleId: 'missed-appointment-no-follow-up', restricted: null });
  });

  test('scope: a health visitor of another team sees none of team A’s children', async () => {
    const other = await get('hv-south', `/api/v1/drift?teamId=${fx.teams.hvTeam}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('drift.team_not_found');
    const own = (await get('hv-south', '/api/v1/drift')).json() as Body;
    expect(own.children.map((c) => c.childId)).toEqual([fx.children.barnaby]);
    expect(own.children[0]!.findings).toContainEqual(expect.objectContaining({ ruleId: 'worklist-item-past-escalation', worklistItemId: ids.barnabyItem, teamId: fx.teams.hvTeamSouth, since: '2026-11-25T12:00:00.000Z' }));
    for (const child of [fx.children.amelia, fx.children.dorian, fx.children.unborn]) expect(JSON.stringify(own)).not.toContain(child);
  });

  test('scope: a child with work routed to the team but outside the reader’s scope is never listed', async () => {
    // The GP sees children registered with the practice; Barnaby (another practice) has an item routed to the GP team.
    const body = (await get('gp', `/api/v1/drift?teamId=${gpTeam}`)).json() as Body;
    expect(body.children.map((c) => c.childId)).toEqual([fx.children.amelia]);
    expect(JSON.stringify(body)).not.toContain(fx.children.barnaby);
    // A designated nurse (area-wide) sees both.
    const designated = (await get('designated', `/api/v1/drift?teamId=${gpTeam}`)).json() as Body;
    expect(designated.children.map((c) => c.childId).sort()).toEqual([fx.children.amelia, fx.children.barnaby].sort());
  });

  test('every child listed is audited as drift.list, with ids and codes only', async () => {
    const before = (await auditRows('designated')).length;
    const body = (await get('designated', `/api/v1/drift?teamId=${fx.teams.hvTeam}`)).json() as Body;
    const rows = (await auditRows('designated')).slice(before);
    expect(rows).toHaveLength(body.children.length);
    expect(rows.map((r) => r.child_id).sort()).toEqual(body.children.map((c) => c.childId).sort());
    for (const row of rows) {
      expect(row.outcome).toBe('allowed');
      const details = JSON.parse(row.record).details;
      expect(details.teamId).toBe(fx.teams.hvTeam);
      expect(Array.isArray(details.ruleIds)).toBe(true);
      expect(row.record).not.toMatch(/Quillfeather|Amelia|Baby/);
    }
  });

  test('a list with nobody on it is still audited once', async () => {
    const before = (await auditRows('designated')).length;
    const body = (await get('designated', `/api/v1/drift?teamId=${fx.teams.lacTeam}`)).json() as Body;
    expect(body.children).toEqual([]);
    const rows = (await auditRows('designated')).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'allowed', child_id: null });
  });

  test('a role that cannot read worklists gets 403, audited as denied', async () => {
    const response = await get('commissioner', `/api/v1/drift?teamId=${fx.teams.hvTeam}`);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('auth.forbidden');
    expect((await auditRows('commissioner')).map((r) => r.outcome)).toContain('denied');
  });

  test('an unknown team is 404 like a team the reader may not see, audited as not found; a malformed id is 400', async () => {
    const missing = await get('hv', `/api/v1/drift?teamId=${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('drift.team_not_found');
    expect((await auditRows('hv')).some((r) => r.outcome === 'not_found')).toBe(true);
    const malformed = await get('hv', '/api/v1/drift?teamId=not-a-team');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.fieldErrors.teamId).toBeDefined();
  });

  test('without a session: 401', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/v1/drift?teamId=${fx.teams.hvTeam}` })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/drift-rules' })).statusCode).toBe(401);
  });
});

describe('GET /api/v1/drift-rules', () => {
  test('any signed-in user can read the rules with their parameters and sources', async () => {
    const response = await get('commissioner', '/api/v1/drift-rules');
    expect(response.statusCode).toBe(200);
    const body = response.json() as { version: number; rules: { id: string; version: number; parameters: Record<string, number>; source: string }[] };
    expect(body.rules.map((r) => r.id)).toEqual(DRIFT_RULES.map((r) => r.id));
    expect(body.rules.find((r) => r.id === 'maternity-risk-no-contact')).toMatchObject({ version: 1, parameters: { withinDays: 14 } });
  });
});

describe('driftForChild (for the child summary)', () => {
  test('one child’s findings at a moment, unmasked without a role', async () => {
    const findings = await driftForChild(handle.db, fx.children.amelia, new Date(NOW));
    expect(findings.map((f) => f.ruleId)).toEqual(['missed-appointment-no-follow-up', 'missed-appointment-no-follow-up', 'repeated-ed-attendances', 'worklist-item-past-escalation']);
  });
  test('with the reader’s role, restricted entries are masked', async () => {
    const findings = await driftForChild(handle.db, fx.children.amelia, new Date(NOW), { role: 'health_visitor' });
    expect(findings.filter((f) => f.restricted !== null)).toHaveLength(1);
  });
  test('earlier in time there was less drift: events after `now` are not counted', async () => {
    const findings = await driftForChild(handle.db, fx.children.amelia, new Date('2026-11-18T12:00:00Z'));
    expect(findings.map((f) => f.ruleId)).toEqual(['missed-appointment-no-follow-up']);
  });
  test('a child with no events has no drift', async () => {
    expect(await driftForChild(handle.db, fx.children.cressida, new Date(NOW))).toEqual([]);
  });
});
