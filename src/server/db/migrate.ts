import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.js';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'migrations');

export interface MigrationFile {
  name: string;
  checksum: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

export class MigrationChecksumError extends Error {}

/**
 * Applies numbered SQL migrations in order, each in its own transaction, recording name and checksum.
 * Forward-only: an applied file that has since changed stops the run (fix with a new file).
 */
export async function migrate(db: Db, dir?: string): Promise<{ applied: string[] }> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  const done = new Map(
    (await db.selectFrom('schema_migrations').select(['name', 'checksum']).execute()).map((r) => [r.name, r.checksum]),
  );
  const applied: string[] = [];
  for (const migration of readMigrations(dir)) {
    const previous = done.get(migration.name);
    if (previous !== undefined) {
      if (previous !== migration.checksum) {
        throw new MigrationChecksumError(
          `Migration ${migration.name} has changed since it was applied. Migrations are forward-only: add a new file.`,
        );
      }
      continue;
    }
    await db.transaction().execute(async (tx) => {
      await sql.raw(migration.sql).execute(tx);
      await tx.insertInto('schema_migrations').values({ name: migration.name, checksum: migration.checksum }).execute();
    });
    applied.push(migration.name);
  }
  return { applied };
}
