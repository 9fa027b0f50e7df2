import type { z } from 'zod';
import type { AccessRow, AccessReviewResponse, accessReviewQuery, AuditExportResponse, AuditExportRow, UnusualAccessResponse } from '../../../contracts/access-review.js';
import { ACCESS_PATTERN_RULES, manyChildrenThreshold, UNUSUAL_REASONS, unusualReasonsForAccess, unusualReasonsForPerson, type AuditOutcomeCode, type UnusualReason } from '../../../domain/access/access-patterns.js';
import { canPerform } from '../../../domain/access/permissions.js';
import { describeAccessBasis, describeAuditAction, describeAuditOutcome, describeChannel, describeRole } from '../../../domain/access/audit-vocabulary.js';
import { addDays, daysBetween } from '../../../domain/calendar/iso-date.js';
import { chainHash, recordAudit } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { createForbiddenError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { SYSTEM_ACTOR } from '../../shared/system-actor.js';
import { childrenInScope } from '../children/children.repository.js';
import { withChild } from '../children/children.usecases.js';
import { csvLine } from '../chronology/chronology.models.js';
import { createAuditUserNotFoundError, createNotNamedProfessionalError, exportPeriodOrderError, exportSubjectError, periodOrderError, periodTooLongError } from './access-review.errors.js';
import {
  activityByUser,
  areaWideChildrenByActor,
  auditRowsBatch,
  CHILD_REVIEW_ROW_LIMIT,
  childAccessRows,
  childListAppearances,
  childNames,
  childrenByUser,
  userExists,
  type AuditEventRow,
  type ChildAccessRow,
  type Period,
} from './access-review.repository.js';

export interface Deps {
  db: Db;
  clock: Clock;
}

/** Without dates a review covers the last 30 days; at most a year and a day at once. */
export const DEFAULT_REVIEW_DAYS = 30;
export const MAX_REVIEW_DAYS = 366;

function resolvePeriod(clock: Clock, query: { from?: string | undefined; to?: string | undefined }): Period & { days: number } {
  const to = query.to ?? clock.today();
  const from = query.from ?? addDays(to, -(DEFAULT_REVIEW_DAYS - 1));
  if (from > to) throw periodOrderError();
  const days = daysBetween({ from, to }) + 1;
  if (days > MAX_REVIEW_DAYS) throw periodTooLongError(MAX_REVIEW_DAYS);
  return { from, to, days };
}

interface ParsedRecord {
  role: string | null;
  channel: string | null;
  basis: string | null;
  reason: string | null;
}

function parseRecord(record: string): ParsedRecord {
  const parsed = JSON.parse(record) as { role?: string | null; channel?: string | null; details?: { basis?: unknown; reason?: unknown } };
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return { role: parsed.role ?? null, channel: parsed.channel ?? null, basis: text(parsed.details?.basis), reason: text(parsed.details?.reason) };
}

function personName(row: { display_name: string | null; actor_id: string | null }): string {
  if (row.display_name) return row.display_name;
  if (row.actor_id === SYSTEM_ACTOR.userId) return 'System (command line)';
  return row.actor_id ? 'Unknown user' : 'System (no named user)';
}

function toAccessRow(row: ChildAccessRow, listed = false): AccessRow {
  const record = parseRecord(row.record);
  const outcome = row.outcome as AuditOutcomeCode;
  return {
    at: new Date(row.occurred_at).toISOString(),
    localTime: row.local_time,
    userId: row.actor_id,
    person: personName(row),
    role: record.role ?? '',
    roleLabel: describeRole(record.role),
    organisation: row.organisation_name ?? (row.actor_id === SYSTEM_ACTOR.userId ? 'CLASP' : null),
    basis: record.basis,
    // A role refusal comes before the scope check, so no relationship was looked at.
    basisText: outcome === 'denied' && !record.basis ? 'Not checked (the role was refused first)' : outcome === 'allowed' ? describeAccessBasis(record.basis) : describeAccessBasis(record.basis ?? 'none'),
    action: row.action,
    actionText: listed ? `${describeAuditAction(row.action)}: this child was in the results` : describeAuditAction(row.action),
    outcome,
    outcomeText: describeAuditOutcome({ outcome, reason: record.reason }),
    channel: record.channel,
    channelText: describeChannel(record.channel),
    breakGlass: record.basis === 'break_glass',
    listed,
    unusual: unusualReasonsForAccess({ basis: record.basis, outcome, localTime: row.local_time.slice(11) }),
  };
}

/**
 * "Who has looked at this child and why" (#5): every audited access to the child's record in the period,
 * grouped by person, with what stands out highlighted. For the designated and named professionals
 * (access_review: read) and for the child's own allocated practitioner; through withChild, so a child
 * outside the reader's scope is a 404 and the review itself is audited ('access_review.read').
 */
export async function accessReview(deps: Deps, { actor, childId, query }: { actor: Actor; childId: string; query: z.output<typeof accessReviewQuery> }): Promise<AccessReviewResponse> {
  const period = resolvePeriod(deps.clock, query);
  const reviewsAnyChild = canPerform({ role: actor.role, resource: 'access_review', action: 'read' });
  return withChild(
    deps,
    { actor, childId, resource: reviewsAnyChild ? 'access_review' : 'child', action: 'read', auditAction: 'access_review.read', details: { from: period.from, to: period.to } },
    async (tx, access) => {
      // The child's named professional: the practitioner the child is allocated to (caseload_allocations.user_id).
      if (!reviewsAnyChild && !access.relationships.allocatedToUser) throw createNotNamedProfessionalError();
      const [found, listed] = await Promise.all([childAccessRows(tx, { childId, period }), childListAppearances(tx, { childId, period })]);
      const truncated = found.length > CHILD_REVIEW_ROW_LIMIT || listed.length > CHILD_REVIEW_ROW_LIMIT;
      const rows = [...found.slice(0, CHILD_REVIEW_ROW_LIMIT).map((r) => toAccessRow(r)), ...listed.slice(0, CHILD_REVIEW_ROW_LIMIT).map((r) => toAccessRow(r, true))].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      const actorIds = [...new Set(rows.map((r) => r.userId).filter((id): id is string => id !== null))];
      const breadth = await areaWideChildrenByActor(tx, { actorIds, period });
      const groups = new Map<string, AccessRow[]>();
      for (const row of rows) (groups.get(row.userId ?? 'none') ?? groups.set(row.userId ?? 'none', []).get(row.userId ?? 'none')!).push(row);
      const people = [...groups.values()].map((personRows) => {
        const first = personRows[0]!;
        const last = personRows[personRows.length - 1]!;
        const areaWideChildren = first.userId ? (breadth.get(first.userId) ?? 0) : 0;
        return {
          userId: first.userId,
          person: first.person,
          roleLabel: last.roleLabel,
          organisation: last.organisation,
          accesses: personRows.length,
          refused: personRows.filter((r) => r.outcome !== 'allowed').length,
          breakGlass: personRows.filter((r) => r.breakGlass).length,
          outOfHours: personRows.filter((r) => r.unusual.includes('out_of_hours')).length,
          areaWideChildren,
          first: first.at,
          last: last.at,
          unusual: unusualReasonsForPerson({ accessReasons: personRows.flatMap((r) => r.unusual), areaWideDistinctChildren: areaWideChildren, days: period.days }),
          rows: personRows,
        };
      });
      people.sort((a, b) => severity(a.unusual) - severity(b.unusual) || b.accesses - a.accesses || a.person.localeCompare(b.person));
      return {
        childId,
        from: period.from,
        to: period.to,
        rulesVersion: ACCESS_PATTERN_RULES.version,
        manyChildrenThreshold: manyChildrenThreshold({ days: period.days }),
        totals: { accesses: rows.length, people: people.length, unusual: rows.filter((r) => r.unusual.length > 0).length },
        truncated,
        people,
      };
    },
  );
}

/** Most serious first: the earliest reason in UNUSUAL_REASONS order, with breadth of viewing ahead of all. */
function severity(reasons: readonly UnusualReason[]): number {
  if (reasons.length === 0) return UNUSUAL_REASONS.length + 1;
  if (reasons.includes('many_children_area_wide')) return 0;
  return 1 + Math.min(...reasons.map((r) => UNUSUAL_REASONS.indexOf(r)));
}

/** At most this many children are named per user in the area view; the rest are counted. */
const NAMED_CHILDREN_PER_USER = 50;

/**
 * The area view (#5): users whose access in the last `days` days stands out, across all children. Counts
 * for everyone; children are named only where the reader has them in scope (the designated nurse: all).
 */
export async function unusualAccess(deps: Deps, { actor, days }: { actor: Actor; days: number }): Promise<UnusualAccessResponse> {
  const { db, clock } = deps;
  const now = clock.now();
  if (!canPerform({ role: actor.role, resource: 'access_review', action: 'read' })) {
    await recordAudit(db, { actor, action: 'access_review.unusual', outcome: 'denied', details: { reason: 'role', days }, at: now });
    throw createForbiddenError();
  }
  const since = new Date(now.getTime() - days * 24 * 3600 * 1000);
  return db.transaction().execute(async (tx) => {
    const activity = await activityByUser(tx, { since });
    const flagged = activity
      .map((row) => {
        const counts = { accesses: Number(row.accesses), children: Number(row.children), areaWideChildren: Number(row.area_wide_children), refused: Number(row.refused), breakGlass: Number(row.break_glass), outOfHours: Number(row.out_of_hours) };
        const accessReasons: UnusualReason[] = [];
        if (counts.breakGlass > 0) accessReasons.push('break_glass');
        if (counts.refused > 0) accessReasons.push('refused');
        if (counts.outOfHours > 0) accessReasons.push('out_of_hours');
        return { row, counts, unusual: unusualReasonsForPerson({ accessReasons, areaWideDistinctChildren: counts.areaWideChildren, days }) };
      })
      .filter((u) => u.unusual.length > 0);
    const touched = await childrenByUser(tx, { userIds: flagged.map((u) => u.row.user_id), since });
    const allChildren = [...new Set([...touched.values()].flat())];
    const inScope = await childrenInScope(tx, { childIds: allChildren, actor, at: { today: clock.today(), now } });
    const named = new Set<string>();
    for (const u of flagged) for (const id of (touched.get(u.row.user_id) ?? []).filter((c) => inScope.has(c)).slice(0, NAMED_CHILDREN_PER_USER)) named.add(id);
    const names = await childNames(tx, [...named]);
    const users = flagged.map(({ row, counts, unusual }) => {
      const children = touched.get(row.user_id) ?? [];
      const visible = children.filter((c) => named.has(c)).slice(0, NAMED_CHILDREN_PER_USER);
      return {
        userId: row.user_id,
        person: row.display_name,
        roleLabel: describeRole(row.role_id),
        organisation: row.organisation_name,
        ...counts,
        unusual,
        childrenInReaderScope: visible.map((childId) => ({ childId, name: names.get(childId) ?? '' })),
        childrenOutsideReaderScope: children.filter((c) => !inScope.has(c)).length,
      };
    });
    users.sort((a, b) => severity(a.unusual) - severity(b.unusual) || b.areaWideChildren - a.areaWideChildren || b.accesses - a.accesses);
    await recordAudit(tx, { actor, action: 'access_review.unusual', outcome: 'allowed', details: { days, resultUserIds: users.map((u) => u.userId), resultChildIds: [...named] }, at: now });
    return { days, since: since.toISOString(), rulesVersion: ACCESS_PATTERN_RULES.version, manyChildrenThreshold: manyChildrenThreshold({ days }), users };
  });
}

// ---------------------------------------------------------------------------------------------
// Export for an investigation

export const AUDIT_EXPORT_VERIFICATION =
  'Each row: hash = sha256 hex of (prevHash + "\\n" + record), and record (canonical JSON) holds at, actorId, action, outcome and childId exactly as the columns. ' +
  'The rows are a selection from their chains (chainId, seq): run "clasp audit verify" on the full log to prove each chain is whole, then find these hashes in it.';

export interface AuditExportQuery {
  childId?: string | undefined;
  userId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  format: 'csv' | 'json';
}

const EXPORT_BATCH = 5000;

async function collectRows(tx: Db, { subject, period, onProgress }: { subject: { kind: 'child' | 'user'; id: string }; period: { from: string | null; to: string | null }; onProgress: ((rows: number) => void) | undefined }): Promise<AuditExportRow[]> {
  const rows: AuditExportRow[] = [];
  let after: { occurredAt: string; loggedOrder: string } | null = null;
  for (;;) {
    const batch: AuditEventRow[] = await auditRowsBatch(tx, { subject, period, after, limit: EXPORT_BATCH });
    for (const row of batch) rows.push(toExportRow(row));
    onProgress?.(rows.length);
    if (batch.length < EXPORT_BATCH) return rows;
    const last = batch[batch.length - 1]!;
    after = { occurredAt: new Date(last.occurred_at).toISOString(), loggedOrder: String(last.logged_order) };
  }
}

function toExportRow(row: AuditEventRow): AuditExportRow {
  return { chainId: row.chain_id, seq: String(row.seq), occurredAt: new Date(row.occurred_at).toISOString(), actorId: row.actor_id, action: row.action, outcome: row.outcome, childId: row.child_id, record: row.record, prevHash: row.prev_hash, hash: row.hash };
}

/**
 * One child's or one user's audit rows for an investigation (access_review: export), with chain id, seq,
 * hash and previous hash so each row can be checked. A child export goes through withChild (scope: 404);
 * the export itself is audited ('audit.export') in the same transaction, with the number of rows.
 */
export async function exportAudit(deps: Deps, { actor, query, onProgress }: { actor: Actor; query: AuditExportQuery; onProgress?: (rows: number) => void }): Promise<AuditExportResponse> {
  if ((query.childId ? 1 : 0) + (query.userId ? 1 : 0) !== 1) throw exportSubjectError();
  if (query.from && query.to && query.from > query.to) throw exportPeriodOrderError();
  const period = { from: query.from ?? null, to: query.to ?? null };
  const exportedAt = deps.clock.now();
  // Filled in by the work below and read when the audit row is written after it (ids and counts only).
  const details: Record<string, unknown> = { subject: query.childId ? 'child' : 'user', from: period.from, to: period.to, format: query.format };
  const result = (rows: AuditExportRow[], subject: AuditExportResponse['subject']): AuditExportResponse => ({ subject, from: period.from, to: period.to, exportedAt: exportedAt.toISOString(), verification: AUDIT_EXPORT_VERIFICATION, rows });

  if (query.childId) {
    const childId = query.childId;
    return withChild(deps, { actor, childId, resource: 'access_review', action: 'export', auditAction: 'audit.export', details }, async (tx) => {
      const rows = await collectRows(tx, { subject: { kind: 'child', id: childId }, period, onProgress });
      details.rows = rows.length;
      return result(rows, { kind: 'child', id: childId });
    });
  }

  const userId = query.userId!;
  details.subjectUserId = userId;
  if (!canPerform({ role: actor.role, resource: 'access_review', action: 'export' })) {
    await recordAudit(deps.db, { actor, action: 'audit.export', outcome: 'denied', details: { reason: 'role', ...details }, at: exportedAt });
    throw createForbiddenError();
  }
  const exported = await deps.db.transaction().execute(async (tx) => {
    if (userId !== SYSTEM_ACTOR.userId && !(await userExists(tx, userId))) return null;
    const rows = await collectRows(tx, { subject: { kind: 'user', id: userId }, period, onProgress });
    await recordAudit(tx, { actor, action: 'audit.export', outcome: 'allowed', details: { ...details, rows: rows.length }, at: exportedAt });
    return result(rows, { kind: 'user', id: userId });
  });
  if (!exported) {
    await recordAudit(deps.db, { actor, action: 'audit.export', outcome: 'not_found', details: { reason: 'missing', ...details }, at: exportedAt });
    throw createAuditUserNotFoundError();
  }
  return exported;
}

export const AUDIT_EXPORT_CSV_HEADER = ['chain_id', 'seq', 'occurred_at', 'actor_id', 'action', 'outcome', 'child_id', 'prev_hash', 'hash', 'record'] as const;

/** The export as CSV (RFC 4180, CRLF): the hashed record in its own column, exactly as hashed. */
export function auditExportCsv(rows: readonly AuditExportRow[]): string {
  return csvLine(AUDIT_EXPORT_CSV_HEADER) + rows.map((r) => csvLine([String(r.chainId), r.seq, r.occurredAt, r.actorId, r.action, r.outcome, r.childId, r.prevHash, r.hash, r.record])).join('');
}

/** What an investigator does with the rows they were given: each row's hash recomputed from its record. */
export function verifyExportedRows(rows: readonly Pick<AuditExportRow, 'chainId' | 'seq' | 'record' | 'prevHash' | 'hash'>[]): { ok: boolean; badRows: { chainId: number; seq: string }[] } {
  const badRows = rows.filter((r) => chainHash(r.prevHash, r.record) !== r.hash).map((r) => ({ chainId: r.chainId, seq: r.seq }));
  return { ok: badRows.length === 0, badRows };
}
