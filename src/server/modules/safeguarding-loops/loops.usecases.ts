import type { z } from 'zod';
import { canPerform } from '../../../domain/access/permissions.js';
import { canSeeContent, CONFIDENTIALITY, type ConfidentialityCategory } from '../../../domain/access/confidentiality.js';
import { addMonths } from '../../../domain/calendar/iso-date.js';
import { EVENT_TYPE_DEFINITIONS, type EventType } from '../../../domain/safeguarding/event-types.js';
import { deriveFlags } from '../../../domain/status/flags.js';
import type { createConferenceBody, GpReportDraft, LoopStepView, LoopView, recordReportBody } from '../../../contracts/safeguarding-loops.js';
import { recordAudit, recordAuditBatch } from '../../audit/audit.js';
import { createForbiddenError, fieldError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import { loadEpisodes, loadManualFlags, loadOrganisations, loadRecordParts } from '../children/children.repository.js';
import { withChild, type Deps } from '../children/children.usecases.js';
import type { ReportOverrideQuery } from '../../../contracts/consent.js';
import { checkReportOverride, reportInclusion } from '../consent/report-inclusion.js'; // #5 consent: report inclusion
import { bankHolidays } from '../lac-health/calendar.js';
import {
  createAlreadyAcknowledgedError,
  createConferenceNotFoundError,
  createNoAcknowledgementNeededError,
  createNotRecipientError,
  createNotYetReceivedError,
  createReportAlreadyReceivedError,
  createStepNotFoundError,
} from './loops.errors.js';
import { londonInstant } from '../../../domain/calendar/working-days.js';
import { assessStep, conferenceReportsDueAt, LOOP_RULES, planReceivedDueAt, reportStepFor, type LoopKind } from './loops.models.js';
import { findLoop, insertLoop, insertSteps, loadLoops, overdueStepsInScope, stampOverdueSteps, syncCamhsProgressLoops, type LoopRow, type PlanFilingRow, type StepRow } from './loops.repository.js';

export type { Deps };

const LOOP_LABELS: Record<LoopKind, string> = {
  mash_referral: 'MASH referral',
  cp_conference: 'Child protection conference',
  camhs_progress: 'CAMHS progress report before the health assessment',
};
const STEP_LABELS: Record<string, string> = {
  written_confirmation: 'Written confirmation of the verbal referral',
  mash_decision: 'MASH threshold decision',
  outcome_to_referrer: 'Outcome returned to the referrer',
  gp_report: 'GP report to conference',
  health_report: 'Health report to conference',
  plan_received: 'Child protection plan received',
  plan_filed: 'Plan filed on the service’s record',
  camhs_progress: 'CAMHS progress report',
};
const AGENCY_LABELS: Record<string, string> = {
  referrer: 'Referrer',
  mash: 'MASH',
  gp: 'GP practice',
  health_visiting: 'Health visiting',
  school_nursing: 'School nursing',
  camhs: 'CAMHS',
  midwifery: 'Midwifery',
  lac_health: 'LAC health team',
  paediatrics: 'Paediatrics',
  sexual_health: 'Sexual health',
  substance_misuse: 'Substance misuse',
  childrens_social_care: 'Children’s social care',
};
/** Safeguarding leads may acknowledge for any organisation (e.g. when the referrer has left). */
const ACKNOWLEDGE_FOR_ANY_ORGANISATION = new Set(['designated_nurse', 'designated_doctor', 'named_nurse']);

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function stepView(step: StepRow, names: Map<string, string>, now: Date): LoopStepView {
  const assessed = assessStep({ step: { expectedBy: step.expected_by, needsAcknowledgement: step.needs_acknowledgement, receivedAt: step.received_at, acknowledgedAt: step.acknowledged_at, escalatedAt: step.escalated_at }, now });
  return {
    id: step.id,
    step: step.step,
    label: STEP_LABELS[step.step] ?? step.step,
    agency: step.agency,
    agencyName: (step.agency_organisation_id ? names.get(step.agency_organisation_id) : undefined) ?? AGENCY_LABELS[step.agency] ?? null,
    expectedBy: step.expected_by.toISOString(),
    rule: step.rule,
    needsAcknowledgement: step.needs_acknowledgement,
    state: assessed.state,
    receivedAt: iso(step.received_at),
    receivedBy: step.received_by ? (names.get(step.received_by) ?? null) : null,
    acknowledgedAt: iso(step.acknowledged_at),
    acknowledgedBy: step.acknowledged_by ? (names.get(step.acknowledged_by) ?? null) : null,
    overdue: assessed.overdue,
    escalated: assessed.escalated,
    escalatedAt: iso(step.escalated_at),
    worklistItemId: null,
  };
}

/** A service's worklist item for the plan (rule cp-plan-every-service) is that service's "plan filed" step. */
function filingView(item: PlanFilingRow, names: Map<string, string>, now: Date): LoopStepView {
  const expectedBy = item.escalate_at ?? item.created_at;
  const assessed = assessStep({ step: { expectedBy, needsAcknowledgement: true, receivedAt: item.created_at, acknowledgedAt: item.acknowledged_at, escalatedAt: item.escalated_at }, now });
  return {
    id: item.id,
    step: 'plan_filed',
    label: STEP_LABELS.plan_filed!,
    agency: item.team_kind,
    agencyName: item.team_name,
    expectedBy: expectedBy.toISOString(),
    rule: LOOP_RULES.plan_filed,
    needsAcknowledgement: true,
    state: assessed.state,
    receivedAt: item.created_at.toISOString(),
    receivedBy: null,
    acknowledgedAt: iso(item.acknowledged_at),
    acknowledgedBy: item.acknowledged_by ? (names.get(item.acknowledged_by) ?? null) : null,
    overdue: assessed.overdue,
    escalated: assessed.escalated,
    escalatedAt: iso(item.escalated_at),
    worklistItemId: item.id,
  };
}

function loopViews({ loops, steps, filings, names }: Awaited<ReturnType<typeof loadLoops>>, now: Date): LoopView[] {
  return loops.map((loop: LoopRow) => {
    const views = [
      ...steps.filter((s) => s.loop_id === loop.id).map((s) => stepView(s, names, now)),
      ...(loop.plan_event_id ? filings.filter((f) => f.event_id === loop.plan_event_id).map((f) => filingView(f, names, now)) : []),
    ];
    const complete = views.every((v) => (v.needsAcknowledgement ? v.state === 'acknowledged' : v.state !== 'expected'));
    return {
      id: loop.id,
      kind: loop.kind as LoopKind,
      label: LOOP_LABELS[loop.kind as LoopKind] ?? loop.kind,
      status: complete && views.length > 0 ? 'closed' : 'open',
      openedAt: loop.opened_at.toISOString(),
      closedAt: complete && views.length > 0 ? latest(views) : null,
      sourceEventId: loop.source_event_id,
      planEventId: loop.plan_event_id,
      referralMode: loop.referral_mode,
      conferenceKind: loop.conference_kind,
      conferenceAt: iso(loop.conference_at),
      assessmentId: loop.assessment_id,
      overdue: views.some((v) => v.overdue),
      steps: views,
    };
  });
}

function latest(views: LoopStepView[]): string | null {
  const times = views.map((v) => v.acknowledgedAt ?? v.receivedAt).filter((t): t is string => Boolean(t));
  return times.length ? times.reduce((a, b) => (a > b ? a : b)) : null;
}

// ---------------------------------------------------------------------------------------------
// Reads

/** Every loop of a child with its steps: per agency, expected by, received, acknowledged, overdue/escalated. */
export async function getChildLoops(deps: Deps, { actor, childId }: { actor: Actor; childId: string }): Promise<{ loops: LoopView[] }> {
  const now = deps.clock.now();
  return withChild(deps, { actor, childId, resource: 'safeguarding_loop', action: 'read', auditAction: 'safeguarding_loop.read' }, async (tx) => {
    await syncCamhsProgressLoops(tx, { childIds: [childId], now });
    return { loops: loopViews(await loadLoops(tx, { childId }), now) };
  });
}

/** Overdue steps for every child in the actor's scope (team pages), oldest deadline first. */
export async function listOverdueSteps(deps: Deps, { actor, limit = 200 }: { actor: Actor; limit?: number }) {
  const at = { today: deps.clock.today(), now: deps.clock.now() };
  if (!canPerform({ role: actor.role, resource: 'safeguarding_loop', action: 'read' })) {
    await recordAudit(deps.db, { actor, action: 'safeguarding_loop.overdue_list', outcome: 'denied', details: { reason: 'role' }, at: at.now });
    throw createForbiddenError();
  }
  return deps.db.transaction().execute(async (tx) => {
    await syncCamhsProgressLoops(tx, { now: at.now });
    const { steps, filings } = await overdueStepsInScope(tx, { actor, at, limit });
    const names = new Map<string, string>();
    const rows = [
      ...steps.map((s) => ({ ...stepView(s, names, at.now), childId: s.child_id, childName: s.child_name, loopId: s.loop_id, loopKind: s.loop_kind })),
      ...filings.map((f) => ({
        ...filingView(f, names, at.now),
        childId: f.child_id,
        childName: f.child_name,
        loopId: f.loop_id,
        loopKind: 'cp_conference',
      })),
    ]
      .sort((a, b) => (a.expectedBy < b.expectedBy ? -1 : a.expectedBy > b.expectedBy ? 1 : 0))
      .slice(0, limit);
    await recordAudit(tx, { actor, action: 'safeguarding_loop.overdue_list', outcome: 'allowed', details: { resultChildIds: [...new Set(rows.map((r) => r.childId))] }, at: at.now });
    return { steps: rows };
  });
}

// ---------------------------------------------------------------------------------------------
// Child protection conference

/** An invitation to a CP conference opens its loop: a report due from each invited health service, then the plan. */
export async function inviteToConference(deps: Deps, { actor, childId, input }: { actor: Actor; childId: string; input: z.output<typeof createConferenceBody> }) {
  const now = deps.clock.now();
  const conferenceAt = new Date(input.conferenceAt);
  const holidays = bankHolidays();
  return withChild(deps, { actor, childId, resource: 'safeguarding_loop', action: 'create', auditAction: 'safeguarding_loop.conference_invite', details: { kind: input.kind, services: input.invitedServices } }, async (tx, { child }) => {
    const loopId = await insertLoop(tx, { childId, kind: 'cp_conference', openedAt: now, openedBy: actor.userId, conference_kind: input.kind, conference_at: conferenceAt });
    const reportsDueBy = conferenceReportsDueAt({ conferenceAt, kind: input.kind, bankHolidays: holidays });
    const rule = input.kind === 'initial' ? LOOP_RULES.gp_report_initial : LOOP_RULES.gp_report_review;
    await insertSteps(tx, {
      childId,
      loopId,
      steps: [
        ...input.invitedServices.map((agency) => ({ step: reportStepFor(agency), agency, agencyOrganisationId: agency === 'gp' ? child.registered_practice_id : null, expectedBy: reportsDueBy, rule })),
        { step: 'plan_received', agency: 'childrens_social_care', expectedBy: planReceivedDueAt({ conferenceAt, bankHolidays: holidays }), rule: LOOP_RULES.plan_received },
      ],
    });
    const [loop] = loopViews(await loadLoops(tx, { childId, loopIds: [loopId] }), now);
    return { conferenceId: loopId, loop: loop! };
  });
}

/** A conference report received from a health service (GP, health visitor, school nurse, CAMHS …). */
export async function recordConferenceReport(deps: Deps, { actor, childId, conferenceId, input }: { actor: Actor; childId: string; conferenceId: string; input: z.output<typeof recordReportBody> }) {
  const now = deps.clock.now();
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  return withChild(deps, { actor, childId, resource: 'safeguarding_loop', action: 'update', auditAction: 'safeguarding_loop.report_received', details: { conferenceId, agency: input.agency } }, async (tx, { child }) => {
    if (receivedAt.getTime() > now.getTime()) throw fieldError('receivedAt', 'The time the report was received must be now or in the past');
    const loop = await findLoop(tx, { childId, loopId: conferenceId });
    if (!loop || loop.kind !== 'cp_conference') throw createConferenceNotFoundError();
    const step = reportStepFor(input.agency);
    const existing = await tx.selectFrom('safeguarding_loop_steps').selectAll().where('child_id', '=', childId).where('loop_id', '=', conferenceId).where('step', '=', step).where('agency', '=', input.agency).executeTakeFirst();
    if (existing?.received_at) throw createReportAlreadyReceivedError();
    const received = { received_at: receivedAt, received_by: actor.userId, received_note: input.note ?? null };
    if (existing) {
      await tx.updateTable('safeguarding_loop_steps').set(received).where('child_id', '=', childId).where('id', '=', existing.id).execute();
    } else {
      // A report from a service that was not invited still counts; it is due when the others were.
      const kind = loop.conference_kind === 'review' ? 'review' : 'initial';
      await insertSteps(tx, {
        childId,
        loopId: conferenceId,
        steps: [{ step, agency: input.agency, agencyOrganisationId: input.agency === 'gp' ? child.registered_practice_id : null, expectedBy: conferenceReportsDueAt({ conferenceAt: loop.conference_at ?? now, kind, bankHolidays: bankHolidays() }), rule: kind === 'initial' ? LOOP_RULES.gp_report_initial : LOOP_RULES.gp_report_review, received: { at: receivedAt, by: actor.userId, note: input.note ?? null } }],
      });
    }
    const [view] = loopViews(await loadLoops(tx, { childId, loopIds: [conferenceId] }), now);
    return { loop: view! };
  });
}

/**
 * The GP's report to a conference, pre-filled from the child's record (flags, status episodes, household, GP
 * practice) and the last 12 months of the chronology (CQC Bedford 2015 rec 4.3: GPs' conference reports).
 * Entries in a confidentiality category the reader may not see are shown as restricted, with whom to ask;
 * categories that need a step-up are always restricted in a draft meant for sharing.
 */
export async function gpReportDraft(deps: Deps, { actor, childId, conferenceId, overrideQuery = {} }: { actor: Actor; childId: string; conferenceId: string; overrideQuery?: ReportOverrideQuery }): Promise<GpReportDraft> {
  const now = deps.clock.now();
  const today = deps.clock.today();
  const from = addMonths(today, -12);
  // #5 consent: a safeguarding override (`override=1&reason=…`) is checked before the record is read.
  const override = await checkReportOverride(deps.db, { actor, childId, query: overrideQuery, report: 'gp_report_draft', now });
  // withChild writes the allowed row after the work, from this object: how much of the chronology was
  // withheld from the reader is recorded in the same audit row, in the same transaction.
  const auditDetails: Record<string, unknown> = { conferenceId };
  return withChild(deps, { actor, childId, resource: 'safeguarding_loop', action: 'read', auditAction: 'safeguarding_loop.gp_report_draft', details: auditDetails }, async (tx, { child }) => {
    const loop = await findLoop(tx, { childId, loopId: conferenceId });
    if (!loop || loop.kind !== 'cp_conference') throw createConferenceNotFoundError();
    // #5 consent: entries of a non-standard category go in only with an include-in-report consent or the override.
    const inclusion = await reportInclusion(tx, { actor, childId, report: 'gp_report_draft', override, now, today });
    const [episodesMap, flagsMap, parts, orgs, gpStep, events] = await Promise.all([
      loadEpisodes(tx, [childId]),
      loadManualFlags(tx, [childId]),
      loadRecordParts(tx, childId),
      loadOrganisations(tx, [child.registered_practice_id]),
      tx.selectFrom('safeguarding_loop_steps').select('expected_by').where('child_id', '=', childId).where('loop_id', '=', conferenceId).where('step', '=', 'gp_report').executeTakeFirst(),
      tx
        .selectFrom('child_events')
        .select(['id', 'occurred_at', 'type', 'significance', 'confidentiality', 'summary'])
        .where('child_id', '=', childId)
        .where('occurred_at', '>=', new Date(londonInstant({ date: from, hour: 0 })))
        .where('occurred_at', '<=', now)
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1000)
        .execute(),
    ]);
    const episodes = episodesMap.get(childId) ?? [];
    const address = parts.addresses.find((a) => a.valid_to === null) ?? parts.addresses[0];
    const { omitted } = await inclusion.finish(events.map((e) => ({ eventId: e.id, category: e.confidentiality })));
    Object.assign(auditDetails, { omittedWithoutConsent: omitted, reportConsentIds: inclusion.consentIds, override: override !== null });
    const chronology = events.filter((e) => inclusion.includes(e.confidentiality)).reverse().map((e) => {
      const category = (Object.hasOwn(CONFIDENTIALITY, e.confidentiality) ? e.confidentiality : 'sealed_identity') as ConfidentialityCategory;
      const definition = CONFIDENTIALITY[category];
      const visible = canSeeContent({ role: actor.role, category, steppedUpAt: actor.steppedUpAt, now });
      return {
        eventId: e.id,
        occurredAt: e.occurred_at.toISOString(),
        type: e.type,
        label: EVENT_TYPE_DEFINITIONS[e.type as EventType]?.label ?? e.type,
        significance: e.significance,
        summary: visible ? e.summary : null,
        restricted: visible ? null : { category, label: definition.label, whomToAsk: definition.whomToAsk },
      };
    });
    auditDetails.entries = chronology.length;
    auditDetails.redacted = chronology.filter((e) => e.restricted !== null).length;
    const practice = child.registered_practice_id ? (orgs.get(child.registered_practice_id) ?? null) : null;
    return {
      conference: { id: loop.id, kind: loop.conference_kind, conferenceAt: iso(loop.conference_at), reportDueBy: iso(gpStep?.expected_by ?? null) },
      child: {
        id: child.id,
        name: `${child.given_name} ${child.family_name}`,
        dateOfBirth: child.date_of_birth,
        nhsNumber: child.nhs_number,
        address: address ? [address.line1, address.town, address.postcode].filter(Boolean).join(', ') : null,
      },
      gpPractice: practice,
      flags: deriveFlags({ episodes, manualFlags: flagsMap.get(childId) ?? [], today, dateOfBirth: child.date_of_birth, isUnborn: child.is_unborn }).map((f) => ({ code: f.code, label: f.label })),
      statusEpisodes: episodes.map((e) => ({ kind: e.kind, startedOn: e.startedOn, endedOn: e.endedOn, cpCategory: e.cpCategory ?? null })),
      household: parts.relationships.map((r) => ({ kind: r.kind, name: r.name ?? null, dateOfBirth: r.date_of_birth, livesWith: r.lives_with, hasParentalResponsibility: r.has_parental_responsibility ?? null })),
      chronology,
      chronologyFrom: from,
      omittedWithoutConsent: omitted,
      sectionsToComplete: [
        { id: 'attendance', heading: 'Attendance at appointments, immunisations and engagement with the practice' },
        { id: 'child_health', heading: 'The child’s health and development needs known to the practice' },
        { id: 'parents_and_carers', heading: 'Health of parents and carers relevant to the child’s safety (shared with consent or where justified)' },
        { id: 'analysis', heading: 'Analysis: concerns, strengths and the practice’s view of risk' },
        { id: 'recommendations', heading: 'Recommendations for the plan' },
      ],
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Acknowledgement and escalation

/** The receiving organisation acknowledges a step (the referrer acknowledging the MASH outcome). */
export async function acknowledgeStep(deps: Deps, { actor, childId, loopId, stepId }: { actor: Actor; childId: string; loopId: string; stepId: string }) {
  const now = deps.clock.now();
  return withChild(deps, { actor, childId, resource: 'safeguarding_loop', action: 'update', auditAction: 'safeguarding_loop.acknowledge', details: { loopId, stepId } }, async (tx) => {
    const step = await tx.selectFrom('safeguarding_loop_steps').selectAll().where('child_id', '=', childId).where('loop_id', '=', loopId).where('id', '=', stepId).executeTakeFirst();
    if (!step) throw createStepNotFoundError();
    if (!step.needs_acknowledgement) throw createNoAcknowledgementNeededError();
    if (!step.received_at) throw createNotYetReceivedError();
    if (step.acknowledged_at) throw createAlreadyAcknowledgedError();
    if (step.agency_organisation_id && step.agency_organisation_id !== actor.organisationId && !ACKNOWLEDGE_FOR_ANY_ORGANISATION.has(actor.role)) throw createNotRecipientError();
    await tx.updateTable('safeguarding_loop_steps').set({ acknowledged_at: now, acknowledged_by: actor.userId }).where('child_id', '=', childId).where('id', '=', stepId).execute();
    const [view] = loopViews(await loadLoops(tx, { childId, loopIds: [loopId] }), now);
    return { loop: view! };
  });
}

/**
 * The sweep (called by the lead's scheduler): every incomplete step past its time is stamped escalated and
 * audited, once. Overdue steps are shown as escalated before the sweep runs too (assessStep), so a late sweep
 * never hides one. A plan not filed by a service escalates through its worklist item (the worklist sweep).
 */
export async function escalateOverdueLoopSteps({ db, clock }: Deps) {
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    await syncCamhsProgressLoops(tx, { now });
    const rows = await stampOverdueSteps(tx, { now });
    await recordAuditBatch(
      tx,
      rows.map((r) => ({ actor: null, action: 'safeguarding_loop.escalate', outcome: 'allowed' as const, childId: r.child_id, details: { loopId: r.loop_id, stepId: r.id, step: r.step, agency: r.agency }, at: now })),
    );
    return { escalated: rows.map((r) => ({ childId: r.child_id, loopId: r.loop_id, stepId: r.id, step: r.step, agency: r.agency })) };
  });
}
