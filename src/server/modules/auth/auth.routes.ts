import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { metaResponse, sessionResponse, signInBody, type SessionUser } from '../../../contracts/auth.js';
import { errorBody } from '../../../contracts/errors.js';
import { ROLES } from '../../../domain/access/roles.js';
import type { Db } from '../../db/database.js';
import { createUnauthenticatedError } from '../../shared/app-error.js';
import { ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE, type SessionContext, type SessionStore } from './sessions.js';

export function toSessionUser(context: SessionContext): SessionUser {
  const role = ROLES[context.actor.role];
  return {
    id: context.actor.userId,
    username: context.actor.username,
    displayName: context.displayName,
    role: context.actor.role,
    roleLabel: role.label,
    organisation: context.organisation,
    team: context.team,
    permissions: Object.fromEntries(Object.entries(role.actions).map(([resource, actions]) => [resource, [...(actions as readonly string[])]])),
  };
}

export function authRoutes({ sessions, db, secureCookies, version, signInRateLimitPerMinute }: { sessions: SessionStore; db: Db; secureCookies: boolean; version: string; signInRateLimitPerMinute: number }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/sign-in',
      {
        config: { public: true, rateLimit: { max: signInRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], summary: 'Sign in with a local account', body: signInBody, response: { 200: sessionResponse, 400: errorBody, 401: errorBody, 429: errorBody } },
      },
      async (req, reply) => {
        const { token, context } = await sessions.signIn(req.body);
        reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: secureCookies, maxAge: ABSOLUTE_TIMEOUT_MS / 1000 });
        return { user: toSessionUser(context), csrfToken: context.csrfToken };
      },
    );

    app.post('/auth/sign-out', { schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), 401: errorBody, 403: errorBody } } }, async (req, reply) => {
      await sessions.signOut(req.cookies[SESSION_COOKIE], req.session?.actor ?? null);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    });

    app.get('/auth/session', { config: { public: true }, schema: { tags: ['auth'], summary: 'The signed-in user, their permissions and the CSRF token', response: { 200: sessionResponse, 401: errorBody } } }, async (req) => {
      if (!req.session) throw createUnauthenticatedError();
      return { user: toSessionUser(req.session), csrfToken: req.session.csrfToken };
    });

    app.get('/meta', { config: { public: true }, schema: { tags: ['meta'], summary: 'Service name, version and, on demo data only, the demo accounts', response: { 200: metaResponse } } }, async () => {
      const demo = await db.selectFrom('app_settings').select('value').where('key', '=', 'demo_password').executeTakeFirst();
      const demoAccounts = demo
        ? await db
            .selectFrom('users as u')
            .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
            .select(['u.username', 'u.role_id', 'o.name as organisation'])
            .where('u.is_demo', '=', true)
            .orderBy('u.username')
            .execute()
        : [];
      return {
        name: 'CLASP',
        version,
        demo: Boolean(demo),
        demoAccounts: demoAccounts.map((a) => ({ username: a.username, roleLabel: (ROLES as Record<string, { label: string }>)[a.role_id]?.label ?? a.role_id, organisation: a.organisation })),
        demoPassword: demo?.value ?? null,
      };
    });
  };
}
