import { randomUUID } from 'node:crypto';
import type { BreakGlassBody } from '../../../contracts/break-glass.js';
import { BREAK_GLASS_REASONS, BREAK_GLASS_REASONS_VERSION, breakGlassStatus, breakGlassWindow, isBreakGlassReasonCode, isStepUpFresh, type BreakGlassReviewOutcome } from '../../../domain/access/break-glass.js';
import { canAccessRecord, canPerform, scopeGrantsFor } from '../../../domain/access/permissions.js';
import { isRoleId, ROLES } from '../../../domain/access/roles.js';
import { formatNhsNumber } from '../../../domain/identity/nhs-number.js';
import { recordAudit, recordAuditBatch } from '../../audit/audit.js';
import type { Db } from '../../db/database.js';
import { AppError, createForbiddenError, fieldError } from '../../shared/app-error.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { inTransaction, type Outcome } from '../../shared/transaction.js';
import { createStepUpRequiredError } from '../auth/auth.errors.js';
import { createChildNotFoundError } from '../children/children.errors.js';
import { findChildWithRelationships } from '../children/children.repository.js';
import { createAlreadyInScopeError, createAlreadyReviewedError, createGrantNotFoundError, createNotificationNotFoundError, createOwnUseError } from './break-glass.errors.js';
import {
  accessesDuringGrants,
  closeGrant,
  findActiveGrant,
  findBreakGlassRecipients,
  findChildIdByNhsNumber,
  findGrant,
  insertGrant,
  insertNotifications,
  listGrantsForReview,
  listNotifications,
  markNotificationRead,
} from './break-glass.repository.js';

export interface Deps {
  db: Db;
  clock: Clock;
}


const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * Break-glass (#5): a user outside a child's scope asks for emergency access. Order of checks: the role
 * may break glass (403), the user re-entered their password in the last 10 minutes (401
 * auth.step_up_required), the child exists (404, as anywhere), the child is not already in scope (409),
 * then the time-boxed grant is written, the designated and named nurses notified, and the use audited —
 * all in one transaction. The reason text is stored for the reviewer and never copied into the audit log.
 */
export async function requestBreakGlass({ db, clock }: Deps, { actor, target, input }: { actor: Actor; target: { childId: string } | { nhsNumber: string }; input: BreakGlassBody }) {
  const now = clock.now();
  const at = { today: clock.today(), now };
  const action = 'break_glass.grant';
  // The audit names the child asked for by id; an NHS number is recorded only as the kind of request.
  const requested = 'childId' in target ? { requestedChildId: target.childId } : { requestedBy: 'nhs_number' };
  return inTransaction(db, async (tx) => {
    const deny = async (outcome: 'denied' | 'not_found' | 'failed', reason: string, error: AppError, auditChildId: string | null): Promise<Outcome<never>> => {
      await recordAudit(tx, { actor, action, outcome, childId: auditChildId, details: { reason, ...requested, reasonCode: input.reasonCode }, at: now });
      return { ok: false, error };
    };
    if (!canPerform({ role: actor.role, resource: 'break_glass', action: 'create' })) return deny('denied', 'role', createForbiddenError(), null);
    if (!isStepUpFresh({ steppedUpAt: actor.steppedUpAt, now })) return deny('denied', 'step_up_required', createStepUpRequiredError(), null);
    const window = breakGlassWindow({ grantedAt: now, minutes: input.minutes });
    if (!window.ok) return { ok: false, error: fieldError('minutes', 'Enter a time between 15 minutes and 4 hours') };
    const childId = 'childId' in target ? target.childId : await findChildIdByNhsNumber(tx, target.nhsNumber);
    if (!childId) return deny('not_found', 'missing', createChildNotFoundError(), null);
    const found = await findChildWithRelationships(tx, { childId, actor, at });
    if (!found) return deny('not_found', 'missing', createChildNotFoundError(), null);
    if (canAccessRecord({ role: actor.role, relationships: found.relationships })) return deny('failed', 'already_in_scope', createAlreadyInScopeError(), childId);
    const grantId = randomUUID();
    await insertGrant(tx, {
      childId,
      id: grantId,
      userId: actor.userId,
      organisationId: actor.organisationId,
      teamId: actor.teamId,
      roleId: actor.role,
      reasonCode: input.reasonCode,
      reasonsVersion: BREAK_GLASS_REASONS_VERSION,
      reasonText: input.reasonText,
      grantedAt: now,
      expiresAt: window.expiresAt,
    });
    const recipients = (await findBreakGlassRecipients(tx, { organisationId: actor.organisationId })).filter((id) => id !== actor.userId);
    await insertNotifications(
      tx,
      recipients.map((recipientUserId) => ({ recipientUserId, id: randomUUID(), kind: 'break_glass.granted', childId, refId: grantId, createdAt: now })),
    );
    await recordAudit(tx, {
      actor,
      action,
      outcome: 'allowed',
      childId,
      details: { basis: 'break_glass', grantId, reasonCode: input.reasonCode, reasonsVersion: BREAK_GLASS_REASONS_VERSION, minutes: input.minutes, expiresAt: iso(window.expiresAt), notified: recipients.length },
      at: now,
    });
    return { ok: true, value: { grant: { id: grantId, childId, reasonCode: input.reasonCode, grantedAt: iso(now), expiresAt: iso(window.expiresAt) } } };
  });
}

/** The actor's own active grant for a child (for the banner); says nothing about the child itself. */
export async function activeBreakGlass({ db, clock }: Deps, { actor, childId }: { actor: Actor; childId: string }) {
  const row = await findActiveGrant(db, { childId, userId: actor.userId, now: clock.now() });
  return { grant: row ? { id: row.id, childId: row.child_id, reasonCode: row.reason_code, grantedAt: iso(row.granted_at), expiresAt: iso(row.expires_at) } : null };
}

/**
 * Which uses a reviewer sees: a role whose scope is the whole area (designated professionals) sees every
 * use; any other reviewing role (the named nurse) sees the uses by staff of their own organisation.
 */
function reviewOrganisationFor(actor: Actor): string | null {
  return scopeGrantsFor(actor.role).includes('all') ? null : actor.organisationId;
}

/** The review queue (#5): open and recent uses, with who, role, organisation, child, reason, time and what was looked at. */
export async function breakGlassReviewQueue({ db, clock }: Deps, { actor, status }: { actor: Actor; status: 'open' | 'all' }) {
  const now = clock.now();
  return inTransaction(db, async (tx) => {
    if (!canPerform({ role: actor.role, resource: 'break_glass', action: 'review' })) {
      await recordAudit(tx, { actor, action: 'break_glass.review_queue', outcome: 'denied', details: { reason: 'role' }, at: now });
      return { ok: false, error: createForbiddenError() };
    }
    const rows = await listGrantsForReview(tx, { organisationId: reviewOrganisationFor(actor), includeReviewed: status === 'all', now });
    const accessed = await accessesDuringGrants(tx, rows);
    // One audit row per child shown: the reviewer saw that child's name and a use of their record.
    const childIds = [...new Set(rows.map((r) => r.child_id))];
    await recordAuditBatch(tx, childIds.map((childId) => ({ actor, action: 'break_glass.review_queue', outcome: 'allowed' as const, childId, details: { grants: rows.filter((r) => r.child_id === childId).map((r) => r.id) }, at: now })));
    if (childIds.length === 0) await recordAudit(tx, { actor, action: 'break_glass.review_queue', outcome: 'allowed', details: { grants: [] }, at: now });
    const items = rows.map((r) => ({
      id: r.id,
      child: { id: r.child_id, name: `${r.given_name} ${r.family_name}`, nhsNumber: r.nhs_number ? formatNhsNumber(r.nhs_number) : null },
      user: { id: r.user_id, name: r.user_name, username: r.username },
      role: r.role_id,
      roleLabel: isRoleId(r.role_id) ? ROLES[r.role_id].label : r.role_id,
      organisation: { id: r.organisation_id, name: r.organisation_name },
      reasonCode: r.reason_code,
      reasonLabel: isBreakGlassReasonCode(r.reason_code) ? BREAK_GLASS_REASONS[r.reason_code].label : r.reason_code,
      reasonText: r.reason_text,
      grantedAt: iso(r.granted_at),
      expiresAt: iso(r.expires_at),
      status: breakGlassStatus({ expiresAt: new Date(r.expires_at), reviewOutcome: r.review_outcome as BreakGlassReviewOutcome | null, now }),
      review: r.reviewed_at ? { reviewedAt: iso(r.reviewed_at), reviewedBy: r.reviewer_name ?? '', outcome: r.review_outcome ?? '', note: r.review_note } : null,
      accessed: accessed.get(r.id) ?? [],
    }));
    return { ok: true, value: { items } };
  });
}

/**
 * Closes a use as justified or escalated (#5). Escalating a use that is still active ends it now. A reviewer
 * cannot close their own use; a use outside the reviewer's organisation is 404, like a missing one.
 */
export async function reviewBreakGlass({ db, clock }: Deps, { actor, grantId, outcome, note }: { actor: Actor; grantId: string; outcome: BreakGlassReviewOutcome; note: string | undefined }) {
  const now = clock.now();
  const action = 'break_glass.review';
  return inTransaction(db, async (tx) => {
    if (!canPerform({ role: actor.role, resource: 'break_glass', action: 'review' })) {
      await recordAudit(tx, { actor, action, outcome: 'denied', details: { reason: 'role', grantId }, at: now });
      return { ok: false, error: createForbiddenError() };
    }
    const grant = await findGrant(tx, grantId);
    const organisationId = reviewOrganisationFor(actor);
    if (!grant || (organisationId && grant.organisation_id !== organisationId)) {
      await recordAudit(tx, { actor, action, outcome: 'not_found', childId: grant?.child_id ?? null, details: { reason: grant ? 'scope' : 'missing', grantId }, at: now });
      return { ok: false, error: createGrantNotFoundError() };
    }
    if (grant.user_id === actor.userId) {
      await recordAudit(tx, { actor, action, outcome: 'denied', childId: grant.child_id, details: { reason: 'own_use', grantId }, at: now });
      return { ok: false, error: createOwnUseError() };
    }
    if (grant.reviewed_at) {
      await recordAudit(tx, { actor, action, outcome: 'failed', childId: grant.child_id, details: { reason: 'already_reviewed', grantId }, at: now });
      return { ok: false, error: createAlreadyReviewedError() };
    }
    const stillActive = new Date(grant.expires_at).getTime() > now.getTime();
    const endNow = outcome === 'escalated' && stillActive;
    // Ending now: the table keeps expires_at after granted_at, so a grant closed in its first millisecond ends 1 ms after it began.
    const endAt = new Date(Math.max(now.getTime(), new Date(grant.granted_at).getTime() + 1));
    await closeGrant(tx, { childId: grant.child_id, grantId, reviewerId: actor.userId, outcome, note: note && note.length > 0 ? note : null, at: now, endAt: endNow ? endAt : null });
    await recordAudit(tx, { actor, action, outcome: 'allowed', childId: grant.child_id, details: { grantId, reviewOutcome: outcome, endedAccess: endNow }, at: now });
    return { ok: true, value: { id: grantId, outcome, reviewedAt: iso(now), expiresAt: iso(endNow ? endAt : grant.expires_at) } };
  });
}

export async function notificationsFor({ db }: Deps, { actor }: { actor: Actor }) {
  const { items, unread } = await listNotifications(db, { userId: actor.userId });
  return {
    unread,
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      text:
        n.kind === 'break_glass.granted'
          ? `Emergency access (break-glass) to ${n.given_name ?? ''} ${n.family_name ?? ''}’s record by ${n.user_name ?? 'a user'} (${n.role_id && isRoleId(n.role_id) ? ROLES[n.role_id].label : 'unknown role'}, ${n.organisation_name ?? 'unknown organisation'})`
          : n.kind,
      childId: n.child_id,
      refId: n.ref_id,
      createdAt: iso(n.created_at),
      readAt: n.read_at ? iso(n.read_at) : null,
    })),
  };
}

export async function readNotification({ db, clock }: Deps, { actor, notificationId }: { actor: Actor; notificationId: string }) {
  if (!(await markNotificationRead(db, { userId: actor.userId, notificationId, at: clock.now() }))) throw createNotificationNotFoundError();
}
