import { sql } from 'kysely';
import { ACCESS_PATTERN_RULES } from '../../../domain/access/access-patterns.js';
import type { Db } from '../../db/database.js';

/** A period of calendar dates in England, both days included, as the SQL bounds of `occurred_at`. */
export interface Period {
  from: string;
  to: string;
}
const periodStart = (from: string) => sql`(${from}::date::timestamp AT TIME ZONE 'Europe/London')`;
const periodEnd = (to: string) => sql`((${to}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`;

/** The access basis recorded in the audit row's hashed record (details.basis). */
const basisSql = sql<string | null>`(ae.record::jsonb -> 'details' ->> 'basis')`;
const areaWideList = sql.join(ACCESS_PATTERN_RULES.areaWideBases.map((b) => sql`${b}`));
const localHourSql = sql<number>`extract(hour FROM ae.occurred_at AT TIME ZONE 'Europe/London')`;
const outOfHoursSql = sql<boolean>`(${localHourSql} < ${ACCESS_PATTERN_RULES.workingHours.startHour} OR ${localHourSql} >= ${ACCESS_PATTERN_RULES.workingHours.endHour})`;

export interface ChildAccessRow {
  occurred_at: Date | string;
  local_time: string;
  actor_id: string | null;
  action: string;
  outcome: string;
  record: string;
  display_name: string | null;
  organisation_name: string | null;
}

/** Rows of one child's access review are capped; the page says when there were more. */
export const CHILD_REVIEW_ROW_LIMIT = 5000;

/**
 * Every audit row about one child in the period, with the person and the organisation they acted for:
 * one statement on the (child_id, occurred_at) index. The organisation is the one recorded in the hashed
 * row (where the person worked then), not where they work now.
 */
export async function childAccessRows(db: Db, { childId, period }: { childId: string; period: Period }): Promise<ChildAccessRow[]> {
  const result = await sql<ChildAccessRow>`
    SELECT ae.occurred_at, to_char(ae.occurred_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS local_time,
           ae.actor_id, ae.action, ae.outcome, ae.record, u.display_name, o.name AS organisation_name
      FROM audit_events ae
      LEFT JOIN users u ON u.id = ae.actor_id
      LEFT JOIN organisations o ON o.id::text = (ae.record::jsonb ->> 'organisationId')
     WHERE ae.child_id = ${childId}::uuid
       AND ae.occurred_at >= ${periodStart(period.from)}
       AND ae.occurred_at < ${periodEnd(period.to)}
     ORDER BY ae.occurred_at, ae.logged_order
     LIMIT ${CHILD_REVIEW_ROW_LIMIT + 1}`.execute(db);
  return result.rows;
}

/**
 * The searches and lists this child appeared in (rows that name the child only in details.resultChildIds):
 * one statement on the partial GIN index of migration 0009, then the period.
 */
export async function childListAppearances(db: Db, { childId, period }: { childId: string; period: Period }): Promise<ChildAccessRow[]> {
  const result = await sql<ChildAccessRow>`
    SELECT ae.occurred_at, to_char(ae.occurred_at AT TIME ZONE 'Europe/London', 'YYYY-MM-DD HH24:MI') AS local_time,
           ae.actor_id, ae.action, ae.outcome, ae.record, u.display_name, o.name AS organisation_name
      FROM audit_events ae
      LEFT JOIN users u ON u.id = ae.actor_id
      LEFT JOIN organisations o ON o.id::text = (ae.record::jsonb ->> 'organisationId')
     WHERE ae.record LIKE '%"resultChildIds"%'
       AND (((ae.record)::jsonb -> 'details') -> 'resultChildIds') @> ${JSON.stringify([childId])}::jsonb
       AND ae.occurred_at >= ${periodStart(period.from)}
       AND ae.occurred_at < ${periodEnd(period.to)}
     ORDER BY ae.occurred_at, ae.logged_order
     LIMIT ${CHILD_REVIEW_ROW_LIMIT + 1}`.execute(db);
  return result.rows;
}

/**
 * For each person, how many different children they reached on an area-wide basis (all, presenting,
 * break-glass) in the period: the breadth rule. One statement on the (actor_id, occurred_at) index.
 */
export async function areaWideChildrenByActor(db: Db, { actorIds, period }: { actorIds: readonly string[]; period: Period }): Promise<Map<string, number>> {
  if (actorIds.length === 0) return new Map();
  const result = await sql<{ actor_id: string; children: string | number }>`
    SELECT ae.actor_id, count(DISTINCT ae.child_id) AS children
      FROM audit_events ae
     WHERE ae.actor_id IN (${sql.join(actorIds.map((id) => sql`${id}::uuid`))})
       AND ae.occurred_at >= ${periodStart(period.from)}
       AND ae.occurred_at < ${periodEnd(period.to)}
       AND ae.child_id IS NOT NULL
       AND ae.outcome = 'allowed'
       AND ${basisSql} IN (${areaWideList})
     GROUP BY ae.actor_id`.execute(db);
  return new Map(result.rows.map((r) => [r.actor_id, Number(r.children)]));
}

export interface ActorActivityRow {
  user_id: string;
  display_name: string;
  role_id: string;
  organisation_name: string | null;
  accesses: string | number;
  children: string | number;
  area_wide_children: string | number;
  refused: string | number;
  break_glass: string | number;
  out_of_hours: string | number;
}

/**
 * Each user's activity on children's records since `since`: one index range scan per user on
 * (actor_id, occurred_at), so the area view never scans the whole log. Sign-in events are not counted.
 */
export async function activityByUser(db: Db, { since }: { since: Date }): Promise<ActorActivityRow[]> {
  const result = await sql<ActorActivityRow>`
    SELECT u.id AS user_id, u.display_name, u.role_id, o.name AS organisation_name, s.*
      FROM users u
      LEFT JOIN organisations o ON o.id = u.organisation_id
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE ae.child_id IS NOT NULL) AS accesses,
              count(DISTINCT ae.child_id) AS children,
              count(DISTINCT ae.child_id) FILTER (WHERE ae.outcome = 'allowed' AND ${basisSql} IN (${areaWideList})) AS area_wide_children,
              count(*) FILTER (WHERE ae.outcome <> 'allowed') AS refused,
              count(*) FILTER (WHERE ${basisSql} = 'break_glass') AS break_glass,
              count(*) FILTER (WHERE ae.child_id IS NOT NULL AND ${outOfHoursSql}) AS out_of_hours
         FROM audit_events ae
        WHERE ae.actor_id = u.id
          AND ae.occurred_at >= ${since.toISOString()}::timestamptz
          AND ae.action NOT LIKE 'auth.%'
     ) s
     WHERE s.accesses > 0 OR s.refused > 0`.execute(db);
  return result.rows;
}

/** The different children each of these users touched since `since` (for naming those in the reader's scope). */
export async function childrenByUser(db: Db, { userIds, since }: { userIds: readonly string[]; since: Date }): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const result = await sql<{ actor_id: string; child_id: string }>`
    SELECT DISTINCT ae.actor_id, ae.child_id
      FROM audit_events ae
     WHERE ae.actor_id IN (${sql.join(userIds.map((id) => sql`${id}::uuid`))})
       AND ae.occurred_at >= ${since.toISOString()}::timestamptz
       AND ae.child_id IS NOT NULL`.execute(db);
  for (const row of result.rows) (map.get(row.actor_id) ?? map.set(row.actor_id, []).get(row.actor_id)!).push(row.child_id);
  return map;
}

export async function childNames(db: Db, childIds: readonly string[]): Promise<Map<string, string>> {
  if (childIds.length === 0) return new Map();
  const rows = await db.selectFrom('children').select(['id', 'given_name', 'family_name']).where('id', 'in', childIds).execute();
  return new Map(rows.map((r) => [r.id, `${r.given_name} ${r.family_name}`.trim()]));
}

export interface AuditEventRow {
  chain_id: number;
  seq: string | number;
  occurred_at: Date | string;
  actor_id: string | null;
  action: string;
  outcome: string;
  child_id: string | null;
  record: string;
  prev_hash: string;
  hash: string;
  logged_order: string | number;
}

/**
 * A batch of one child's or one user's audit rows, oldest first, after `after` (keyset on occurred_at and
 * arrival order), on the (child_id, occurred_at) or (actor_id, occurred_at) index.
 */
export async function auditRowsBatch(
  db: Db,
  { subject, period, after, limit }: { subject: { kind: 'child' | 'user'; id: string }; period: { from: string | null; to: string | null }; after: { occurredAt: string; loggedOrder: string } | null; limit: number },
): Promise<AuditEventRow[]> {
  const clauses = [subject.kind === 'child' ? sql`ae.child_id = ${subject.id}::uuid` : sql`ae.actor_id = ${subject.id}::uuid`];
  if (period.from) clauses.push(sql`ae.occurred_at >= ${periodStart(period.from)}`);
  if (period.to) clauses.push(sql`ae.occurred_at < ${periodEnd(period.to)}`);
  if (after) clauses.push(sql`(ae.occurred_at, ae.logged_order) > (${after.occurredAt}::timestamptz, ${after.loggedOrder}::bigint)`);
  const result = await sql<AuditEventRow>`
    SELECT ae.chain_id, ae.seq, ae.occurred_at, ae.actor_id, ae.action, ae.outcome, ae.child_id, ae.record, ae.prev_hash, ae.hash, ae.logged_order
      FROM audit_events ae
     WHERE ${sql.join(clauses, sql` AND `)}
     ORDER BY ae.occurred_at, ae.logged_order
     LIMIT ${limit}`.execute(db);
  return result.rows;
}

export async function userExists(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst();
  return row !== undefined;
}
