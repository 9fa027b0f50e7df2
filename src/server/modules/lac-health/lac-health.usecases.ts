import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { completeAssessmentBody, healthPlanBody, qaReviewBody, recordContributionBody, requestAssessmentBody, sdqBody, WorklistItem } from '../../../contracts/lac.js';
import { canPerform } from '../../../domain/access/permissions.js';
import type { Action, Resource } from '../../../domain/access/roles.js';
import { addWorkingDays } from '../../../domain/calendar/working-days.js';
import { ageInYears, compareIsoDates } from '../../../domain/calendar/iso-date.js';
import { pruneHiddenAnswers, validateAnswers, type Answers } from '../../../domain/forms/form-definition.js';
import { latestForm } from '../../../domain/forms/registry.js';
import { voiceOfChildCompleteness } from '../../../domain/forms/voice-of-child.js';
import { carryForwardActions, checkSmartPlan, type HealthPlanAction } from '../../../domain/lac/health-plan.js';
import { scoreQaReview, summariseQa } from '../../../domain/lac/qa-checklist.js';
import { careLeaverOfferEndsOn, careLeaverReviewDueOn, nextHealthAssessment, periodOfCareStart, healthAssessmentExceptions, type HealthAssessmentKind } from '../../../domain/lac/health-assessment-clocks.js';
import { computeOc2, englandAveragesFor, oc2CsvRows, oc2YearStart, toCsv, type Oc2Child } from '../../../domain/lac/oc2.js';
import { SDQ_SCORING_VERSION, scoreSdq, sdqScoresFromTotal } from '../../../domain/lac/sdq.js';
import type { Db } from '../../db/database.js';
import { recordAudit } from '../../audit/audit.js';
import { createForbiddenError, fieldError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { withChild } from '../children/children.usecases.js';
import { childScopeSql } from '../children/children.scope.js';
import { createAssessmentAlreadyOpenError, createAssessmentClosedError, createAssessmentNotFoundError, createFormInvalidError, createNotLookedAfterError, createPlanNotSmartError } from './lac-health.errors.js';
import { bankHolidays } from './calendar.js';
import { findCurrentlyLookedAfter, findLookedAfterBetween, loadActivities, loadContributions, loadLacEpisodes, loadOpenAssessments, type ActivityRow, type LacEpisodeRow } from './lac-health.repository.js';

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

function completedAssessments(activities: readonly ActivityRow[]) {
  return activities
    .filter((a) => a.activity === 'health_assessment' && (a.result === 'IHA' || a.result === 'RHA'))
    .map((a) => ({ kind: a.result as HealthAssessmentKind, completedOn: a.activity_on }));
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
    const completed = completedAssessments(activities.get(child.id) ?? []);
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
      assessments: completedAssessments(activities),
      today,
      bankHolidays: bankHolidays(),
    });
    if (input.bookedAt && input.bookedAt.slice(0, 10) < today) throw fieldError('bookedAt', 'The appointment must be today or later');
    const open = await tx.selectFrom('health_assessments').select('id').where('child_id', '=', childId).where('status', 'in', ['requested', 'booked']).executeTakeFirst();
    if (open) throw createAssessmentAlreadyOpenError();
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
  // A refusal or missed appointment stays on the list until a later assessment is completed.
  const rows = ids.length
    ? await deps.db
        .selectFrom('health_assessments as h')
        .select(['h.child_id', 'h.kind', 'h.status', 'h.due_on'])
        .where('h.child_id', 'in', ids)
        .where('h.status', 'in', ['declined', 'did_not_attend'])
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('health_assessments as later').select('later.id').whereRef('later.child_id', '=', 'h.child_id').where('later.status', '=', 'completed').whereRef('later.completed_on', '>=', 'h.due_on'))),
        )
        .execute()
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

/** Children with a looked-after episode in [from, yearEnding], with their episodes and health activity. */
async function loadOc2Children(db: Db, { from, yearEnding }: { from: string; yearEnding: string }): Promise<Oc2Child[]> {
  const children = await findLookedAfterBetween(db, { from, to: yearEnding });
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
 * names). Trends: the same figures for the two previous years, computed from one load of the data.
 */
export async function oc2Report(deps: Deps, { actor, yearEnding, withTrend = false }: { actor: Actor | null; yearEnding: string; withTrend?: boolean }) {
  if (actor) await requirePermission(deps, { actor, resource: 'lac_report', action: 'read', auditAction: 'lac.oc2' });
  const years = withTrend ? [shiftYear(yearEnding, -2), shiftYear(yearEnding, -1), yearEnding] : [yearEnding];
  const children = await loadOc2Children(deps.db, { from: oc2YearStart(years[0]!), yearEnding });
  const figuresFor = (ending: string) => {
    // A child is in a year's cohort only by its episodes up to that year's end.
    const { children: _children, excluded: _excluded, ...figures } = computeOc2({ yearEnding: ending, children });
    return figures;
  };
  const trend = withTrend ? years.map(figuresFor) : [];
  const current = trend.at(-1) ?? figuresFor(yearEnding);
  await recordAudit(deps.db, { actor, action: 'lac.oc2', outcome: 'allowed', details: { yearEnding }, at: deps.clock.now() });
  return { ...current, englandAverages: englandAveragesFor(yearEnding), trend };
}

export async function oc2Csv(deps: Deps, { actor, yearEnding }: { actor: Actor | null; yearEnding: string }) {
  if (actor) await requirePermission(deps, { actor, resource: 'lac_report', action: 'read', auditAction: 'lac.oc2_csv' });
  const rows = oc2CsvRows({ yearEnding, children: await loadOc2Children(deps.db, { from: oc2YearStart(yearEnding), yearEnding }) });
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


// ---------------------------------------------------------------------------------------------
// Completing an assessment on its versioned form

const FORM_FOR_KIND: Record<HealthAssessmentKind, string> = { IHA: 'initial-health-assessment', RHA: 'review-health-assessment' };

export async function completeHealthAssessment(deps: Deps, { actor, childId, assessmentId, input }: { actor: Actor; childId: string; assessmentId: string; input: z.output<typeof completeAssessmentBody> }) {
  const form = await withChild(deps, { actor, childId, resource: 'health_assessment', action: 'update', auditAction: 'health_assessment.complete', details: { assessmentId } }, async (tx, { child }) => {
    const row = await tx.selectFrom('health_assessments').selectAll().where('child_id', '=', childId).where('id', '=', assessmentId).executeTakeFirst();
    if (!row) throw createAssessmentNotFoundError();
    if (!['requested', 'booked'].includes(row.status)) throw createAssessmentClosedError();
    const today = deps.clock.today();
    if (compareIsoDates(input.completedOn, today) > 0) throw fieldError('completedOn', 'The date of the assessment must be today or in the past');
    // Found by the property tests: a date before the child was born was a 500 (age cannot be computed).
    if (child.date_of_birth && compareIsoDates(input.completedOn, child.date_of_birth) < 0) throw fieldError('completedOn', 'The date of the assessment must be on or after the child’s date of birth');
    const definition = latestForm(FORM_FOR_KIND[row.kind as HealthAssessmentKind]);
    if (!definition) throw new Error(`no form for ${row.kind}`);
    const context = { ageYears: child.date_of_birth ? ageInYears({ dateOfBirth: child.date_of_birth, on: input.completedOn }) : null, today };
    const answers = input.answers as Answers;
    const validation = validateAnswers({ form: definition, answers, context });
    if (!validation.valid) throw createFormInvalidError({ fieldErrors: Object.fromEntries(Object.entries(validation.fieldErrors).map(([k, v]) => [`answers.${k}`, [...v]])) });
    // A late assessment needs its reason recorded (worklist breach reasons).
    const late = compareIsoDates(input.completedOn, row.due_on) > 0;
    const breachReason = input.breachReason ?? row.breach_reason;
    if (late && !breachReason) throw fieldError('breachReason', `This assessment was due on ${row.due_on}: enter why it is late`);
    await tx
      .updateTable('health_assessments')
      .set({
        status: 'completed',
        completed_on: input.completedOn,
        form_id: definition.id,
        form_version: definition.version,
        answers: JSON.stringify(pruneHiddenAnswers({ form: definition, answers, context })),
        practitioner_id: actor.userId,
        team_id: actor.teamId,
        breach_reason: breachReason ?? null,
        updated_at: deps.clock.now(),
      })
      .where('child_id', '=', childId)
      .where('id', '=', assessmentId)
      .execute();
    // What the assessment found feeds the OC2 figures and the passport like any other health activity.
    const source = `${row.kind} ${input.completedOn}`;
    const activity = (kind: string, on: string, result: string | null) =>
      tx.insertInto('health_activities').values({ child_id: childId, id: randomUUID(), activity: kind, activity_on: on, result, source, source_key: `assessment:${assessmentId}:${kind}`, recorded_by: actor.userId }).execute();
    const dentalOn = answers.lastDentalCheckOn;
    if (typeof dentalOn === 'string' && dentalOn) await activity('dental_check', dentalOn, null);
    const immunisations = answers.immunisationsUpToDate;
    if (immunisations === 'yes' || immunisations === 'no') await activity('immunisation_status', input.completedOn, immunisations === 'yes' ? 'up_to_date' : 'not_up_to_date');
    return { formId: definition.id, formVersion: definition.version, voiceOfChild: voiceOfChildCompleteness(answers) };
  });
  return form;
}

// ---------------------------------------------------------------------------------------------
// Health plans: every action SMART; unmet actions carry forward

type PlanActionRow = { id: string; plan_id: string; need: string; action: string; owner_name: string; owner_role: string; measurable_outcome: string; due_on: string; status: string; carried_from_action_id: string | null; history: unknown };

function toDomainAction(row: PlanActionRow): HealthPlanAction {
  return {
    id: row.id,
    need: row.need,
    action: row.action,
    ownerName: row.owner_name,
    ownerRole: row.owner_role,
    measurableOutcome: row.measurable_outcome,
    dueOn: row.due_on,
    status: row.status as HealthPlanAction['status'],
    carriedFromActionId: row.carried_from_action_id,
    history: (typeof row.history === 'string' ? JSON.parse(row.history) : row.history) as HealthPlanAction['history'],
  };
}

async function latestPlanActions(tx: Db, childId: string): Promise<HealthPlanAction[]> {
  const plan = await tx.selectFrom('health_plans').select('id').where('child_id', '=', childId).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
  if (!plan) return [];
  const rows = await tx.selectFrom('health_plan_actions').selectAll().where('child_id', '=', childId).where('plan_id', '=', plan.id).execute();
  return rows.map(toDomainAction);
}

/** The draft of a new plan: the previous plan's unmet and open actions, carried forward with their history. */
export async function draftHealthPlan(deps: Deps, { actor, childId }: { actor: Actor; childId: string }) {
  return withChild(deps, { actor, childId, resource: 'health_plan', action: 'read', auditAction: 'health_plan.draft' }, async (tx) => {
    const previous = await latestPlanActions(tx, childId);
    const { carried } = carryForwardActions({ previousActions: previous, newPlanOn: deps.clock.today() });
    return { previousActions: previous, carriedForward: carried };
  });
}

export async function createHealthPlan(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof healthPlanBody> }) {
  const planId = randomUUID();
  const today = deps.clock.today();
  await withChild(deps, { actor, childId, resource: 'health_plan', action: 'create', auditAction: 'health_plan.create', details: { planId, actions: input.actions.length } }, async (tx) => {
    const check = checkSmartPlan({ actions: input.actions.map((a) => ({ ...a, dueOn: a.dueOn || null })), today });
    const fieldErrors: Record<string, string[]> = {};
    check.actions.forEach((result, index) => {
      for (const failure of result.failures) (fieldErrors[`actions.${index}.${failure.field}`] ??= []).push(`${failure.letter} — ${failure.message}`);
    });
    if (input.actions.length === 0) fieldErrors.actions = ['Add at least one action to the health plan'];
    if (Object.keys(fieldErrors).length > 0) throw createPlanNotSmartError({ fieldErrors });
    const previous = await latestPlanActions(tx, childId);
    const reviewed = new Map(input.reviewedActions.map((r) => [r.id, r.status]));
    // Actions reviewed as met or unmet at this assessment; the rest keep their status until carried forward.
    const afterReview = previous.map((a) => (reviewed.has(a.id) ? { ...a, status: reviewed.get(a.id)!, history: [...a.history, { on: today, event: reviewed.get(a.id)! }] } : a));
    const { carriedFromIds } = carryForwardActions({ previousActions: afterReview, newPlanOn: today });
    const carriedFromSet = new Set(carriedFromIds);
    const missingCarry = [...carriedFromSet].filter((id) => !input.actions.some((a) => a.carriedFromActionId === id));
    if (missingCarry.length > 0) {
      throw createPlanNotSmartError({
        message: 'Every unmet or open action from the previous plan must be carried forward (or reviewed as met)',
        fieldErrors: { actions: missingCarry.map((id) => `The previous action "${previous.find((a) => a.id === id)?.action ?? id}" is not met: carry it forward or record it as met`) },
      });
    }
    for (const action of afterReview) {
      const status = carriedFromSet.has(action.id) ? 'carried_forward' : action.status;
      await tx.updateTable('health_plan_actions').set({ status, history: JSON.stringify(carriedFromSet.has(action.id) ? [...action.history, { on: today, event: 'carried_forward' }] : action.history) }).where('child_id', '=', childId).where('id', '=', action.id).execute();
    }
    const last = await tx.selectFrom('health_plans').select((eb) => eb.fn.max('sequence').as('n')).where('child_id', '=', childId).executeTakeFirst();
    await tx.insertInto('health_plans').values({ child_id: childId, id: planId, assessment_id: input.assessmentId ?? null, sequence: Number(last?.n ?? 0) + 1, created_on: today, created_by: actor.userId }).execute();
    for (const action of input.actions) {
      const from = action.carriedFromActionId ? afterReview.find((a) => a.id === action.carriedFromActionId) : undefined;
      const history = [...(from?.history ?? []), ...(from ? [{ on: today, event: 'carried_forward', fromActionId: from.id }] : [{ on: today, event: 'created' }])];
      await tx
        .insertInto('health_plan_actions')
        .values({ child_id: childId, id: randomUUID(), plan_id: planId, need: action.need, action: action.action, owner_name: action.ownerName, owner_role: action.ownerRole, measurable_outcome: action.measurableOutcome, due_on: action.dueOn, status: 'open', carried_from_action_id: from?.id ?? null, history: JSON.stringify(history) })
        .execute();
    }
  });
  return { planId };
}

// ---------------------------------------------------------------------------------------------
// Quality assurance (rec 1.6)

export async function recordQaReview(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof qaReviewBody> }) {
  const id = randomUUID();
  const score = scoreQaReview({ answers: input.answers });
  await withChild(deps, { actor, childId, resource: 'qa_review', action: 'create', auditAction: 'qa_review.create', details: { qaReviewId: id, assessmentId: input.assessmentId } }, async (tx) => {
    const assessment = await tx.selectFrom('health_assessments').select(['status', 'practitioner_id', 'team_id', 'out_of_area']).where('child_id', '=', childId).where('id', '=', input.assessmentId).executeTakeFirst();
    if (!assessment) throw createAssessmentNotFoundError();
    if (assessment.status !== 'completed') throw fieldError('assessmentId', 'Only a completed assessment can be quality assured');
    if (!score.complete) throw createFormInvalidError({ message: 'Answer every item of the checklist', fieldErrors: Object.fromEntries([...score.missing, ...score.invalid].map((item) => [`answers.${item}`, ['Answer met, not met or not applicable']])) });
    await tx
      .insertInto('qa_reviews')
      .values({ child_id: childId, id, assessment_id: input.assessmentId, checklist_id: score.checklistId, checklist_version: score.checklistVersion, answers: JSON.stringify(input.answers), score: score.score, max_score: score.maxScore, reviewer_id: actor.userId, practitioner_id: assessment.practitioner_id, team_id: assessment.team_id, internal: !assessment.out_of_area, reviewed_at: deps.clock.now() })
      .execute();
  });
  return { id, ...score };
}

export async function qaSummary(deps: Deps, { actor }: { actor: Actor }) {
  await requirePermission(deps, { actor, resource: 'qa_review', action: 'read', auditAction: 'qa_review.summary' });
  const rows = await deps.db
    .selectFrom('qa_reviews as q')
    .leftJoin('users as u', 'u.id', 'q.practitioner_id')
    .leftJoin('teams as t', 't.id', 'q.team_id')
    .select(['q.score', 'q.max_score', 'q.internal', 'q.answers', 'u.display_name', 't.name as team_name'])
    .execute();
  await recordAudit(deps.db, { actor, action: 'qa_review.summary', outcome: 'allowed', at: deps.clock.now() });
  // The voice of the child KPI (rec 1.2): completed assessments whose "in my own words" section is complete.
  const completed = await deps.db.selectFrom('health_assessments').select('answers').where('status', '=', 'completed').execute();
  const complete = completed.filter((a) => a.answers && voiceOfChildCompleteness((typeof a.answers === 'string' ? JSON.parse(a.answers) : a.answers) as Answers).complete).length;
  const voiceOfChild = { assessments: completed.length, complete, percent: completed.length ? Math.round((1000 * complete) / completed.length) / 10 : null };
  return {
    voiceOfChild,
    ...summariseQa(
    rows.map((r) => ({
      practitionerId: r.display_name ?? 'Out-of-area provider',
      teamId: r.team_name ?? 'Out-of-area provider',
      internal: r.internal,
      score: r.score,
      maxScore: r.max_score,
      answers: (typeof r.answers === 'string' ? JSON.parse(r.answers) : r.answers) as Record<string, string>,
    })),
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// The child's LAC health page, and the care leaver's health passport

export async function childLacHealth(deps: Deps, { actor, childId }: { actor: Actor; childId: string }) {
  return withChild(deps, { actor, childId, resource: 'health_assessment', action: 'read', auditAction: 'lac_health.read' }, async (tx, { child }) => {
    const today = deps.clock.today();
    const [episodes, activities, assessments, sdq, actions, contributions, careLeaver] = await Promise.all([
      loadLacEpisodes(tx, [childId]),
      loadActivities(tx, [childId]),
      tx.selectFrom('health_assessments').selectAll().where('child_id', '=', childId).orderBy('due_on', 'desc').execute(),
      tx.selectFrom('sdq_returns').select(['id', 'completed_on', 'emotional', 'conduct', 'hyperactivity', 'peer', 'prosocial', 'total_difficulties', 'band']).where('child_id', '=', childId).orderBy('completed_on').execute(),
      latestPlanActions(tx, childId),
      tx.selectFrom('assessment_contributions').selectAll().where('child_id', '=', childId).execute(),
      tx.selectFrom('status_episodes').select(['started_on', 'ended_on', 'extended_to_25']).where('child_id', '=', childId).where('kind', '=', 'care_leaver').orderBy('started_on', 'desc').executeTakeFirst(),
    ]);
    const childEpisodes = episodes.get(childId) ?? [];
    const start = periodOfCareStart({ episodes: careEpisodes(childEpisodes), today });
    const completed = completedAssessments(activities.get(childId) ?? []);
    const booking = assessments.find((a) => a.status === 'booked' && a.booked_at);
    const next =
      start && child.date_of_birth
        ? nextHealthAssessment({
            periodOfCareStartedOn: start,
            dateOfBirth: child.date_of_birth,
            assessments: completed,
            booked: booking ? { kind: booking.kind as HealthAssessmentKind, bookedOn: new Date(booking.booked_at!).toISOString().slice(0, 10) } : null,
            today,
            bankHolidays: bankHolidays(),
          })
        : null;
    const lastCompleted = completed.map((c) => c.completedOn).sort().at(-1) ?? null;
    const careLeaverReview = careLeaver && child.date_of_birth
      ? { offerEndsOn: careLeaverOfferEndsOn({ dateOfBirth: child.date_of_birth, extendedTo25: careLeaver.extended_to_25 }), nextReviewDue: careLeaverReviewDueOn({ dateOfBirth: child.date_of_birth, extendedTo25: careLeaver.extended_to_25, leftCareOn: careLeaver.started_on, lastReviewOn: lastCompleted }) }
      : null;
    return {
      lookedAfter: Boolean(start),
      periodOfCareStartedOn: start,
      next,
      careLeaver: careLeaverReview,
      assessments: assessments.map((a) => ({
        id: a.id,
        kind: a.kind,
        status: a.status,
        dueOn: a.due_on,
        bookedAt: a.booked_at ? new Date(a.booked_at).toISOString() : null,
        location: a.location,
        completedOn: a.completed_on,
        formId: a.form_id,
        formVersion: a.form_version,
        breachReason: a.breach_reason,
        outOfArea: a.out_of_area,
        hostArea: a.host_area,
        voiceOfChild: a.answers ? voiceOfChildCompleteness((typeof a.answers === 'string' ? JSON.parse(a.answers) : a.answers) as Answers) : null,
        contributions: contributions.filter((c) => c.assessment_id === a.id).map((c) => ({ contributor: c.contributor, requestedOn: c.requested_on, dueOn: c.due_on, receivedOn: c.received_on })),
      })),
      activities: (activities.get(childId) ?? []).map((a) => ({ activity: a.activity, on: a.activity_on, result: a.result })),
      sdqTrend: sdq.map((s) => ({ completedOn: s.completed_on, totalDifficulties: s.total_difficulties, band: s.band, emotional: s.emotional, conduct: s.conduct, hyperactivity: s.hyperactivity, peer: s.peer, prosocial: s.prosocial })),
      planActions: actions,
    };
  });
}

/**
 * Care leavers and their next proactive health review (to 21, or 25 on request) — scheduled by CLASP,
 * not waiting for social care to ask (CQC Bedford 2015 4.8, rec 1.5). A passport is offered from 16.
 */
export async function careLeaverWorklist(deps: Deps, { actor }: { actor: Actor }) {
  await requirePermission(deps, { actor, resource: 'health_assessment', action: 'read', auditAction: 'lac.care_leavers' });
  const { db, clock } = deps;
  const today = clock.today();
  const at = { today, now: clock.now() };
  const rows = await db
    .selectFrom('children as c')
    .innerJoin('status_episodes as se', 'se.child_id', 'c.id')
    .select(['c.id', 'c.la_child_id', 'c.given_name', 'c.family_name', 'c.date_of_birth', 'se.started_on', 'se.extended_to_25'])
    .where('se.kind', '=', 'care_leaver')
    .where((eb) => eb.or([eb('se.ended_on', 'is', null), eb('se.ended_on', '>=', today)]))
    .where(childScopeSql(actor, at))
    .orderBy('c.family_name')
    .execute();
  const activities = await loadActivities(db, rows.map((r) => r.id));
  const items = rows
    .filter((r) => r.date_of_birth && compareIsoDates(today, careLeaverOfferEndsOn({ dateOfBirth: r.date_of_birth, extendedTo25: r.extended_to_25 })) < 0)
    .map((r) => {
      const lastReviewOn = completedAssessments(activities.get(r.id) ?? []).map((a) => a.completedOn).sort().at(-1) ?? null;
      const nextReviewDue = careLeaverReviewDueOn({ dateOfBirth: r.date_of_birth!, extendedTo25: r.extended_to_25, leftCareOn: r.started_on, lastReviewOn });
      return {
        childId: r.id,
        laChildId: r.la_child_id,
        name: `${r.given_name} ${r.family_name}`,
        dateOfBirth: r.date_of_birth!,
        ageYears: ageInYears({ dateOfBirth: r.date_of_birth!, on: today }),
        offerEndsOn: careLeaverOfferEndsOn({ dateOfBirth: r.date_of_birth!, extendedTo25: r.extended_to_25 }),
        extendedTo25: r.extended_to_25,
        lastReviewOn,
        nextReviewDue,
        status: nextReviewDue === null ? ('offer_ending' as const) : compareIsoDates(nextReviewDue, today) < 0 ? ('overdue' as const) : ('due' as const),
      };
    });
  await recordAudit(db, { actor, action: 'lac.care_leavers', outcome: 'allowed', details: { resultChildIds: items.map((i) => i.childId) }, at: clock.now() });
  return { items };
}
