import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { childScopeSql, type ScopeTime } from '../children/children.scope.js';

export interface LacEpisodeRow {
  child_id: string;
  id: string;
  started_on: string;
  ended_on: string | null;
  legal_status: string | null;
  placement_type: string | null;
  placement_in_area: boolean | null;
  reason_new_episode: string | null;
  reason_ceased: string | null;
}

/** The child `c` has a looked-after episode overlapping [from, to]. */
function lookedAfterBetween({ from, to }: { from: string; to: string }) {
  return sql<boolean>`EXISTS (SELECT 1 FROM status_episodes se WHERE se.child_id = c.id AND se.kind = 'looked_after'
    AND se.started_on <= ${to}::date AND (se.ended_on IS NULL OR se.ended_on >= ${from}::date))`;
}

/** Children looked after on `asOf`, within the actor's scope. */
export async function findCurrentlyLookedAfter(db: Db, { actor, at, asOf }: { actor: Actor; at: ScopeTime; asOf: string }) {
  return db
    .selectFrom('children as c')
    .select(['c.id', 'c.la_child_id', 'c.given_name', 'c.family_name', 'c.date_of_birth'])
    .where(lookedAfterBetween({ from: asOf, to: asOf }))
    .where(childScopeSql(actor, at))
    .orderBy('c.family_name')
    .orderBy('c.given_name')
    .execute();
}

export async function loadLacEpisodes(db: Db, childIds: readonly string[]): Promise<Map<string, LacEpisodeRow[]>> {
  const map = new Map<string, LacEpisodeRow[]>();
  // One array parameter per batch (not thousands of IN placeholders): the OC2 return loads every
  // looked-after child's episodes at once.
  for (let i = 0; i < childIds.length; i += 20000) {
    const batch = childIds.slice(i, i + 20000);
    if (batch.length === 0) continue;
    const rows = await sql<LacEpisodeRow>`
      SELECT child_id, id, started_on::text AS started_on, ended_on::text AS ended_on, legal_status, placement_type, placement_in_area, reason_new_episode, reason_ceased
        FROM status_episodes
       WHERE kind = 'looked_after' AND child_id = ANY(${batch}::uuid[])
       ORDER BY started_on`.execute(db);
    for (const row of rows.rows) (map.get(row.child_id) ?? map.set(row.child_id, []).get(row.child_id)!).push(row);
  }
  return map;
}

export interface ActivityRow {
  child_id: string;
  activity: string;
  activity_on: string;
  result: string | null;
}

/**
 * Health activity from every source in one shape: imported/recorded activities, completed statutory
 * assessments (as health_assessment IHA/RHA) and SDQ returns (as sdq with the total).
 */
export async function loadActivities(db: Db, childIds: readonly string[]): Promise<Map<string, ActivityRow[]>> {
  const map = new Map<string, ActivityRow[]>();
  for (let i = 0; i < childIds.length; i += 20000) {
    const batch = childIds.slice(i, i + 20000);
    if (batch.length === 0) continue;
    const rows = await sql<ActivityRow>`
      SELECT child_id, activity, activity_on::text AS activity_on, result FROM health_activities WHERE child_id = ANY(${batch}::uuid[])
      UNION ALL
      SELECT child_id, 'health_assessment', completed_on::text, kind FROM health_assessments WHERE status = 'completed' AND child_id = ANY(${batch}::uuid[])
      UNION ALL
      SELECT child_id, 'sdq', completed_on::text, total_difficulties::text FROM sdq_returns WHERE total_difficulties IS NOT NULL AND child_id = ANY(${batch}::uuid[])
      ORDER BY 3`.execute(db);
    for (const row of rows.rows) (map.get(row.child_id) ?? map.set(row.child_id, []).get(row.child_id)!).push(row);
  }
  return map;
}

export async function loadOpenAssessments(db: Db, childIds: readonly string[]) {
  if (childIds.length === 0) return new Map<string, { id: string; kind: string; status: string; due_on: string; booked_at: Date | null; breach_reason: string | null; out_of_area: boolean; host_area: string | null }>();
  const rows = await db
    .selectFrom('health_assessments')
    .select(['child_id', 'id', 'kind', 'status', 'due_on', 'booked_at', 'breach_reason', 'out_of_area', 'host_area'])
    .where('child_id', 'in', childIds)
    .where('status', 'in', ['requested', 'booked'])
    .orderBy('created_at', 'desc')
    .execute();
  const map = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!map.has(row.child_id)) map.set(row.child_id, row);
  return map;
}

export async function loadContributions(db: Db, assessmentIds: readonly string[]) {
  if (assessmentIds.length === 0) return new Map<string, { contributor: string; due_on: string; received_on: string | null }[]>();
  const rows = await db.selectFrom('assessment_contributions').select(['assessment_id', 'contributor', 'due_on', 'received_on']).where('assessment_id', 'in', assessmentIds).orderBy('contributor').execute();
  const map = new Map<string, { contributor: string; due_on: string; received_on: string | null }[]>();
  for (const row of rows) (map.get(row.assessment_id) ?? map.set(row.assessment_id, []).get(row.assessment_id)!).push(row);
  return map;
}

/** Every child with a looked-after episode overlapping [from, to], for the OC2 return (aggregate use only). */
export async function findLookedAfterBetween(db: Db, { from, to }: { from: string; to: string }) {
  return db
    .selectFrom('children as c')
    .select(['c.id', 'c.la_child_id', 'c.date_of_birth'])
    .where(lookedAfterBetween({ from, to }))
    .execute();
}
