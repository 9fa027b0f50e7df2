import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { RoleId } from '../../domain/access/roles.js';
import type { Db } from '../db/database.js';
import { hashPassword } from '../modules/auth/password.js';

export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

/** Synthetic organisations, users and children for route tests. Fictional names only. */
export async function seedFixture(db: Db) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  const org = async (code: string, name: string, kind: string) => {
    const id = randomUUID();
    await db.insertInto('organisations').values({ id, code, name, kind, parent_id: null }).execute();
    return id;
  };
  const team = async (organisationId: string, name: string, kind: string) => {
    const id = randomUUID();
    await db.insertInto('teams').values({ id, organisation_id: organisationId, name, kind }).execute();
    return id;
  };
  const la = await org('LA-TST', 'Testborough Council', 'local_authority');
  const practiceA = await org('P-A', 'Quillfeather Surgery', 'gp_practice');
  const practiceB = await org('P-B', 'Thistlewood Medical Centre', 'gp_practice');
  const school = await org('S-1', 'Marrowby Primary', 'school');
  const community = await org('T-COM', 'Testborough Community Health', 'nhs_trust');
  const hospital = await org('T-HOS', 'Testborough Hospital', 'nhs_trust');
  const icb = await org('ICB-T', 'Testborough ICB', 'icb');
  const brook = await org('V-SH', 'Testborough Sexual Health', 'voluntary_provider');
  const hvTeam = await team(community, 'Health visiting north', 'health_visiting');
  const hvTeamSouth = await team(community, 'Health visiting south', 'health_visiting');
  const lacTeam = await team(community, 'LAC health', 'lac_health');
  const edTeam = await team(hospital, 'Emergency department', 'emergency_department');
  const gpTeam = await team(practiceA, 'Clinicians', 'general_practice');
  const shTeam = await team(brook, 'Clinic', 'sexual_health');
  const users: Record<string, { id: string; username: string; role: RoleId }> = {};
  const user = async (username: string, role: RoleId, organisationId: string, teamId: string | null) => {
    const id = randomUUID();
    await db.insertInto('users').values({ id, username, display_name: `Test ${username}`, password_hash: hash, role_id: role, organisation_id: organisationId, team_id: teamId, locked_until: null }).execute();
    users[username] = { id, username, role };
    return id;
  };
  await user('hv', 'health_visitor', community, hvTeam);
  await user('hv-south', 'health_visitor', community, hvTeamSouth);
  await user('gp', 'gp', practiceA, gpTeam);
  await user('gp-b', 'gp', practiceB, null);
  await user('ed', 'ed_clinician', hospital, edTeam);
  await user('lac', 'lac_nurse', community, lacTeam);
  await user('designated', 'designated_nurse', icb, null);
  await user('commissioner', 'commissioner', icb, null);
  await user('admin', 'system_administrator', icb, null);
  await user('sh', 'sexual_health_practitioner', brook, shTeam);

  const child = async (values: { given: string; family: string; dob: string; nhs?: string; practice?: string | null; unborn?: boolean; due?: string }) => {
    const id = randomUUID();
    await db
      .insertInto('children')
      .values({
        id,
        nhs_number: values.nhs ?? null,
        la_child_id: null,
        given_name: values.given,
        family_name: values.family,
        date_of_birth: values.unborn ? null : values.dob,
        expected_due_on: values.due ?? null,
        is_unborn: values.unborn ?? false,
        born_as_child_id: null,
        unborn_record_id: null,
        mother_person_id: null,
        ethnicity: 'WBRI',
        registered_practice_id: values.practice ?? null,
        school_id: school,
        responsible_la_id: la,
        placement_area: null,
      })
      .execute();
    await db.insertInto('child_names').values({ child_id: id, id: randomUUID(), given_name: values.given, family_name: values.family, kind: 'usual', valid_from: values.unborn ? null : values.dob, valid_to: null }).execute();
    return id;
  };
  const episode = async (childId: string, kind: string, startedOn: string, extra: Record<string, unknown> = {}) =>
    db.insertInto('status_episodes').values({ child_id: childId, id: randomUUID(), kind, started_on: startedOn, ended_on: null, cp_category: null, legal_status: null, placement_type: null, placement_provider: null, placement_in_area: null, source: 'test', recorded_by: null, ...extra }).execute();
  const allocate = async (childId: string, teamId: string, userId: string | null, service: string) =>
    db.insertInto('caseload_allocations').values({ child_id: childId, id: randomUUID(), team_id: teamId, user_id: userId, service, started_on: '2025-01-01', ended_on: null }).execute();

  // 9434765919 and 4010232137 are the NHS Data Dictionary's own valid examples (domain-rules §4).
  const amelia = await child({ given: 'Amelia', family: 'Quillfeather', dob: '2023-03-14', nhs: '9434765919', practice: practiceA });
  await episode(amelia, 'child_protection', '2025-06-01', { cp_category: 'neglect' });
  await allocate(amelia, hvTeam, users.hv!.id, 'health_visiting');
  const barnaby = await child({ given: 'Barnaby', family: 'Thistlewood', dob: '2019-07-02', nhs: '4010232137', practice: practiceB });
  const cressida = await child({ given: 'Cressida', family: 'Marrowby', dob: '2012-11-30', nhs: '9876543210', practice: practiceA });
  await episode(cressida, 'looked_after', '2024-02-10', { legal_status: 'C2', placement_type: 'U4', placement_provider: 'PR1', placement_in_area: false });
  const dorian = await child({ given: 'Dorian', family: 'Quillfeather', dob: '2021-01-20', practice: practiceA });
  await episode(dorian, 'child_in_need', '2025-09-01');
  await allocate(dorian, hvTeam, null, 'health_visiting');
  await db.insertInto('relationships').values({ child_id: amelia, id: randomUUID(), kind: 'sibling', related_child_id: dorian, related_person_id: null, lives_with: true }).execute();
  await db.insertInto('relationships').values({ child_id: amelia, id: randomUUID(), kind: 'sibling', related_child_id: barnaby, related_person_id: null, lives_with: false }).execute();
  const unborn = await child({ given: 'Baby', family: 'Quillfeather', dob: '', unborn: true, due: '2026-12-20', practice: practiceA });
  await episode(unborn, 'child_protection', '2026-10-01', { cp_category: 'emotional' });
  await allocate(unborn, hvTeam, users.hv!.id, 'health_visiting');
  return {
    organisations: { la, practiceA, practiceB, school, community, hospital, icb },
    teams: { hvTeam, hvTeamSouth, lacTeam, edTeam },
    users,
    children: { amelia, barnaby, cressida, dorian, unborn },
  };
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in for ${username} failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.cookies.find((c) => c.name === 'clasp_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `clasp_session=${setCookie.value}`;
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}
