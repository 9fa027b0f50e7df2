import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SafeguardingLoopsTable, SafeguardingLoopStepsTable } from '../../db/schema.js';
import type { Actor } from '../../shared/actor.js';
import { childScopeSql, type ScopeTime } from '../children/children.scope.js';
import { camhsProgressDueAt, LOOP_RULES, type LoopKind, type LoopStep } from './loops.models.js';

export type LoopRow = Selectable<SafeguardingLoopsTable>;
export type StepRow = Selectable<SafeguardingLoopStepsTable>;

/** The routing rule whose worklist items are "the plan filed on each service's record" (rec 3.8). */
export const PLAN_FILING_RULE_ID = 'cp-plan-every-service';

export interface NewStep {
  step: LoopStep;
  agency: string;
  agencyOrganisationId?: string | null;
  expectedBy: Date;
  rule: string;
  needsAcknowledgement?: boolean;
  received?: { at: Date; by: string | null; eventId?: string | null; note?: string | null };
}

export async function insertLoop(
  tx: Db,
  loop: { childId: string; kind: LoopKind; openedAt: Date; openedBy: string | null } & Partial<Pick<LoopRow, 'source_event_id' | 'plan_event_id' | 'referrer_organisation_id' | 'referral_mode' | 'conference_kind' | 'conference_at' | 'assessment_id' | 'contribution_id'>>,
): Promise<string> {
  const id = randomUUID();
  await tx
    .insertInto('safeguarding_loops')
    .values({
      child_id: loop.childId,
      id,
      kind: loop.kind,
      opened_at: loop.openedAt,
      opened_by: loop.openedBy,
      source_event_id: loop.source_event_id ?? null,
      plan_event_id: loop.plan_event_id ?? null,
      referrer_organisation_id: loop.referrer_organisation_id ?? null,
      referral_mode: loop.referral_mode ?? null,
      conference_kind: loop.conference_kind ?? null,
      conference_at: loop.conference_at ?? null,
      assessment_id: loop.assessment_id ?? null,
      contribution_id: loop.contribution_id ?? null,
    })
    .execute();
  return id;
}

/** Inserts steps (a step already there for the same agency is left as it is); returns the ids inserted. */
export async function insertSteps(tx: Db, { childId, loopId, steps }: { childId: string; loopId: string; steps: readonly NewStep[] }): Promise<string[]> {
  if (steps.length === 0) return [];
  const existing = await tx.selectFrom('safeguarding_loop_steps').select(sql<number>`coalesce(max(sequence), 0)`.as('max')).where('child_id', '=', childId).where('loop_id', '=', loopId).executeTakeFirst();
  let sequence = Number(existing?.max ?? 0);
  const rows = await tx
    .insertInto('safeguarding_loop_steps')
    .values(
      steps.map((s) => ({
        child_id: childId,
        id: randomUUID(),
        loop_id: loopId,
        step: s.step,
        agency: s.agency,
        agency_organisation_id: s.agencyOrganisationId ?? null,
        sequence: (sequence += 1),
        expected_by: s.expectedBy,
        rule: s.rule,
        needs_acknowledgement: s.needsAcknowledgement ?? false,
        received_at: s.received?.at ?? null,
        received_by: s.received?.by ?? null,
        received_event_id: s.received?.eventId ?? null,
        received_note: s.received?.note ?? null,
        acknowledged_at: null,
        acknowledged_by: null,
        escalated_at: null,
      })),
    )
    .onConflict((oc) => oc.columns(['child_id', 'loop_id', 'step', 'agency']).doNothing())
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Marks a step received if it is not already; returns its id when it changed. */
export async function markStepReceived(
  tx: Db,
  { childId, loopId, step, agency, at, by, eventId, note }: { childId: string; loopId: string; step: LoopStep; agency?: string; at: Date; by: string | null; eventId?: string | null; note?: string | null },
): Promise<string | null> {
  let query = tx
    .updateTable('safeguarding_loop_steps')
    .set({ received_at: at, received_by: by, received_event_id: eventId ?? null, received_note: note ?? null })
    .where('child_id', '=', childId)
    .where('loop_id', '=', loopId)
    .where('step', '=', step)
    .where('received_at', 'is', null);
  if (agency) query = query.where('agency', '=', agency);
  const row = await query.returning('id').executeTakeFirst();
  return row?.id ?? null;
}

export async function findLoop(tx: Db, { childId, loopId }: { childId: string; loopId: string }) {
  return tx.selectFrom('safeguarding_loops').selectAll().where('child_id', '=', childId).where('id', '=', loopId).executeTakeFirst();
}

/** The MASH loop a referral event belongs to: opened by it, or closed for writing by it (a written confirmation). */
export async function findMashLoopForReferral(tx: Db, { childId, referralEventId }: { childId: string; referralEventId: string }) {
  return tx
    .selectFrom('safeguarding_loops as l')
    .selectAll('l')
    .where('l.child_id', '=', childId)
    .where('l.kind', '=', 'mash_referral')
    .where((eb) =>
      eb.or([
        eb('l.source_event_id', '=', referralEventId),
        eb.exists(eb.selectFrom('safeguarding_loop_steps as s').select('s.id').whereRef('s.child_id', '=', 'l.child_id').whereRef('s.loop_id', '=', 'l.id').where('s.step', '=', 'written_confirmation').where('s.received_event_id', '=', referralEventId)),
      ]),
    )
    .executeTakeFirst();
}

/** MASH loops of a child still waiting for the decision (oldest first). */
export async function mashLoopsAwaitingDecision(tx: Db, { childId }: { childId: string }) {
  return tx
    .selectFrom('safeguarding_loops as l')
    .innerJoin('safeguarding_loop_steps as s', (j) => j.onRef('s.child_id', '=', 'l.child_id').onRef('s.loop_id', '=', 'l.id'))
    .selectAll('l')
    .where('l.child_id', '=', childId)
    .where('l.kind', '=', 'mash_referral')
    .where('s.step', '=', 'mash_decision')
    .where('s.received_at', 'is', null)
    .orderBy('l.opened_at')
    .execute();
}

/** Conference loops of a child still waiting for the plan, for matching a conference outcome to its invitation. */
export async function conferencesAwaitingPlan(tx: Db, { childId, kind }: { childId: string; kind: string }) {
  return tx.selectFrom('safeguarding_loops').selectAll().where('child_id', '=', childId).where('kind', '=', 'cp_conference').where('conference_kind', '=', kind).where('plan_event_id', 'is', null).orderBy('conference_at').execute();
}

export async function loadLoops(tx: Db, { childId, loopIds }: { childId: string; loopIds?: readonly string[] }) {
  let loopsQuery = tx.selectFrom('safeguarding_loops').selectAll().where('child_id', '=', childId);
  if (loopIds) {
    if (loopIds.length === 0) return { loops: [], steps: [], filings: [], names: new Map<string, string>() };
    loopsQuery = loopsQuery.where('id', 'in', loopIds);
  }
  const loops = await loopsQuery.orderBy('opened_at', 'desc').orderBy('id').execute();
  if (loops.length === 0) return { loops, steps: [], filings: [], names: new Map<string, string>() };
  const ids = loops.map((l) => l.id);
  const planEventIds = loops.map((l) => l.plan_event_id).filter((id): id is string => Boolean(id));
  const [steps, filings] = await Promise.all([
    tx.selectFrom('safeguarding_loop_steps').selectAll().where('child_id', '=', childId).where('loop_id', 'in', ids).orderBy('sequence').execute(),
    planEventIds.length === 0
      ? Promise.resolve([])
      : tx
          .selectFrom('worklist_items as wi')
          .innerJoin('teams as t', 't.id', 'wi.team_id')
          .select(['wi.id', 'wi.event_id', 'wi.team_id', 't.name as team_name', 't.kind as team_kind', 't.organisation_id', 'wi.created_at', 'wi.escalate_at', 'wi.escalated_at', 'wi.acknowledged_at', 'wi.acknowledged_by', 'wi.actioned_at', 'wi.outcome'])
          .where('wi.child_id', '=', childId)
          .where('wi.event_id', 'in', planEventIds)
          .where('wi.rule_id', '=', PLAN_FILING_RULE_ID)
          .orderBy('t.name')
          .execute(),
  ]);
  const userIds = new Set<string>();
  const orgIds = new Set<string>();
  for (const s of steps) {
    if (s.received_by) userIds.add(s.received_by);
    if (s.acknowledged_by) userIds.add(s.acknowledged_by);
    if (s.agency_organisation_id) orgIds.add(s.agency_organisation_id);
  }
  for (const f of filings) if (f.acknowledged_by) userIds.add(f.acknowledged_by);
  const [users, orgs] = await Promise.all([
    userIds.size ? tx.selectFrom('users').select(['id', 'display_name as name']).where('id', 'in', [...userIds]).execute() : Promise.resolve([]),
    orgIds.size ? tx.selectFrom('organisations').select(['id', 'name']).where('id', 'in', [...orgIds]).execute() : Promise.resolve([]),
  ]);
  const names = new Map<string, string>([...users, ...orgs].map((r) => [r.id, r.name]));
  return { loops, steps, filings, names };
}
export type PlanFilingRow = Awaited<ReturnType<typeof loadLoops>>['filings'][number];

/**
 * The LAC module requests a CAMHS progress contribution for a health assessment when CAMHS know the child
 * (rec 3.9; assessment_contributions, migration 0002). Each gets a CAMHS-progress loop, and a contribution
 * recorded as received through the LAC pages marks the loop's step received: the two modules coordinate
 * through these rows, not through calls. Idempotent; `childIds` undefined = every child (the sweep).
 */
export async function syncCamhsProgressLoops(tx: Db, { childIds, now }: { childIds?: readonly string[]; now: Date }): Promise<void> {
  let missing = tx
    .selectFrom('assessment_contributions as ac')
    .innerJoin('health_assessments as ha', (j) => j.onRef('ha.child_id', '=', 'ac.child_id').onRef('ha.id', '=', 'ac.assessment_id'))
    .select(['ac.child_id', 'ac.id', 'ac.assessment_id', 'ac.due_on', 'ac.received_on', 'ha.created_at'])
    .where('ac.contributor', '=', 'camhs')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('safeguarding_loops as l').select('l.id').whereRef('l.child_id', '=', 'ac.child_id').whereRef('l.contribution_id', '=', 'ac.id'))));
  if (childIds) {
    if (childIds.length === 0) return;
    missing = missing.where('ac.child_id', 'in', childIds);
  }
  for (const c of await missing.execute()) {
    const loopId = await insertLoop(tx, { childId: c.child_id, kind: 'camhs_progress', openedAt: c.created_at, openedBy: null, assessment_id: c.assessment_id, contribution_id: c.id });
    await insertSteps(tx, {
      childId: c.child_id,
      loopId,
      steps: [{ step: 'camhs_progress', agency: 'camhs', expectedBy: camhsProgressDueAt({ dueOn: c.due_on }), rule: LOOP_RULES.camhs_progress, ...(c.received_on ? { received: { at: new Date(`${c.received_on}T00:00:00Z`), by: null } } : {}) }],
    });
  }
  // A CAMHS contribution recorded through the LAC pages closes the loop's step.
  let received = tx
    .selectFrom('safeguarding_loop_steps as s')
    .innerJoin('safeguarding_loops as l', (j) => j.onRef('l.child_id', '=', 's.child_id').onRef('l.id', '=', 's.loop_id'))
    .innerJoin('assessment_contributions as ac', (j) => j.onRef('ac.child_id', '=', 'l.child_id').onRef('ac.id', '=', 'l.contribution_id'))
    .select(['s.child_id', 's.id', 'ac.received_on'])
    .where('s.step', '=', 'camhs_progress')
    .where('s.received_at', 'is', null)
    .where('ac.received_on', 'is not', null);
  if (childIds) received = received.where('s.child_id', 'in', childIds);
  for (const r of await received.execute()) {
    const at = new Date(`${r.received_on}T00:00:00Z`);
    await tx
      .updateTable('safeguarding_loop_steps')
      .set({ received_at: at.getTime() > now.getTime() ? now : at })
      .where('child_id', '=', r.child_id)
      .where('id', '=', r.id)
      .execute();
  }
}

/** The child's open CAMHS contributions (oldest due first), for a CAMHS progress report event to close. */
export async function openCamhsContributions(tx: Db, { childId }: { childId: string }) {
  return tx
    .selectFrom('assessment_contributions as ac')
    .innerJoin('health_assessments as ha', (j) => j.onRef('ha.child_id', '=', 'ac.child_id').onRef('ha.id', '=', 'ac.assessment_id'))
    .select(['ac.id', 'ac.assessment_id', 'ac.due_on'])
    .where('ac.child_id', '=', childId)
    .where('ac.contributor', '=', 'camhs')
    .where('ac.received_on', 'is', null)
    .where('ha.status', 'in', ['requested', 'booked'])
    .orderBy('ac.due_on')
    .execute();
}

/** Incomplete steps past their time for every child in the actor's scope (scope applied in SQL). */
export async function overdueStepsInScope(tx: Db, { actor, at, limit }: { actor: Actor; at: ScopeTime; limit: number }) {
  const now = at.now;
  const steps = await tx
    .selectFrom('safeguarding_loop_steps as s')
    .innerJoin('safeguarding_loops as l', (j) => j.onRef('l.child_id', '=', 's.child_id').onRef('l.id', '=', 's.loop_id'))
    .innerJoin('children as c', 'c.id', 's.child_id')
    .selectAll('s')
    .select(['l.kind as loop_kind', sql<string>`c.given_name || ' ' || c.family_name`.as('child_name')])
    .where('s.expected_by', '<', now)
    .where(sql<boolean>`CASE WHEN s.needs_acknowledgement THEN s.acknowledged_at IS NULL ELSE s.received_at IS NULL END`)
    .where(childScopeSql(actor, at))
    .orderBy('s.expected_by')
    .limit(limit)
    .execute();
  const filings = await tx
    .selectFrom('worklist_items as wi')
    .innerJoin('safeguarding_loops as l', (j) => j.onRef('l.child_id', '=', 'wi.child_id').onRef('l.plan_event_id', '=', 'wi.event_id'))
    .innerJoin('teams as t', 't.id', 'wi.team_id')
    .innerJoin('children as c', 'c.id', 'wi.child_id')
    .select(['wi.id', 'wi.child_id', 'wi.event_id', 'wi.team_id', 'l.id as loop_id', 't.name as team_name', 't.kind as team_kind', 't.organisation_id', 'wi.created_at', 'wi.escalate_at', 'wi.escalated_at', 'wi.acknowledged_at', 'wi.acknowledged_by', 'wi.actioned_at', 'wi.outcome', sql<string>`c.given_name || ' ' || c.family_name`.as('child_name')])
    .where('wi.rule_id', '=', PLAN_FILING_RULE_ID)
    .where('wi.acknowledged_at', 'is', null)
    .where('wi.escalate_at', '<', now)
    .where(childScopeSql(actor, at))
    .orderBy('wi.escalate_at')
    .limit(limit)
    .execute();
  return { steps, filings };
}

/** Stamps escalated_at on every incomplete step past its time that has not escalated yet. */
export async function stampOverdueSteps(tx: Db, { now }: { now: Date }) {
  return tx
    .updateTable('safeguarding_loop_steps')
    .set({ escalated_at: now })
    .where('escalated_at', 'is', null)
    .where('expected_by', '<', now)
    .where(sql<boolean>`CASE WHEN needs_acknowledgement THEN acknowledged_at IS NULL ELSE received_at IS NULL END`)
    .returning(['child_id', 'id', 'loop_id', 'step', 'agency'])
    .execute();
}
