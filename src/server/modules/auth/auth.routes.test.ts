import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { createTestDb } from '../../test/test-db.js';
import { seedFixture, signIn, TEST_PASSWORD } from '../../test/fixtures.js';
import { hashPassword, verifyPassword } from './password.js';
import { IDLE_TIMEOUT_MS, MAX_FAILED_SIGN_INS } from './sessions.js';

let handle: DatabaseHandle;
let app: FastifyInstance;
let now = new Date('2026-11-27T09:00:00Z');
const clock: Clock = { now: () => new Date(now), today: () => now.toISOString().slice(0, 10) };

beforeAll(async () => {
  handle = await createTestDb();
  await seedFixture(handle.db);
  app = await buildApp({ db: handle.db, clock, signInRateLimitPerMinute: 1000 });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await handle?.close();
});

const signInRaw = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password } });

describe('passwords', () => {
  test('are hashed with scrypt and verified; a wrong password fails', async () => {
    const hash = await hashPassword('a long enough passphrase');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('a long enough passphrase', hash)).toBe(true);
    expect(await verifyPassword('a long enough passphrasf', hash)).toBe(false);
  });
});

describe('sign-in', () => {
  test('returns the user with their permissions, an HttpOnly SameSite=Strict cookie and a CSRF token', async () => {
    const response = await signInRaw('gp', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'clasp_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const body = response.json();
    expect(body.user).toMatchObject({ username: 'gp', role: 'gp', roleLabel: 'GP' });
    expect(body.user.permissions.cohort).toEqual(['read']);
    expect(body.csrfToken.length).toBeGreaterThan(20);
  });

  test('each sign-in issues a new session (no fixation)', async () => {
    const a = await signIn(app, 'gp');
    const b = await signIn(app, 'gp');
    expect(a.cookie).not.toBe(b.cookie);
  });

  test('a wrong password and an unknown user get the same message', async () => {
    const wrong = await signInRaw('gp', 'not the password');
    const unknown = await signInRaw('nobody', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  test(`an account locks after ${MAX_FAILED_SIGN_INS} failures, even for the right password`, async () => {
    for (let i = 0; i < MAX_FAILED_SIGN_INS; i += 1) await signInRaw('hv-south', 'wrong password here');
    const locked = await signInRaw('hv-south', TEST_PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('auth.locked');
    now = new Date(now.getTime() + 16 * 60 * 1000);
    expect((await signInRaw('hv-south', TEST_PASSWORD)).statusCode).toBe(200);
  });

  test('bad input names the field', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: '' } });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fieldErrors)).toEqual(expect.arrayContaining(['username', 'password']));
  });
});

describe('sessions', () => {
  test('expire after the idle timeout', async () => {
    const session = await signIn(app, 'lac');
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: session.headers })).statusCode).toBe(200);
    now = new Date(now.getTime() + IDLE_TIMEOUT_MS + 60_000);
    const expired = await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: session.headers });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('auth.no_session');
  });

  test('sign-out ends the session', async () => {
    const session = await signIn(app, 'designated');
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/sign-out', headers: session.headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: session.headers })).statusCode).toBe(401);
  });

  test('security headers: a strict CSP with no third-party sources', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/meta' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/https?:/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('sign-in rate limit', () => {
  test('attempts over the limit from one address get 429, whatever the account', async () => {
    const limitedApp = await buildApp({ db: handle.db, clock, signInRateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await limitedApp.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: `nobody${i}`, password: 'x' } })).statusCode);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await limitedApp.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'gp', password: TEST_PASSWORD } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('auth.rate_limited');
    await limitedApp.close();
  });
});
