import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from './db/database.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createCsrfError } from './modules/auth/auth.errors.js';
import { SESSION_COOKIE, SessionStore, type SessionContext } from './modules/auth/sessions.js';
import { childrenRoutes } from './modules/children/children.routes.js';
import { organisationRoutes } from './modules/organisations/organisations.routes.js';
import { lacHealthRoutes } from './modules/lac-health/lac-health.routes.js';
import { eventsRoutes } from './modules/events/events.routes.js';
import { lacImportRoutes } from './modules/lac-import/lac-import.routes.js';
import { safeguardingLoopsRoutes } from './modules/safeguarding-loops/loops.routes.js';
import { eventsImportRoutes } from './modules/events-import/events-import.routes.js';
import { chronologyRoutes } from './modules/chronology/chronology.routes.js';
import { driftRoutes } from './modules/drift/drift.routes.js';
import { breakGlassRoutes } from './modules/break-glass/break-glass.routes.js';
import { consentRoutes } from './modules/consent/consent.routes.js';
import { accessReviewRoutes } from './modules/access-review/access-review.routes.js';
import { AppError, createUnauthenticatedError } from './shared/app-error.js';
import { createNulCharacterError, findNulCharacter } from './shared/nul-character.js';
import type { Actor } from './shared/actor.js';
import type { Clock } from './shared/clock.js';

declare module 'fastify' {
  interface FastifyInstance {
    apiRoutes: { method: string; url: string; public: boolean }[];
  }
  interface FastifyRequest {
    session: SessionContext | null;
    /** The signed-in actor; throws 401 when there is no valid session. */
    actor(): Actor;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (sign-in, session probe, meta). Every other API route needs one. */
    public?: boolean;
  }
}

export interface AppDeps {
  db: Db;
  clock: Clock;
  /** Serve the built web app from here (web/dist) when it exists. */
  webDistDir?: string | undefined;
  logger?: boolean;
  secureCookies?: boolean;
  version?: string;
  /** Sign-in attempts allowed per client address per minute (accounts also lock after 5 failures). */
  signInRateLimitPerMinute?: number;
}

/** Request bodies over 1 MiB are refused (413) before parsing. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    // Router errors (a malformed or over-long path segment) get the one error body too; the path is
    // not echoed back (it may hold an NHS number). Found by src/server/robustness/input-properties.test.ts.
    frameworkErrors: (error, _req, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as unknown as { code(status: number): { send(body: unknown): unknown } }).code(tooLong ? 414 : 400).send({ error: { code: tooLong ? 'request.path_too_long' : 'request.bad_url', message: tooLong ? 'A part of the address is too long' : 'The address is not valid' } });
    },
    logger: deps.logger
      ? {
          level: 'info',
          // No PII in logs: never log bodies, query strings (NHS numbers, names) or cookies.
          serializers: {
            req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? 'unknown' }),
            res: (res) => ({ statusCode: res.statusCode }),
          },
        }
      : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const sessions = new SessionStore(deps.db, deps.clock);
  // Every API route is recorded with whether it is public, so a test can prove that each non-public
  // route refuses a request without a session (a new route cannot skip the access decision).
  const apiRoutes: { method: string; url: string; public: boolean }[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    for (const method of [route.method].flat()) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, public: (route.config as { public?: boolean } | undefined)?.public === true });
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, error: { code: 'auth.rate_limited', message: 'Too many sign-in attempts. Wait a minute and try again' } }),
  });

  app.decorateRequest('session', null);
  app.decorateRequest('actor', function (this: { session: SessionContext | null }) {
    if (!this.session) throw createUnauthenticatedError();
    return this.session.actor;
  });

  app.setErrorHandler((error, req, reply) => {
    if (error instanceof AppError) return reply.code(error.statusCode).send(error.toBody());
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fieldErrors: Record<string, string[]> = {};
      const formErrors: string[] = [];
      for (const issue of error.validation) {
        const key = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const text = issue.message ?? 'is not valid';
        if (key) (fieldErrors[key] ??= []).push(text);
        else formErrors.push(text);
      }
      const first = Object.entries(fieldErrors)[0];
      const message = first ? `${first[0]}: ${first[1][0] ?? 'is not valid'}` : (formErrors[0] ?? 'The request is not valid');
      return reply.code(400).send({ error: { code: 'validation.invalid', message, ...(formErrors.length ? { formErrors } : {}), ...(Object.keys(fieldErrors).length ? { fieldErrors } : {}) } });
    }
    const e = error as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 429) return reply.code(429).send({ error: { code: 'auth.rate_limited', message: 'Too many sign-in attempts. Wait a minute and try again' } });
    if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const limit = req.routeOptions.bodyLimit ?? BODY_LIMIT_BYTES;
      const size = limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MiB` : `${Math.round(limit / 1024)} KiB`;
      return reply.code(413).send({ error: { code: 'request.too_large', message: `The request body is larger than ${size}` } });
    }
    if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ error: { code: 'request.unsupported_media_type', message: 'Send the request body as application/json' } });
    if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.code(400).send({ error: { code: 'request.empty_body', message: 'The request body is empty: send a JSON object' } });
    if (e.statusCode === 400 && (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError))
      return reply.code(400).send({ error: { code: 'request.malformed_json', message: 'The request body is not valid JSON' } });
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return reply.code(e.statusCode).send({ error: { code: 'request.invalid', message: e.message ?? 'The request is not valid' } });
    // The detail goes to the log (no PII: errors carry codes and SQL states, not bodies); the body is generic.
    req.log.error({ err: { type: (error as Error).name, code: e.code, message: (error as Error).message } }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong. Try again, and tell your system administrator if it keeps happening' } });
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/')) return;
    req.session = await sessions.resolve(req.cookies[SESSION_COOKIE]);
    // #5 access review: the audit tells the web app from other API clients (the header the web client sends; descriptive, not a control).
    if (req.session && req.headers['x-clasp-client'] === 'web') req.session = { ...req.session, actor: { ...req.session.actor, channel: 'web' } };
    const isPublic = req.routeOptions.config?.public === true;
    if (!isPublic && !req.session) throw createUnauthenticatedError();
    // CSRF: the session cookie is SameSite=Strict, and every state-changing request must also carry
    // the per-session token in a header, which a cross-site form cannot set.
    if (req.session && !['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.headers['x-csrf-token'] !== req.session.csrfToken) throw createCsrfError();
  });
  // PostgreSQL text cannot hold U+0000: refuse it as bad input naming the field, not a 500 from the database.
  app.addHook('preValidation', async (req) => {
    const nul = findNulCharacter(req.body) ?? findNulCharacter(req.query) ?? findNulCharacter(req.params);
    if (nul) throw createNulCharacterError(nul);
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'CLASP API', description: 'Children Looked After and Safeguarding Platform', version: deps.version ?? '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(
    async (api) => {
      await api.register(authRoutes({ sessions, db: deps.db, secureCookies: deps.secureCookies ?? false, version: deps.version ?? '0.1.0', signInRateLimitPerMinute: deps.signInRateLimitPerMinute ?? 30 }));
      await api.register(childrenRoutes({ db: deps.db, clock: deps.clock }));
      await api.register(organisationRoutes({ db: deps.db, clock: deps.clock }));
      await api.register(lacHealthRoutes({ db: deps.db, clock: deps.clock }));
      await api.register(lacImportRoutes({ db: deps.db, clock: deps.clock }));
      await api.register(eventsRoutes({ db: deps.db, clock: deps.clock })); // #3 safeguarding events: events + worklists
      // #3 event feed import
      await api.register(eventsImportRoutes({ db: deps.db, clock: deps.clock }));
      // #3 closed loops
      await api.register(safeguardingLoopsRoutes({ db: deps.db, clock: deps.clock }));
      // #3 chronology
      await api.register(chronologyRoutes({ db: deps.db, clock: deps.clock }));
      // #3 drift
      await api.register(driftRoutes({ db: deps.db, clock: deps.clock }));
      // #5 confidentiality: break-glass, consent, access review
      await api.register(consentRoutes({ db: deps.db, clock: deps.clock })); // #5 consent and sharing (safeguarding override)
      await api.register(breakGlassRoutes({ db: deps.db, clock: deps.clock, sessions })); // #5 break-glass, step-up, notifications
      await api.register(accessReviewRoutes({ db: deps.db, clock: deps.clock })); // #5 access review, unusual access, audit export
    },
    { prefix: '/api/v1' },
  );

  const webDir = deps.webDistDir;
  if (webDir && existsSync(join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDir, prefix: '/', index: ['index.html'], wildcard: false });
    // Client-side routes (/children/…, /cohort) get the app shell; unknown API paths stay 404 JSON.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
      return reply.code(404).send({ error: { code: 'not_found', message: 'No such endpoint' } });
    });
  } else {
    app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: { code: 'not_found', message: 'No such endpoint' } }));
  }
  return app;
}
