import { ROLES, type Action, type Resource, type RoleId, type ScopeGrant } from './roles.js';

/** Whether a role may perform an action on a resource type at all. False → 403. */
export function canPerform({ role, resource, action }: { role: RoleId; resource: Resource; action: Action }): boolean {
  const actions: readonly Action[] | undefined = (ROLES[role].actions as Partial<Record<Resource, readonly Action[]>>)[resource];
  return actions?.includes(action) ?? false;
}

/** The legitimate relationships a user and a child can have; computed from data by the repository. */
export interface RecordRelationships {
  allocatedToUser: boolean;
  allocatedToUsersTeam: boolean;
  allocatedToUsersOrganisation: boolean;
  registeredWithUsersPractice: boolean;
  lookedAfterOrCareLeaver: boolean;
  presentingAtUsersOrganisation: boolean;
  /**
   * An event about the child was routed to the user's team (#3) and the item is open or was actioned in
   * the last 30 days: routing is a legitimate relationship, so the team can see the record it must act on.
   */
  routedToUsersTeam: boolean;
  /**
   * The user holds an unexpired break-glass grant for the child (#5): emergency access, time-boxed,
   * notified and reviewed. Every role's scope honours it — that is the point of break-glass — and the role's
   * actions still apply unchanged (a grant widens scope, never actions).
   */
  breakGlass: boolean;
}

/** What explains an access: a scope grant of the role, or a break-glass grant (audit rows and the access review). */
export type AccessBasis = ScopeGrant | 'break_glass';

const GRANT_HOLDS: Record<ScopeGrant, (r: RecordRelationships) => boolean> = {
  own_caseload: (r) => r.allocatedToUser,
  team_caseload: (r) => r.allocatedToUser || r.allocatedToUsersTeam || r.routedToUsersTeam,
  organisation_caseload: (r) => r.allocatedToUser || r.allocatedToUsersTeam || r.routedToUsersTeam || r.allocatedToUsersOrganisation,
  registered_practice: (r) => r.registeredWithUsersPractice,
  looked_after: (r) => r.lookedAfterOrCareLeaver,
  presenting: (r) => r.presentingAtUsersOrganisation,
  all: () => true,
};

/**
 * Whether a role's scope covers a child, given the relationships that hold. False → 404, exactly as for
 * a missing record. The repository applies the same grants as SQL (scopeGrantsFor) so lists and
 * searches never return a child this function would refuse.
 */
export function canAccessRecord({ role, relationships }: { role: RoleId; relationships: RecordRelationships }): boolean {
  return scopeGrantsFor(role).some((grant) => GRANT_HOLDS[grant](relationships)) || relationships.breakGlass;
}

export function scopeGrantsFor(role: RoleId): readonly ScopeGrant[] {
  return ROLES[role].scope;
}

/**
 * Which grant explains the access (for the audit row and the access review). A role's own scope grant comes
 * first; 'break_glass' only when nothing else holds, so every row written under emergency access says so.
 */
export function accessBasis({ role, relationships }: { role: RoleId; relationships: RecordRelationships }): AccessBasis | null {
  return scopeGrantsFor(role).find((grant) => GRANT_HOLDS[grant](relationships)) ?? (relationships.breakGlass ? 'break_glass' : null);
}

export function hasUnscheduledCareFlagLookup(role: RoleId): boolean {
  return 'unscheduledCareFlagLookup' in ROLES[role] && ROLES[role].unscheduledCareFlagLookup === true;
}
