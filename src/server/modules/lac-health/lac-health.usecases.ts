import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { completeAssessmentBody, recordContributionBody, requestAssessmentBody, sdqBody, WorklistItem } from '../../../contracts/lac.js';
import { canPerform } from '../../../domain/access/permissions.js';
import type { Action, Resource } from '../../../domain/access/roles.js';
import { addWorkingDays } from '../../../domain/calendar/working-days.js';
import { compareIsoDates } from '../../../domain/calendar/iso-date.js';
import { nextHealthAssessment, periodOfCareStart, healthAssessmentExceptions, type HealthAssessmentKind } from '../../../domain/lac/health-assessment-clocks.js';
import { computeOc2, englandAveragesFor, oc2CsvRows, oc2YearStart, toCsv, type Oc2Child } from '../../../domain/lac/oc2.js';
import { SDQ_SCORING_VERSION, scoreSdq, sdqScoresFromTotal } from '../../../domain/lac/sdq.js';
import type { Db } from '../../db/database.js';
import { recordAudit } from '../../audit/audit.js';
import { createForbiddenError, fieldError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { withChild } from '../children/children.usecases.js';
import { createAssessmentClosedError, createAssessmentNotFoundError, createNotLookedAfterError } from './lac-health.errors.js';
import { bankHolidays } from './calendar.js';
import { findCurrentlyLookedAfter, findLookedAfterBetween, loadActivities, loadContributions, loadLacEpisodes, loadOpenAssessments, type LacEpisodeRow } from './lac-health.repository.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

/** Working days a contribution (GP, CAMHS, school, carer SDQ) is due before the assessment. */
export const CONTRIBUTION_LEAD_WORKING_DAYS = 5;

async function requirePermission({ db, clock }: Deps, { actor, resource, action, auditAction }: { actor: Actor; resource: Resource; action: Action; auditAction: string }) {
  if (canPerform({ role: actor.role, resource, action })) return;
  await recordAudit(db, { actor, action: auditAction, outcome: 'denied', details: { reason: 'role' }, at: clock.now() });
  throw createForbiddenError();
}

function careEpisodes(rows: readonly LacEpisodeRow[]) {
  // Episodes recorded by hand (no SSDA903 RNE) start a period of care unless chained from an earlier one.
  return rows.map((e) => ({ startedOn: e.started_on, endedOn: e.ended_on, reasonNewEpisode: e.reason_new_episode ?? 'S' }));
}

/**
 * The LAC team's worklist and `clasp report health-assessments`: one row per child looked after on
 * `asOf` (within the actor's scope) with the next statutory health assessment, its due date and status.
 */
export async function healthAssessmentWorklist(deps: Deps, { actor, asOf }: { actor: Actor; asOf?: string | undefined }): Promise<{ asOf: string; items: WorklistItem[]; counts: { overdue: number; due: number; booked: number } }> {
  await requirePermission(deps, { actor, resource: 'health_assessment', action: 'read', auditAction: 'lac.worklist' });
  const { db, clock } = deps;
  const today = asOf ?? clock.today();
  const at = { today: clock.today(), now: clock.now() };
  const children = await findCurrentlyLookedAfter(db, { actor, at, asOf: today });
  const ids = children.map((c) => c.id);
  const [episodes, activities, open] = await Promise.all([loadLacEpisodes(db, ids), loadActivities(db, ids), loadOpenAssessments(db, ids)]);
  const contributions = await loadContributions(db, [...open.values()].map((a) => a.id));
  const holidays = bankHolidays();
  const items: WorklistItem[] = [];
  for (const child of children) {
    const childEpisodes = episodes.get(child.id) ?? [];
    const start = periodOfCareStart({ episodes: careEpisodes(childEpisodes), today });
    if (!start || !child.date_of_birth) continue;
    const completed = (activities.get(child.id) ?? [])
      .filter((a) => a.activity === 'health_assessment' && (a.result === 'IHA' || a.result === 'RHA'))
      .map((a) => ({ kind: a.result as HealthAssessmentKind, completedOn: a.activity_on }));
    const booking = open.get(child.id);
    const next = nextHealthAssessment({
      periodOfCareStartedOn: start,
      dateOfBirth: child.date_of_birth,
      assessments: completed,
      booked: booking?.booked_at ? { kind: booking.kind as HealthAssessmentKind, bookedOn: new Date(booking.booked_at).toISOString().slice(0, 10) } : null,
      today,
      bankHolidays: holidays,
    });
    const current = childEpisodes.at(-1);
    items.push({
      childId: child.id,
      laChildId: child.la_child_id,
      name: `${child.given_name} ${child.family_name}`,
      dateOfBirth: child.date_of_birth,
      type: next.type,
      due: next.due,
      status: next.status,
      workingDaysOverdue: next.workingDaysOverdue,
      periodOfCareStartedOn: start,
      placementInArea: current?.placement_in_area ?? null,
      assessmentId: booking?.id ?? null,
      bookedAt: booking?.booked_at ? new Date(booking.booked_at).toISOString() : null,
      breachReason: booking?.breach_reason ?? null,
      contributions: (booking ? (contributions.get(booking.id) ?? []) : []).map((c) => ({ contributor: c.contributor, dueOn: c.due_on, receivedOn: c.received_on })),
    });
  }
  const order = { overdue: 0, due: 1, booked: 2 } as const;
  items.sort((a, b) => order[a.status] - order[b.status] || compareIsoDates(a.due, b.due));
  await recordAudit(db, { actor, action: 'lac.worklist', outcome: 'allowed', details: { asOf: today, resultChildIds: items.map((i) => i.childId) }, at: clock.now() });
  return {
    asOf: today,
    items,
    counts: { overdue: items.filter((i) => i.status === 'overdue').length, due: items.filter((i) => i.status === 'due').length, booked: items.filter((i) => i.status === 'booked').length },
  };
}

/** Request (and optionally book) an IHA or RHA, with contributions requested from GP, CAMHS, school, carer. */
export async function requestHealthAssessment(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof requestAssessmentBody> }) {
  const id = randomUUID();
  const today = deps.clock.today();
  await withChild(deps, { actor, childId, resource: 'health_assessment', action: 'create', auditAction: 'health_assessment.request', details: { assessmentId: id, kind: input.kind } }, async (tx, { child }) => {
    const episodes = (await loadLacEpisodes(tx, [childId])).get(childId) ?? [];
    const start = periodOfCareStart({ episodes: careEpisodes(episodes), today });
    if (!start || !child.date_of_birth) throw createNotLookedAfterError();
    const activities = (await loadActivities(tx, [childId])).get(childId) ?? [];
    const next = nextHealthAssessment({
      periodOfCareStartedOn: start,
      dateOfBirth: child.date_of_birth,
      assessments: activities.filter((a) => a.activity === 'health_assessment').map((a) => ({ kind: a.result as HealthAssessmentKind, completedOn: a.activity_on })),
      today,
      bankHolidays: bankHolidays(),
    });
    if (input.bookedAt && input.bookedAt.slice(0, 10) < today) throw fieldError('bookedAt', 'The appointment must be today or later');
    await tx
      .insertInto('health_assessments')
      .values({
        child_id: childId,
        id,
        kind: input.kind,
        status: input.bookedAt ? 'booked' : 'requested',
        due_on: next.due,
        booked_at: input.bookedAt ?? null,
        location: input.location ?? null,
        completed_on: null,
        form_id: null,
        form_version: null,
        answers: null,
        practitioner_id: null,
        team_id: actor.teamId,
        breach_reason: null,
        out_of_area: input.outOfArea,
        host_area: input.hostArea ?? null,
        host_requested_on: input.outOfArea ? today : null,
        host_received_on: null,
      })
      .execute();
    const contributionDue = addWorkingDays({ from: next.due, days: -CONTRIBUTION_LEAD_WORKING_DAYS, bankHolidays: bankHolidays() });
    const contributors = new Set(input.contributors);
    if (input.outOfArea) contributors.add('host_area');
    // CAMHS progress is always requested when CAMHS know the child (rec 3.9).
    const camhs = await tx.selectFrom('caseload_allocations').select('id').where('child_id', '=', childId).where('service', 'in', ['camhs', 'lac_camhs']).where('ended_on', 'is', null).executeTakeFirst();
    if (camhs) contributors.add('camhs');
    for (const contributor of contributors) {
      await tx.insertInto('assessment_contributions').values({ child_id: childId, id: randomUUID(), assessment_id: id, contributor, requested_on: today, due_on: compareIsoDates(contributionDue, today) < 0 ? today : contributionDue, received_on: null, summary: null }).execute();
    }
  });
  return { assessmentId: id };
}

export async function recordContribution(deps: Deps, { actor, childId, assessmentId, input }: { actor: Actor; childId: string; assessmentId: string; input: z.output<typeof recordContributionBody> }) {
  await withChild(deps, { actor, childId, resource: 'health_assessment', action: 'update', auditAction: 'health_assessment.contribution', details: { assessmentId, contributor: input.contributor } }, async (tx) => {
    if (compareIsoDates(input.receivedOn, deps.clock.today()) > 0) throw fieldError('receivedOn', 'The date it was received must be today or in the past');
    const result = await tx
      .updateTable('assessment_contributions')
      .set({ received_on: input.receivedOn, summary: input.summary ?? null })
      .where('child_id', '=', childId)
      .where('assessment_id', '=', assessmentId)
      .where('contributor', '=', input.contributor)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw createAssessmentNotFoundError();
    if (input.contributor === 'host_area') await tx.updateTable('health_assessments').set({ host_received_on: input.receivedOn }).where('child_id', '=', childId).where('id', '=', assessmentId).execute();
  });
}

export async function recordBreachReason(deps: Deps, { actor, childId, assessmentId, breachReason }: { actor: Actor; childId: string; assessmentId: string; breachReason: string }) {
  await withChild(deps, { actor, childId, resource: 'health_assessment', action: 'update', auditAction: 'health_assessment.breach_reason', details: { assessmentId } }, async (tx) => {
    const result = await tx.updateTable('health_assessments').set({ breach_reason: breachReason, updated_at: deps.clock.now() }).where('child_id', '=', childId).where('id', '=', assessmentId).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw createAssessmentNotFoundError();
  });
}

export async function markAssessmentOutcome(deps: Deps, { actor, childId, assessmentId, status }: { actor: Actor; childId: string; assessmentId: string; status: 'declined' | 'did_not_attend' | 'cancelled' }) {
  await withChild(deps, { actor, childId, resource: 'health_assessment', action: 'update', auditAction: `health_assessment.${status}`, details: { assessmentId } }, async (tx) => {
    const row = await tx.selectFrom('health_assessments').select('status').where('child_id', '=', childId).where('id', '=', assessmentId).executeTakeFirst();
    if (!row) throw createAssessmentNotFoundError();
    if (!['requested', 'booked'].includes(row.status)) throw createAssessmentClosedError();
    await tx.updateTable('health_assessments').set({ status, updated_at: deps.clock.now() }).where('child_id', '=', childId).where('id', '=', assessmentId).execute();
  });
}

/** Exceptions list for the monthly meeting with social care (5.2.3): refused, missed, overdue. */
export async function assessmentExceptions(deps: Deps, { actor }: { actor: Actor }) {
  const worklist = await healthAssessmentWorklist(deps, { actor });
  const ids = worklist.items.map((i) => i.childId);
  const rows = ids.length
    ? await deps.db.selectFrom('health_assessments').select(['child_id', 'kind', 'status', 'due_on']).where('child_id', 'in', ids).where('status', 'in', ['declined', 'did_not_attend']).execute()
    : [];
  const byId = new Map(worklist.items.map((i) => [i.childId, i]));
  const exceptions = healthAssessmentExceptions({
    records: [
      ...rows.map((r) => ({ childId: r.child_id, kind: r.kind as HealthAssessmentKind, status: r.status, dueOn: r.due_on })),
      ...worklist.items.filter((i) => i.status === 'overdue').map((i) => ({ childId: i.childId, kind: i.type, status: 'requested', dueOn: i.due })),
    ],
    today: deps.clock.today(),
  });
  return exceptions.map((e) => ({ ...e, name: byId.get(e.childId)?.name ?? '', laChildId: byId.get(e.childId)?.laChildId ?? null }));
}

// ---------------------------------------------------------------------------------------------
// SDQ

export async function recordSdq(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof sdqBody> }) {
  const id = randomUUID();
  const scores = input.responses ? scoreSdq({ responses: input.responses }) : sdqScoresFromTotal({ totalDifficulties: input.totalOnly! });
  await withChild(deps, { actor, childId, resource: 'sdq', action: 'create', auditAction: 'sdq.create', details: { sdqId: id } }, async (tx) => {
    if (compareIsoDates(input.completedOn, deps.clock.today()) > 0) throw fieldError('completedOn', 'The date the questionnaire was completed must be today or in the past');
    await tx
      .insertInto('sdq_returns')
      .values({
        child_id: childId,
        id,
        completed_on: input.completedOn,
        responses: input.responses ? JSON.stringify(Object.fromEntries(input.responses.map((r, i) => [`q${i + 1}`, r]))) : null,
        emotional: scores.emotional,
        conduct: scores.conduct,
        hyperactivity: scores.hyperactivity,
        peer: scores.peer,
        prosocial: scores.prosocial,
        total_difficulties: scores.totalDifficulties,
        band: scores.band,
        scoring_version: SDQ_SCORING_VERSION,
        recorded_by: actor.userId,
      })
      .execute();
  });
  return { id, ...scores };
}

// ---------------------------------------------------------------------------------------------
// OC2

async function loadOc2Children(db: Db, yearEnding: string): Promise<Oc2Child[]> {
  const yearStart = oc2YearStart(yearEnding);
  const children = await findLookedAfterBetween(db, { from: yearStart, to: yearEnding });
  const ids = children.map((c) => c.id);
  const [episodes, activities] = await Promise.all([loadLacEpisodes(db, ids), loadActivities(db, ids)]);
  return children
    .filter((c) => c.date_of_birth)
    .map((c) => ({
      childId: c.la_child_id ?? c.id,
      dateOfBirth: c.date_of_birth!,
      episodes: (episodes.get(c.id) ?? []).map((e) => ({ startedOn: e.started_on, endedOn: e.ended_on, reasonNewEpisode: e.reason_new_episode ?? 'S', reasonCeased: e.reason_ceased, legalStatus: e.legal_status ?? '' })),
      activities: (activities.get(c.id) ?? []).map((a) => ({ activity: a.activity, activityOn: a.activity_on, result: a.result })),
    }));
}

/**
 * The DfE OC2 figures for the year ending `yearEnding` (aggregate: commissioners may see it; no child
 * names). Trends: the same figures for the two previous years.
 */
export async function oc2Report(deps: Deps, { actor, yearEnding, withTrend = false }: { actor: Actor | null; yearEnding: string; withTrend?: boolean }) {
  if (actor) await requirePermission(deps, { actor, resource: 'lac_report', action: 'read', auditAction: 'lac.oc2' });
  const compute = async (ending: string) => {
    const result = computeOc2({ yearEnding: ending, children: await loadOc2Children(deps.db, ending) });
    const { children: _children, excluded: _excluded, ...figures } = result;
    return figures;
  };
  const current = await compute(yearEnding);
  const trend = withTrend ? [await compute(shiftYear(yearEnding, -2)), await compute(shiftYear(yearEnding, -1)), current] : [];
  await recordAudit(deps.db, { actor, action: 'lac.oc2', outcome: 'allowed', details: { yearEnding }, at: deps.clock.now() });
  return { ...current, englandAverages: englandAveragesFor(yearEnding), trend };
}

export async function oc2Csv(deps: Deps, { actor, yearEnding }: { actor: Actor | null; yearEnding: string }) {
  if (actor) await requirePermission(deps, { actor, resource: 'lac_report', action: 'read', auditAction: 'lac.oc2_csv' });
  const rows = oc2CsvRows({ yearEnding, children: await loadOc2Children(deps.db, yearEnding) });
  await recordAudit(deps.db, { actor, action: 'lac.oc2_csv', outcome: 'allowed', details: { yearEnding, rows: rows.length }, at: deps.clock.now() });
  return toCsv(rows);
}

function shiftYear(date: string, years: number): string {
  const [y, m, d] = date.split('-');
  const year = Number(y) + years;
  // 29 February year-ends shift to 28 February.
  const day = m === '02' && d === '29' && !((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0) ? '28' : d;
  return `${year}-${m}-${day}`;
}

export type { completeAssessmentBody };
