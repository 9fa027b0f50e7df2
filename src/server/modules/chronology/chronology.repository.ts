import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ChronologyFilters } from '../../../contracts/chronology.js';
import type { ChronologyCursor } from './chronology.models.js';

/**
 * The chronology's reads. Content of an entry whose category the reader may not read never leaves the
 * database: summary, details, type, service, recorder and organisation are selected as NULL for it.
 */

export interface EventScope {
  /** The chronology's children (one child, or the in-scope members of a household). */
  childIds: readonly string[];
  /** Categories whose content the reader may read. */
  readable: readonly string[];
  /** A household chronology: a household event recorded on several of these children is shown once. */
  dedupeHousehold: boolean;
}

export interface ChronologyRow {
  child_id: string;
  id: string;
  occurred_key: string;
  occurred_at: Date;
  significance: string;
  source: string;
  confidentiality: string;
  household_event_id: string | null;
  readable: boolean;
  type: string | null;
  service: string | null;
  summary: string | null;
  details: Record<string, unknown> | null;
  recorder_name: string | null;
  recorder_role: string | null;
  organisation_name: string | null;
}

function childPredicate(childIds: readonly string[]): RawBuilder<SqlBool> {
  // One child: equality, so the planner walks child_events_chronology_idx for that child alone.
  if (childIds.length === 1) return sql<SqlBool>`e.child_id = ${childIds[0]}::uuid`;
  return sql<SqlBool>`e.child_id IN (${sql.join(childIds.map((id) => sql`${id}::uuid`))})`;
}

function readableSql(readable: readonly string[]): RawBuilder<SqlBool> {
  if (readable.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`e.confidentiality IN (${sql.join([...readable])})`;
}

/**
 * The WHERE clause shared by a page, the counts and the exports. `withTypeAndService` is false for the
 * per-type counts (a chip shows its count under the other filters). A type or service filter matches
 * readable entries only: a restricted entry's type and service are not the reader's to filter on.
 */
function whereSql(scope: EventScope, filters: ChronologyFilters, { withTypeAndService, childIds = scope.childIds }: { withTypeAndService: boolean; childIds?: readonly string[] }): RawBuilder<SqlBool> {
  const clauses: RawBuilder<unknown>[] = [childPredicate(childIds)];
  const readable = readableSql(scope.readable);
  if (withTypeAndService && filters.type?.length) clauses.push(sql`(e.type IN (${sql.join(filters.type)}) AND ${readable})`);
  if (withTypeAndService && filters.service?.length) clauses.push(sql`(e.service IN (${sql.join(filters.service)}) AND ${readable})`);
  if (filters.significance?.length) clauses.push(sql`e.significance IN (${sql.join(filters.significance)})`);
  // Dates are England's calendar days: from the start of `from` to the end of `to`, London time.
  if (filters.from) clauses.push(sql`e.occurred_at >= (${filters.from}::date::timestamp AT TIME ZONE 'Europe/London')`);
  if (filters.to) clauses.push(sql`e.occurred_at < ((${filters.to}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`);
  if (scope.dedupeHousehold && scope.childIds.length > 1) {
    // The copy on the lowest child id stands for a household event recorded on several members.
    clauses.push(sql`(e.household_event_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM child_events d
       WHERE d.household_event_id = e.household_event_id
         AND d.child_id IN (${sql.join(scope.childIds.map((id) => sql`${id}::uuid`))})
         AND d.child_id < e.child_id))`);
  }
  return sql<SqlBool>`${sql.join(clauses, sql` AND `)}`;
}

/**
 * One page, newest first, by keyset on (occurred_at DESC, id DESC) — the order of
 * child_events_chronology_idx — never OFFSET. Returns up to `limit + 1` rows so the caller knows
 * whether there is a next page.
 */
export async function loadChronologyPage(db: Db, { scope, filters, cursor, limit }: { scope: EventScope; filters: ChronologyFilters; cursor: ChronologyCursor | null; limit: number }): Promise<ChronologyRow[]> {
  const after = cursor ? sql`AND (e.occurred_at, e.id) < (${cursor.occurredAt}::timestamptz, ${cursor.id}::uuid)` : sql``;
  const readable = readableSql(scope.readable);
  // One index walk per child, each stopping after limit + 1 rows; a household merges them. (An IN list
  // over several children would read and sort every one of their events.)
  const branch = (childId: string) => sql`(
        SELECT e.child_id, e.id, e.occurred_at,
               to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_key,
               e.significance, e.source, e.confidentiality, e.household_event_id, e.type, e.service, e.summary, e.details,
               e.recorded_by, e.organisation_id, ${readable} AS readable
          FROM child_events e
         WHERE ${whereSql(scope, filters, { withTypeAndService: true, childIds: [childId] })} ${after}
         ORDER BY e.occurred_at DESC, e.id DESC
         LIMIT ${limit + 1})`;
  const candidates =
    scope.childIds.length === 1
      ? branch(scope.childIds[0]!)
      : sql`(SELECT * FROM (${sql.join(scope.childIds.map(branch), sql` UNION ALL `)}) merged ORDER BY merged.occurred_at DESC, merged.id DESC LIMIT ${limit + 1})`;
  const result = await sql<ChronologyRow>`
    SELECT p.child_id, p.id, p.occurred_key, p.occurred_at, p.significance, p.source, p.confidentiality, p.household_event_id, p.readable,
           CASE WHEN p.readable THEN p.type END AS type,
           CASE WHEN p.readable THEN p.service END AS service,
           CASE WHEN p.readable THEN p.summary END AS summary,
           CASE WHEN p.readable THEN p.details END AS details,
           CASE WHEN p.readable THEN u.display_name END AS recorder_name,
           CASE WHEN p.readable THEN u.role_id END AS recorder_role,
           CASE WHEN p.readable THEN o.name END AS organisation_name
      FROM ${candidates} p
      LEFT JOIN users u ON u.id = p.recorded_by
      LEFT JOIN organisations o ON o.id = p.organisation_id
     ORDER BY p.occurred_at DESC, p.id DESC`.execute(db);
  return result.rows;
}

export interface CountRow {
  type: string;
  service: string;
  confidentiality: string;
  n: number;
}

/**
 * Entries per (type, service, category) under the significance and date filters, in one grouped query
 * over the plain columns (cheaper than evaluating readability per row). The use-case folds the groups
 * the reader may not read into one restricted count before anything is sent.
 */
export async function countChronology(db: Db, { scope, filters }: { scope: EventScope; filters: ChronologyFilters }): Promise<CountRow[]> {
  const where = whereSql(scope, filters, { withTypeAndService: false });
  const result = await sql<CountRow>`
    SELECT e.type, e.service, e.confidentiality, count(*)::int AS n
      FROM child_events e
     WHERE ${where}
     GROUP BY 1, 2, 3`.execute(db);
  return result.rows;
}

export interface WorklistRow {
  child_id: string;
  id: string;
  event_id: string;
  team_name: string;
  action: string;
  priority: string;
  created_at: Date;
  escalated_at: Date | null;
  acknowledged_at: Date | null;
  actioned_at: Date | null;
  outcome: string | null;
}

/** The worklist items routed from these events (child_id, event_id pairs), oldest first. */
export async function loadWorklistItems(db: Db, events: readonly { childId: string; eventId: string }[]): Promise<WorklistRow[]> {
  if (events.length === 0) return [];
  const childIds = [...new Set(events.map((e) => e.childId))];
  const eventIds = [...new Set(events.map((e) => e.eventId))];
  const rows = await db
    .selectFrom('worklist_items as w')
    .innerJoin('teams as t', 't.id', 'w.team_id')
    .select(['w.child_id', 'w.id', 'w.event_id', 't.name as team_name', 'w.action', 'w.priority', 'w.created_at', 'w.escalated_at', 'w.acknowledged_at', 'w.actioned_at', 'w.outcome'])
    .where('w.child_id', 'in', childIds)
    .where('w.event_id', 'in', eventIds)
    .orderBy('w.created_at')
    .orderBy('w.id')
    .execute();
  const wanted = new Set(events.map((e) => `${e.childId}|${e.eventId}`));
  return rows.filter((r) => wanted.has(`${r.child_id}|${r.event_id}`));
}

/** The copies of these household events on the chronology's children (to list every member an entry concerns). */
export async function loadHouseholdCopies(db: Db, { householdEventIds, childIds }: { householdEventIds: readonly string[]; childIds: readonly string[] }) {
  if (householdEventIds.length === 0 || childIds.length === 0) return [];
  return db
    .selectFrom('child_events')
    .select(['child_id', 'id', 'household_event_id'])
    .where('household_event_id', 'in', [...householdEventIds])
    .where('child_id', 'in', [...childIds])
    .execute();
}

/**
 * The child's household today: children linked by a current relationship with lives_with (either
 * direction), and children who live with an adult the child lives with. The child itself is not listed.
 */
export async function householdMemberIds(db: Db, { childId, today }: { childId: string; today: string }): Promise<string[]> {
  const current = (alias: string) => sql`${sql.ref(`${alias}.lives_with`)} AND (${sql.ref(`${alias}.valid_from`)} IS NULL OR ${sql.ref(`${alias}.valid_from`)} <= ${today}::date) AND (${sql.ref(`${alias}.valid_to`)} IS NULL OR ${sql.ref(`${alias}.valid_to`)} >= ${today}::date)`;
  const result = await sql<{ id: string }>`
    WITH mine AS (SELECT r.related_child_id, r.related_person_id FROM relationships r WHERE r.child_id = ${childId}::uuid AND ${current('r')})
    SELECT related_child_id AS id FROM mine WHERE related_child_id IS NOT NULL
    UNION
    SELECT r.child_id FROM relationships r WHERE r.related_child_id = ${childId}::uuid AND ${current('r')}
    UNION
    SELECT r.child_id FROM relationships r JOIN mine m ON m.related_person_id = r.related_person_id WHERE ${current('r')}`.execute(db);
  return result.rows.map((r) => r.id).filter((id) => id !== childId);
}

export async function userDisplayName(db: Db, userId: string): Promise<string> {
  const row = await db.selectFrom('users').select('display_name').where('id', '=', userId).executeTakeFirst();
  return row?.display_name ?? 'Unknown user';
}
