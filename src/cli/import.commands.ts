/**
 * `clasp import ssda903 DIR`, `clasp import health-activity FILE` and `clasp import events FILE`: read the
 * files, call the same use-cases as the web, print a summary (or JSON). The LAC imports act as the system
 * (actor null); an event feed is recorded as the user named by --as (audited as them).
 * Exit codes: 0 imported (or nothing to change), 2 the files are not valid (every error listed, nothing
 * written), 1 anything else.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { z } from 'zod';
import { FEED_NAMES } from '../domain/events-import/feed-layouts.js';
import { formatImportError } from '../domain/lac-import/import-error.js';
import { REQUIRED_SSDA903_FILES, SSDA903_FILE_NAMES, type Ssda903Files } from '../domain/lac-import/ssda903.js';
import { loadConfig } from '../server/config.js';
import { openDatabase, type DatabaseHandle } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { importEventFeed, type EventFeedImportSummary } from '../server/modules/events-import/events-import.usecases.js';
import { importHealthActivity, type HealthActivityImportSummary } from '../server/modules/lac-import/health-activity.usecases.js';
import { ImportValidationError } from '../server/modules/lac-import/lac-import.errors.js';
import { importSsda903, type Ssda903ImportSummary } from '../server/modules/lac-import/ssda903.usecases.js';
import type { Actor } from '../server/shared/actor.js';
import type { Db } from '../server/db/database.js';
import { systemClock } from '../server/shared/clock.js';
import { CliInputError, EXIT, printJson } from './output.js';

/** Runs `work` with the configured database open (the shape of main.ts's `withDatabase`). */
export type WithDatabase = <T>(work: (handle: DatabaseHandle) => Promise<T>) => Promise<T>;

/** Opens the configured database (migrating first), as `withDatabase` in main.ts does. */
async function openConfiguredDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  let cfg;
  try {
    cfg = loadConfig();
  } catch (error) {
    if (error instanceof z.ZodError) throw new CliInputError(`Configuration is not valid: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    throw error;
  }
  const handle = await openDatabase({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.CLASP_DATA_DIR });
  try {
    await migrate(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** Every validation error: on stderr one per line, or the API's error body on stdout with --json. */
function reportInvalid(error: ImportValidationError, json: boolean): void {
  if (json) printJson({ error: { code: error.code, message: error.message, formErrors: error.errors.map(formatImportError) } });
  else process.stderr.write(`${error.message}\n${error.errors.map((e) => `  ${formatImportError(e)}`).join('\n')}\n`);
  process.exitCode = EXIT.badInput;
}

/** The SSDA903 files in `dir`, matched by name without regard to case (LAs export `Header.csv` too). */
export function readSsda903Directory(dir: string): Ssda903Files {
  const path = resolve(dir);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new CliInputError(`${dir} is not a directory: give the directory holding the SSDA903 CSV files`);
  const present = new Map(readdirSync(path).map((name) => [name.toLowerCase(), name]));
  const files: Partial<Record<string, string>> = {};
  for (const name of SSDA903_FILE_NAMES) {
    const actual = present.get(name);
    if (actual) files[name] = readFileSync(join(path, actual), 'utf8');
  }
  const missing = REQUIRED_SSDA903_FILES.filter((name) => files[name] === undefined);
  if (missing.length > 0) throw new CliInputError(`${dir} has no ${missing.join(' or ')}: an SSDA903 import needs header.csv and episodes.csv (reviews.csv, missing.csv and oc2.csv are optional)`);
  return files as Ssda903Files;
}

function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]!) : String(cell).padStart(widths[c]!))).join('   ').trimEnd()).join('\n');
}

function formatSsda903Summary(summary: Ssda903ImportSummary, dir: string, seconds: number): string {
  const n = (value: number) => value.toLocaleString('en-GB');
  const unchanged = summary.children.created + summary.children.updated === 0;
  return [
    `SSDA903 import from ${dir} (${seconds.toFixed(1)} s)${unchanged ? ': nothing to change' : ''}`,
    '',
    table([
      ['', 'created', 'updated', 'unchanged', 'deleted'],
      ['children', n(summary.children.created), n(summary.children.updated), n(summary.children.unchanged), ''],
      ['episodes', n(summary.episodes.created), n(summary.episodes.updated), n(summary.episodes.unchanged), n(summary.episodes.deleted)],
      ['reviews', n(summary.reviews.created), n(summary.reviews.updated), n(summary.reviews.unchanged), ''],
      ['missing', n(summary.missing.created), n(summary.missing.updated), n(summary.missing.unchanged), ''],
    ]),
    '',
    `OC2: ${n(summary.oc2.rows)} rows checked, not stored (OC2 items carry no activity dates).`,
    '',
  ].join('\n');
}

function formatHealthActivitySummary(summary: HealthActivityImportSummary, file: string, seconds: number): string {
  const n = (value: number) => value.toLocaleString('en-GB');
  return `Health activity import from ${file} (${seconds.toFixed(1)} s): ${n(summary.rows)} rows, ${n(summary.created)} activities added for ${n(summary.children)} children, ${n(summary.unchanged)} already held.\n`;
}

function formatEventFeedSummary(summary: EventFeedImportSummary, file: string, seconds: number): string {
  const n = (value: number) => value.toLocaleString('en-GB');
  const rate = seconds > 0 && summary.imported > 0 ? ` (${n(Math.round(summary.imported / seconds))} events/s)` : '';
  const skipped = summary.duplicatesSkipped === 0 ? '' : `; ${n(summary.duplicatesSkipped)} duplicate${summary.duplicatesSkipped === 1 ? '' : 's'} skipped (${n(summary.alreadyImported)} imported before, ${n(summary.duplicatesInFile)} repeated in the file)`;
  return [
    `${summary.feed} feed from ${file}, source system ${summary.sourceSystem} (${seconds.toFixed(1)} s${rate})`,
    `${n(summary.rows)} rows: ${n(summary.imported)} events imported${skipped}.`,
    `${n(summary.eventsWritten)} event records written (household copies included), ${n(summary.routed)} worklist items routed.`,
    '',
  ].join('\n');
}

/** The user named by --as, as the actor the feed is recorded and audited as. */
export async function actorForUsername(db: Db, username: string): Promise<Actor> {
  const user = await db.selectFrom('users').select(['id', 'username', 'role_id', 'organisation_id', 'team_id']).where('username', '=', username).executeTakeFirst();
  if (!user) throw new CliInputError(`--as: there is no user ${username}`);
  return { userId: user.id, username: user.username, role: user.role_id as Actor['role'], organisationId: user.organisation_id, teamId: user.team_id, channel: 'cli' };
}

/** Adds `import ssda903`, `import health-activity` and `import events`; pass main.ts's `withDatabase` to share it. */
export function registerImportCommands(program: Command, withDatabase: WithDatabase = openConfiguredDatabase): void {
  const imports = program.command('import').description('Import data from local authority returns and previous systems (all or nothing)');

  imports
    .command('ssda903')
    .description('Import the SSDA903 return (header.csv, episodes.csv; reviews.csv, missing.csv, oc2.csv if present) from DIR')
    .argument('<dir>', 'directory holding the DfE SSDA903 CSV files')
    .option('--as <username>', 'the user the import is recorded and audited as (default: the system, with no named user)')
    .option('--json', 'print JSON')
    .action(async (dir: string, options: { as?: string; json?: boolean }) => {
      const files = readSsda903Directory(dir);
      await withDatabase(async (handle) => {
        const started = Date.now();
        try {
          const summary = await importSsda903({ db: handle.db, clock: systemClock }, { actor: options.as ? await actorForUsername(handle.db, options.as) : null, files });
          if (options.json) printJson(summary);
          else process.stdout.write(formatSsda903Summary(summary, dir, (Date.now() - started) / 1000));
        } catch (error) {
          if (!(error instanceof ImportValidationError)) throw error;
          reportInvalid(error, options.json === true);
        }
      });
    });

  imports
    .command('health-activity')
    .description('Import health activity from a previous system: a CSV with the header child_id,activity,date,result')
    .argument('<file>', 'the CSV file')
    .option('--as <username>', 'the user the import is recorded and audited as (default: the system, with no named user)')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { as?: string; json?: boolean }) => {
      const path = resolve(file);
      if (!existsSync(path) || !statSync(path).isFile()) throw new CliInputError(`${file} is not a file: give the health activity CSV file`);
      const text = readFileSync(path, 'utf8');
      await withDatabase(async (handle) => {
        const started = Date.now();
        try {
          const summary = await importHealthActivity({ db: handle.db, clock: systemClock }, { actor: options.as ? await actorForUsername(handle.db, options.as) : null, fileName: basename(path), text });
          if (options.json) printJson(summary);
          else process.stdout.write(formatHealthActivitySummary(summary, file, (Date.now() - started) / 1000));
        } catch (error) {
          if (!(error instanceof ImportValidationError)) throw error;
          reportInvalid(error, options.json === true);
        }
      });
    });

  imports
    .command('events')
    .description(`Import a safeguarding event feed (CSV, layouts in docs/feeds.md): ${FEED_NAMES.join(', ')}. All or nothing; rows already imported are skipped`)
    .argument('<file>', 'the CSV file')
    .requiredOption('--type <feed>', `the feed: ${FEED_NAMES.join(' | ')}`)
    .option('--source-system <name>', 'the sending system (its source ids are unique within it); default: the feed name')
    .option('--as <username>', 'the user the events are recorded and audited as (needs the import action, e.g. the paediatric liaison nurse); required')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { type: string; sourceSystem?: string; as?: string; json?: boolean }) => {
      if (!FEED_NAMES.includes(options.type)) throw new CliInputError(`--type must be one of ${FEED_NAMES.join(', ')}, found "${options.type}"`);
      if (!options.as) throw new CliInputError('--as USERNAME is required: feed events are recorded as a named user with the import action (e.g. the paediatric liaison nurse), whose organisation is taken as where they happened');
      const path = resolve(file);
      if (!existsSync(path) || !statSync(path).isFile()) throw new CliInputError(`${file} is not a file: give the ${options.type} CSV file`);
      const text = readFileSync(path, 'utf8');
      const username = options.as;
      await withDatabase(async (handle) => {
        const actor = await actorForUsername(handle.db, username);
        const started = Date.now();
        const bar = options.json || !process.stderr.isTTY ? null : new cliProgress.SingleBar({ format: 'Importing {bar} {percentage}% | {value}/{total} events | {eta_formatted} left', stream: process.stderr }, cliProgress.Presets.shades_classic);
        let barStarted = false;
        try {
          const summary = await importEventFeed(
            { db: handle.db, clock: systemClock },
            {
              actor,
              feed: options.type,
              sourceSystem: options.sourceSystem ?? options.type,
              fileName: basename(path),
              text,
              onProgress: (done, total) => {
                if (!bar || total === 0) return;
                if (!barStarted) {
                  bar.start(total, done);
                  barStarted = true;
                } else bar.update(done);
              },
            },
          );
          bar?.stop();
          if (options.json) printJson(summary);
          else process.stdout.write(formatEventFeedSummary(summary, file, (Date.now() - started) / 1000));
        } catch (error) {
          bar?.stop();
          if (!(error instanceof ImportValidationError)) throw error;
          reportInvalid(error, options.json === true);
        }
      });
    });
}
