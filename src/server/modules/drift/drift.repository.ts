import { sql } from 'kysely';
import type { ChildFacts, DriftEvent, DriftWorklistItem } from '../../../domain/safeguarding/drift.js';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../shared/actor.js';
import { childScopeSql, type ScopeTime } from '../children/children.scope.js';

/** The event types the drift rules read; the rest of a child's log is never loaded for drift. */
export const DRIFT_EVENT_TYPES = ['maternity_booking', 'health_contact', 'mash_referral', 'mash_decision', 'ed_attendance', 'missed_appointment'] as const;

export interface TeamRow {
  id: string;
  name: string;
  managerUserId: string | null;
}

export async function findTeam(db: Db, teamId: string): Promise<TeamRow | null> {
  const row = await db.selectFrom('teams').select(['id', 'name', 'manager_user_id']).where('id', '=', teamId).executeTakeFirst();
  return row ? { id: row.id, name: row.name, managerUserId: row.manager_user_id } : null;
}

export interface CandidateChild {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  nhsNumber: string | null;
  isUnborn: boolean;
}

/**
 * The team's children that the actor may see: allocated to the team (open allocation), or with an item
 * routed to the team that is open or was actioned in the last 30 days (the same window that makes
 * routing a scope relationship). The actor's scope is applied in the same query (childScopeSql), so a
 * child outside it is never loaded, let alone listed.
 */
export async function teamChildrenInScope(db: Db, { teamId, actor, at }: { teamId: string; actor: Actor; at: ScopeTime }): Promise<CandidateChild[]> {
  const now = at.now.toISOString();
  const rows = await db
    .selectFrom('children as c')
    .select(['c.id', 'c.given_name', 'c.family_name', 'c.date_of_birth', 'c.nhs_number', 'c.is_unborn'])
    .where(
      sql<boolean>`(EXISTS (SELECT 1 FROM caseload_allocations ca WHERE ca.child_id = c.id AND ca.team_id = ${teamId} AND ca.ended_on IS NULL)
        OR EXISTS (SELECT 1 FROM worklist_items wi WHERE wi.child_id = c.id AND wi.team_id = ${teamId}
                   AND (wi.actioned_at IS NULL OR wi.actioned_at > ${now}::timestamptz - interval '30 days')))`,
    )
    .where(childScopeSql(actor, at))
    .orderBy('c.family_name')
    .orderBy('c.given_name')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ id: r.id, givenName: r.given_name, familyName: r.family_name, dateOfBirth: r.date_of_birth, nhsNumber: r.nhs_number, isUnborn: r.is_unborn }));
}

const isoOf = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/**
 * The facts drift needs for many children, set-based: one query for their events (only the types the
 * rules read, and nothing recorded after `now`) and one for their worklist items — never a query per child.
 */
export async function loadDriftFacts(db: Db, { childIds, now }: { childIds: readonly string[]; now: Date }): Promise<DriftFacts> {
  const facts = new Map<string, ChildFacts & { events: DriftEvent[]; worklistItems: DriftWorklistItem[] }>();
  const confidentiality = new Map<string, string>();
  for (const id of childIds) facts.set(id, { childId: id, events: [], worklistItems: [] });
  if (childIds.length === 0) return { facts, confidentiality };
  const [events, items] = await Promise.all([
    db
      .selectFrom('child_events')
      .select(['child_id', 'id', 'type', 'occurred_at', 'details', 'confidentiality'])
      .where('child_id', 'in', childIds)
      .where('type', 'in', DRIFT_EVENT_TYPES)
      .where('occurred_at', '<=', now)
      .orderBy('child_id')
      .orderBy('occurred_at')
      .execute(),
    db
      .selectFrom('worklist_items')
      .select(['child_id', 'id', 'event_id', 'team_id', 'created_at', 'escalate_at', 'acknowledged_at', 'actioned_at'])
      .where('child_id', 'in', childIds)
      .orderBy('child_id')
      .orderBy('created_at')
      .execute(),
  ]);
  for (const e of events) {
    if (e.confidentiality !== 'standard') confidentiality.set(e.id, e.confidentiality);
    facts.get(e.child_id)?.events.push({ id: e.id, type: e.type, occurredAt: isoOf(e.occurred_at)!, details: typeof e.details === 'string' ? JSON.parse(e.details) : (e.details ?? {}) });
  }
  for (const w of items) {
    facts.get(w.child_id)?.worklistItems.push({
      id: w.id,
      eventId: w.event_id,
      teamId: w.team_id,
      createdAt: isoOf(w.created_at)!,
      escalateAt: isoOf(w.escalate_at),
      acknowledgedAt: isoOf(w.acknowledged_at),
      actionedAt: isoOf(w.actioned_at),
    });
  }
  // A worklist item's event may be of a type drift does not read (e.g. a police notification): its category still matters.
  const loaded = new Set(events.map((e) => e.id));
  const otherEventIds = [...new Set(items.map((w) => w.event_id))].filter((id) => !loaded.has(id));
  if (otherEventIds.length > 0) {
    const rows = await db.selectFrom('child_events').select(['id', 'confidentiality']).where('child_id', 'in', childIds).where('id', 'in', otherEventIds).where('confidentiality', '<>', 'standard').execute();
    for (const r of rows) confidentiality.set(r.id, r.confidentiality);
  }
  return { facts, confidentiality };
}

export interface DriftFacts {
  facts: Map<string, ChildFacts>;
  /** Event id → confidentiality category, for events that are not 'standard'. */
  confidentiality: Map<string, string>;
}
