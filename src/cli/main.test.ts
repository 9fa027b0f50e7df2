import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { runCli } from './main.js';

let output = '';
const saved = { ...process.env };

beforeAll(() => {
  process.env.CLASP_DATA_DIR = mkdtempSync(join(tmpdir(), 'clasp-cli-'));
  delete process.env.DATABASE_URL;
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    output += String(chunk);
    return true;
  });
});
afterAll(() => {
  process.env = saved;
  vi.restoreAllMocks();
});

async function run(...args: string[]) {
  output = '';
  process.exitCode = undefined;
  const code = await runCli(args);
  process.exitCode = undefined;
  return { code, output };
}

describe('clasp CLI (exit codes: 0 ok, 2 bad input, 1 failure)', () => {
  test('migrate --json lists the applied migrations, then none', async () => {
    const first = await run('migrate', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.output).applied[0]).toBe('0001-create-spine.sql');
    expect(JSON.parse((await run('migrate', '--json')).output).applied).toEqual([]);
  });

  test('seed --scale demo creates the demo borough once', async () => {
    expect(JSON.parse((await run('seed', '--scale', 'demo', '--json')).output)).toMatchObject({ seeded: true });
    expect(JSON.parse((await run('seed', '--scale', 'demo', '--json')).output)).toMatchObject({ seeded: false });
  }, 60_000);

  test('users add validates every field and exits 2 on bad input, writing nothing', async () => {
    const bad = await run('users', 'add', '--username', 'X', '--name', 'Test', '--role', 'wizard', '--org', 'NOPE', '--password', 'short', '--json');
    expect(bad.code).toBe(2);
    const body = JSON.parse(bad.output);
    expect(Object.keys(body.error.fieldErrors)).toEqual(expect.arrayContaining(['username', 'role', 'password']));
    const unknownOrg = await run('users', 'add', '--username', 'tess.wren', '--name', 'Tess Wren', '--role', 'gp', '--org', 'NOPE', '--password', 'a-long-enough-password', '--json');
    expect(unknownOrg.code).toBe(2);
    expect(JSON.parse(unknownOrg.output).error.fieldErrors.organisationCode).toBeDefined();
  });

  test('users add creates an account; audit verify reports the chain intact', async () => {
    const added = await run('users', 'add', '--username', 'tess.wren', '--name', 'Tess Wren', '--role', 'designated_nurse', '--org', 'ICB-OUS', '--password', 'a-long-enough-password', '--json');
    if (added.code !== 0) console.error(added.output);
    expect(added.code).toBe(0);
    const verify = await run('audit', 'verify', '--json');
    expect(verify.code).toBe(0);
    expect(JSON.parse(verify.output)).toMatchObject({ ok: true });
  });

  test('an unknown command or option is bad input (2)', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('seed', '--scale', 'galactic')).code).toBe(2);
  });
});
