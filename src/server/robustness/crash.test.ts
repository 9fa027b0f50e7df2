/**
 * Crash safety (issue #5): kill -9 the process in the middle of an SSDA903 import, restart, and check
 * that nothing is partial, nothing is lost and the audit chain is intact; then the same import succeeds.
 *
 * A child process (crash-import.script.ts, `node --import tsx`) opens the database — PGlite in a
 * temporary CLASP_DATA_DIR, or the PostgreSQL server in DATABASE_URL (a schema of its own) — and imports
 * a generated return of CHILDREN looked-after children as the CLI does. When the import transaction has
 * written children and starts on episodes it says so and holds; the test SIGKILLs it there, then
 * reopens the same database in this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyAuditChain } from '../audit/audit.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { generateSsda903Return } from '../modules/lac-import/generate-return.js';
import { importSsda903 } from '../modules/lac-import/ssda903.usecases.js';
import { fixedClock } from '../shared/clock.js';
import { seedFixture } from '../test/fixtures.js';
import { countRows, listTables } from './db-state.js';

const CHILDREN = 1500;
const clock = fixedClock('2025-06-01T12:00:00Z');
const SCRIPT = fileURLToPath(new URL('./crash-import.script.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FIXTURES = new URL('../modules/lac-import/fixtures/', import.meta.url);

const databaseUrl = process.env.DATABASE_URL;
const work = mkdtempSync(join(tmpdir(), 'clasp-crash-'));
const importDir = join(work, 'return');
const dataDir = join(work, 'data');
let schemaUrl: string | undefined;
let schema: string | undefined;

/** Opens the database under test: the same data directory (PGlite) or schema (PostgreSQL) each time. */
const open = (): Promise<DatabaseHandle> => openDatabase(schemaUrl ? { databaseUrl: schemaUrl, poolSize: 2 } : { dataDir });

function runImport({ pauseMs }: { pauseMs: number }): { child: ChildProcess; lines: AsyncIterable<string>; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...process.env, CRASH_IMPORT_DIR: importDir, CRASH_PAUSE_MS: String(pauseMs), ...(schemaUrl ? { DATABASE_URL: schemaUrl } : { DATABASE_URL: '', CLASP_DATA_DIR: dataDir }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  async function* lines() {
    let buffer = '';
    for await (const chunk of child.stdout!) {
      buffer += (chunk as Buffer).toString();
      let at: number;
      while ((at = buffer.indexOf('\n')) >= 0) {
        yield buffer.slice(0, at);
        buffer = buffer.slice(at + 1);
      }
    }
  }
  return { child, lines: lines(), exited };
}

async function waitForLine(lines: AsyncIterable<string>, prefix: string, exited: Promise<{ stderr: string }>): Promise<string> {
  for await (const line of lines) if (line.startsWith(prefix)) return line;
  throw new Error(`the import process ended without printing ${prefix}: ${(await exited).stderr.slice(-2000)}`);
}

let before: Record<string, number>;
let tables: string[];

beforeAll(async () => {
  // The return to import: written to disk and read back the way `clasp import ssda903 DIR` reads it.
  const files = generateSsda903Return({ children: CHILDREN, seed: 903 });
  mkdirSync(importDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(importDir, name), text);
  if (databaseUrl) {
    schema = `crash_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public').catch(() => undefined);
    await admin.end();
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema},public`);
    schemaUrl = url.toString();
  }
  // What is already there: the test fixture, and an earlier return with its audit rows.
  const handle = await open();
  try {
    await migrate(handle.db);
    await seedFixture(handle.db);
    const earlier = Object.fromEntries(['header.csv', 'episodes.csv', 'reviews.csv', 'missing.csv', 'oc2.csv'].map((n) => [n, readFileSync(new URL(`valid/${n}`, FIXTURES), 'utf8')]));
    await importSsda903({ db: handle.db, clock }, { actor: null, files: earlier as never });
    tables = await listTables(handle.db);
    before = await countRows(handle.db, { tables });
  } finally {
    await handle.close();
  }
}, 120_000);

afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  if (databaseUrl && schema) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});

describe(`kill -9 in the middle of an SSDA903 import (${databaseUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  test('after the crash: no row of the import, every earlier row, the audit chain intact; the re-run imports everything', async () => {
    const { child, lines, exited } = runImport({ pauseMs: 60_000 });
    await waitForLine(lines, 'IMPORT_IN_TRANSACTION', exited);
    expect(child.kill('SIGKILL')).toBe(true);
    const end = await exited;
    expect(end.signal).toBe('SIGKILL');

    const handle = await open();
    try {
      // Nothing partial, nothing lost: every table holds exactly what it held before the import.
      expect(await countRows(handle.db, { tables })).toEqual(before);
      const imported = await handle.db.selectFrom('children').select('id').where('la_child_id', 'like', '1_______').execute(); // the generated return's ids: 10000000 + i
      expect(imported).toEqual([]);
      const audit = await verifyAuditChain(handle.db);
      expect(audit.firstBreak).toBeNull();
      expect(audit.ok).toBe(true);
      expect(audit.rowsChecked).toBe(before.audit_events);
    } finally {
      await handle.close();
    }

    // Restart: the same import, run to the end this time, succeeds whole.
    const rerun = runImport({ pauseMs: 0 });
    const done = await waitForLine(rerun.lines, 'IMPORT_DONE', rerun.exited);
    expect((await rerun.exited).code).toBe(0);
    const summary = JSON.parse(done.slice('IMPORT_DONE '.length)) as { children: { created: number } };
    expect(summary.children.created).toBe(CHILDREN);

    const after = await open();
    try {
      const counts = await countRows(after.db, { tables });
      expect(counts.children).toBe(before.children! + CHILDREN);
      expect(counts.status_episodes).toBeGreaterThan(before.status_episodes! + CHILDREN - 1);
      const audit = await verifyAuditChain(after.db);
      expect(audit.firstBreak).toBeNull();
      expect(audit.rowsChecked).toBeGreaterThan(before.audit_events! + CHILDREN - 1);
    } finally {
      await after.close();
    }
  }, 240_000);
});
