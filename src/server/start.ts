import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrate } from './db/migrate.js';
import { hashPassword } from './modules/auth/password.js';
import { systemClock, type Clock } from './shared/clock.js';
import { scheduleSweeps } from './sweeps.js';
import { setReadAuditCommit, type ReadAuditCommit } from './audit/audit.js';
import type { Db } from './db/database.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_WEB_DIST = join(ROOT, 'web', 'dist');
/** The demo password is printed and shown on the sign-in page: it exists only on demo data. */
export const DEMO_PASSWORD = 'clasp-demo-2026';

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

/**
 * On an empty database, seeds the demo borough with one demo user per role and marks the database as
 * demo data (the sign-in page then lists the demo accounts). Never touches a database that has data.
 */
export async function ensureDemoData({ db, clock }: { db: Db; clock: Clock }): Promise<{ seeded: boolean; demo: boolean }> {
  const existing = await db.selectFrom('organisations').select('id').limit(1).executeTakeFirst();
  if (existing) {
    const demo = await db.selectFrom('app_settings').select('value').where('key', '=', 'demo_password').executeTakeFirst();
    return { seeded: false, demo: Boolean(demo) };
  }
  const { seedDemo } = await import('../seed/demo.js');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await seedDemo({ db, today: clock.today(), passwordHash });
  await db.insertInto('app_settings').values({ key: 'demo_password', value: DEMO_PASSWORD }).execute();
  return { seeded: true, demo: true };
}

export interface StartServerOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  host?: string;
  port?: number;
  /** Seed the demo borough when the database is empty (default: true). */
  demo?: boolean;
  webDistDir?: string;
  logger?: boolean;
  clock?: Clock;
  secureCookies?: boolean;
  /** How a read's audit row commits (config CLASP_READ_AUDIT_COMMIT; ADR 0006). Default sync. */
  readAuditCommit?: ReadAuditCommit;
  /** How often the escalation sweep runs (default every minute; 0 = never, e.g. in tests that drive it). */
  sweepIntervalMs?: number;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  database: DatabaseHandle;
  demoSeeded: boolean;
  demo: boolean;
  demoPassword: string;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const clock = options.clock ?? systemClock;
  setReadAuditCommit(options.readAuditCommit ?? 'sync');
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, poolSize: 40 });
  try {
    await migrate(database.db);
    const { seeded, demo } = options.demo === false ? { seeded: false, demo: false } : await ensureDemoData({ db: database.db, clock });
    const app = await buildApp({
      db: database.db,
      clock,
      webDistDir: options.webDistDir ?? DEFAULT_WEB_DIST,
      logger: options.logger ?? false,
      secureCookies: options.secureCookies ?? false,
      version: packageVersion(),
    });
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 3000 });
    const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    const stopSweeps = sweepIntervalMs > 0 ? scheduleSweeps({ db: database.db, clock }, { intervalMs: sweepIntervalMs, onError: (error) => app.log.error({ err: { message: error instanceof Error ? error.name : 'error' } }, 'escalation sweep failed') }) : async () => {};
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      app,
      database,
      demoSeeded: seeded,
      demo,
      demoPassword: DEMO_PASSWORD,
      close: async () => {
        await stopSweeps();
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
