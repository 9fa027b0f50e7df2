import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

/** `date` columns come back as 'YYYY-MM-DD' text, never as a JS Date shifted by the time zone. */
pg.types.setTypeParser(1082, (value: string) => value);
/** bigint counts come back as numbers (our counts stay far below 2^53). */
pg.types.setTypeParser(20, (value: string) => Number(value));

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** A raw pg pool, for COPY and for benchmarks. */
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… — a PostgreSQL server. Without it, embedded PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; 'memory://' for a throwaway in-memory database. */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    // An OLTP API: short indexed queries gain nothing from parallel workers and pay their start-up
    // cost on every request, so they are off for the application's connections.
    const url = new URL(options.databaseUrl);
    const serverOptions = [url.searchParams.get('options'), '-c max_parallel_workers_per_gather=0'].filter(Boolean).join(' ');
    url.searchParams.delete('options');
    const pool = new pg.Pool({ connectionString: url.toString(), max: options.poolSize ?? 20, options: serverOptions });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', pool, close: () => db.destroy() };
  }
  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(resolve(dataDir), { recursive: true });
  const [{ PGlite }, { pg_trgm }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  const pglite = await PGlite.create(dataDir.startsWith('memory://') ? dataDir : resolve(dataDir), {
    extensions: { pg_trgm },
  });
  // PGlite runs one statement at a time: a pool of one connection keeps transactions whole.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 } as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'pglite',
    pool,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
