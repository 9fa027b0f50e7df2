import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { canPerform } from '../../../domain/access/permissions.js';
import { ageInYears } from '../../../domain/calendar/iso-date.js';
import { addWorkingHours, londonDateOf } from '../../../domain/calendar/working-days.js';
import { EVENT_TYPE_DEFINITIONS, type EventType } from '../../../domain/safeguarding/event-types.js';
import { REQUIRED_TARGETS, ROUTING_RULES_VERSION, type ChildStatus, type RouteTarget } from '../../../domain/safeguarding/routing-rules.js';
import { routeEvent, type RouteDecision } from '../../../domain/safeguarding/routing.js';
import type { RecordEventInput } from '../../../contracts/events.js';
import type { Db } from '../../db/database.js';
import { recordAudit, recordAuditBatch, type AuditEntry } from '../../audit/audit.js';
import { AppError, createForbiddenError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { bulkInsert } from '../../db/bulk.js';
import { bankHolidays } from '../lac-health/calendar.js';
import { withChild } from '../children/children.usecases.js';
import { onEventsRecorded, type RecordedEventRow } from '../safeguarding-loops/loops.hooks.js';
import { createSourceIdConflictError } from './events.errors.js';
import { loadExistingSourceIds, loadHouseholds, loadMissedAppointments, loadRoutingFacts, loadTeams, sourceKey, type ChildRoutingFacts, type TeamRow } from './events.repository.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

export interface EventSubmission {
  childId: string;
  input: RecordEventInput;
  /** The feed line, for error messages. */
  line?: number;
}

export interface RoutedItem {
  childId: string;
  teamId: string;
  teamName: string;
  ruleId: string;
  action: string;
  priority: string;
}

export interface RecordEventsResult {
  recorded: { eventId: string; childIds: string[]; duplicate: boolean; routed: RoutedItem[] }[];
}

/** Events may be dated up to five minutes ahead of our clock (a sender's clock drift), never later. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Records safeguarding events (#3) from the web, the API or a feed, in ONE transaction: each event is
 * written (an adult-focused event on every child of the household), routed to team worklists by the
 * versioned rules, handed to the closed-loop engine, and audited per child.
 *
 * checkScope: the actor records about a child they have in scope (withChild: 403/404, audited) — the
 * web and API. Feeds pass checkScope=false: the sender is a source system and needs the 'import' action.
 */
export async function recordEvents(
  deps: Deps,
  { actor, submissions, source, checkScope, tx }: { actor: Actor; submissions: readonly EventSubmission[]; source: 'ui' | 'api' | 'feed'; checkScope: boolean; tx?: Db },
): Promise<RecordEventsResult> {
  const now = deps.clock.now();
  refuseFutureEvents(submissions, now);
  if (checkScope) {
    if (submissions.length !== 1) throw new AppError({ code: 'events.one_at_a_time', statusCode: 400, message: 'Record one event at a time' });
    const [submission] = submissions as [EventSubmission];
    return withChild(
      deps,
      { actor, childId: submission.childId, resource: 'safeguarding_event', action: 'create', auditAction: 'event.record', details: { type: submission.input.type, source } },
      (inner) => writeEvents(inner, { actor, submissions, source, now, alreadyAudited: submission.childId }),
    ).catch(concurrentDuplicate);
  }
  if (!canPerform({ role: actor.role, resource: 'safeguarding_event', action: 'import' })) {
    await recordAudit(tx ?? deps.db, { actor, action: 'event.import', outcome: 'denied', details: { reason: 'role', rows: submissions.length }, at: now });
    throw createForbiddenError();
  }
  if (tx) return writeEvents(tx, { actor, submissions, source, now, alreadyAudited: null }).catch(concurrentDuplicate);
  return deps.db
    .transaction()
    .execute((inner) => writeEvents(inner, { actor, submissions, source, now, alreadyAudited: null }))
    .catch(concurrentDuplicate);
}

/** The same source ids sent twice at the same moment: the second sender's transaction loses the unique index race. */
function concurrentDuplicate(error: unknown): never {
  if (error && typeof error === 'object' && (error as { code?: string }).code === '23505' && String((error as { constraint?: string }).constraint ?? (error as Error).message).includes('child_events_source_key')) {
    throw new AppError({ code: 'events.concurrent_duplicate', statusCode: 409, message: 'The same events are being recorded by another import right now. Nothing was written; try again in a moment (already-recorded events will be skipped)' });
  }
  throw error;
}

function refuseFutureEvents(submissions: readonly EventSubmission[], now: Date): void {
  const future = submissions.filter((s) => Date.parse(s.input.occurredAt) > now.getTime() + FUTURE_TOLERANCE_MS);
  if (future.length === 0) return;
  const message = 'When it happened must be now or in the past';
  if (submissions.length === 1 && future[0]?.line === undefined) {
    throw new AppError({ code: 'validation.invalid', statusCode: 400, message, fieldErrors: { occurredAt: [message] } });
  }
  throw new AppError({
    code: 'validation.invalid',
    statusCode: 400,
    message: `${future.length} event(s) are dated in the future`,
    formErrors: future.slice(0, 50).map((s) => `${s.line !== undefined ? `Line ${s.line}: ` : ''}occurredAt ${s.input.occurredAt} is in the future`),
  });
}

interface PendingEvent {
  childId: string;
  eventId: string;
  submission: EventSubmission;
  householdEventId: string | null;
  occurredAt: Date;
}

async function writeEvents(
  tx: Db,
  { actor, submissions, source, now, alreadyAudited }: { actor: Actor; submissions: readonly EventSubmission[]; source: string; now: Date; alreadyAudited: string | null },
): Promise<RecordEventsResult> {
  const today = londonDate(now);
  const householdSeeds = submissions.filter((s) => EVENT_TYPE_DEFINITIONS[s.input.type as EventType].household).map((s) => s.childId);
  const households = await loadHouseholds(tx, { childIds: householdSeeds, today });

  // Expand to one pending row per child; a household event's copies share one household_event_id.
  const perSubmission = submissions.map((submission) => {
    const household = EVENT_TYPE_DEFINITIONS[submission.input.type as EventType].household;
    const childIds = [submission.childId, ...(household ? (households.get(submission.childId) ?? []) : [])];
    const householdEventId = household ? randomUUID() : null;
    return { submission, rows: childIds.map((childId): PendingEvent => ({ childId, eventId: randomUUID(), submission, householdEventId, occurredAt: new Date(submission.input.occurredAt) })) };
  });
  const allRows = perSubmission.flatMap((p) => p.rows);
  const allChildIds = [...new Set(allRows.map((r) => r.childId))];

  const [facts, teams, existing] = await Promise.all([
    loadRoutingFacts(tx, { childIds: allChildIds, today }),
    loadTeams(tx),
    loadExistingSourceIds(
      tx,
      allRows.flatMap((r) => (r.submission.input.sourceId ? [{ childId: r.childId, sourceSystem: sourceSystemOf(r, source), sourceId: r.submission.input.sourceId }] : [])),
    ),
  ]);
  const organisationIds = [...new Set(submissions.flatMap((s) => (s.input.organisationId ? [s.input.organisationId] : [])))];
  if (organisationIds.length > 0) {
    const known = new Set((await tx.selectFrom('organisations').select('id').where('id', 'in', organisationIds).execute()).map((o) => o.id));
    const bad = submissions.filter((s) => s.input.organisationId && !known.has(s.input.organisationId));
    if (bad.length > 0) {
      const message = 'Select an organisation CLASP knows (where it happened)';
      throw new AppError({ code: 'validation.invalid', statusCode: 400, message, fieldErrors: { organisationId: [message] }, formErrors: bad.slice(0, 50).flatMap((s) => (s.line !== undefined ? [`Line ${s.line}: unknown organisation ${s.input.organisationId}`] : [])) });
    }
  }
  const unknown = submissions.filter((s) => !facts.has(s.childId));
  if (unknown.length > 0) {
    throw new AppError({ code: 'events.unknown_child', statusCode: 400, message: 'No child found for one or more events', formErrors: unknown.slice(0, 50).map((s) => `${s.line !== undefined ? `Line ${s.line}: ` : ''}no child with id ${s.childId}`) });
  }

  // A re-sent event (same source system and id for the child) is idempotent; the same id for a different event is refused.
  const duplicates = new Set<PendingEvent>();
  const seen = new Map<string, PendingEvent>();
  for (const row of allRows) {
    const sourceId = row.submission.input.sourceId;
    if (!sourceId) continue;
    const key = sourceKey(row.childId, sourceSystemOf(row, source), sourceId);
    const before = existing.get(key);
    const earlier = seen.get(key);
    if (before || earlier) {
      const same = before ? before.type === row.submission.input.type && before.occurredAt.getTime() === row.occurredAt.getTime() : earlier!.submission.input.type === row.submission.input.type && earlier!.occurredAt.getTime() === row.occurredAt.getTime();
      if (!same) {
        throw createSourceIdConflictError({ message: `${row.submission.line !== undefined ? `Line ${row.submission.line}: ` : ''}source id ${sourceId} was already used for a different event` });
      }
      duplicates.add(row);
      continue;
    }
    seen.set(key, row);
  }
  const fresh = allRows.filter((r) => !duplicates.has(r));

  const missedChildren = [...new Set(fresh.filter((r) => r.submission.input.type === 'missed_appointment').map((r) => r.childId))];
  const earliest = Math.min(...fresh.map((r) => r.occurredAt.getTime()));
  const missed = await loadMissedAppointments(tx, { childIds: missedChildren, since: new Date(earliest - 366 * 86_400_000) });

  const teamResolver = new TeamResolver(teams, today);
  const escalateAt = new Map<number, Date>();
  const items: { row: PendingEvent; decision: RouteDecision; team: TeamRow & { reason?: string } }[] = [];
  for (const row of [...fresh].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    const child = facts.get(row.childId)!;
    const input = row.submission.input;
    const priorMissed = (missed.get(row.childId) ?? []).filter((t) => t.getTime() < row.occurredAt.getTime() && t.getTime() >= row.occurredAt.getTime() - 365 * 86_400_000).length;
    if (input.type === 'missed_appointment') missed.set(row.childId, [...(missed.get(row.childId) ?? []), row.occurredAt]);
    const decisions = routeEvent(
      { type: input.type as EventType, details: input.details },
      routingChild(child, londonDate(row.occurredAt), priorMissed),
    );
    const organisationId = input.organisationId ?? actor.organisationId;
    for (const decision of decisions) {
      for (const team of teamResolver.resolve(decision.target, child, organisationId)) items.push({ row, decision, team });
    }
  }

  await bulkInsert(tx, {
    table: 'child_events',
    columns: [
      ['child_id', 'uuid'], ['id', 'uuid'], ['type', 'text'], ['occurred_at', 'timestamptz'], ['organisation_id', 'uuid'], ['service', 'text'],
      ['source_system', 'text'], ['source_id', 'text'], ['significance', 'text'], ['confidentiality', 'text'], ['household_event_id', 'uuid'],
      ['summary', 'text'], ['details', 'jsonb'],
    ],
    rows: fresh.map((r) => {
      const input = r.submission.input;
      const definition = EVENT_TYPE_DEFINITIONS[input.type as EventType];
      return [
        r.childId, r.eventId, input.type, input.occurredAt, input.organisationId ?? actor.organisationId, definition.service,
        input.sourceId ? sourceSystemOf(r, source) : null, input.sourceId ?? null, input.significance ?? definition.defaultSignificance, input.confidentiality ?? 'standard', r.householdEventId,
        input.summary, JSON.stringify(input.details ?? {}),
      ];
    }),
    constants: {
      recorded_at: sql`${now.toISOString()}::timestamptz`,
      recorded_by: sql`${actor.userId === SYSTEM_USER_ID ? null : actor.userId}::uuid`,
      source: sql`${source}::text`,
      routing_version: sql`${ROUTING_RULES_VERSION}::integer`,
    },
  });

  const itemRows = items.map(({ row, decision, team }) => {
    let due = escalateAt.get(decision.acknowledgeWithinWorkingHours);
    if (!due) {
      due = new Date(addWorkingHours({ from: now.toISOString(), hours: decision.acknowledgeWithinWorkingHours, bankHolidays: bankHolidays() }));
      escalateAt.set(decision.acknowledgeWithinWorkingHours, due);
    }
    return { row, decision, team, id: randomUUID(), due };
  });
  await bulkInsert(tx, {
    table: 'worklist_items',
    columns: [
      ['child_id', 'uuid'], ['id', 'uuid'], ['event_id', 'uuid'], ['team_id', 'uuid'], ['rule_id', 'text'], ['rule_version', 'integer'],
      ['action', 'text'], ['priority', 'text'], ['reason', 'text'], ['escalate_at', 'timestamptz'],
    ],
    rows: itemRows.map(({ row, decision, team, id, due }) => [row.childId, id, row.eventId, team.id, decision.ruleId, decision.ruleVersion, decision.action, decision.priority, team.reason ? `${decision.reason} ${team.reason}` : decision.reason, due.toISOString()]),
    constants: { created_at: sql`${now.toISOString()}::timestamptz` },
    onConflictDoNothing: sql`(child_id, event_id, team_id, rule_id)`,
  });

  const recordedRows: RecordedEventRow[] = fresh.map((r) => ({
    childId: r.childId,
    eventId: r.eventId,
    type: r.submission.input.type,
    occurredAt: r.occurredAt,
    recordedAt: now,
    organisationId: r.submission.input.organisationId ?? actor.organisationId,
    details: r.submission.input.details ?? {},
  }));
  await onEventsRecorded(tx, { actor, events: recordedRows, now });

  const routedByEvent = new Map<string, RoutedItem[]>();
  for (const { row, decision, team } of itemRows) {
    const list = routedByEvent.get(row.eventId) ?? [];
    list.push({ childId: row.childId, teamId: team.id, teamName: team.name, ruleId: decision.ruleId, action: decision.action, priority: decision.priority });
    routedByEvent.set(row.eventId, list);
  }
  const audits: AuditEntry[] = fresh
    .filter((r) => r.childId !== alreadyAudited || r.submission.childId !== r.childId)
    .map((r) => ({
      actor,
      action: r.submission.childId === r.childId ? 'event.record' : 'event.record_household_copy',
      outcome: 'allowed',
      childId: r.childId,
      details: { eventId: r.eventId, type: r.submission.input.type, source, routedTo: (routedByEvent.get(r.eventId) ?? []).map((i) => i.teamId) },
      at: now,
    }));
  await recordAuditBatch(tx, audits);

  return {
    recorded: perSubmission.map(({ rows }) => {
      const primary = rows[0]!;
      const written = rows.filter((r) => !duplicates.has(r));
      return {
        eventId: primary.eventId,
        childIds: rows.map((r) => r.childId),
        duplicate: duplicates.has(primary),
        routed: written.flatMap((r) => routedByEvent.get(r.eventId) ?? []),
      };
    }),
  };
}

const SYSTEM_USER_ID = '00000000-0000-4000-8000-000000000000';

function sourceSystemOf(row: PendingEvent, source: string): string {
  return row.submission.input.sourceSystem ?? source;
}

const londonDate = (at: Date) => londonDateOf(at.getTime());

/**
 * Turns a route target into the child's actual teams. A target the child must always have (paediatric
 * liaison, 0-19, MASH health) never resolves to nothing: with no team found it goes to the team that
 * receives unallocated work, then to any team of that kind — and the item says why (hazard H-E2).
 */
class TeamResolver {
  private readonly byKind = new Map<string, TeamRow[]>();
  private readonly byId = new Map<string, TeamRow>();
  constructor(
    teams: readonly TeamRow[],
    private readonly today: string,
  ) {
    for (const team of teams) this.byId.set(team.id, team);
    for (const team of teams) this.byKind.set(team.kind, [...(this.byKind.get(team.kind) ?? []), team]);
  }

  private kind(kind: string): TeamRow[] {
    return this.byKind.get(kind) ?? [];
  }

  private allocated(child: ChildRoutingFacts, kinds: readonly string[]): TeamRow[] {
    const teams: TeamRow[] = [];
    for (const allocation of child.allocations) {
      const team = kinds.includes(allocation.teamKind) ? this.byId.get(allocation.teamId) : undefined;
      if (team && !teams.includes(team)) teams.push(team);
    }
    return teams;
  }

  private fallback(kind: string, why: string): (TeamRow & { reason: string })[] {
    const unallocated = this.kind(kind).filter((t) => t.receivesUnallocated);
    const safeguarding = this.kind('safeguarding').filter((t) => t.receivesUnallocated);
    const chosen = unallocated[0] ?? safeguarding[0] ?? this.kind(kind)[0] ?? this.kind('safeguarding')[0];
    return chosen ? [{ ...chosen, reason: `(${why}: sent to the team that takes unallocated work.)` }] : [];
  }

  resolve(target: RouteTarget, child: ChildRoutingFacts, organisationId: string): (TeamRow & { reason?: string })[] {
    const found = this.find(target, child, organisationId);
    if (found.length > 0 || !REQUIRED_TARGETS.has(target)) return found;
    switch (target) {
      case 'paediatric_liaison':
        return this.fallback('emergency_department', 'No paediatric liaison team at the organisation where it happened');
      case 'zero_to_nineteen':
        return this.fallback(zeroToNineteenKind(child, this.today), 'No health visitor or school nurse allocated');
      default:
        return this.fallback('mash_health', 'No MASH health team');
    }
  }

  private find(target: RouteTarget, child: ChildRoutingFacts, organisationId: string): TeamRow[] {
    switch (target) {
      case 'paediatric_liaison':
        return this.kind('emergency_department').filter((t) => t.organisationId === organisationId).slice(0, 1);
      case 'zero_to_nineteen':
        return this.allocated(child, ['health_visiting', 'school_nursing']);
      case 'gp':
        return child.registeredPracticeId ? this.kind('general_practice').filter((t) => t.organisationId === child.registeredPracticeId).slice(0, 1) : [];
      case 'lac_nurse':
        return child.statuses.has('looked_after') || child.statuses.has('care_leaver') ? this.kind('lac_health') : [];
      case 'camhs':
        return this.allocated(child, ['camhs', 'lac_camhs']);
      case 'midwife':
        return this.allocated(child, ['maternity']);
      case 'mash_health':
        return this.kind('mash_health');
    }
  }
}

/** The child as routing sees them on the event's day: an event before the child's birth routes as about an unborn child. */
function routingChild(child: ChildRoutingFacts, on: string, priorMissedAppointments: number) {
  const bornBy = child.dateOfBirth !== null && child.dateOfBirth <= on;
  return {
    ageYears: bornBy ? ageInYears({ dateOfBirth: child.dateOfBirth!, on }) : null,
    isUnborn: child.isUnborn || (child.dateOfBirth !== null && !bornBy),
    statuses: child.statuses as Set<ChildStatus>,
    priorMissedAppointments,
  };
}

/** Health visitors see children under 5 (and unborn children); school nurses 5–19. */
function zeroToNineteenKind(child: ChildRoutingFacts, today: string): string {
  if (child.isUnborn || !child.dateOfBirth) return 'health_visiting';
  if (child.dateOfBirth > today) return 'health_visiting';
  return ageInYears({ dateOfBirth: child.dateOfBirth, on: today }) < 5 ? 'health_visiting' : 'school_nursing';
}
