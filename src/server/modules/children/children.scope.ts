import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { scopeGrantsFor } from '../../../domain/access/permissions.js';
import type { ScopeGrant } from '../../../domain/access/roles.js';
import type { Actor } from '../../shared/actor.js';

export interface ScopeTime {
  today: string;
  now: Date;
}

/**
 * The actor's scope as SQL over `children` aliased `c`: the same grants canAccessRecord() applies,
 * so a list or search can never return a child the single-record check would refuse (review: Medplum
 * pattern — access policy in the query; out of scope is indistinguishable from missing).
 */
export function childScopeSql(actor: Actor, at: ScopeTime): RawBuilder<SqlBool> {
  const clauses = scopeGrantsFor(actor.role).map((grant) => grantSql(grant, actor, at));
  // An unexpired break-glass grant (#5) is a legitimate relationship for every role, as in canAccessRecord().
  clauses.push(relationshipSql(actor, at).breakGlass);
  return sql<SqlBool>`(${sql.join(clauses, sql` OR `)})`;
}

/** Each legitimate relationship as a predicate over the row `c`, written once for scope and for the audit. */
function relationshipSql(actor: Actor, { today, now }: ScopeTime) {
  return {
    allocatedToUser: sql<boolean>`EXISTS (SELECT 1 FROM caseload_allocations ca WHERE ca.child_id = c.id AND ca.user_id = ${actor.userId} AND ca.ended_on IS NULL)`,
    allocatedToUsersTeam: sql<boolean>`EXISTS (SELECT 1 FROM caseload_allocations ca WHERE ca.child_id = c.id AND ca.team_id = ${actor.teamId} AND ca.ended_on IS NULL)`,
    allocatedToUsersOrganisation: sql<boolean>`EXISTS (SELECT 1 FROM caseload_allocations ca JOIN teams t ON t.id = ca.team_id WHERE ca.child_id = c.id AND ca.ended_on IS NULL AND t.organisation_id = ${actor.organisationId})`,
    registeredWithUsersPractice: sql<boolean>`(c.registered_practice_id IS NOT DISTINCT FROM ${actor.organisationId}::uuid)`,
    lookedAfterOrCareLeaver: sql<boolean>`EXISTS (SELECT 1 FROM status_episodes se WHERE se.child_id = c.id AND se.kind IN ('looked_after', 'care_leaver') AND (se.ended_on IS NULL OR se.ended_on >= ${today}::date))`,
    presentingAtUsersOrganisation: sql<boolean>`EXISTS (SELECT 1 FROM presentations p WHERE p.child_id = c.id AND p.organisation_id = ${actor.organisationId} AND p.expires_at > ${now.toISOString()}::timestamptz)`,
    routedToUsersTeam: sql<boolean>`EXISTS (SELECT 1 FROM worklist_items wi WHERE wi.child_id = c.id AND wi.team_id = ${actor.teamId} AND (wi.actioned_at IS NULL OR wi.actioned_at > ${now.toISOString()}::timestamptz - interval '30 days'))`,
    // #5 break-glass: a grant counts from granted_at until (not including) expires_at, so an expired grant gives nothing.
    breakGlass: sql<boolean>`EXISTS (SELECT 1 FROM break_glass_grants bg WHERE bg.child_id = c.id AND bg.user_id = ${actor.userId} AND bg.granted_at <= ${now.toISOString()}::timestamptz AND bg.expires_at > ${now.toISOString()}::timestamptz)`,
  };
}

/** A scope grant as SQL: the same relationships, combined as GRANT_HOLDS in domain/access/permissions.ts does. */
function grantSql(grant: ScopeGrant, actor: Actor, at: ScopeTime) {
  const r = relationshipSql(actor, at);
  switch (grant) {
    case 'all':
      return sql`true`;
    case 'own_caseload':
      return r.allocatedToUser;
    case 'team_caseload':
      return sql`(${r.allocatedToUser} OR ${r.allocatedToUsersTeam} OR ${r.routedToUsersTeam})`;
    case 'organisation_caseload':
      return sql`(${r.allocatedToUser} OR ${r.allocatedToUsersTeam} OR ${r.routedToUsersTeam} OR ${r.allocatedToUsersOrganisation})`;
    case 'registered_practice':
      return r.registeredWithUsersPractice;
    case 'looked_after':
      return r.lookedAfterOrCareLeaver;
    case 'presenting':
      return r.presentingAtUsersOrganisation;
  }
}

/** The first scope grant that holds for the row `c`, as SQL text ('none' when none does): the audit's access basis. */
export function accessBasisSql(actor: Actor, at: ScopeTime): RawBuilder<string> {
  const grants = scopeGrantsFor(actor.role);
  const whens = grants.map((grant) => sql`WHEN ${grantSql(grant, actor, at)} THEN ${grant}`);
  // Break-glass last, as accessBasis() does: only when no scope grant of the role holds.
  whens.push(sql`WHEN ${relationshipSql(actor, at).breakGlass} THEN 'break_glass'`);
  return sql<string>`CASE ${sql.join(whens, sql` `)} ELSE 'none' END`;
}

/** The relationship booleans for one child, for canAccessRecord() and the audit's access basis. */
export function relationshipColumnsSql(actor: Actor, at: ScopeTime) {
  const r = relationshipSql(actor, at);
  return [
    r.allocatedToUser.as('allocated_to_user'),
    r.allocatedToUsersTeam.as('allocated_to_users_team'),
    r.allocatedToUsersOrganisation.as('allocated_to_users_organisation'),
    r.registeredWithUsersPractice.as('registered_with_users_practice'),
    r.lookedAfterOrCareLeaver.as('looked_after_or_care_leaver'),
    r.presentingAtUsersOrganisation.as('presenting_at_users_organisation'),
    r.routedToUsersTeam.as('routed_to_users_team'),
    r.breakGlass.as('break_glass'),
  ];
}
