import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { DatabaseHandle } from '../server/db/database.js';
import { seedFixture } from '../server/test/fixtures.js';
import { createTestDb } from '../server/test/test-db.js';
import { registerImportCommands, type WithDatabase } from './import.commands.js';
import { CliInputError, EXIT } from './output.js';

const FIXTURES = fileURLToPath(new URL('../server/modules/events-import/fixtures/', import.meta.url));
let handle: DatabaseHandle;
let stdout = '';
let stderr = '';

beforeAll(async () => {
  handle = await createTestDb();
  const fx = await seedFixture(handle.db);
  const hash = (await handle.db.selectFrom('users').select('password_hash').where('username', '=', 'ed').executeTakeFirstOrThrow()).password_hash;
  await handle.db.insertInto('users').values({ id: randomUUID(), username: 'pln', display_name: 'Test pln', password_hash: hash, role_id: 'paediatric_liaison_nurse', organisation_id: fx.organisations.hospital, team_id: fx.teams.edTeam, locked_until: null }).execute();
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
}, 180_000);
afterAll(async () => {
  vi.restoreAllMocks();
  await handle?.close();
});

/** The command runs against the test database (the same use-case; only the opener differs). */
const withTestDatabase: WithDatabase = (work) => work(handle);

async function run(...args: string[]) {
  stdout = '';
  stderr = '';
  process.exitCode = undefined;
  const program = new Command().exitOverride();
  registerImportCommands(program, withTestDatabase);
  await program.parseAsync(args, { from: 'user' });
  const code = typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  process.exitCode = undefined;
  return { code, stdout, stderr };
}
const events = async () => Number((await handle.db.selectFrom('child_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('clasp import events FILE --type <feed>', () => {
  test('bad arguments are bad input (exit 2 via CliInputError): unknown feed, no --as, unknown user, missing file', async () => {
    const file = join(FIXTURES, 'ed-attendance.csv');
    await expect(run('import', 'events', file, '--type', 'mash-referral', '--as', 'pln')).rejects.toThrow(/--type must be one of ed-attendance, admission, missed-appointment, police-dv-notification/);
    await expect(run('import', 'events', file, '--type', 'ed-attendance')).rejects.toThrow(/--as USERNAME is required/);
    await expect(run('import', 'events', file, '--type', 'ed-attendance', '--as', 'nobody')).rejects.toThrow(CliInputError);
    await expect(run('import', 'events', join(FIXTURES, 'no-such.csv'), '--type', 'ed-attendance', '--as', 'pln')).rejects.toThrow(/is not a file/);
  });

  test('a user whose role may not import is refused (403 AppError, exit 2 in main)', async () => {
    await expect(run('import', 'events', join(FIXTURES, 'ed-attendance.csv'), '--type', 'ed-attendance', '--as', 'hv')).rejects.toMatchObject({ statusCode: 403 });
    expect(await events()).toBe(0);
  });

  test('an invalid file: exit 2, every error on stderr as file:line:column (rule): message, nothing written', async () => {
    const result = await run('import', 'events', join(FIXTURES, 'ed-attendance-invalid.csv'), '--type', 'ed-attendance', '--as', 'pln');
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stderr).toContain('The event feed contains 5 errors, so nothing was imported');
    expect(result.stderr).toContain('  ed-attendance-invalid.csv:3:3 (rule date_in_future): occurred_at 2026-12-25T18:45:00Z is in the future');
    expect(result.stderr).toContain('  ed-attendance-invalid.csv:5:2 (rule unknown_child): no child in CLASP has the NHS number 9000000009');
    expect(await events()).toBe(0);
  });

  test('an invalid file with --json: the API error body on stdout, exit 2', async () => {
    const result = await run('import', 'events', join(FIXTURES, 'ed-attendance-invalid.csv'), '--type', 'ed-attendance', '--as', 'pln', '--json');
    expect(result.code).toBe(EXIT.badInput);
    const body = JSON.parse(result.stdout);
    expect(body.error.code).toBe('events_import.invalid');
    expect(body.error.formErrors).toHaveLength(5);
  });

  test('a valid feed imports with a summary; a second run skips every row (--json)', async () => {
    const first = await run('import', 'events', join(FIXTURES, 'ed-attendance.csv'), '--type', 'ed-attendance', '--source-system', 'TESTBOROUGH-ED', '--as', 'pln');
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toMatch(/^ed-attendance feed from .*ed-attendance\.csv, source system TESTBOROUGH-ED/);
    expect(first.stdout).toContain('3 rows: 3 events imported.');
    expect(first.stdout).toMatch(/3 event records written \(household copies included\), \d+ worklist items routed\./);
    const second = await run('import', 'events', join(FIXTURES, 'ed-attendance.csv'), '--type', 'ed-attendance', '--source-system', 'TESTBOROUGH-ED', '--as', 'pln', '--json');
    expect(second.code).toBe(EXIT.ok);
    expect(JSON.parse(second.stdout)).toMatchObject({ rows: 3, imported: 0, duplicatesSkipped: 3, alreadyImported: 3, routed: 0 });
    expect(await events()).toBe(3);
  });

  test('without --source-system the feed name is the source system', async () => {
    const result = await run('import', 'events', join(FIXTURES, 'missed-appointment.csv'), '--type', 'missed-appointment', '--as', 'pln', '--json');
    expect(JSON.parse(result.stdout)).toMatchObject({ sourceSystem: 'missed-appointment', imported: 3 });
  });
});
