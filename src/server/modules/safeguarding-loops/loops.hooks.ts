import type { Db } from '../../db/database.js';
import { recordAuditBatch, type AuditEntry } from '../../audit/audit.js';
import type { Actor } from '../../shared/actor.js';
import { bankHolidays } from '../lac-health/calendar.js';
import { LOOP_RULES, mashDecisionDueAt, outcomeAcknowledgementDueAt, planReceivedDueAt, writtenConfirmationDueAt } from './loops.models.js';
import { conferencesAwaitingPlan, findMashLoopForReferral, insertLoop, insertSteps, markStepReceived, mashLoopsAwaitingDecision, openCamhsContributions, syncCamhsProgressLoops } from './loops.repository.js';

/** One event as written to child_events, passed to the closed-loop engine in the same transaction. */
export interface RecordedEventRow {
  childId: string;
  eventId: string;
  type: string;
  occurredAt: Date;
  recordedAt: Date;
  organisationId: string | null;
  details: Record<string, unknown>;
}

const LOOP_EVENT_TYPES = new Set(['mash_referral', 'mash_decision', 'cp_conference', 'camhs_progress_report']);
const PLAN_OUTCOMES = new Set(['plan_made', 'plan_continued', 'plan_ended']);
/** A conference outcome is matched to an invitation held up to this long before it (the outcome is recorded after the meeting). */
const CONFERENCE_MATCH_WINDOW_MS = 30 * 86_400_000;

/**
 * Called by the event log in the same transaction as every batch of events it writes (UI, API, feed),
 * so loops open and close whichever way an event arrives:
 * - a verbal `mash_referral` opens a MASH loop (written confirmation in 48 h, decision in 1 working day);
 *   a written one that confirms it closes the written step; a written one on its own opens a loop awaiting the decision;
 * - a `mash_decision` records the decision and opens "outcome returned to the referrer", which the referrer acknowledges;
 * - a `cp_conference` with its outcome marks the plan received on the conference's loop (opening one when
 *   the invitation was not sent through CLASP); each service files the plan through its worklist item;
 * - a `camhs_progress_report` marks the CAMHS progress requested for the LAC health assessment received.
 * Every change is audited in the same transaction.
 */
export async function onEventsRecorded(tx: Db, { actor, events, now }: { actor: Actor; events: readonly RecordedEventRow[]; now: Date }): Promise<void> {
  const relevant = events.filter((e) => LOOP_EVENT_TYPES.has(e.type));
  if (relevant.length === 0) return;
  const audit: AuditEntry[] = [];
  const note = (action: string, childId: string, details: Record<string, unknown>) => audit.push({ actor, action: `safeguarding_loop.${action}`, outcome: 'allowed', childId, details, at: now });
  const holidays = bankHolidays();
  // A feed's system actor is not a row in users/organisations: store who acted only when they are.
  const [user, organisation] = await Promise.all([
    tx.selectFrom('users').select('id').where('id', '=', actor.userId).executeTakeFirst(),
    tx.selectFrom('organisations').select('id').where('id', '=', actor.organisationId).executeTakeFirst(),
  ]);
  const by = { userId: user?.id ?? null, organisationId: organisation?.id ?? null };
  for (const event of relevant) {
    switch (event.type) {
      case 'mash_referral':
        await onMashReferral(tx, { by, event, holidays, note });
        break;
      case 'mash_decision':
        await onMashDecision(tx, { by, event, holidays, note });
        break;
      case 'cp_conference':
        await onConferenceOutcome(tx, { by, event, holidays, note });
        break;
      case 'camhs_progress_report':
        await onCamhsProgressReport(tx, { by, event, now, note });
        break;
      default:
        break;
    }
  }
  await recordAuditBatch(tx, audit);
}

type Note = (action: string, childId: string, details: Record<string, unknown>) => void;
interface Handler {
  /** The acting user and organisation, null when the actor is a system (feed) identity. */
  by: { userId: string | null; organisationId: string | null };
  event: RecordedEventRow;
  note: Note;
}

async function onMashReferral(tx: Db, { by, event, holidays, note }: Handler & { holidays: ReadonlySet<string> }) {
  const { childId, eventId, occurredAt, details } = event;
  const confirms = typeof details.confirmsVerbalReferralId === 'string' ? details.confirmsVerbalReferralId : null;
  if (details.mode === 'written' && confirms) {
    const loop = await findMashLoopForReferral(tx, { childId, referralEventId: confirms });
    if (loop) {
      const stepId = await markStepReceived(tx, { childId, loopId: loop.id, step: 'written_confirmation', at: occurredAt, by: by.userId, eventId });
      if (stepId) note('step_received', childId, { loopId: loop.id, stepId, step: 'written_confirmation', eventId });
      return;
    }
    // A written referral confirming a verbal one CLASP never saw: it opens its own loop below.
  }
  const referrerOrganisationId = event.organisationId ?? by.organisationId;
  const loopId = await insertLoop(tx, { childId, kind: 'mash_referral', openedAt: occurredAt, openedBy: by.userId, source_event_id: eventId, referrer_organisation_id: referrerOrganisationId, referral_mode: details.mode === 'verbal' ? 'verbal' : 'written' });
  await insertSteps(tx, {
    childId,
    loopId,
    steps: [
      ...(details.mode === 'verbal'
        ? [{ step: 'written_confirmation' as const, agency: 'referrer', agencyOrganisationId: referrerOrganisationId, expectedBy: writtenConfirmationDueAt({ referredAt: occurredAt, bankHolidays: holidays }), rule: LOOP_RULES.written_confirmation }]
        : []),
      { step: 'mash_decision', agency: 'mash', expectedBy: mashDecisionDueAt({ referredAt: occurredAt, bankHolidays: holidays }), rule: LOOP_RULES.mash_decision },
    ],
  });
  note('open', childId, { loopId, kind: 'mash_referral', mode: details.mode, eventId });
}

async function onMashDecision(tx: Db, { by, event, holidays, note }: Handler & { holidays: ReadonlySet<string> }) {
  const { childId, eventId, occurredAt, details } = event;
  const referralEventId = typeof details.referralEventId === 'string' ? details.referralEventId : null;
  let loop = referralEventId ? await findMashLoopForReferral(tx, { childId, referralEventId }) : undefined;
  if (!loop && !referralEventId) {
    // No link given: the decision closes the child's one referral awaiting a decision, if there is exactly one.
    const waiting = await mashLoopsAwaitingDecision(tx, { childId });
    if (waiting.length === 1) loop = waiting[0];
  }
  if (!loop) return;
  const decision = typeof details.decision === 'string' ? details.decision : null;
  const stepId = await markStepReceived(tx, { childId, loopId: loop.id, step: 'mash_decision', at: occurredAt, by: by.userId, eventId, note: decision });
  if (!stepId) return;
  note('step_received', childId, { loopId: loop.id, stepId, step: 'mash_decision', decision, eventId });
  const [outcomeStepId] = await insertSteps(tx, {
    childId,
    loopId: loop.id,
    steps: [
      {
        step: 'outcome_to_referrer',
        agency: 'referrer',
        agencyOrganisationId: loop.referrer_organisation_id,
        expectedBy: outcomeAcknowledgementDueAt({ decidedAt: occurredAt, bankHolidays: holidays }),
        rule: LOOP_RULES.outcome_to_referrer,
        needsAcknowledgement: true,
        received: { at: occurredAt, by: by.userId, eventId, note: decision },
      },
    ],
  });
  if (outcomeStepId) note('step_opened', childId, { loopId: loop.id, stepId: outcomeStepId, step: 'outcome_to_referrer' });
}

async function onConferenceOutcome(tx: Db, { by, event, holidays, note }: Handler & { holidays: ReadonlySet<string> }) {
  const { childId, eventId, occurredAt, details } = event;
  const kind = details.kind === 'review' ? 'review' : 'initial';
  const outcome = typeof details.outcome === 'string' ? details.outcome : null;
  const candidates = (await conferencesAwaitingPlan(tx, { childId, kind })).filter((l) => {
    const at = l.conference_at?.getTime() ?? 0;
    return at <= occurredAt.getTime() + 86_400_000 && at >= occurredAt.getTime() - CONFERENCE_MATCH_WINDOW_MS;
  });
  // The invitation nearest before the outcome; an outcome with no invitation in CLASP opens its own loop.
  const matched = candidates.at(-1);
  const loopId = matched?.id ?? (await insertLoop(tx, { childId, kind: 'cp_conference', openedAt: occurredAt, openedBy: by.userId, conference_kind: kind, conference_at: occurredAt }));
  if (!matched) note('open', childId, { loopId, kind: 'cp_conference', conferenceKind: kind, eventId });
  await tx.updateTable('safeguarding_loops').set({ plan_event_id: eventId }).where('child_id', '=', childId).where('id', '=', loopId).execute();
  const received = { at: occurredAt, by: by.userId, eventId, note: outcome };
  let stepId: string | null | undefined = await markStepReceived(tx, { childId, loopId, step: 'plan_received', ...received });
  if (!stepId) {
    [stepId] = await insertSteps(tx, { childId, loopId, steps: [{ step: 'plan_received', agency: 'childrens_social_care', expectedBy: planReceivedDueAt({ conferenceAt: matched?.conference_at ?? occurredAt, bankHolidays: holidays }), rule: LOOP_RULES.plan_received, received }] });
  }
  note('step_received', childId, { loopId, stepId: stepId ?? null, step: 'plan_received', outcome, plan: outcome !== null && PLAN_OUTCOMES.has(outcome), eventId });
}

async function onCamhsProgressReport(tx: Db, { by, event, now, note }: Handler & { now: Date }) {
  const { childId, eventId, occurredAt, details } = event;
  const open = await openCamhsContributions(tx, { childId });
  const contribution = open[0];
  if (!contribution) return;
  const reportDate = typeof details.reportDate === 'string' ? details.reportDate : occurredAt.toISOString().slice(0, 10);
  // Coordinated through data: the LAC pipeline sees its CAMHS contribution received (rec 3.9).
  await tx.updateTable('assessment_contributions').set({ received_on: reportDate }).where('child_id', '=', childId).where('id', '=', contribution.id).execute();
  await syncCamhsProgressLoops(tx, { childIds: [childId], now });
  const loop = await tx.selectFrom('safeguarding_loops').select('id').where('child_id', '=', childId).where('contribution_id', '=', contribution.id).executeTakeFirst();
  if (!loop) return;
  await tx.updateTable('safeguarding_loop_steps').set({ received_at: occurredAt, received_by: by.userId, received_event_id: eventId }).where('child_id', '=', childId).where('loop_id', '=', loop.id).where('step', '=', 'camhs_progress').execute();
  note('step_received', childId, { loopId: loop.id, step: 'camhs_progress', assessmentId: contribution.assessment_id, eventId });
}
