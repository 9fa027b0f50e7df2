import { randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { ROLE_IDS, ROLES, type RoleId, type ScopeGrant } from '../../domain/access/roles.js';
import { TEAM_KINDS } from '../../domain/organisations.js';
import type { Db } from '../db/database.js';
import { TEST_PASSWORD } from '../test/fixtures.js';

/**
 * The access matrix's world: one user per role (username = role id), each in a team of its own, and children
 * each given one legitimate relationship (#5): allocated to the user or their team or another team of their
 * organisation, registered with their practice, looked after, presenting at their hospital, or with an item
 * routed to their team. Fictional names only.
 */

/** Where each role's user sits. */
const ORGANISATION_OF: Record<RoleId, OrganisationKey> = {
  midwife: 'hospital',
  safeguarding_midwife: 'hospital',
  health_visitor: 'community',
  school_nurse: 'community',
  zero_to_nineteen_team_manager: 'community',
  ed_clinician: 'hospital',
  paediatric_liaison_nurse: 'hospital',
  paediatrician: 'hospital',
  gp: 'practiceA',
  named_gp: 'practiceA',
  camhs_practitioner: 'community',
  lac_camhs_practitioner: 'community',
  lac_nurse: 'community',
  designated_nurse: 'icb',
  designated_doctor: 'icb',
  named_nurse: 'community',
  mash_health_practitioner: 'la',
  sexual_health_practitioner: 'clinic',
  substance_misuse_worker: 'clinic',
  commissioner: 'icb',
  system_administrator: 'icb',
};

const ORGANISATIONS = {
  la: { code: 'AM-LA', name: 'Matrixborough Council', kind: 'local_authority' },
  practiceA: { code: 'AM-PA', name: 'Lanternwick Surgery', kind: 'gp_practice' },
  practiceB: { code: 'AM-PB', name: 'Oddmire Medical Centre', kind: 'gp_practice' },
  school: { code: 'AM-S', name: 'Fennow Primary', kind: 'school' },
  community: { code: 'AM-COM', name: 'Matrixborough Community Health', kind: 'nhs_trust' },
  hospital: { code: 'AM-HOS', name: 'Matrixborough Hospital', kind: 'nhs_trust' },
  icb: { code: 'AM-ICB', name: 'Matrixborough ICB', kind: 'icb' },
  clinic: { code: 'AM-VOL', name: 'Matrixborough Young People’s Clinic', kind: 'voluntary_provider' },
} as const;
type OrganisationKey = keyof typeof ORGANISATIONS;

/** The child each role reaches through its first scope grant (a role with no scope has none). */
export const CHILD_FOR_GRANT: Record<ScopeGrant, 'allocated' | 'registered' | 'lookedAfter' | 'presenting' | 'routed'> = {
  own_caseload: 'allocated',
  team_caseload: 'allocated',
  organisation_caseload: 'allocated',
  registered_practice: 'registered',
  looked_after: 'lookedAfter',
  presenting: 'presenting',
  all: 'allocated',
};
/** The paediatric liaison nurse reaches a child through an item routed to the team (its second grant), so routing is proven too. */
const IN_SCOPE_OVERRIDE: Partial<Record<RoleId, { child: 'routed'; basis: ScopeGrant }>> = { paediatric_liaison_nurse: { child: 'routed', basis: 'team_caseload' } };

export function inScopeFor(role: RoleId): { child: (typeof CHILD_FOR_GRANT)[ScopeGrant]; basis: ScopeGrant } | null {
  const override = IN_SCOPE_OVERRIDE[role];
  if (override) return override;
  const first = (ROLES[role].scope as readonly ScopeGrant[])[0];
  return first ? { child: CHILD_FOR_GRANT[first], basis: first } : null;
}

/** A valid NHS number (modulus 11, domain-rules §4) from a 9-digit stem; stems whose check digit would be 10 are skipped. */
let nhsStem = 600_000_000;
export function nextNhsNumber(): string {
  for (;;) {
    const stem = String(nhsStem++);
    const sum = [...stem].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    return `${stem}${check === 11 ? 0 : check}`;
  }
}

export interface MatrixChild {
  id: string;
  nhsNumber: string;
  givenName: string;
  familyName: string;
}

export type MatrixFixture = Awaited<ReturnType<typeof seedAccessMatrix>>;

/**
 * The test password hashed with a cheap scrypt cost (the parameters are stored with the hash and verified as
 * stored), so 21 sign-ins and the step-ups cost milliseconds (production hashes use N=2^15, password.ts).
 */
function cheapHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 1024, r: 8, p: 1 });
  return `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function seedAccessMatrix(db: Db) {
  const hash = cheapHash(TEST_PASSWORD);
  const organisations = {} as Record<OrganisationKey, string>;
  for (const [key, o] of Object.entries(ORGANISATIONS)) {
    const id = randomUUID();
    await db.insertInto('organisations').values({ id, code: o.code, name: o.name, kind: o.kind, parent_id: null }).execute();
    organisations[key as OrganisationKey] = id;
  }
  const team = async (organisationId: string, name: string, kind: string) => {
    const id = randomUUID();
    await db.insertInto('teams').values({ id, organisation_id: organisationId, name, kind }).execute();
    return id;
  };
  /** Another team in each organisation, for the organisation_caseload relationship. */
  const otherTeams = {} as Record<OrganisationKey, string>;
  for (const key of Object.keys(ORGANISATIONS) as OrganisationKey[]) otherTeams[key] = await team(organisations[key], `Other team (${key})`, 'safeguarding');

  const users = {} as Record<RoleId, { id: string; username: string; role: RoleId; organisationId: string; teamId: string }>;
  for (const role of ROLE_IDS) {
    const organisationId = organisations[ORGANISATION_OF[role]];
    const service = ROLES[role].service;
    const teamId = await team(organisationId, `${ROLES[role].label} team`, service in TEAM_KINDS ? service : 'administration');
    const id = randomUUID();
    await db.insertInto('users').values({ id, username: role, display_name: `Matrix ${ROLES[role].label}`, password_hash: hash, role_id: role, organisation_id: organisationId, team_id: teamId, locked_until: null }).execute();
    users[role] = { id, username: role, role, organisationId, teamId };
  }

  let n = 0;
  const child = async (label: string, values: { practice?: string | null } = {}): Promise<MatrixChild> => {
    const id = randomUUID();
    const nhsNumber = nextNhsNumber();
    n += 1;
    const givenName = `${label}${n}`;
    const familyName = 'Matrixworth';
    await db
      .insertInto('children')
      .values({
        id,
        nhs_number: nhsNumber,
        la_child_id: null,
        given_name: givenName,
        family_name: familyName,
        date_of_birth: '2015-05-05',
        expected_due_on: null,
        is_unborn: false,
        born_as_child_id: null,
        unborn_record_id: null,
        mother_person_id: null,
        ethnicity: 'WBRI',
        registered_practice_id: values.practice ?? null,
        school_id: organisations.school,
        responsible_la_id: organisations.la,
        placement_area: null,
      })
      .execute();
    await db.insertInto('child_names').values({ child_id: id, id: randomUUID(), given_name: givenName, family_name: familyName, kind: 'usual', valid_from: '2015-05-05', valid_to: null }).execute();
    return { id, nhsNumber, givenName, familyName };
  };
  const allocate = (childId: string, teamId: string, userId: string | null) =>
    db.insertInto('caseload_allocations').values({ child_id: childId, id: randomUUID(), team_id: teamId, user_id: userId, service: 'matrix', started_on: '2025-01-01', ended_on: null }).execute();
  const lookedAfter = (childId: string) =>
    db
      .insertInto('status_episodes')
      .values({ child_id: childId, id: randomUUID(), kind: 'looked_after', started_on: '2024-02-10', ended_on: null, cp_category: null, legal_status: 'C2', placement_type: 'U4', placement_provider: 'PR1', placement_in_area: true, source: 'matrix', recorded_by: null })
      .execute();

  /** Allocations giving each caseload role its first grant on a child (own: the user; team: the team; organisation: another team there). */
  const allocateByFirstGrant = async (childId: string, roles: readonly RoleId[]) => {
    const allocatedOther = new Set<string>();
    for (const role of roles) {
      const first = (ROLES[role].scope as readonly ScopeGrant[])[0];
      const u = users[role];
      if (first === 'own_caseload') await allocate(childId, u.teamId, u.id);
      else if (first === 'team_caseload') await allocate(childId, u.teamId, null);
      else if (first === 'organisation_caseload' && !allocatedOther.has(u.organisationId)) {
        allocatedOther.add(u.organisationId);
        await allocate(childId, otherTeams[ORGANISATION_OF[role]], null);
      }
    }
  };

  const children = {
    allocated: await child('Allocated'),
    registered: await child('Registered', { practice: organisations.practiceA }),
    lookedAfter: await child('Looked'),
    presenting: await child('Presenting'),
    routed: await child('Routed'),
    outOfScope: await child('Outside', { practice: organisations.practiceB }),
    /** Looked after and on a CP plan at the other practice: on lists (LAC worklist, cohorts) only for roles with it in scope. */
    listed: await child('Listless', { practice: organisations.practiceB }),
    /** In scope for every role with any scope: carries one entry per confidentiality category. */
    confidential: await child('Sealwell'),
  };
  const caseloadRoles = ROLE_IDS.filter((role) => role !== 'paediatric_liaison_nurse');
  await allocateByFirstGrant(children.allocated.id, caseloadRoles);
  await lookedAfter(children.lookedAfter.id);
  await lookedAfter(children.listed.id);
  await db
    .insertInto('status_episodes')
    .values({ child_id: children.listed.id, id: randomUUID(), kind: 'child_protection', started_on: '2025-03-01', ended_on: null, cp_category: 'neglect', legal_status: null, placement_type: null, placement_provider: null, placement_in_area: null, source: 'matrix', recorded_by: null })
    .execute();
  // The confidential child: every relationship at once, for every role.
  for (const role of ROLE_IDS) if (ROLES[role].scope.length > 0) await allocate(children.confidential.id, users[role].teamId, users[role].id);
  await db.updateTable('children').set({ registered_practice_id: organisations.practiceA }).where('id', '=', children.confidential.id).execute();
  await lookedAfter(children.confidential.id);
  await db
    .insertInto('presentations')
    .values({ child_id: children.confidential.id, id: randomUUID(), organisation_id: organisations.hospital, user_id: users.ed_clinician.id, reason: 'Attending', started_at: new Date('2026-11-27T11:00:00Z'), expires_at: new Date('2026-11-28T11:00:00Z') })
    .execute();

  return { organisations, otherTeams, users, children, child, allocate };
}

/** Puts one routed worklist item for a team on a child (the routed_to_team relationship), on an event recorded by API. */
export async function routeToTeam(db: Db, { childId, eventId, teamId, at }: { childId: string; eventId: string; teamId: string; at: Date }): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('worklist_items')
    .values({ child_id: childId, id, event_id: eventId, team_id: teamId, rule_id: 'access-matrix', rule_version: 1, action: 'check', priority: 'routine', reason: 'Access matrix routing', created_at: at, escalate_at: null, escalated_at: null, acknowledged_at: null, acknowledged_by: null, actioned_at: null, actioned_by: null, outcome: null, outcome_note: null })
    .execute();
  return id;
}
