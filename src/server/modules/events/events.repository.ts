import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { arrayLiteral } from '../../db/bulk.js';

/** What routing needs about each child, loaded set-based (one statement per table for the whole batch). */
export interface ChildRoutingFacts {
  childId: string;
  dateOfBirth: string | null;
  isUnborn: boolean;
  registeredPracticeId: string | null;
  /** Status kinds open on the day of the batch. */
  statuses: Set<string>;
  /** Open caseload allocations: team id and the team's kind. */
  allocations: { teamId: string; teamKind: string; service: string }[];
}

export interface TeamRow {
  id: string;
  organisationId: string;
  name: string;
  kind: string;
  receivesUnallocated: boolean;
  managerUserId: string | null;
}

const uuids = (ids: readonly string[]) => sql`${arrayLiteral(ids)}::uuid[]`;

export async function loadRoutingFacts(db: Db, { childIds, today }: { childIds: readonly string[]; today: string }): Promise<Map<string, ChildRoutingFacts>> {
  const facts = new Map<string, ChildRoutingFacts>();
  if (childIds.length === 0) return facts;
  const [children, episodes, allocations] = await Promise.all([
    sql<{ id: string; date_of_birth: string | null; is_unborn: boolean; registered_practice_id: string | null }>`
      SELECT id, date_of_birth, is_unborn, registered_practice_id FROM children WHERE id = ANY(${uuids(childIds)})`.execute(db),
    sql<{ child_id: string; kind: string }>`
      SELECT DISTINCT child_id, kind FROM status_episodes
      WHERE child_id = ANY(${uuids(childIds)}) AND started_on <= ${today}::date AND (ended_on IS NULL OR ended_on >= ${today}::date)`.execute(db),
    sql<{ child_id: string; team_id: string; kind: string; service: string }>`
      SELECT ca.child_id, ca.team_id, t.kind, ca.service FROM caseload_allocations ca JOIN teams t ON t.id = ca.team_id
      WHERE ca.child_id = ANY(${uuids(childIds)}) AND ca.ended_on IS NULL`.execute(db),
  ]);
  for (const row of children.rows) {
    facts.set(row.id, { childId: row.id, dateOfBirth: row.date_of_birth, isUnborn: row.is_unborn, registeredPracticeId: row.registered_practice_id, statuses: new Set(), allocations: [] });
  }
  for (const row of episodes.rows) facts.get(row.child_id)?.statuses.add(row.kind);
  for (const row of allocations.rows) facts.get(row.child_id)?.allocations.push({ teamId: row.team_id, teamKind: row.kind, service: row.service });
  return facts;
}

/** Every team (a small table): routing resolves targets to teams in memory. */
export async function loadTeams(db: Db): Promise<TeamRow[]> {
  const rows = await db
    .selectFrom('teams')
    .select(['id', 'organisation_id', 'name', 'kind', 'receives_unallocated', 'manager_user_id'])
    .orderBy('name')
    .execute();
  return rows.map((t) => ({ id: t.id, organisationId: t.organisation_id, name: t.name, kind: t.kind, receivesUnallocated: t.receives_unallocated, managerUserId: t.manager_user_id }));
}

/**
 * The other children of each child's household: children it lives with (a lives-with relationship either
 * way), children living with an adult it lives with, and the unborn child of an adult it lives with.
 */
export async function loadHouseholds(db: Db, { childIds, today }: { childIds: readonly string[]; today: string }): Promise<Map<string, string[]>> {
  const households = new Map<string, string[]>();
  if (childIds.length === 0) return households;
  const current = sql`(r.valid_to IS NULL OR r.valid_to >= ${today}::date)`;
  const rows = await sql<{ seed: string; member: string }>`
    WITH seeds AS (SELECT DISTINCT unnest(${uuids(childIds)}) AS child_id),
    adults AS (
      SELECT s.child_id AS seed, r.related_person_id AS person_id FROM seeds s
      JOIN relationships r ON r.child_id = s.child_id AND r.related_person_id IS NOT NULL AND (r.lives_with OR r.kind = 'mother') AND ${current}
      UNION
      SELECT s.child_id, c.mother_person_id FROM seeds s JOIN children c ON c.id = s.child_id WHERE c.mother_person_id IS NOT NULL
    )
    SELECT s.child_id AS seed, r.related_child_id AS member FROM seeds s
      JOIN relationships r ON r.child_id = s.child_id AND r.related_child_id IS NOT NULL AND r.lives_with AND ${current}
    UNION
    SELECT s.child_id, r.child_id FROM seeds s
      JOIN relationships r ON r.related_child_id = s.child_id AND r.lives_with AND ${current}
    UNION
    SELECT a.seed, r.child_id FROM adults a
      JOIN relationships r ON r.related_person_id = a.person_id AND (r.lives_with OR r.kind = 'mother') AND ${current}
    UNION
    SELECT a.seed, c.id FROM adults a
      JOIN children c ON c.mother_person_id = a.person_id AND c.is_unborn AND c.born_as_child_id IS NULL`.execute(db);
  for (const { seed, member } of rows.rows) {
    if (seed === member) continue;
    const list = households.get(seed) ?? [];
    if (!list.includes(member)) list.push(member);
    households.set(seed, list);
  }
  return households;
}

/** Missed appointments per child on or after `since` (for "the second miss in 12 months"). */
export async function loadMissedAppointments(db: Db, { childIds, since }: { childIds: readonly string[]; since: Date }): Promise<Map<string, Date[]>> {
  const missed = new Map<string, Date[]>();
  if (childIds.length === 0) return missed;
  const rows = await sql<{ child_id: string; occurred_at: Date }>`
    SELECT child_id, occurred_at FROM child_events
    WHERE child_id = ANY(${uuids(childIds)}) AND type = 'missed_appointment' AND occurred_at >= ${since.toISOString()}::timestamptz`.execute(db);
  for (const row of rows.rows) {
    const list = missed.get(row.child_id) ?? [];
    list.push(new Date(row.occurred_at));
    missed.set(row.child_id, list);
  }
  return missed;
}

/** Events already received from a source system, by (child, source id): a re-send is idempotent. */
export async function loadExistingSourceIds(db: Db, keys: readonly { childId: string; sourceSystem: string; sourceId: string }[]): Promise<Map<string, { eventId: string; type: string; occurredAt: Date }>> {
  const found = new Map<string, { eventId: string; type: string; occurredAt: Date }>();
  if (keys.length === 0) return found;
  const rows = await sql<{ child_id: string; source_system: string; source_id: string; id: string; type: string; occurred_at: Date }>`
    SELECT e.child_id, e.source_system, e.source_id, e.id, e.type, e.occurred_at FROM child_events e
    JOIN unnest(${uuids(keys.map((k) => k.childId))}, ${arrayLiteral(keys.map((k) => k.sourceSystem))}::text[], ${arrayLiteral(keys.map((k) => k.sourceId))}::text[]) AS k(child_id, source_system, source_id)
      ON e.child_id = k.child_id AND e.source_system = k.source_system AND e.source_id = k.source_id`.execute(db);
  for (const row of rows.rows) found.set(sourceKey(row.child_id, row.source_system, row.source_id), { eventId: row.id, type: row.type, occurredAt: new Date(row.occurred_at) });
  return found;
}

export function sourceKey(childId: string, sourceSystem: string, sourceId: string): string {
  return `${childId}\u0000${sourceSystem}\u0000${sourceId}`;
}
