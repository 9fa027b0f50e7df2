/**
 * Child process for crash.test.ts: opens the configured database (PGlite in CLASP_DATA_DIR, or
 * DATABASE_URL), reads an SSDA903 return from CRASH_IMPORT_DIR the way `clasp import ssda903` does, and
 * imports it as the system (actor null), exactly as the CLI does.
 *
 * So that the parent's SIGKILL lands inside the import transaction on any machine, the script watches
 * the statements the import sends: after the first write to `status_episodes` (children already
 * inserted in the same transaction) it prints `IMPORT_IN_TRANSACTION` on stdout and, when
 * CRASH_PAUSE_MS is set, holds the process there (synchronously, so nothing commits) until killed.
 * Without CRASH_PAUSE_MS it runs to the end and prints `IMPORT_DONE` with the summary.
 */
import { writeSync } from 'node:fs';
import { Kysely, PostgresDialect } from 'kysely';
import { readSsda903Directory } from '../../cli/import.commands.js';
import { openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import type { Database } from '../db/schema.js';
import { importSsda903 } from '../modules/lac-import/ssda903.usecases.js';
import { fixedClock } from '../shared/clock.js';

const say = (line: string) => writeSync(1, `${line}\n`);

const dir = process.env.CRASH_IMPORT_DIR;
if (!dir) throw new Error('CRASH_IMPORT_DIR is required');
const pauseMs = Number(process.env.CRASH_PAUSE_MS ?? 0);
const files = readSsda903Directory(dir);

const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: process.env.CLASP_DATA_DIR, poolSize: 2 });
await migrate(handle.db);

let signalled = false;
// The same pool, with a query log: the import runs unchanged, and the script sees each statement end.
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool: handle.pool }),
  log: (event) => {
    if (signalled || event.level !== 'query') return;
    if (!/^\s*INSERT INTO "?status_episodes"?/i.test(event.query.sql)) return;
    signalled = true;
    say('IMPORT_IN_TRANSACTION');
    if (pauseMs > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
  },
});

say('IMPORT_STARTING');
const summary = await importSsda903({ db, clock: fixedClock(process.env.CRASH_CLOCK ?? '2025-06-01T12:00:00Z') }, { actor: null, files });
say(`IMPORT_DONE ${JSON.stringify(summary)}`);
await handle.close();
