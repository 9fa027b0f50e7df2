import { sql } from 'kysely';
import { canPerform } from '../../../domain/access/permissions.js';
import { CONFIDENTIALITY, canSeeContent, type ConfidentialityCategory } from '../../../domain/access/confidentiality.js';
import { EVENT_TYPE_DEFINITIONS, type EventType } from '../../../domain/safeguarding/event-types.js';
import type { WorklistItem } from '../../../contracts/events.js';
import type { Db } from '../../db/database.js';
import { recordAudit, recordAuditBatch } from '../../audit/audit.js';
import { createForbiddenError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import { SYSTEM_ACTOR } from '../../shared/system-actor.js';
import { childScopeSql } from '../children/children.scope.js';
import { withChild } from '../children/children.usecases.js';
import { createTeamNotFoundError, createWorklistItemNotFoundError, createWorklistItemStateError } from './events.errors.js';
import type { Deps } from './events.usecases.js';

/** Roles that oversee every team's worklist (read only): the designated and named professionals. */
const OVERSIGHT_ROLES: ReadonlySet<string> = new Set(['designated_nurse', 'designated_doctor', 'named_nurse']);

export type WorklistState = 'open' | 'acknowledged' | 'actioned' | 'escalated' | 'all';

async function teamsActorMayWork(db: Db, actor: Actor, teamId: string): Promise<{ id: string; name: string; member: boolean } | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(teamId)) return null;
  const team = await db.selectFrom('teams').select(['id', 'name', 'manager_user_id']).where('id', '=', teamId).executeTakeFirst();
  if (!team) return null;
  const member = actor.teamId === team.id || team.manager_user_id === actor.userId;
  if (!member && !OVERSIGHT_ROLES.has(actor.role)) return null;
  return { id: team.id, name: team.name, member };
}

/** The teams whose worklists the actor can open: their own, those they manage, and (oversight roles) every team. */
export async function listWorklistTeams({ db, clock }: Deps, { actor }: { actor: Actor }) {
  if (!canPerform({ role: actor.role, resource: 'worklist', action: 'read' })) {
    // Denials are audited like every other (#5); found by the access matrix.
    await recordAudit(db, { actor, action: 'worklist.teams', outcome: 'denied', details: { reason: 'role' }, at: clock.now() });
    throw createForbiddenError();
  }
  const now = clock.now().toISOString();
  let query = db
    .selectFrom('teams as t')
    .leftJoin('organisations as o', 'o.id', 't.organisation_id')
    .select((eb) => [
      't.id',
      't.name',
      't.kind',
      'o.name as organisation_name',
      eb.selectFrom('worklist_items as wi').whereRef('wi.team_id', '=', 't.id').where('wi.actioned_at', 'is', null).select(sql<number>`count(*)::int`.as('n')).as('open'),
      eb
        .selectFrom('worklist_items as wi')
        .whereRef('wi.team_id', '=', 't.id')
        .where('wi.acknowledged_at', 'is', null)
        .where(sql<boolean>`(wi.escalated_at IS NOT NULL OR wi.escalate_at <= ${now}::timestamptz)`)
        .select(sql<number>`count(*)::int`.as('n'))
        .as('escalated'),
    ])
    .orderBy('t.name');
  if (!OVERSIGHT_ROLES.has(actor.role)) {
    query = query.where((eb) => eb.or([eb('t.id', '=', actor.teamId ?? '00000000-0000-0000-0000-000000000000'), eb('t.manager_user_id', '=', actor.userId)]));
  }
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, organisation: r.organisation_name ?? '', open: Number(r.open ?? 0), escalated: Number(r.escalated ?? 0), mine: r.id === actor.teamId }));
}

/**
 * A team's worklist (#3): items routed to the team, urgent first then oldest first, with counts and
 * ageing. Only children in the reader's scope are listed; restricted events show that they exist and
 * whom to ask, never their summary. Every child listed is audited (the list is a read of their record).
 */
export async function listWorklist(
  { db, clock }: Deps,
  { actor, teamId, state, limit }: { actor: Actor; teamId?: string | undefined; state: WorklistState; limit: number },
) {
  const now = clock.now();
  if (!canPerform({ role: actor.role, resource: 'worklist', action: 'read' })) {
    await recordAudit(db, { actor, action: 'worklist.list', outcome: 'denied', details: { reason: 'role' }, at: now });
    throw createForbiddenError();
  }
  const team = await teamsActorMayWork(db, actor, teamId ?? actor.teamId ?? '');
  if (!team) {
    await recordAudit(db, { actor, action: 'worklist.list', outcome: 'not_found', details: { teamId: teamId ?? null }, at: now });
    throw createTeamNotFoundError();
  }
  const nowIso = now.toISOString();
  const at = { today: clock.today(), now };
  const overdue = sql<boolean>`(wi.acknowledged_at IS NULL AND (wi.escalated_at IS NOT NULL OR wi.escalate_at <= ${nowIso}::timestamptz))`;

  let query = db
    .selectFrom('worklist_items as wi')
    .innerJoin('child_events as e', (join) => join.onRef('e.child_id', '=', 'wi.child_id').onRef('e.id', '=', 'wi.event_id'))
    .innerJoin('children as c', 'c.id', 'wi.child_id')
    .leftJoin('users as ua', 'ua.id', 'wi.acknowledged_by')
    .leftJoin('users as ux', 'ux.id', 'wi.actioned_by')
    .select([
      'wi.id', 'wi.child_id', 'wi.event_id', 'wi.rule_id', 'wi.reason', 'wi.action', 'wi.priority', 'wi.created_at', 'wi.escalate_at', 'wi.escalated_at',
      'wi.acknowledged_at', 'wi.actioned_at', 'wi.outcome', 'ua.display_name as acknowledged_by_name', 'ux.display_name as actioned_by_name',
      'e.type', 'e.summary', 'e.confidentiality', 'e.occurred_at', 'c.given_name', 'c.family_name', 'c.nhs_number',
    ])
    .select(overdue.as('overdue'))
    .where('wi.team_id', '=', team.id)
    .where(childScopeSql(actor, at));
  if (state === 'open') query = query.where('wi.acknowledged_at', 'is', null).where('wi.actioned_at', 'is', null);
  if (state === 'acknowledged') query = query.where('wi.acknowledged_at', 'is not', null).where('wi.actioned_at', 'is', null);
  if (state === 'actioned') query = query.where('wi.actioned_at', 'is not', null);
  if (state === 'escalated') query = query.where('wi.actioned_at', 'is', null).where(overdue);
  query =
    state === 'actioned'
      ? query.orderBy('wi.actioned_at', 'desc')
      : query.orderBy(sql`(wi.priority = 'urgent')`, 'desc').orderBy('wi.created_at', 'asc').orderBy('wi.id');
  const [rows, counts] = await Promise.all([
    query.limit(limit).execute(),
    sql<{ open: number; acknowledged: number; escalated: number; urgent: number; older: number; actioned: number }>`
      SELECT count(*) FILTER (WHERE wi.actioned_at IS NULL AND wi.acknowledged_at IS NULL)::int AS open,
             count(*) FILTER (WHERE wi.actioned_at IS NULL AND wi.acknowledged_at IS NOT NULL)::int AS acknowledged,
             count(*) FILTER (WHERE wi.actioned_at IS NULL AND ${overdue})::int AS escalated,
             count(*) FILTER (WHERE wi.actioned_at IS NULL AND wi.priority = 'urgent')::int AS urgent,
             count(*) FILTER (WHERE wi.actioned_at IS NULL AND wi.created_at < ${nowIso}::timestamptz - interval '24 hours')::int AS older,
             count(*) FILTER (WHERE wi.actioned_at IS NOT NULL)::int AS actioned
      FROM worklist_items wi WHERE wi.team_id = ${team.id}`.execute(db),
  ]);
  const items: WorklistItem[] = rows.map((r) => {
    const category = r.confidentiality as ConfidentialityCategory;
    // A step-up category (sealed identity) needs a fresh step-up even for the entitled roles, as in the chronology (found by the access matrix).
    const visible = category in CONFIDENTIALITY && canSeeContent({ role: actor.role, category, steppedUpAt: actor.steppedUpAt, now });
    const created = new Date(r.created_at);
    return {
      id: r.id,
      childId: r.child_id,
      childName: `${r.given_name} ${r.family_name}`,
      nhsNumber: r.nhs_number,
      eventId: r.event_id,
      // A restricted entry's type, rule and routing reason can say what it was (a sexual-health clinic visit): none leave the server.
      eventType: visible ? r.type : 'restricted',
      eventLabel: visible ? (EVENT_TYPE_DEFINITIONS[r.type as EventType]?.label ?? r.type) : 'Restricted entry',
      eventSummary: visible ? r.summary : null,
      restricted: visible ? null : { category, label: CONFIDENTIALITY[category]?.label ?? 'Restricted', whomToAsk: CONFIDENTIALITY[category]?.whomToAsk ?? 'the named nurse for safeguarding' },
      occurredAt: new Date(r.occurred_at).toISOString(),
      teamId: team.id,
      teamName: team.name,
      ruleId: visible ? r.rule_id : 'restricted',
      reason: visible ? r.reason : `Restricted — ask ${CONFIDENTIALITY[category]?.whomToAsk ?? 'the named nurse for safeguarding'}`,
      action: r.action,
      priority: r.priority,
      createdAt: created.toISOString(),
      escalateAt: r.escalate_at ? new Date(r.escalate_at).toISOString() : null,
      escalated: Boolean(r.overdue),
      state: r.actioned_at ? 'actioned' : r.acknowledged_at ? 'acknowledged' : 'open',
      acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
      acknowledgedBy: r.acknowledged_by_name ?? null,
      actionedAt: r.actioned_at ? new Date(r.actioned_at).toISOString() : null,
      actionedBy: r.actioned_by_name ?? null,
      outcome: r.outcome,
      ageHours: Math.max(0, Math.floor((now.getTime() - created.getTime()) / 3_600_000)),
    };
  });
  const childIds = [...new Set(items.map((i) => i.childId))];
  await recordAuditBatch(
    db,
    childIds.map((childId) => ({ actor, action: 'worklist.list', outcome: 'allowed' as const, childId, details: { teamId: team.id, state }, at: now })),
  );
  const c = counts.rows[0] ?? { open: 0, acknowledged: 0, escalated: 0, urgent: 0, older: 0, actioned: 0 };
  return {
    team: { id: team.id, name: team.name },
    counts: { open: Number(c.open), acknowledged: Number(c.acknowledged), escalated: Number(c.escalated), urgent: Number(c.urgent), olderThan24h: Number(c.older), actioned: Number(c.actioned) },
    items,
  };
}

/** Acknowledge (seen, will act) or action (outcome recorded) an item routed to the actor's team. */
export async function updateWorklistItem(
  deps: Deps,
  { actor, childId, itemId, change }: { actor: Actor; childId: string; itemId: string; change: { kind: 'acknowledge' } | { kind: 'action'; outcome: string; note?: string | undefined } },
): Promise<void> {
  const now = deps.clock.now();
  await withChild(
    deps,
    { actor, childId, resource: 'worklist', action: 'update', auditAction: change.kind === 'acknowledge' ? 'worklist.acknowledge' : 'worklist.action', details: { itemId, ...(change.kind === 'action' ? { outcome: change.outcome } : {}) } },
    async (tx) => {
      const item = await tx
        .selectFrom('worklist_items as wi')
        .innerJoin('teams as t', 't.id', 'wi.team_id')
        .select(['wi.id', 'wi.team_id', 'wi.acknowledged_at', 'wi.actioned_at', 't.manager_user_id'])
        .where('wi.child_id', '=', childId)
        .where('wi.id', '=', itemId)
        .forUpdate('wi')
        .executeTakeFirst();
      if (!item || (item.team_id !== actor.teamId && item.manager_user_id !== actor.userId)) throw createWorklistItemNotFoundError();
      if (item.actioned_at || (change.kind === 'acknowledge' && item.acknowledged_at)) throw createWorklistItemStateError();
      const update =
        change.kind === 'acknowledge'
          ? { acknowledged_at: now, acknowledged_by: actor.userId }
          : {
              ...(item.acknowledged_at ? {} : { acknowledged_at: now, acknowledged_by: actor.userId }),
              actioned_at: now,
              actioned_by: actor.userId,
              outcome: change.outcome,
              outcome_note: change.note ?? null,
            };
      await tx.updateTable('worklist_items').set(update).where('child_id', '=', childId).where('id', '=', itemId).execute();
    },
  );
}

/**
 * Stamps items not acknowledged by their escalate_at (working hours after routing) as escalated to the
 * team manager, and audits each escalation. Lists derive "escalated" from escalate_at as well, so an
 * item is never shown late just because the sweep has not run yet.
 */
export async function escalateOverdueItems({ db, clock }: Deps): Promise<{ escalated: number }> {
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const rows = await sql<{ child_id: string; id: string; team_id: string }>`
      UPDATE worklist_items SET escalated_at = ${now.toISOString()}::timestamptz
      WHERE acknowledged_at IS NULL AND escalated_at IS NULL AND escalate_at <= ${now.toISOString()}::timestamptz
      RETURNING child_id, id, team_id`.execute(tx);
    await recordAuditBatch(
      tx,
      rows.rows.map((r) => ({ actor: SYSTEM_ACTOR, action: 'worklist.escalate', outcome: 'allowed' as const, childId: r.child_id, details: { itemId: r.id, teamId: r.team_id }, at: now })),
    );
    return { escalated: rows.rows.length };
  });
}
