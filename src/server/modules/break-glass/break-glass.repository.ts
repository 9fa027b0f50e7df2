import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface NewGrant {
  childId: string;
  id: string;
  userId: string;
  organisationId: string;
  teamId: string | null;
  roleId: string;
  reasonCode: string;
  reasonsVersion: number;
  reasonText: string;
  grantedAt: Date;
  expiresAt: Date;
}

export async function insertGrant(db: Db, grant: NewGrant): Promise<void> {
  await db
    .insertInto('break_glass_grants')
    .values({
      child_id: grant.childId,
      id: grant.id,
      user_id: grant.userId,
      organisation_id: grant.organisationId,
      team_id: grant.teamId,
      role_id: grant.roleId,
      reason_code: grant.reasonCode,
      reasons_version: grant.reasonsVersion,
      reason_text: grant.reasonText,
      granted_at: grant.grantedAt,
      expires_at: grant.expiresAt,
    })
    .execute();
}

/**
 * Who is told at once of a break-glass use: every designated nurse (area-wide), and the named nurses for
 * safeguarding of the organisation whose member used it (#5 "immediately notified to the designated/named nurse").
 */
export async function findBreakGlassRecipients(db: Db, { organisationId }: { organisationId: string }): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('active', '=', true)
    .where((eb) => eb.or([eb('role_id', '=', 'designated_nurse'), eb.and([eb('role_id', '=', 'named_nurse'), eb('organisation_id', '=', organisationId)])]))
    .execute();
  return rows.map((r) => r.id);
}

export async function insertNotifications(db: Db, rows: { recipientUserId: string; id: string; kind: string; childId: string | null; refId: string | null; createdAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('notifications')
    .values(rows.map((r) => ({ recipient_user_id: r.recipientUserId, id: r.id, kind: r.kind, child_id: r.childId, ref_id: r.refId, created_at: r.createdAt })))
    .execute();
}

export async function findChildIdByNhsNumber(db: Db, nhsNumber: string): Promise<string | null> {
  const row = await db.selectFrom('children').select('id').where('nhs_number', '=', nhsNumber).executeTakeFirst();
  return row?.id ?? null;
}

/** The user's own active grant for a child, if any (for the "Emergency access until" banner). */
export async function findActiveGrant(db: Db, { childId, userId, now }: { childId: string; userId: string; now: Date }) {
  return db
    .selectFrom('break_glass_grants')
    .select(['id', 'child_id', 'reason_code', 'granted_at', 'expires_at'])
    .where('child_id', '=', childId)
    .where('user_id', '=', userId)
    .where('granted_at', '<=', now)
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
}

export async function findGrant(db: Db, grantId: string) {
  return db.selectFrom('break_glass_grants').selectAll().where('id', '=', grantId).forUpdate().executeTakeFirst();
}

export async function closeGrant(db: Db, { childId, grantId, reviewerId, outcome, note, at, endAt }: { childId: string; grantId: string; reviewerId: string; outcome: string; note: string | null; at: Date; endAt: Date | null }): Promise<void> {
  await db
    .updateTable('break_glass_grants')
    .set({ reviewed_at: at, reviewed_by: reviewerId, review_outcome: outcome, review_note: note, ...(endAt ? { expires_at: endAt } : {}) })
    .where('child_id', '=', childId)
    .where('id', '=', grantId)
    .execute();
  await db.updateTable('notifications').set({ read_at: at }).where('ref_id', '=', grantId).where('read_at', 'is', null).execute();
}

/**
 * Break-glass uses for the review queue: open ones (not yet reviewed) and, with `all`, those reviewed in the
 * last 30 days. `organisationId` limits to uses by that organisation's staff (null: the whole area).
 */
export async function listGrantsForReview(db: Db, { organisationId, includeReviewed, now }: { organisationId: string | null; includeReviewed: boolean; now: Date }) {
  let query = db
    .selectFrom('break_glass_grants as g')
    .innerJoin('children as c', 'c.id', 'g.child_id')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('organisations as o', 'o.id', 'g.organisation_id')
    .leftJoin('users as r', 'r.id', 'g.reviewed_by')
    .select([
      'g.id',
      'g.child_id',
      'g.user_id',
      'g.role_id',
      'g.reason_code',
      'g.reason_text',
      'g.granted_at',
      'g.expires_at',
      'g.reviewed_at',
      'g.review_outcome',
      'g.review_note',
      'c.given_name',
      'c.family_name',
      'c.nhs_number',
      'u.display_name as user_name',
      'u.username',
      'o.id as organisation_id',
      'o.name as organisation_name',
      'r.display_name as reviewer_name',
    ]);
  if (organisationId) query = query.where('g.organisation_id', '=', organisationId);
  query = includeReviewed
    ? query.where((eb) => eb.or([eb('g.reviewed_at', 'is', null), eb('g.reviewed_at', '>', new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000))]))
    : query.where('g.reviewed_at', 'is', null);
  return query.orderBy(sql`g.reviewed_at IS NULL`, 'desc').orderBy('g.granted_at', 'desc').limit(500).execute();
}

/** What the user did with the child's record during each grant, from the audit log (actor + child + window). */
export async function accessesDuringGrants(db: Db, grants: readonly { id: string; child_id: string; user_id: string; granted_at: Date; expires_at: Date }[]) {
  const map = new Map<string, { occurredAt: string; action: string; outcome: string }[]>();
  for (const g of grants) map.set(g.id, []);
  if (grants.length === 0) return map;
  const windows = sql.join(
    grants.map((g) => sql`(${g.id}::uuid, ${g.child_id}::uuid, ${g.user_id}::uuid, ${new Date(g.granted_at).toISOString()}::timestamptz, ${new Date(g.expires_at).toISOString()}::timestamptz)`),
  );
  const { rows } = await sql<{ grant_id: string; occurred_at: Date; action: string; outcome: string }>`
    SELECT w.grant_id, a.occurred_at, a.action, a.outcome
      FROM (VALUES ${windows}) AS w (grant_id, child_id, user_id, granted_at, expires_at)
      JOIN audit_events a ON a.child_id = w.child_id AND a.actor_id = w.user_id AND a.occurred_at >= w.granted_at AND a.occurred_at <= w.expires_at
     ORDER BY a.occurred_at, a.logged_order`.execute(db);
  for (const row of rows) map.get(row.grant_id)?.push({ occurredAt: new Date(row.occurred_at).toISOString(), action: row.action, outcome: row.outcome });
  return map;
}

export async function listNotifications(db: Db, { userId }: { userId: string }) {
  const [items, unread] = await Promise.all([
    db
      .selectFrom('notifications as n')
      .leftJoin('break_glass_grants as g', (join) => join.onRef('g.id', '=', 'n.ref_id').onRef('g.child_id', '=', 'n.child_id'))
      .leftJoin('users as u', 'u.id', 'g.user_id')
      .leftJoin('organisations as o', 'o.id', 'g.organisation_id')
      .leftJoin('children as c', 'c.id', 'n.child_id')
      .select(['n.id', 'n.kind', 'n.child_id', 'n.ref_id', 'n.created_at', 'n.read_at', 'g.role_id', 'u.display_name as user_name', 'o.name as organisation_name', 'c.given_name', 'c.family_name'])
      .where('n.recipient_user_id', '=', userId)
      .orderBy('n.created_at', 'desc')
      .limit(50)
      .execute(),
    db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n')).where('recipient_user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow(),
  ]);
  return { items, unread: Number(unread.n) };
}

export async function markNotificationRead(db: Db, { userId, notificationId, at }: { userId: string; notificationId: string; at: Date }): Promise<boolean> {
  const found = await db.selectFrom('notifications').select('id').where('recipient_user_id', '=', userId).where('id', '=', notificationId).executeTakeFirst();
  if (!found) return false;
  await db.updateTable('notifications').set({ read_at: at }).where('recipient_user_id', '=', userId).where('id', '=', notificationId).where('read_at', 'is', null).execute();
  return true;
}
