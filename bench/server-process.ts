/**
 * A server under test, run in its own process so the load generator never shares its event loop:
 *
 *   BENCH_MODE=bare            a bare Fastify JSON route (GET /bare): the HTTP floor
 *   BENCH_MODE=lookup          Fastify + one point lookup, SELECT id FROM children WHERE nhs_number = $1
 *                              (GET /lookup?nhsNumber=…): the database floor, on PostgreSQL or PGlite
 *   BENCH_MODE=clasp           the real CLASP server, started with startServer() exactly as `clasp serve` does
 *   BENCH_MODE=clasp-variants  CLASP's app (buildApp) plus a bench-only diagnostic route: the flag lookup's
 *                              reads with scope and audit switched off (see bench/flag-variants.ts)
 *
 * Configured by environment: BENCH_PORT, and BENCH_DATABASE_URL (PostgreSQL) or BENCH_DATA_DIR (PGlite).
 * Always listens on 127.0.0.1. Prints one line `BENCH_READY {json}` once listening; SIGTERM closes it
 * cleanly (PGlite must close its data directory before the next process opens it).
 */
import { performance } from 'node:perf_hooks';

const mode = process.env.BENCH_MODE ?? '';
const port = Number(process.env.BENCH_PORT ?? '0');
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const dataDir = process.env.BENCH_DATA_DIR || undefined;
const HOST = '127.0.0.1';

/** Same pool size as startServer() gives CLASP, so the floor and CLASP compete on equal terms. */
const POOL_SIZE = 40;

type Closer = () => Promise<void>;

async function bare(): Promise<Closer> {
  const { default: Fastify } = await import('fastify');
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ hello: 'world' }));
  app.get('/healthz', async () => ({ ok: true }));
  await app.listen({ host: HOST, port });
  return () => app.close();
}

async function lookup(): Promise<Closer> {
  const [{ default: Fastify }, { openDatabase }] = await Promise.all([import('fastify'), import('../src/server/db/database.js')]);
  const database = await openDatabase({ databaseUrl, dataDir, poolSize: POOL_SIZE });
  await database.pool.query('SELECT 1');
  const app = Fastify({ logger: false });
  app.get('/lookup', async (req, reply) => {
    const { nhsNumber } = req.query as { nhsNumber?: string };
    const { rows } = await database.pool.query<{ id: string }>('SELECT id FROM children WHERE nhs_number = $1', [nhsNumber ?? '']);
    const row = rows[0];
    if (!row) return reply.code(404).send({ error: 'not found' });
    return { id: row.id };
  });
  app.get('/healthz', async () => ({ ok: true }));
  await app.listen({ host: HOST, port });
  return async () => {
    await app.close();
    await database.close();
  };
}

async function clasp(): Promise<{ close: Closer; timings: Record<string, number> }> {
  const beforeImport = performance.now();
  const { startServer } = await import('../src/server/start.js');
  const imported = performance.now();
  const server = await startServer({ databaseUrl, dataDir, host: HOST, port, logger: false, readAuditCommit: process.env.CLASP_READ_AUDIT_COMMIT === 'async' ? 'async' : 'sync' });
  const started = performance.now();
  return {
    close: () => server.close(),
    timings: { processToImportMs: beforeImport, importMs: imported - beforeImport, startServerMs: started - imported, processToListeningMs: started },
  };
}

async function claspVariants(): Promise<Closer> {
  const [{ openDatabase }, { buildApp }, { packageVersion }, { systemClock }, { flagVariantRoutes }] = await Promise.all([
    import('../src/server/db/database.js'),
    import('../src/server/app.js'),
    import('../src/server/start.js'),
    import('../src/server/shared/clock.js'),
    import('./flag-variants.js'),
  ]);
  const database = await openDatabase({ databaseUrl, dataDir, poolSize: POOL_SIZE });
  const { setReadAuditCommit } = await import('../src/server/audit/audit.js');
  setReadAuditCommit(process.env.CLASP_READ_AUDIT_COMMIT === 'async' ? 'async' : 'sync');
  const app = await buildApp({ db: database.db, clock: systemClock, logger: false, secureCookies: false, version: packageVersion() });
  flagVariantRoutes(app, { db: database.db, clock: systemClock });
  await app.listen({ host: HOST, port });
  return async () => {
    await app.close();
    await database.close();
  };
}

async function main() {
  let close: Closer;
  let timings: Record<string, number> = {};
  switch (mode) {
    case 'bare':
      close = await bare();
      break;
    case 'lookup':
      close = await lookup();
      break;
    case 'clasp':
      ({ close, timings } = await clasp());
      break;
    case 'clasp-variants':
      close = await claspVariants();
      break;
    default:
      throw new Error(`Unknown BENCH_MODE '${mode}'`);
  }
  process.stdout.write(`BENCH_READY ${JSON.stringify({ mode, port, pid: process.pid, timings })}\n`);
  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  // Never outlive the benchmark: if the parent goes away, stdin closes.
  process.stdin.on('end', shutdown);
  process.stdin.resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`server-process (${mode}) failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
