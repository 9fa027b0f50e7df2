import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, type SignedIn } from '../../test/fixtures.js';
import { escalateOverdueItems } from './worklists.usecases.js';

// Friday 27 November 2026, 12:00 GMT.
const NOW = '2026-11-27T12:00:00Z';
let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  app = await buildApp({ db: handle.db, clock: fixedClock(NOW) });
  for (const name of ['hv', 'hv-south', 'gp', 'ed', 'designated', 'lac', 'commissioner']) as[name] = await signIn(app, name);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as[who]!.headers });
const post = (who: string, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as[who]!.headers, payload: payload as object });

const edAttendance = (overrides: Record<string, unknown> = {}) => ({
  type: 'ed_attendance',
  occurredAt: '2026-11-27T03:10:00Z',
  summary: 'Fell from sofa, bump to forehead',
  details: { presentingComplaint: 'Head injury', accompaniedBy: 'mother', accompanyingAdultHasParentalResponsibility: 'yes', injury: true, injuryMechanism: 'Fall from sofa', discharge: 'home', safeguardingConcern: false },
  ...overrides,
});

async function itemsFor(childId: string) {
  return handle.db.selectFrom('worklist_items').selectAll().where('child_id', '=', childId).execute();
}
async function count(table: 'child_events' | 'worklist_items') {
  const row = await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('recording and routing an ED attendance (review 1.17, 1.23, 5.2.7)', () => {
  test('an under-18 attendance goes to the liaison nurse’s check queue and copies to the health visitor and GP', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.amelia}/events`, edAttendance({ organisationId: fx.organisations.hospital }));
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body.childIds).toEqual([fx.children.amelia]);
    const routed = Object.fromEntries(body.routed.map((r: { teamId: string; ruleId: string; priority: string; action: string }) => [r.teamId, r]));
    expect(routed[fx.teams.edTeam]).toMatchObject({ ruleId: 'ed-attendance-liaison-check', action: 'check' });
    // Amelia is on a CP plan: the health visitor's item is an urgent follow-up, not a mere copy.
    expect(routed[fx.teams.hvTeam]).toMatchObject({ ruleId: 'ed-attendance-protected-child', action: 'follow_up', priority: 'urgent' });
    const gpTeam = (await handle.db.selectFrom('teams').select('id').where('organisation_id', '=', fx.organisations.practiceA).executeTakeFirstOrThrow()).id;
    expect(routed[gpTeam]).toMatchObject({ ruleId: 'ed-attendance-copy', action: 'copy' });
    expect(body.routed).toHaveLength(3);
  });

  test('the escalation clock counts working hours: 4 working hours from Friday 12:00 is Friday 16:00; 8 is Monday 12:00', async () => {
    const items = await itemsFor(fx.children.amelia);
    const hv = items.find((i) => i.team_id === fx.teams.hvTeam)!;
    expect(new Date(hv.escalate_at!).toISOString()).toBe('2026-11-27T16:00:00.000Z');
    const ed = items.find((i) => i.team_id === fx.teams.edTeam)!;
    expect(new Date(ed.escalate_at!).toISOString()).toBe('2026-11-30T12:00:00.000Z');
  });

  test('the health visitor sees it on the team worklist, acknowledges it, then records the outcome', async () => {
    const list = await get('hv', '/api/v1/worklists');
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json().items.find((i: { childId: string }) => i.childId === fx.children.amelia);
    expect(item).toMatchObject({ eventType: 'ed_attendance', priority: 'urgent', state: 'open', eventSummary: 'Fell from sofa, bump to forehead', escalated: false });
    expect(list.json().counts.urgent).toBeGreaterThanOrEqual(1);

    const ack = await post('hv', `/api/v1/children/${fx.children.amelia}/worklist-items/${item.id}/acknowledge`, {});
    expect(ack.statusCode, ack.body).toBe(204);
    const again = await post('hv', `/api/v1/children/${fx.children.amelia}/worklist-items/${item.id}/acknowledge`, {});
    expect(again.statusCode).toBe(409);
    const bad = await post('hv', `/api/v1/children/${fx.children.amelia}/worklist-items/${item.id}/action`, { outcome: 'shrug' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fieldErrors.outcome).toBeDefined();
    const done = await post('hv', `/api/v1/children/${fx.children.amelia}/worklist-items/${item.id}/action`, { outcome: 'visit_arranged', note: 'Home visit booked' });
    expect(done.statusCode, done.body).toBe(204);
    const actioned = (await get('hv', '/api/v1/worklists?state=actioned')).json();
    expect(actioned.items.find((i: { id: string }) => i.id === item.id)).toMatchObject({ state: 'actioned', outcome: 'visit_arranged', actionedBy: 'Test hv' });

    const audit = await handle.db.selectFrom('audit_events').select(['action', 'outcome']).where('child_id', '=', fx.children.amelia).where('action', 'like', 'worklist.%').execute();
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(expect.arrayContaining(['worklist.list:allowed', 'worklist.acknowledge:allowed', 'worklist.action:allowed', 'worklist.acknowledge:failed']));
  });

  test('another team cannot act on the item: 404, like a missing one', async () => {
    const item = (await itemsFor(fx.children.amelia)).find((i) => i.team_id === fx.teams.edTeam)!;
    const response = await post('hv', `/api/v1/children/${fx.children.amelia}/worklist-items/${item.id}/acknowledge`, {});
    expect(response.statusCode).toBe(404);
  });

  test('an ED clinician cannot record about a child not presenting (404), and a commissioner may not record at all (403)', async () => {
    expect((await post('ed', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance())).statusCode).toBe(404);
    expect((await post('commissioner', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance())).statusCode).toBe(403);
    const denied = await handle.db.selectFrom('audit_events').select(['outcome']).where('action', '=', 'event.record').where('child_id', '=', fx.children.barnaby).execute();
    expect(denied.map((d) => d.outcome)).toContain('not_found');
  });

  test('the liaison nurse’s worklist holds the check; routing opens the record to the team (scope by routing)', async () => {
    const ed = await handle.db.selectFrom('users').selectAll().where('username', '=', 'ed').executeTakeFirstOrThrow();
    await handle.db.insertInto('users').values({ ...ed, id: crypto.randomUUID(), username: 'pln', role_id: 'paediatric_liaison_nurse', display_name: 'Test pln' }).execute();
    as.pln = await signIn(app, 'pln');
    // Before routing, the liaison nurse could not open Barnaby's record; Amelia's was routed to the team.
    expect((await get('pln', `/api/v1/children/${fx.children.barnaby}`)).statusCode).toBe(404);
    const list = (await get('pln', '/api/v1/worklists')).json();
    expect(list.items.map((i: { childId: string }) => i.childId)).toContain(fx.children.amelia);
    expect((await get('pln', `/api/v1/children/${fx.children.amelia}`)).statusCode).toBe(200);
    // The ED clinician's scope is the child presenting now, not the liaison queue: the item is not listed to them.
    const edList = (await get('ed', '/api/v1/worklists')).json();
    expect(edList.items.map((i: { childId: string }) => i.childId)).not.toContain(fx.children.amelia);
  });
});

describe('bad input writes nothing', () => {
  test('an event dated in the future names the field', async () => {
    const before = await count('child_events');
    const response = await post('designated', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance({ occurredAt: '2026-11-28T09:00:00Z' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fieldErrors.occurredAt[0]).toMatch(/now or in the past/);
    expect(await count('child_events')).toBe(before);
  });

  test('a year outside 1900–2100 is a 400 naming the field, not a server error (found by the property tests)', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance({ occurredAt: '0000-01-01T00:00:00Z' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fieldErrors.occurredAt).toBeDefined();
  });

  test('an unknown organisation is a 400 naming the field, not a server error', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance({ organisationId: '00000000-0000-4000-8000-000000000000' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fieldErrors.organisationId).toBeDefined();
  });

  test('a reader with no team asking for "my team’s worklist" gets a 404, not a server error', async () => {
    expect((await get('designated', '/api/v1/worklists')).statusCode).toBe(404);
  });

  test('a missing required detail names the field', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance({ details: { presentingComplaint: 'Cough' } }));
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.fieldErrors)).toMatch(/accompan/i);
  });

  test('an injury without its mechanism is refused', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance({ details: { ...edAttendance().details, injuryMechanism: undefined } }));
    expect(response.statusCode).toBe(400);
  });

  test('re-sending the same source id is idempotent; the same id for a different event is refused', async () => {
    const first = await post('designated', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance({ sourceSystem: 'RXO-ED', sourceId: 'ATT-1' }));
    expect(first.statusCode, first.body).toBe(201);
    const before = await count('worklist_items');
    const again = await post('designated', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance({ sourceSystem: 'RXO-ED', sourceId: 'ATT-1' }));
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ duplicate: true, routed: [] });
    expect(await count('worklist_items')).toBe(before);
    const conflict = await post('designated', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance({ sourceSystem: 'RXO-ED', sourceId: 'ATT-1', occurredAt: '2026-11-26T03:10:00Z' }));
    expect(conflict.statusCode).toBe(409);
  });
});

describe('missed appointments (rec 1.1; domain rules §10 Was Not Brought)', () => {
  const missed = (occurredAt: string) => ({ type: 'missed_appointment', occurredAt, summary: 'Not brought to physiotherapy', details: { kind: 'was_not_brought', service: 'Children’s physiotherapy', plannedCareType: 'physiotherapy' } });

  test('for a child on a CP plan the first miss goes to the 0-19 team immediately (urgent)', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.dorian}/events`, missed('2026-11-20T10:00:00Z'));
    // Dorian is a child in need, not on a plan: the first miss is not routed to the 0-19 team.
    expect(response.json().routed.filter((r: { teamId: string }) => r.teamId === fx.teams.hvTeam)).toEqual([]);
    const cp = await post('designated', `/api/v1/children/${fx.children.amelia}/events`, missed('2026-11-20T10:00:00Z'));
    expect(cp.json().routed.find((r: { teamId: string }) => r.teamId === fx.teams.hvTeam)).toMatchObject({ ruleId: 'missed-appointment-protected-child', priority: 'urgent' });
  });

  test('for any other child the second miss in 12 months goes to the 0-19 team', async () => {
    const second = await post('designated', `/api/v1/children/${fx.children.dorian}/events`, missed('2026-11-26T10:00:00Z'));
    expect(second.json().routed.find((r: { teamId: string }) => r.teamId === fx.teams.hvTeam)).toMatchObject({ ruleId: 'missed-appointment-second', action: 'follow_up' });
  });

  test('a looked-after child’s miss also goes to the LAC health team', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.cressida}/events`, missed('2026-11-26T10:00:00Z'));
    expect(response.json().routed.map((r: { teamId: string }) => r.teamId)).toContain(fx.teams.lacTeam);
  });
});

describe('household events (review 1.16)', () => {
  test('a police DV notification is recorded on every child of the household and routed for each', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.amelia}/events`, {
      type: 'police_dv_notification',
      occurredAt: '2026-11-26T23:40:00Z',
      summary: 'Police attended a domestic incident at the family home',
      confidentiality: 'dv_disclosure',
      details: { policeReference: 'OUS-26-1111', riskLevel: 'medium', childrenPresent: 'yes', adultsInvolved: [{ name: 'Adult One', role: 'victim', relationshipToChild: 'mother' }] },
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(new Set(body.childIds)).toEqual(new Set([fx.children.amelia, fx.children.dorian]));
    expect(body.childIds).not.toContain(fx.children.barnaby); // a sibling who does not live there
    const events = await handle.db.selectFrom('child_events').select(['child_id', 'household_event_id']).where('type', '=', 'police_dv_notification').execute();
    expect(events).toHaveLength(2);
    expect(events[0]!.household_event_id).toBe(events[1]!.household_event_id);
    expect(body.routed.filter((r: { teamId: string }) => r.teamId === fx.teams.hvTeam)).toHaveLength(2);
  });

  test('an event dated before a household child was born routes that child as unborn, never a server error', async () => {
    const response = await post('designated', `/api/v1/children/${fx.children.dorian}/events`, {
      type: 'police_dv_notification',
      occurredAt: '2022-06-01T22:00:00Z', // Dorian was born in 2021, Amelia (same household) in 2023
      summary: 'Historic police notification recorded late',
      details: { policeReference: 'OUS-22-0001', riskLevel: 'standard', childrenPresent: 'unknown', adultsInvolved: [{ name: 'Adult Two', role: 'other', relationshipToChild: 'relative' }] },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().childIds).toContain(fx.children.amelia);
  });

  test('a confidential event shows on the worklist as restricted to a role not entitled, with whom to ask', async () => {
    const list = (await get('lac', `/api/v1/worklists?teamId=${fx.teams.hvTeam}`));
    expect(list.statusCode).toBe(404); // not the LAC nurse's team
    await handle.db.insertInto('child_events').values({ child_id: fx.children.amelia, id: crypto.randomUUID(), type: 'significant_event', occurred_at: '2026-11-25T10:00:00Z', recorded_at: NOW, recorded_by: null, organisation_id: null, service: 'sexual_health', source: 'api', source_system: null, source_id: null, significance: 'significant', confidentiality: 'sexual_health', household_event_id: null, summary: 'Seen at clinic', details: '{}', routing_version: 1 }).execute();
    const event = await handle.db.selectFrom('child_events').select('id').where('confidentiality', '=', 'sexual_health').executeTakeFirstOrThrow();
    await handle.db.insertInto('worklist_items').values({ child_id: fx.children.amelia, id: crypto.randomUUID(), event_id: event.id, team_id: fx.teams.hvTeam, rule_id: 'test', rule_version: 1, action: 'copy', priority: 'routine', reason: 'test', created_at: NOW, escalate_at: null, escalated_at: null, acknowledged_at: null, acknowledged_by: null, actioned_at: null, actioned_by: null, outcome: null, outcome_note: null }).execute();
    const items = (await get('hv', '/api/v1/worklists')).json().items;
    const restricted = items.find((i: { eventId: string }) => i.eventId === event.id);
    expect(restricted).toMatchObject({ eventSummary: null, eventType: 'restricted', ruleId: 'restricted', restricted: { category: 'sexual_health', whomToAsk: expect.stringMatching(/sexual health/) } });
    expect(JSON.stringify(restricted)).not.toMatch(/significant_event|Seen at clinic|"test"/);
    const dv = items.find((i: { eventType: string; eventSummary: string | null }) => i.eventType === 'police_dv_notification' && /domestic incident/.test(i.eventSummary ?? ''));
    expect(dv).toBeDefined(); // health visitors are entitled to DV disclosures
  });
});

describe('escalation to the team manager', () => {
  test('an unacknowledged item past its working-hours deadline is escalated, stamped by the sweep and audited', async () => {
    const later = fixedClock('2026-11-30T12:30:00Z'); // Monday
    const { escalated } = await escalateOverdueItems({ db: handle.db, clock: later });
    expect(escalated).toBeGreaterThan(0);
    const stamped = await handle.db.selectFrom('worklist_items').select(['id']).where('escalated_at', 'is not', null).execute();
    expect(stamped.length).toBe(escalated);
    const audits = await handle.db.selectFrom('audit_events').select('action').where('action', '=', 'worklist.escalate').execute();
    expect(audits).toHaveLength(escalated);
    expect((await escalateOverdueItems({ db: handle.db, clock: later })).escalated).toBe(0);
  });

  test('the team manager (teams.manager_user_id) can open and work the team’s list', async () => {
    await handle.db.updateTable('teams').set({ manager_user_id: fx.users['hv-south']!.id }).where('id', '=', fx.teams.hvTeam).execute();
    const list = await get('hv-south', `/api/v1/worklists?teamId=${fx.teams.hvTeam}&state=escalated`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.every((i: { escalated: boolean }) => i.escalated)).toBe(true);
    const teams = (await get('hv-south', '/api/v1/worklists/teams')).json().teams.map((t: { id: string }) => t.id);
    expect(teams).toEqual(expect.arrayContaining([fx.teams.hvTeam, fx.teams.hvTeamSouth]));
  });
});

describe('drift in the child summary', () => {
  test('a third ED attendance in 12 months shows as drift on the child’s summary', async () => {
    for (const [day, id] of [['2026-08-01', 'ATT-2'], ['2026-10-01', 'ATT-3']] as const) {
      const response = await post('designated', `/api/v1/children/${fx.children.barnaby}/events`, edAttendance({ occurredAt: `${day}T10:00:00Z`, sourceSystem: 'RXO-ED', sourceId: id }));
      expect(response.statusCode, response.body).toBe(201);
    }
    const summary = (await get('designated', `/api/v1/children/${fx.children.barnaby}`)).json().child;
    expect(summary.drift).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'repeated-ed-attendances' })]));
  });
});

describe('routing rules are readable data', () => {
  test('GET /routing-rules lists every rule with its source and version', async () => {
    const body = (await get('hv', '/api/v1/routing-rules')).json();
    expect(body.version).toBe(1);
    expect(body.rules.find((r: { id: string }) => r.id === 'police-dv-household')).toMatchObject({ source: expect.stringMatching(/1\.16/), to: ['zero_to_nineteen', 'midwife', 'gp'] });
  });
});
