import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { isRoleId } from '../../../domain/access/roles.js';
import type { Actor } from '../../shared/actor.js';
import type { Clock } from '../../shared/clock.js';
import { recordAudit } from '../../audit/audit.js';
import { createInvalidCredentialsError, createLockedError, createStepUpFailedError } from './auth.errors.js';
import { dummyHash, verifyPassword } from './password.js';

export const SESSION_COOKIE = 'clasp_session';
/** Idle expiry (NHS DSPT expects sessions to time out when left): 30 minutes. Absolute: 12 hours. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Lockout after repeated failures, for 15 minutes. */
export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** The idle clock is written back at most this often, so busy pages do not write on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface SessionContext {
  actor: Actor;
  csrfToken: string;
  sessionId: string;
  displayName: string;
  organisation: { id: string; name: string; kind: string };
  team: { id: string; name: string } | null;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

interface CacheEntry {
  context: SessionContext;
  lastSeenAt: number;
  absoluteExpiresAt: number;
  loadedAt: number;
}

/** Sessions live in the database; a short in-process cache keeps the hot path to zero extra queries. */
export class SessionStore {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly cacheMs = 5000;
  constructor(private readonly db: Db, private readonly clock: Clock) {}

  async signIn({ username, password }: { username: string; password: string }): Promise<{ token: string; context: SessionContext }> {
    const now = this.clock.now();
    const user = await this.db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
    if (!user || !user.active) {
      await verifyPassword(password, await dummyHash());
      await recordAudit(this.db, { actor: null, action: 'auth.sign_in', outcome: 'denied', details: { reason: 'unknown_user' }, at: now });
      throw createInvalidCredentialsError();
    }
    if (user.locked_until && new Date(user.locked_until) > now) {
      await recordAudit(this.db, { actor: null, action: 'auth.sign_in', outcome: 'denied', details: { reason: 'locked', userId: user.id }, at: now });
      throw createLockedError();
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      const failed = user.failed_sign_ins + 1;
      await this.db
        .updateTable('users')
        .set({ failed_sign_ins: failed, locked_until: failed >= MAX_FAILED_SIGN_INS ? new Date(now.getTime() + LOCKOUT_MS) : null })
        .where('id', '=', user.id)
        .execute();
      await recordAudit(this.db, { actor: null, action: 'auth.sign_in', outcome: 'denied', details: { reason: 'bad_password', userId: user.id }, at: now });
      throw failed >= MAX_FAILED_SIGN_INS ? createLockedError() : createInvalidCredentialsError();
    }
    // A new session id at every sign-in (no fixation); the old cookie, if any, is simply replaced.
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', user.id).execute();
      await tx
        .insertInto('sessions')
        .values({ id: hashToken(token), user_id: user.id, csrf_token: csrfToken, created_at: now, last_seen_at: now, absolute_expires_at: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS) })
        .execute();
      await recordAudit(tx, { actor: null, action: 'auth.sign_in', outcome: 'allowed', details: { userId: user.id }, at: now });
    });
    const context = await this.resolve(token);
    if (!context) throw createInvalidCredentialsError();
    return { token, context };
  }

  async resolve(token: string | undefined): Promise<SessionContext | null> {
    if (!token) return null;
    const id = hashToken(token);
    const now = this.clock.now().getTime();
    const cached = this.cache.get(id);
    if (cached && now - cached.loadedAt < this.cacheMs) {
      if (now - cached.lastSeenAt > IDLE_TIMEOUT_MS || now > cached.absoluteExpiresAt) return this.expire(id);
      if (now - cached.lastSeenAt > TOUCH_INTERVAL_MS) await this.touch(id, cached, now);
      return cached.context;
    }
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
      .leftJoin('teams as t', 't.id', 'u.team_id')
      .select([
        's.id',
        's.csrf_token',
        's.last_seen_at',
        's.absolute_expires_at',
        's.revoked_at',
        's.stepped_up_at',
        'u.id as user_id',
        'u.username',
        'u.display_name',
        'u.role_id',
        'u.active',
        'u.organisation_id',
        'u.team_id',
        'o.name as organisation_name',
        'o.kind as organisation_kind',
        't.name as team_name',
      ])
      .where('s.id', '=', id)
      .executeTakeFirst();
    if (!row || row.revoked_at || !row.active || !isRoleId(row.role_id)) {
      this.cache.delete(id);
      return null;
    }
    const lastSeenAt = new Date(row.last_seen_at).getTime();
    const absoluteExpiresAt = new Date(row.absolute_expires_at).getTime();
    if (now - lastSeenAt > IDLE_TIMEOUT_MS || now > absoluteExpiresAt) return this.expire(id);
    const entry: CacheEntry = {
      context: {
        actor: { userId: row.user_id, username: row.username, role: row.role_id, organisationId: row.organisation_id, teamId: row.team_id, channel: 'api', steppedUpAt: row.stepped_up_at ? new Date(row.stepped_up_at) : null },
        csrfToken: row.csrf_token,
        sessionId: row.id,
        displayName: row.display_name,
        organisation: { id: row.organisation_id, name: row.organisation_name, kind: row.organisation_kind },
        team: row.team_id && row.team_name ? { id: row.team_id, name: row.team_name } : null,
      },
      lastSeenAt,
      absoluteExpiresAt,
      loadedAt: now,
    };
    this.cache.set(id, entry);
    if (now - lastSeenAt > TOUCH_INTERVAL_MS) await this.touch(id, entry, now);
    return entry.context;
  }

  private async touch(id: string, entry: CacheEntry, now: number): Promise<void> {
    entry.lastSeenAt = now;
    await this.db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('id', '=', id).execute();
  }

  private async expire(id: string): Promise<null> {
    this.cache.delete(id);
    await this.db.updateTable('sessions').set({ revoked_at: this.clock.now() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    return null;
  }

  /**
   * Step-up re-authentication (#5): the signed-in user re-enters their password before break-glass or a
   * sealed category. Same KDF as sign-in; a wrong password counts towards the lockout, and reaching it ends
   * the session. Every attempt is audited. The session (and this process's cache) records when it happened.
   */
  async stepUp({ sessionId, actor, password }: { sessionId: string; actor: Actor; password: string }): Promise<Date> {
    const now = this.clock.now();
    const user = await this.db.selectFrom('users').select(['id', 'password_hash', 'failed_sign_ins', 'locked_until', 'active']).where('id', '=', actor.userId).executeTakeFirst();
    if (!user || !user.active || (user.locked_until && new Date(user.locked_until) > now)) {
      await recordAudit(this.db, { actor, action: 'auth.step_up', outcome: 'denied', details: { reason: 'locked' }, at: now });
      await this.revoke(sessionId);
      throw createLockedError();
    }
    if (!(await verifyPassword(password, user.password_hash))) {
      const failed = user.failed_sign_ins + 1;
      const locked = failed >= MAX_FAILED_SIGN_INS;
      await this.db.transaction().execute(async (tx) => {
        await tx.updateTable('users').set({ failed_sign_ins: failed, locked_until: locked ? new Date(now.getTime() + LOCKOUT_MS) : null }).where('id', '=', user.id).execute();
        await recordAudit(tx, { actor, action: 'auth.step_up', outcome: 'denied', details: { reason: 'bad_password' }, at: now });
      });
      if (locked) {
        await this.revoke(sessionId);
        throw createLockedError();
      }
      throw createStepUpFailedError();
    }
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ failed_sign_ins: 0, locked_until: null }).where('id', '=', user.id).execute();
      await tx.updateTable('sessions').set({ stepped_up_at: now }).where('id', '=', sessionId).execute();
      await recordAudit(tx, { actor, action: 'auth.step_up', outcome: 'allowed', at: now });
    });
    const cached = this.cache.get(sessionId);
    if (cached) cached.context = { ...cached.context, actor: { ...cached.context.actor, steppedUpAt: now } };
    return now;
  }

  private async revoke(sessionId: string): Promise<void> {
    this.cache.delete(sessionId);
    await this.db.updateTable('sessions').set({ revoked_at: this.clock.now() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  }

  async signOut(token: string | undefined, actor: Actor | null): Promise<void> {
    if (!token) return;
    const id = hashToken(token);
    this.cache.delete(id);
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('sessions').set({ revoked_at: this.clock.now() }).where('id', '=', id).execute();
      await recordAudit(tx, { actor, action: 'auth.sign_out', outcome: 'allowed', at: this.clock.now() });
    });
  }
}
