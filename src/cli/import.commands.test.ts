import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { registerImportCommands } from './import.commands.js';
import { CliInputError, EXIT } from './output.js';

const FIXTURES = fileURLToPath(new URL('../server/modules/lac-import/fixtures/', import.meta.url));
let stdout = '';
let stderr = '';
const saved = { ...process.env };

beforeAll(() => {
  process.env.CLASP_DATA_DIR = mkdtempSync(join(tmpdir(), 'clasp-import-'));
  delete process.env.DATABASE_URL;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});
afterAll(() => {
  process.env = saved;
  vi.restoreAllMocks();
});

async function run(...args: string[]) {
  stdout = '';
  stderr = '';
  process.exitCode = undefined;
  const program = new Command().exitOverride();
  registerImportCommands(program);
  await program.parseAsync(args, { from: 'user' });
  const code = typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  process.exitCode = undefined;
  return { code, stdout, stderr };
}

describe('clasp import ssda903 DIR', () => {
  test('a directory without header.csv or episodes.csv is bad input naming the missing file', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'clasp-903-'));
    writeFileSync(join(empty, 'Header.csv'), 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n');
    await expect(run('import', 'ssda903', empty)).rejects.toThrow(CliInputError);
    await expect(run('import', 'ssda903', empty)).rejects.toThrow(/has no episodes\.csv/);
    await expect(run('import', 'ssda903', join(empty, 'nope'))).rejects.toThrow(/is not a directory/);
  });

  test('invalid files: exit 2 and every error on stderr as file:line:column (rule): message', async () => {
    const result = await run('import', 'ssda903', join(FIXTURES, 'invalid'));
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stderr).toContain('The SSDA903 files contain 3 errors, so nothing was imported');
    expect(result.stderr).toContain('  header.csv:3:2 (rule 101): SEX must be 1 (male) or 2 (female), found "3"');
    expect(result.stderr).toContain('  episodes.csv:4:3 (rule 357): the first episode for child 1002 must start with RNE S');
  }, 60_000);

  test('invalid files with --json: the API error body on stdout, exit 2', async () => {
    const result = await run('import', 'ssda903', join(FIXTURES, 'invalid'), '--json');
    expect(result.code).toBe(EXIT.badInput);
    const body = JSON.parse(result.stdout);
    expect(body.error.code).toBe('ssda903.invalid');
    expect(body.error.formErrors).toHaveLength(3);
  }, 60_000);

  test('a valid return imports (summary table), and a second run changes nothing (--json)', async () => {
    const first = await run('import', 'ssda903', join(FIXTURES, 'valid'));
    expect(first.code).toBe(EXIT.ok);
    expect(first.stdout).toMatch(/SSDA903 import from .*valid/);
    expect(first.stdout).toMatch(/children\s+5\s+0\s+0/);
    expect(first.stdout).toMatch(/episodes\s+11\s+0\s+0\s+0/);
    expect(first.stdout).toContain('OC2: 2 rows checked, not stored');
    const second = await run('import', 'ssda903', join(FIXTURES, 'valid'), '--json');
    expect(second.code).toBe(EXIT.ok);
    expect(JSON.parse(second.stdout)).toMatchObject({ children: { created: 0, updated: 0, unchanged: 5 }, episodes: { created: 0, updated: 0, unchanged: 11, deleted: 0 } });
  }, 60_000);
});

describe('clasp import health-activity FILE', () => {
  test('a missing file is bad input', async () => {
    await expect(run('import', 'health-activity', join(FIXTURES, 'no-such.csv'))).rejects.toThrow(/is not a file/);
  });

  test('invalid rows: exit 2 with each error', async () => {
    const result = await run('import', 'health-activity', join(FIXTURES, 'health-activity-invalid.csv'));
    expect(result.code).toBe(EXIT.badInput);
    expect(result.stderr).toContain('health-activity-invalid.csv:3:1 (rule unknown_child): no child in CLASP has the LA child id 9999');
  }, 60_000);

  test('a valid file imports for the children the SSDA903 import created; again, nothing new', async () => {
    const first = await run('import', 'health-activity', join(FIXTURES, 'health-activity.csv'), '--json');
    expect(first.code).toBe(EXIT.ok);
    expect(JSON.parse(first.stdout)).toEqual({ rows: 6, created: 6, unchanged: 0, children: 3 });
    const second = await run('import', 'health-activity', join(FIXTURES, 'health-activity.csv'));
    expect(second.stdout).toMatch(/6 rows, 0 activities added for 0 children, 6 already held/);
  }, 60_000);
});
