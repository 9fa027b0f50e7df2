import { describe, expect, test } from 'vitest';
import { accessBasis, canAccessRecord, canPerform, type RecordRelationships } from './permissions.js';
import { ROLE_IDS, ROLES, SCOPE_GRANTS, RESOURCES, ACTIONS } from './roles.js';

const none: RecordRelationships = { allocatedToUser: false, allocatedToUsersTeam: false, allocatedToUsersOrganisation: false, registeredWithUsersPractice: false, lookedAfterOrCareLeaver: false, presentingAtUsersOrganisation: false, routedToUsersTeam: false, breakGlass: false };

describe('role definitions are valid data', () => {
  test('the roles the issue names all exist', () => {
    expect(ROLE_IDS).toEqual(expect.arrayContaining(['midwife', 'safeguarding_midwife', 'health_visitor', 'school_nurse', 'zero_to_nineteen_team_manager', 'ed_clinician', 'paediatric_liaison_nurse', 'paediatrician', 'gp', 'named_gp', 'camhs_practitioner', 'lac_camhs_practitioner', 'lac_nurse', 'designated_nurse', 'designated_doctor', 'named_nurse', 'mash_health_practitioner', 'sexual_health_practitioner', 'substance_misuse_worker', 'commissioner', 'system_administrator']));
  });
  test.each(ROLE_IDS.map((id) => [id]))('%s uses only known scopes, resources and actions', (id) => {
    const role = ROLES[id];
    for (const grant of role.scope) expect(SCOPE_GRANTS).toContain(grant);
    for (const [resource, actions] of Object.entries(role.actions)) {
      expect(RESOURCES).toContain(resource);
      for (const action of actions as readonly string[]) expect(ACTIONS).toContain(action);
    }
  });
});

describe('canPerform (403 when false)', () => {
  test.each([
    ['health_visitor', 'child', 'read', true],
    ['health_visitor', 'status_episode', 'create', false],
    ['lac_nurse', 'status_episode', 'create', true],
    ['commissioner', 'child', 'read', false],
    ['system_administrator', 'child', 'read', false],
    ['system_administrator', 'user', 'create', true],
    ['gp', 'cohort', 'read', true],
    ['ed_clinician', 'presentation', 'create', true],
    ['health_visitor', 'presentation', 'create', false],
  ] as const)('%s %s.%s → %s', (role, resource, action, expected) => {
    expect(canPerform({ role, resource, action })).toBe(expected);
  });
});

describe('canAccessRecord (404 when false)', () => {
  test.each([
    ['health_visitor', { allocatedToUsersTeam: true }, true, 'team_caseload'],
    ['health_visitor', { registeredWithUsersPractice: true }, false, null],
    ['gp', { registeredWithUsersPractice: true }, true, 'registered_practice'],
    ['gp', { allocatedToUsersTeam: true }, false, null],
    ['lac_nurse', { lookedAfterOrCareLeaver: true }, true, 'looked_after'],
    ['ed_clinician', {}, false, null],
    ['ed_clinician', { presentingAtUsersOrganisation: true }, true, 'presenting'],
    ['sexual_health_practitioner', { allocatedToUsersTeam: true }, false, null],
    ['sexual_health_practitioner', { allocatedToUser: true }, true, 'own_caseload'],
    ['designated_nurse', {}, true, 'all'],
    ['commissioner', { registeredWithUsersPractice: true, allocatedToUser: true }, false, null],
  ] as const)('%s with %o → %s', (role, relationships, expected, basis) => {
    const r = { ...none, ...relationships };
    expect(canAccessRecord({ role, relationships: r })).toBe(expected);
    expect(accessBasis({ role, relationships: r })).toBe(basis);
  });
});
