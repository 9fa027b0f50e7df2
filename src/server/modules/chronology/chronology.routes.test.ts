import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ChronologyResponse } from '../../../contracts/chronology.js';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, TEST_PASSWORD, type SignedIn } from '../../test/fixtures.js';
import { PRINT_STYLE_HASH } from './chronology.render.js';

let handle: DatabaseHandle;
let app: FastifyInstance;
let fx: Awaited<ReturnType<typeof seedFixture>>;
const as: Record<string, SignedIn> = {};
let ezra: string;
let pager: string;
let shTeam: string;
let householdEventId: string;

interface EventInput {
  childId: string;
  type?: string;
  occurredAt: string;
  service?: string;
  significance?: string;
  confidentiality?: string;
  householdEventId?: string | null;
  summary?: string;
  details?: Record<string, unknown>;
  recordedBy?: string | null;
  organisationId?: string | null;
  id?: string;
}

async function addEvent(e: EventInput): Promise<string> {
  const id = e.id ?? randomUUID();
  await handle.db
    .insertInto('child_events')
    .values({
      child_id: e.childId,
      id,
      type: e.type ?? 'health_contact',
      occurred_at: e.occurredAt,
      recorded_at: '2026-11-27T09:00:00Z',
      recorded_by: e.recordedBy === undefined ? fx.users.hv!.id : e.recordedBy,
      organisation_id: e.organisationId === undefined ? fx.organisations.community : e.organisationId,
      service: e.service ?? 'health_visiting',
      source: 'ui',
      source_system: null,
      source_id: null,
      significance: e.significance ?? 'significant',
      confidentiality: e.confidentiality ?? 'standard',
      household_event_id: e.householdEventId ?? null,
      summary: e.summary ?? 'Home visit: child seen',
      details: JSON.stringify(e.details ?? {}),
      routing_version: 1,
    })
    .execute();
  return id;
}

async function addWorklistItem({ childId, eventId, teamId, acknowledged = false, actioned = false }: { childId: string; eventId: string; teamId: string; acknowledged?: boolean; actioned?: boolean }) {
  await handle.db
    .insertInto('worklist_items')
    .values({
      child_id: childId,
      id: randomUUID(),
      event_id: eventId,
      team_id: teamId,
      rule_id: 'test-rule',
      rule_version: 1,
      action: 'check',
      priority: 'routine',
      reason: 'Test routing',
      created_at: '2026-11-20T10:00:00Z',
      escalate_at: null,
      escalated_at: null,
      acknowledged_at: acknowledged || actioned ? '2026-11-20T11:00:00Z' : null,
      acknowledged_by: acknowledged || actioned ? fx.users.hv!.id : null,
      actioned_at: actioned ? '2026-11-20T12:00:00Z' : null,
      actioned_by: actioned ? fx.users.hv!.id : null,
      outcome: actioned ? 'contact_made' : null,
      outcome_note: null,
    })
    .execute();
}

async function addChild(given: string, family: string): Promise<string> {
  const id = randomUUID();
  await handle.db.insertInto('children').values({ id, nhs_number: null, la_child_id: null, given_name: given, family_name: family, date_of_birth: '2020-05-05', expected_due_on: null, is_unborn: false, born_as_child_id: null, unborn_record_id: null, mother_person_id: null, ethnicity: null, registered_practice_id: null, school_id: null, responsible_la_id: fx.organisations.la, placement_area: null }).execute();
  return id;
}

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as[who]!.headers });
const chronologyOf = async (who: string, childId: string, query = ''): Promise<ChronologyResponse> => {
  const response = await get(who, `/api/v1/children/${childId}/chronology${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ChronologyResponse;
};
const auditRows = (actorUsername: string, action: string) =>
  handle.db.selectFrom('audit_events').select(['child_id', 'outcome', 'record']).where('actor_id', '=', fx.users[actorUsername]!.id).where('action', '=', action).orderBy('logged_order').execute();

// The secret texts: each must appear only to a role entitled to its category.
const SECRETS = {
  sexual_health: 'SECRET-SH: contraception clinic attendance',
  dv_disclosure: 'SECRET-DV: disclosed abuse by partner',
  young_person_private: 'SECRET-YP: private statement',
  camhs_therapy: 'SECRET-CAMHS: therapy session notes',
  sealed_identity: 'SECRET-SEALED: previous identity',
} as const;

beforeAll(async () => {
  handle = await createTestDb();
  fx = await seedFixture(handle.db);
  app = await buildApp({ db: handle.db, clock: fixedClock('2026-11-27T12:00:00Z') });
  for (const name of ['hv', 'hv-south', 'gp', 'designated', 'sh', 'commissioner']) as[name] = await signIn(app, name);
  shTeam = (await handle.db.selectFrom('users').select('team_id').where('id', '=', fx.users.sh!.id).executeTakeFirstOrThrow()).team_id!;
  // The sexual health practitioner has Amelia on their own caseload.
  await handle.db.insertInto('caseload_allocations').values({ child_id: fx.children.amelia, id: randomUUID(), team_id: shTeam, user_id: fx.users.sh!.id, service: 'sexual_health', started_on: '2025-01-01', ended_on: null }).execute();

  const { amelia, dorian, barnaby } = fx.children;
  await addEvent({ childId: amelia, type: 'health_contact', occurredAt: '2026-01-10T10:00:00Z', summary: 'New birth visit follow-up', significance: 'routine' });
  const ed = await addEvent({ childId: amelia, type: 'ed_attendance', service: 'emergency_department', organisationId: fx.organisations.hospital, recordedBy: fx.users.ed!.id, occurredAt: '2026-03-02T03:10:00Z', summary: 'Fall from sofa, head injury', significance: 'significant', details: { presentingComplaint: 'Head injury', accompaniedBy: 'mother', safeguardingConcern: true } });
  await addWorklistItem({ childId: amelia, eventId: ed, teamId: fx.teams.hvTeam, acknowledged: true });
  await addEvent({ childId: amelia, type: 'missed_appointment', service: 'outpatients', occurredAt: '2026-05-15T09:00:00Z', summary: 'Was not brought to physiotherapy', significance: 'significant' });
  await addEvent({ childId: amelia, type: 'cp_conference', service: 'childrens_social_care', occurredAt: '2026-06-01T14:00:00Z', summary: 'Initial conference: plan made (neglect)', significance: 'critical' });
  let hour = 8;
  for (const [category, secret] of Object.entries(SECRETS)) {
    hour += 1;
    await addEvent({ childId: amelia, type: 'significant_event', service: category === 'sexual_health' ? 'sexual_health' : 'any', occurredAt: `2026-07-01T${String(hour).padStart(2, '0')}:00:00Z`, summary: secret, confidentiality: category, organisationId: category === 'sexual_health' ? null : fx.organisations.community, details: { category: `${secret} (details)` } });
  }

  // The household: Dorian lives with Amelia (a sibling link); Ezra lives with an adult Amelia lives with;
  // Barnaby is a sibling who does not live with her. Ezra is in the designated nurse's scope, not the HV's.
  const adult = randomUUID();
  await handle.db.insertInto('people').values({ id: adult, given_name: 'Morwenna', family_name: 'Quillfeather', date_of_birth: '1994-04-04', nhs_number: null, phone: null }).execute();
  ezra = await addChild('Ezra', 'Fallowmere');
  await handle.db.insertInto('relationships').values({ child_id: amelia, id: randomUUID(), kind: 'mother', related_child_id: null, related_person_id: adult, lives_with: true, has_parental_responsibility: true }).execute();
  await handle.db.insertInto('relationships').values({ child_id: ezra, id: randomUUID(), kind: 'household_member', related_child_id: null, related_person_id: adult, lives_with: true }).execute();
  householdEventId = randomUUID();
  for (const childId of [amelia, dorian, ezra])
    await addEvent({ childId, type: 'police_dv_notification', service: 'police', occurredAt: '2026-08-08T22:30:00Z', summary: 'Police DV notification: incident at home, children present', significance: 'critical', householdEventId, organisationId: null, recordedBy: null });
  await addEvent({ childId: dorian, type: 'health_contact', occurredAt: '2026-09-01T10:00:00Z', summary: 'Dorian: 2-year review' });
  await addEvent({ childId: ezra, type: 'health_contact', occurredAt: '2026-09-02T10:00:00Z', summary: 'Ezra: school nurse contact' });
  await addEvent({ childId: barnaby, type: 'health_contact', occurredAt: '2026-09-03T10:00:00Z', summary: 'Barnaby: not in the household' });

  // A child for paging: 25 events over 4 instants, 2 of them one microsecond apart in the same millisecond.
  pager = await addChild('Pollyanna', 'Wickerstaff');
  await handle.db.insertInto('caseload_allocations').values({ child_id: pager, id: randomUUID(), team_id: fx.teams.hvTeam, user_id: null, service: 'health_visiting', started_on: '2025-01-01', ended_on: null }).execute();
  const instants = ['2026-02-01T10:00:00.123456Z', '2026-02-01T10:00:00.123457Z', '2026-02-01T10:00:00Z', '2026-03-01T10:00:00Z'];
  for (let i = 0; i < 25; i += 1) await addEvent({ childId: pager, occurredAt: instants[i % instants.length]!, summary: `Paging event ${i}` });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
});

describe('chronology: a child’s timeline', () => {
  test('newest first, each entry with its label, service, recorder, organisation and routed worklist items', async () => {
    const body = await chronologyOf('hv', fx.children.amelia);
    const visible = body.entries.filter((e) => !e.restricted);
    expect(visible.map((e) => e.occurredAt)).toEqual([...visible.map((e) => e.occurredAt)].sort().reverse());
    const ed = body.entries.find((e) => e.type === 'ed_attendance')!;
    expect(ed).toMatchObject({
      typeLabel: 'Emergency department attendance',
      service: 'emergency_department',
      serviceLabel: 'Emergency department',
      significance: 'significant',
      source: 'ui',
      recorder: { name: 'Test ed', role: 'ed_clinician', roleLabel: 'Emergency department clinician' },
      organisation: 'Testborough Hospital',
      summary: 'Fall from sofa, head injury',
      details: { presentingComplaint: 'Head injury', accompaniedBy: 'mother', safeguardingConcern: true },
      restricted: null,
      childIds: [fx.children.amelia],
    });
    expect(ed.worklistItems).toEqual([expect.objectContaining({ teamName: 'Health visiting north', state: 'acknowledged', escalated: false, outcome: null })]);
    expect(body.nextCursor).toBeNull();
    // 4 standard events + 5 confidential + 1 household DV event on Amelia.
    expect(body.total).toBe(10);
  });

  test('counts per type for the filter chips; a type filter keeps the other chips’ counts', async () => {
    const body = await chronologyOf('designated', fx.children.amelia, '?type=ed_attendance');
    expect(body.entries.map((e) => e.type)).toEqual(['ed_attendance']);
    expect(body.total).toBe(1);
    const counts = Object.fromEntries(body.typeCounts.map((c) => [c.type, c.count]));
    // The designated nurse may read sexual health, DV and private entries; CAMHS therapy and sealed identity are restricted.
    expect(counts).toEqual({ ed_attendance: 1, missed_appointment: 1, police_dv_notification: 1, cp_conference: 1, health_contact: 1, significant_event: 3 });
    expect(body.restrictedCount).toBe(2);
    expect(body.restrictedHiddenByFilter).toBe(true);
    expect(body.typeCounts.find((c) => c.type === 'cp_conference')?.label).toBe('Child protection conference');
  });

  test.each([
    ['several types', '?type=ed_attendance,missed_appointment', ['missed_appointment', 'ed_attendance']],
    ['repeated type parameters', '?type=ed_attendance&type=cp_conference', ['cp_conference', 'ed_attendance']],
    ['service', '?service=emergency_department', ['ed_attendance']],
    ['significance', '?significance=critical&type=cp_conference,ed_attendance', ['cp_conference']],
    ['from and to (England’s calendar days)', '?from=2026-03-02&to=2026-05-15&type=ed_attendance,missed_appointment,health_contact', ['missed_appointment', 'ed_attendance']],
    ['a to date before the first event', '?to=2026-01-09', []],
  ])('filters by %s', async (_name, query, types) => {
    const body = await chronologyOf('hv', fx.children.amelia, query);
    expect(body.entries.map((e) => e.type)).toEqual(types);
    expect(body.total).toBe(types.length);
  });

  test('a date filter is in UK time: an event at 23:30 BST on 1 July is on 1 July', async () => {
    await addEvent({ childId: pager, occurredAt: '2026-07-01T22:30:00Z', summary: 'Late evening visit (23:30 BST)' });
    const body = await chronologyOf('hv', pager, '?from=2026-07-01&to=2026-07-01');
    expect(body.entries.map((e) => e.summary)).toEqual(['Late evening visit (23:30 BST)']);
    expect((await chronologyOf('hv', pager, '?from=2026-07-02')).entries.map((e) => e.summary)).toEqual([]);
  });

  test.each([
    ['an unknown type', '?type=tea_party', 'type'],
    ['a bad significance', '?significance=urgent', 'significance'],
    ['an impossible date', '?from=2026-02-30', 'from'],
    ['to before from', '?from=2026-05-01&to=2026-04-01', 'to'],
    ['a limit over 200', '?limit=201', 'limit'],
  ])('refuses %s with a field error', async (_name, query, field) => {
    const response = await get('hv', `/api/v1/children/${fx.children.amelia}/chronology${query}`);
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fieldErrors ?? {}).some((k: string) => k.startsWith(field))).toBe(true);
  });

  test('a cursor this server did not make is refused', async () => {
    const response = await get('hv', `/api/v1/children/${fx.children.amelia}/chronology?cursor=bm90LWEtY3Vyc29y`);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'chronology.invalid_cursor', fieldErrors: { cursor: [expect.any(String)] } });
  });
});

describe('chronology: keyset pages', () => {
  test.each([1, 3, 4, 7, 25])('pages of %i: no duplicates and no gaps across equal timestamps and microseconds', async (limit) => {
    const everything = await chronologyOf('hv', pager, '?limit=200&to=2026-06-30');
    expect(everything.entries).toHaveLength(25);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ChronologyResponse = await chronologyOf('hv', pager, `?to=2026-06-30&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.entries.length).toBeLessThanOrEqual(limit);
      expect(page.total).toBe(25);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
      expect(pages).toBeLessThanOrEqual(26);
    } while (cursor);
    expect(seen).toEqual(everything.entries.map((e) => e.id));
    expect(new Set(seen).size).toBe(25);
    expect(pages).toBe(Math.ceil(25 / limit));
  });

  test('order is (occurred_at DESC, id DESC), with the microsecond-later event first', async () => {
    const body = await chronologyOf('hv', pager, '?limit=200&to=2026-06-30');
    const rows = await handle.db.selectFrom('child_events').select(['id']).where('child_id', '=', pager).where('occurred_at', '<', '2026-06-30T00:00:00Z').orderBy('occurred_at', 'desc').orderBy('id', 'desc').execute();
    expect(body.entries.map((e) => e.id)).toEqual(rows.map((r) => r.id));
    const micro = await handle.db.selectFrom('child_events').select('id').where('child_id', '=', pager).where('occurred_at', '=', '2026-02-01T10:00:00.123457Z').execute();
    const firstFeb = body.entries.filter((e) => e.occurredAt.startsWith('2026-02-01'));
    expect(micro.map((r) => r.id)).toContain(firstFeb[0]!.id);
  });
});

describe('chronology: confidential entries', () => {
  const readable = async (who: string) => {
    const body = await chronologyOf(who, fx.children.amelia);
    return body;
  };

  test.each([
    // category, role → may read the content?
    ['sexual_health', 'hv', false],
    ['sexual_health', 'gp', false],
    ['sexual_health', 'sh', true],
    ['sexual_health', 'designated', true],
    ['dv_disclosure', 'hv', true],
    ['dv_disclosure', 'gp', true],
    ['dv_disclosure', 'sh', false],
    ['young_person_private', 'hv', false],
    ['young_person_private', 'designated', true],
    ['camhs_therapy', 'designated', false],
    ['camhs_therapy', 'gp', false],
    ['sealed_identity', 'hv', false],
    // Entitled, but the category needs a step-up the chronology does not have yet: fails closed.
    ['sealed_identity', 'designated', false],
  ] as const)('%s entry, read by %s: content shown = %s', async (category, who, shown) => {
    const response = await get(who, `/api/v1/children/${fx.children.amelia}/chronology`);
    expect(response.statusCode).toBe(200);
    const secret = SECRETS[category];
    expect(response.body.includes(secret)).toBe(shown);
    const body = response.json() as ChronologyResponse;
    const entry = body.entries.find((e) => e.occurredAt.startsWith('2026-07-01') && (e.summary === secret || e.restricted?.category === category));
    expect(entry).toBeDefined();
    if (shown) {
      expect(entry).toMatchObject({ summary: secret, restricted: null, type: 'significant_event' });
    } else {
      expect(entry).toMatchObject({ summary: null, details: null, type: null, typeLabel: null, service: null, recorder: null, organisation: null, worklistItems: [], restricted: { category, label: expect.any(String), whomToAsk: expect.any(String) } });
      expect(entry!.occurredAt).toBe(`2026-07-01T${String(9 + Object.keys(SECRETS).indexOf(category)).padStart(2, '0')}:00:00.000Z`);
    }
  });

  test('a health visitor sees that a sexual health entry exists and whom to ask', async () => {
    const body = await readable('hv');
    expect(body.entries).toContainEqual(expect.objectContaining({ restricted: { category: 'sexual_health', label: 'Sexual health', whomToAsk: 'the young person’s sexual health service' } }));
  });

  test('a type or service filter does not reveal a restricted entry’s type or service', async () => {
    for (const query of ['?type=significant_event', '?service=sexual_health', '?service=any']) {
      const response = await get('hv', `/api/v1/children/${fx.children.amelia}/chronology${query}`);
      const body = response.json() as ChronologyResponse;
      expect(body.entries.every((e) => e.restricted === null)).toBe(true);
      expect(response.body).not.toContain('SECRET-SH');
    }
    const byService = await chronologyOf('hv', fx.children.amelia, '?service=sexual_health');
    expect(byService.total).toBe(0);
    expect(byService.restrictedHiddenByFilter).toBe(true);
    // The chips count only what the reader may read: the HV reads the DV disclosure alone of the five.
    const all = await chronologyOf('hv', fx.children.amelia);
    expect(all.typeCounts.find((c) => c.type === 'significant_event')?.count).toBe(1);
    expect(all.restrictedCount).toBe(4);
    expect(all.restrictedHiddenByFilter).toBe(false);
  });
});

describe('chronology: access and audit', () => {
  test('a child outside the reader’s scope is a 404, the same as a missing child, and is audited', async () => {
    const outside = await get('hv-south', `/api/v1/children/${fx.children.amelia}/chronology`);
    const missing = await get('hv-south', `/api/v1/children/${randomUUID()}/chronology`);
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    for (const path of ['household-chronology', 'chronology.csv', 'chronology/print']) expect((await get('hv-south', `/api/v1/children/${fx.children.amelia}/${path}`)).statusCode).toBe(404);
    const rows = await auditRows('hv-south', 'chronology.read');
    expect(rows.filter((r) => r.outcome === 'not_found').length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.outcome !== 'allowed')).toBe(true);
  });

  test('a role without safeguarding_event read is a 403, audited as denied', async () => {
    const response = await get('commissioner', `/api/v1/children/${fx.children.amelia}/chronology`);
    expect(response.statusCode).toBe(403);
    expect((await auditRows('commissioner', 'chronology.read')).map((r) => r.outcome)).toContain('denied');
  });

  test('a read writes one chronology.read row with the filter kinds only (no values, no names)', async () => {
    const before = (await auditRows('gp', 'chronology.read')).length;
    await chronologyOf('gp', fx.children.amelia, '?type=ed_attendance&from=2026-01-01');
    const rows = await auditRows('gp', 'chronology.read');
    expect(rows).toHaveLength(before + 1);
    const last = rows[rows.length - 1]!;
    expect(last).toMatchObject({ child_id: fx.children.amelia, outcome: 'allowed' });
    const record = JSON.parse(last.record) as { details: Record<string, unknown> };
    expect(record.details).toMatchObject({ filters: ['type', 'from'], page: 'first' });
    expect(last.record).not.toContain('ed_attendance');
  });
});

describe('household chronology', () => {
  test('the child and the household members in the reader’s scope, a household event once, others omitted without trace', async () => {
    const response = await get('hv', `/api/v1/children/${fx.children.amelia}/household-chronology?limit=200`);
    expect(response.statusCode).toBe(200);
    const body = response.json() as ChronologyResponse;
    expect(body.childIds.sort()).toEqual([fx.children.amelia, fx.children.dorian].sort());
    const dv = body.entries.filter((e) => e.householdEventId === householdEventId);
    expect(dv).toHaveLength(1);
    expect(dv[0]!.childIds).toEqual([fx.children.amelia, fx.children.dorian].sort());
    expect(body.entries.map((e) => e.summary)).toContain('Dorian: 2-year review');
    // Ezra lives with the same adult but is not in the HV's scope; Barnaby does not live with Amelia.
    expect(response.body).not.toContain(ezra);
    expect(response.body).not.toContain('Ezra');
    expect(response.body).not.toContain('Barnaby');
    expect(body.total).toBe(body.entries.length);
  });

  test('for a reader with every child in scope: the adult’s other household child too, the DV event still once', async () => {
    const body = (await get('designated', `/api/v1/children/${fx.children.amelia}/household-chronology?limit=200`)).json() as ChronologyResponse;
    expect(body.childIds.sort()).toEqual([fx.children.amelia, fx.children.dorian, ezra].sort());
    const dv = body.entries.filter((e) => e.householdEventId === householdEventId);
    expect(dv).toHaveLength(1);
    expect(dv[0]!.childIds).toHaveLength(3);
    expect(body.entries.map((e) => e.summary)).toContain('Ezra: school nurse contact');
    expect(body.entries.map((e) => e.summary)).not.toContain('Barnaby: not in the household');
    expect(body.typeCounts.find((c) => c.type === 'police_dv_notification')?.count).toBe(1);
  });

  test('household pages of 2 cover every entry once', async () => {
    const all = (await get('designated', `/api/v1/children/${fx.children.amelia}/household-chronology?limit=200`)).json() as ChronologyResponse;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await get('designated', `/api/v1/children/${fx.children.amelia}/household-chronology?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json() as ChronologyResponse;
      seen.push(...page.entries.map((e) => `${e.childIds.join()}|${e.id}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.entries.map((e) => `${e.childIds.join()}|${e.id}`));
  });

  test('one audit row per child read', async () => {
    const before = await auditRows('hv', 'chronology.read');
    await get('hv', `/api/v1/children/${fx.children.amelia}/household-chronology`);
    const after = await auditRows('hv', 'chronology.read');
    const added = after.slice(before.length);
    expect(added.map((r) => r.child_id).sort()).toEqual([fx.children.amelia, fx.children.dorian].sort());
    expect(added.every((r) => r.outcome === 'allowed')).toBe(true);
    expect(added.map((r) => r.child_id)).not.toContain(ezra);
  });

  test('the sibling who lives elsewhere has no household link back', async () => {
    const body = (await get('designated', `/api/v1/children/${fx.children.barnaby}/household-chronology`)).json() as ChronologyResponse;
    expect(body.childIds).toEqual([fx.children.barnaby]);
  });
});

describe('exports', () => {
  // #5 consent: an export is a report. An entry of a non-standard category goes in only with an
  // include-in-report consent or a safeguarding override (`override=1&reason=…`, share: override).
  const OVERRIDE = `override=1&reason=${encodeURIComponent('Initial child protection conference tomorrow')}`;

  test('CSV: a header, formula cells are quoted, commas and quotes escaped; a confidential entry without consent is a restricted row', async () => {
    await addEvent({ childId: pager, occurredAt: '2026-10-01T10:00:00Z', summary: '=HYPERLINK("http://example.invalid","click")' });
    await addEvent({ childId: pager, occurredAt: '2026-10-02T10:00:00Z', summary: '+44 1234 567890, "urgent" call', details: { note: '@SUM(A1:A2)', other: '-1+1' } });
    await addEvent({ childId: pager, occurredAt: '2026-10-03T10:00:00Z', summary: 'SECRET-PAGER-SH', confidentiality: 'sexual_health' });
    const response = await get('hv', `/api/v1/children/${pager}/chronology.csv?from=2026-10-01`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('attachment');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-clasp-omitted-without-consent']).toBe('1');
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Date and time (UK),Event,Service,Significance,Source,Recorded by,Role,Organisation,Summary,Details,Routed to');
    expect(lines).toHaveLength(5); // header, 3 rows, and the empty string after the last CRLF
    expect(response.body).not.toContain('SECRET-PAGER-SH');
    // It exists, when, and whom to ask — never its content (#5).
    expect(lines[1]).toMatch(/^2026-10-03 11:00,,,significant,ui,,,,"?Restricted entry — ask /);
    expect(lines[2]).toContain(`"'+44 1234 567890, ""urgent"" call"`);
    expect(lines[2]).toContain('note: @SUM(A1:A2); other: -1+1');
    expect(lines[3]).toContain(`"'=HYPERLINK(""http://example.invalid"",""click"")"`);
    expect(lines[3]).toMatch(/^2026-10-01 11:00,Health contact or home visit,Health visiting,significant,ui,Test hv,Health visitor,Testborough Community Health,/);
  });

  test('CSV with a safeguarding override: a readable entry with its content, an unreadable one as "Restricted entry — ask …"', async () => {
    await addEvent({ childId: pager, occurredAt: '2026-10-04T10:00:00Z', summary: 'SECRET-PAGER-CAMHS', confidentiality: 'camhs_therapy' });
    const response = await get('designated', `/api/v1/children/${pager}/chronology.csv?from=2026-10-01&${OVERRIDE}`);
    expect(response.statusCode, response.body).toBe(200);
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe('2026-10-04 11:00,,,significant,ui,,,,Restricted entry — ask the child’s CAMHS practitioner,Restricted category: CAMHS therapy notes,');
    expect(response.body).not.toContain('SECRET-PAGER-CAMHS');
    expect(lines[2]).toContain('SECRET-PAGER-SH'); // the designated nurse may read sexual health entries
  });

  test('CSV with a type filter leaves out restricted rows and keeps the filter', async () => {
    const body = (await get('designated', `/api/v1/children/${fx.children.amelia}/chronology.csv?type=significant_event&${OVERRIDE}`)).body;
    expect(body).not.toContain('Restricted entry');
    expect(body).toContain('SECRET-DV');
    expect(body).toContain('SECRET-SH');
    expect(body).not.toContain('SECRET-CAMHS');
    expect(body).not.toContain('Health contact or home visit');
  });

  test('CSV export is audited as chronology.export with the format', async () => {
    await get('gp', `/api/v1/children/${fx.children.amelia}/chronology.csv?significance=critical`);
    const rows = await auditRows('gp', 'chronology.export');
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(rows[rows.length - 1]!.record).details).toMatchObject({ format: 'csv', filters: ['significance'] });
  });

  test('print: a self-contained HTML page under its own strict CSP, with the child, NHS number, who and when, and the filters', async () => {
    await addEvent({ childId: fx.children.amelia, occurredAt: '2026-11-01T10:00:00Z', summary: '<script>alert("x")</script> & <b>bold</b>' });
    const response = await get('hv', `/api/v1/children/${fx.children.amelia}/chronology/print?from=2026-01-01&type=health_contact,significant_event`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain(`style-src '${PRINT_STYLE_HASH}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = response.body;
    expect(html).toContain('Chronology: Amelia Quillfeather');
    expect(html).toContain('943 476 5919');
    expect(html).toContain('Test hv (Health visitor)');
    expect(html).toContain('2026-11-27 12:00 (UK time)');
    expect(html).toContain('Event: Health contact or home visit, Significant event; From: 2026-01-01');
    expect(html).toContain('New birth visit follow-up');
    // Without consent or an override no confidential entry goes into a report, even one the HV may read.
    expect(html).not.toContain('SECRET-');
    // The type filter matched one confidential entry the HV may read (the DV disclosure): left out, and counted.
    expect(response.headers['x-clasp-omitted-without-consent']).toBe('1');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toMatch(/\s(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    // The inline style is exactly the text the hash allows.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const { createHash } = await import('node:crypto');
    expect(`sha256-${createHash('sha256').update(style, 'utf8').digest('base64')}`).toBe(PRINT_STYLE_HASH);
  });

  test('print with an override shows a restricted entry as existing, with whom to ask, and is audited', async () => {
    const response = await get('designated', `/api/v1/children/${fx.children.amelia}/chronology/print?${OVERRIDE}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain('Restricted entry (CAMHS therapy notes) — ask the child’s CAMHS practitioner');
    expect(response.body).toContain('SECRET-SH');
    expect(response.body).not.toContain('SECRET-CAMHS');
    const rows = await auditRows('designated', 'chronology.export');
    expect(JSON.parse(rows[rows.length - 1]!.record).details).toMatchObject({ format: 'print', override: true });
  });
});

describe('through the event log API: the loop closing on the timeline', () => {
  const post = (who: string, url: string, payload: unknown) => app.inject({ method: 'POST', url, headers: as[who]!.headers, payload: payload as object });

  test('an ED attendance recorded by API shows with its routed items, and the HV’s acknowledgement and outcome', async () => {
    const child = await addChild('Wilhelmina', 'Osterfield');
    await handle.db.updateTable('children').set({ registered_practice_id: fx.organisations.practiceA }).where('id', '=', child).execute();
    await handle.db.insertInto('caseload_allocations').values({ child_id: child, id: randomUUID(), team_id: fx.teams.hvTeam, user_id: fx.users.hv!.id, service: 'health_visiting', started_on: '2025-01-01', ended_on: null }).execute();
    const recorded = await post('designated', `/api/v1/children/${child}/events`, {
      type: 'ed_attendance',
      occurredAt: '2026-11-27T03:10:00Z',
      summary: 'Fell from a climbing frame, wrist injury',
      details: { presentingComplaint: 'Wrist injury', accompaniedBy: 'father', accompanyingAdultHasParentalResponsibility: 'yes', injury: true, injuryMechanism: 'Fall from a climbing frame', discharge: 'home', safeguardingConcern: false },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const eventId = recorded.json().eventId as string;

    const before = (await chronologyOf('hv', child)).entries.find((e) => e.id === eventId)!;
    expect(before).toMatchObject({ type: 'ed_attendance', summary: 'Fell from a climbing frame, wrist injury', source: 'api' });
    const hvItem = before.worklistItems.find((i) => i.teamName === 'Health visiting north')!;
    expect(hvItem).toMatchObject({ state: 'open', acknowledgedAt: null });
    expect(before.worklistItems.length).toBe(recorded.json().routed.length);

    expect((await post('hv', `/api/v1/children/${child}/worklist-items/${hvItem.id}/acknowledge`, {})).statusCode).toBe(204);
    expect((await post('hv', `/api/v1/children/${child}/worklist-items/${hvItem.id}/action`, { outcome: 'contact_made', note: 'Spoke to father' })).statusCode).toBe(204);
    const after = (await chronologyOf('hv', child)).entries.find((e) => e.id === eventId)!;
    expect(after.worklistItems.find((i) => i.id === hvItem.id)).toMatchObject({ state: 'actioned', outcome: 'contact_made', acknowledgedAt: expect.any(String), actionedAt: expect.any(String) });
  });

  test('a police DV notification recorded by API is one entry on the household chronology', async () => {
    const older = await addChild('Cuthbert', 'Larkspurr');
    const younger = await addChild('Primrose', 'Larkspurr');
    await handle.db.insertInto('relationships').values({ child_id: older, id: randomUUID(), kind: 'sibling', related_child_id: younger, related_person_id: null, lives_with: true }).execute();
    await handle.db.insertInto('relationships').values({ child_id: younger, id: randomUUID(), kind: 'sibling', related_child_id: older, related_person_id: null, lives_with: true }).execute();
    const recorded = await post('designated', `/api/v1/children/${older}/events`, {
      type: 'police_dv_notification',
      occurredAt: '2026-11-26T23:40:00Z',
      summary: 'Police attended a domestic incident at the family home',
      details: { policeReference: 'TST-26-0042', riskLevel: 'medium', childrenPresent: 'yes', adultsInvolved: [{ name: 'Adult Larkspurr', role: 'victim', relationshipToChild: 'mother' }] },
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(new Set(recorded.json().childIds)).toEqual(new Set([older, younger]));
    const household = (await get('designated', `/api/v1/children/${older}/household-chronology`)).json() as ChronologyResponse;
    const dv = household.entries.filter((e) => e.type === 'police_dv_notification');
    expect(dv).toHaveLength(1);
    expect(dv[0]!.childIds).toEqual([older, younger].sort());
    expect(household.total).toBe(1);
    // Each child's own chronology still has its copy.
    expect((await chronologyOf('designated', younger)).entries.map((e) => e.type)).toEqual(['police_dv_notification']);
  });
});

describe('sealed identity after a step-up (#5)', () => {
  test('an entitled role that has stepped up reads a sealed entry; an unentitled one that steps up still does not', async () => {
    const designated = await signIn(app, 'designated');
    const hv = await signIn(app, 'hv');
    for (const session of [designated, hv]) {
      const stepped = await app.inject({ method: 'POST', url: '/api/v1/auth/step-up', headers: session.headers, payload: { password: TEST_PASSWORD } });
      expect(stepped.statusCode, stepped.body).toBe(200);
    }
    const forDesignated = await app.inject({ method: 'GET', url: `/api/v1/children/${fx.children.amelia}/chronology`, headers: designated.headers });
    expect(forDesignated.body).toContain(SECRETS.sealed_identity);
    const forHv = await app.inject({ method: 'GET', url: `/api/v1/children/${fx.children.amelia}/chronology`, headers: hv.headers });
    expect(forHv.statusCode).toBe(200);
    expect(forHv.body).not.toContain(SECRETS.sealed_identity);
    // The designated nurse's other session, without a step-up, still sees it restricted.
    expect((await get('designated', `/api/v1/children/${fx.children.amelia}/chronology`)).body).not.toContain(SECRETS.sealed_identity);
  });
});
