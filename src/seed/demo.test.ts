import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROLE_IDS } from '../domain/access/roles.js';
import { ETHNICITY, LEGAL_STATUS, PLACEMENT_PROVIDER, PLACEMENT_TYPE } from '../domain/codes/dfe-codes.js';
import { isValidNhsNumber } from '../domain/identity/nhs-number.js';
import { ORGANISATION_KINDS, TEAM_KINDS } from '../domain/organisations.js';
import { CP_CATEGORIES, deriveFlags, MANUAL_FLAG_KINDS, STATUS_KINDS, type StatusEpisode } from '../domain/status/flags.js';
import { openDatabase, type DatabaseHandle } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { DEMO_CHILD_NHS_NUMBER, DemoAlreadySeededError, seedDemo, type DemoUser } from './demo.js';
import { POSTCODE_PATTERN } from './names.js';

const TODAY = '2025-03-14';
const PASSWORD_HASH = 'scrypt$32768$8$1$c2FsdA==$a2V5';
const CHILD_TABLES = ['child_identifiers', 'child_names', 'child_addresses', 'relationships', 'status_episodes', 'manual_flags', 'caseload_allocations'] as const;

let handle: DatabaseHandle;
let users: DemoUser[];

beforeAll(async () => {
  handle = await openDatabase({ dataDir: 'memory://' });
  await migrate(handle.db);
  ({ users } = await seedDemo({ db: handle.db, today: TODAY, passwordHash: PASSWORD_HASH }));
}, 60_000);

afterAll(async () => {
  await handle?.close();
});

async function userId(username: string): Promise<string> {
  const row = await handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return row.id;
}

async function caseloadOf(username: string): Promise<string[]> {
  const rows = await handle.db
    .selectFrom('caseload_allocations')
    .select('child_id')
    .where('user_id', '=', await userId(username))
    .where('ended_on', 'is', null)
    .execute();
  return [...new Set(rows.map((r) => r.child_id))];
}

describe('demo users', () => {
  test('one demo user per role, named after the role, with the given password hash', async () => {
    expect(users.map((u) => u.role).sort()).toEqual([...ROLE_IDS].sort());
    const rows = await handle.db.selectFrom('users').selectAll().execute();
    expect(rows).toHaveLength(ROLE_IDS.length);
    for (const role of ROLE_IDS) {
      const row = rows.find((r) => r.role_id === role);
      expect(row, role).toBeDefined();
      expect(row!.username).toBe(role.replace(/_/g, '-'));
      expect(row!.is_demo).toBe(true);
      expect(row!.active).toBe(true);
      expect(row!.password_hash).toBe(PASSWORD_HASH);
      expect(row!.team_id).not.toBeNull();
    }
    expect(users.find((u) => u.role === 'health_visitor')).toEqual({ username: 'health-visitor', role: 'health_visitor', organisation: 'Ouseford Community Health NHS Trust' });
  });

  test('users sit in organisations of the kind their role expects', async () => {
    const rows = await handle.db
      .selectFrom('users as u')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .innerJoin('teams as t', 't.id', 'u.team_id')
      .select(['u.username', 'o.kind as orgKind', 't.kind as teamKind', 't.organisation_id as teamOrg', 'u.organisation_id as userOrg'])
      .execute();
    const by = new Map(rows.map((r) => [r.username, r]));
    expect(by.get('gp')!.orgKind).toBe('gp_practice');
    expect(by.get('named-gp')!.orgKind).toBe('gp_practice');
    expect(by.get('health-visitor')!.teamKind).toBe('health_visiting');
    expect(by.get('school-nurse')!.teamKind).toBe('school_nursing');
    expect(by.get('midwife')!.teamKind).toBe('maternity');
    expect(by.get('mash-health-practitioner')!.orgKind).toBe('mash');
    expect(by.get('designated-nurse')!.orgKind).toBe('icb');
    for (const r of rows) expect(r.teamOrg, r.username).toBe(r.userOrg);
  });
});

describe('organisations', () => {
  test('every organisation kind and team kind used is a known one, and every kind is present', async () => {
    const orgs = await handle.db.selectFrom('organisations').select(['kind', 'code']).execute();
    const teams = await handle.db.selectFrom('teams').select('kind').execute();
    expect(new Set(orgs.map((o) => o.kind))).toEqual(new Set(Object.keys(ORGANISATION_KINDS)));
    for (const t of teams) expect(Object.keys(TEAM_KINDS)).toContain(t.kind);
    expect(orgs.filter((o) => o.kind === 'gp_practice')).toHaveLength(3);
    expect(orgs.filter((o) => o.kind === 'school')).toHaveLength(3);
  });
});

describe('demo children', () => {
  test('about sixty children with a realistic mix of statuses', async () => {
    const children = await handle.db.selectFrom('children').select(['id', 'is_unborn']).execute();
    expect(children.length).toBeGreaterThanOrEqual(55);
    expect(children.length).toBeLessThanOrEqual(70);
    const open = await handle.db.selectFrom('status_episodes').select(['kind', 'child_id']).where('ended_on', 'is', null).execute();
    const count = (kind: string) => new Set(open.filter((e) => e.kind === kind).map((e) => e.child_id)).size;
    expect(count('child_protection')).toBeGreaterThanOrEqual(5);
    expect(count('child_in_need')).toBeGreaterThanOrEqual(5);
    expect(count('early_help')).toBeGreaterThanOrEqual(3);
    expect(count('looked_after')).toBeGreaterThanOrEqual(8);
    expect(count('care_leaver')).toBeGreaterThanOrEqual(3);
  });

  test('the well-known demo child: CP plan, demo GP practice, health visitor caseload, mother, sibling, history', async () => {
    const ellie = await handle.db.selectFrom('children').selectAll().where('nhs_number', '=', DEMO_CHILD_NHS_NUMBER).executeTakeFirstOrThrow();
    expect(isValidNhsNumber(DEMO_CHILD_NHS_NUMBER)).toBe(true);

    const episodes = await handle.db.selectFrom('status_episodes').selectAll().where('child_id', '=', ellie.id).execute();
    const cp = episodes.find((e) => e.kind === 'child_protection' && e.ended_on === null);
    expect(cp?.cp_category).toBe('neglect');
    const derived = deriveFlags({
      episodes: episodes.map((e): StatusEpisode => ({ id: e.id, kind: e.kind as StatusEpisode['kind'], startedOn: e.started_on, endedOn: e.ended_on, cpCategory: e.cp_category as StatusEpisode['cpCategory'] })),
      today: TODAY,
      dateOfBirth: ellie.date_of_birth,
    });
    expect(derived.map((f) => f.code)).toContain('child_protection_plan');

    const gp = await handle.db.selectFrom('users').select('organisation_id').where('username', '=', 'gp').executeTakeFirstOrThrow();
    expect(ellie.registered_practice_id).toBe(gp.organisation_id);
    expect(await caseloadOf('health-visitor')).toContain(ellie.id);

    const rels = await handle.db.selectFrom('relationships').selectAll().where('child_id', '=', ellie.id).execute();
    const mother = rels.find((r) => r.kind === 'mother');
    expect(mother?.related_person_id).toBe(ellie.mother_person_id);
    expect(mother?.has_parental_responsibility).toBe(true);
    const sibling = rels.find((r) => r.kind === 'sibling');
    expect(sibling?.related_child_id).toBeTruthy();
    const back = await handle.db.selectFrom('relationships').select('related_child_id').where('child_id', '=', sibling!.related_child_id!).where('kind', '=', 'sibling').execute();
    expect(back.map((r) => r.related_child_id)).toContain(ellie.id);

    const addresses = await handle.db.selectFrom('child_addresses').selectAll().where('child_id', '=', ellie.id).orderBy('valid_from').execute();
    expect(addresses.length).toBeGreaterThanOrEqual(2);
    expect(addresses[0]!.valid_to).not.toBeNull();
    expect(addresses.at(-1)!.valid_to).toBeNull();
    expect(addresses[0]!.valid_to! < addresses.at(-1)!.valid_from).toBe(true);

    const names = await handle.db.selectFrom('child_names').selectAll().where('child_id', '=', ellie.id).execute();
    expect(names.find((n) => n.kind === 'usual')?.family_name).toBe(ellie.family_name);
    expect(names.some((n) => n.kind === 'previous' && n.family_name !== ellie.family_name && n.valid_to !== null)).toBe(true);
  });

  test('an unborn child on a pre-birth CP plan is linked to the mother', async () => {
    const unborn = await handle.db
      .selectFrom('children as c')
      .innerJoin('status_episodes as e', 'e.child_id', 'c.id')
      .select(['c.id', 'c.mother_person_id', 'c.expected_due_on', 'c.date_of_birth', 'c.nhs_number'])
      .where('c.is_unborn', '=', true)
      .where('e.kind', '=', 'child_protection')
      .where('e.ended_on', 'is', null)
      .executeTakeFirstOrThrow();
    expect(unborn.date_of_birth).toBeNull();
    expect(unborn.nhs_number).toBeNull();
    expect(unborn.expected_due_on! > TODAY).toBe(true);
    const mother = await handle.db.selectFrom('people').selectAll().where('id', '=', unborn.mother_person_id!).executeTakeFirstOrThrow();
    const rel = await handle.db.selectFrom('relationships').selectAll().where('child_id', '=', unborn.id).where('kind', '=', 'mother').executeTakeFirstOrThrow();
    expect(rel.related_person_id).toBe(mother.id);
    expect(await caseloadOf('midwife')).toContain(unborn.id);
  });

  test('all NHS numbers are valid Modulus 11 synthetic (9…) numbers and unique across children and adults', async () => {
    const children = await handle.db.selectFrom('children').select('nhs_number').where('nhs_number', 'is not', null).execute();
    const people = await handle.db.selectFrom('people').select('nhs_number').where('nhs_number', 'is not', null).execute();
    const all = [...children, ...people].map((r) => r.nhs_number!);
    expect(all.length).toBeGreaterThan(80);
    for (const n of all) {
      expect(isValidNhsNumber(n), n).toBe(true);
      expect(n.startsWith('999')).toBe(true);
    }
    expect(new Set(all).size).toBe(all.length);
  });

  test('codes are valid DfE / domain codes, postcodes match the API pattern, dates are sane', async () => {
    const episodes = await handle.db.selectFrom('status_episodes').selectAll().execute();
    for (const e of episodes) {
      expect(STATUS_KINDS).toContain(e.kind);
      if (e.kind === 'child_protection') expect(CP_CATEGORIES).toContain(e.cp_category);
      if (e.kind === 'looked_after') {
        expect(LEGAL_STATUS.map((c) => c.code)).toContain(e.legal_status);
        expect(PLACEMENT_TYPE.map((c) => c.code)).toContain(e.placement_type);
        expect(PLACEMENT_PROVIDER.map((c) => c.code)).toContain(e.placement_provider);
        expect(typeof e.placement_in_area).toBe('boolean');
      }
      expect(e.started_on <= TODAY).toBe(true);
    }
    const outOfArea = episodes.filter((e) => e.kind === 'looked_after' && e.ended_on === null && e.placement_in_area === false);
    expect(outOfArea.length).toBeGreaterThanOrEqual(2);
    const flags = await handle.db.selectFrom('manual_flags').selectAll().execute();
    expect(new Set(flags.map((f) => f.kind))).toEqual(new Set(['fgm_risk', 'marac', 'cse_concern', 'dv_in_household']));
    for (const f of flags) {
      expect(MANUAL_FLAG_KINDS).toContain(f.kind);
      expect(f.source.length).toBeGreaterThan(0);
      if (f.disclosure_decision === 'not_disclosed') expect(f.disclosure_reason).toBeTruthy();
    }
    expect(flags.some((f) => f.review_on < TODAY)).toBe(true);
    const children = await handle.db.selectFrom('children').select(['ethnicity', 'date_of_birth', 'is_unborn']).execute();
    for (const c of children) {
      expect(ETHNICITY.map((e) => e.code)).toContain(c.ethnicity);
      if (!c.is_unborn) expect(c.date_of_birth! <= TODAY).toBe(true);
    }
    const addresses = await handle.db.selectFrom('child_addresses').select(['postcode', 'valid_from', 'valid_to']).execute();
    for (const a of addresses) {
      expect(a.postcode).toMatch(POSTCODE_PATTERN);
      if (a.valid_to) expect(a.valid_from <= a.valid_to).toBe(true);
    }
    const upns = await handle.db.selectFrom('child_identifiers').select('value').where('kind', '=', 'upn').execute();
    expect(upns.length).toBeGreaterThan(15);
    for (const u of upns) expect(u.value).toMatch(/^[A-Z][0-9]{12}$/);
  });

  test('each caseload-based demo user has several children', async () => {
    for (const username of ['health-visitor', 'school-nurse', 'midwife', 'camhs-practitioner', 'lac-camhs-practitioner', 'sexual-health-practitioner', 'substance-misuse-worker', 'paediatrician', 'paediatric-liaison-nurse', 'lac-nurse']) {
      expect((await caseloadOf(username)).length, username).toBeGreaterThanOrEqual(2);
    }
    expect((await caseloadOf('health-visitor')).length).toBeGreaterThanOrEqual(6);
    expect((await caseloadOf('school-nurse')).length).toBeGreaterThanOrEqual(6);
    expect((await caseloadOf('midwife')).length).toBeGreaterThanOrEqual(3);
  });

  test("the demo GP's practice has looked-after, CP and CIN children registered", async () => {
    const gp = await handle.db.selectFrom('users').select('organisation_id').where('username', '=', 'gp').executeTakeFirstOrThrow();
    const kinds = await handle.db
      .selectFrom('children as c')
      .innerJoin('status_episodes as e', 'e.child_id', 'c.id')
      .select('e.kind')
      .distinct()
      .where('c.registered_practice_id', '=', gp.organisation_id)
      .where('e.ended_on', 'is', null)
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['looked_after', 'child_protection', 'child_in_need']));
  });

  test('every child_id in child-scoped tables references an existing child', async () => {
    for (const table of CHILD_TABLES) {
      const { rows } = await sql<{ orphans: number }>`SELECT count(*)::int AS orphans FROM ${sql.table(table)} t WHERE NOT EXISTS (SELECT 1 FROM children c WHERE c.id = t.child_id)`.execute(handle.db);
      expect(rows[0]!.orphans, table).toBe(0);
    }
  });

  test('safeguarding events are recorded through the event log and routed (#3)', async () => {
    const ellie = await handle.db.selectFrom('children').select('id').where('nhs_number', '=', DEMO_CHILD_NHS_NUMBER).executeTakeFirstOrThrow();
    const items = await handle.db
      .selectFrom('worklist_items as wi')
      .innerJoin('child_events as e', (j) => j.onRef('e.child_id', '=', 'wi.child_id').onRef('e.id', '=', 'wi.event_id'))
      .innerJoin('teams as t', 't.id', 'wi.team_id')
      .select(['e.type', 't.kind', 'wi.priority', 'wi.rule_id'])
      .where('wi.child_id', '=', ellie.id)
      .execute();
    expect(items).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'ed_attendance', kind: 'emergency_department', rule_id: 'ed-attendance-liaison-check' }),
      expect.objectContaining({ type: 'ed_attendance', kind: 'health_visiting', priority: 'urgent' }),
      expect.objectContaining({ type: 'police_dv_notification', kind: 'general_practice' }),
    ]));
    const dv = await handle.db.selectFrom('child_events').select(['child_id', 'household_event_id', 'confidentiality']).where('type', '=', 'police_dv_notification').execute();
    expect(dv.length).toBeGreaterThanOrEqual(2); // Ellie and Tobias live together
    expect(new Set(dv.map((d) => d.household_event_id)).size).toBe(1);
    expect(dv.every((d) => d.confidentiality === 'dv_disclosure')).toBe(true);
  });

  test('seeding the demo twice is refused with a clear error', async () => {
    await expect(seedDemo({ db: handle.db, today: TODAY, passwordHash: PASSWORD_HASH })).rejects.toBeInstanceOf(DemoAlreadySeededError);
  });
});
