import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  test('report health-assessments --json lists every child looked after with type, due date and status', async () => {
    const result = await run('report', 'health-assessments', '--as-of', '2026-11-27', '--json');
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.output) as { childId: string; type: string; due: string; status: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(['IHA', 'RHA']).toContain(row.type);
      expect(row.due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['due', 'overdue', 'booked']).toContain(row.status);
    }
    expect((await run('report', 'health-assessments', '--as-of', '2026-02-30', '--json')).code).toBe(2);
  });

  test('report oc2 --json prints the figures and --csv writes the DfE file', async () => {
    const csvPath = join(process.env.CLASP_DATA_DIR!, 'oc2.csv');
    const result = await run('report', 'oc2', '--year-ending', '2026-03-31', '--json', '--csv', csvPath);
    expect(result.code).toBe(0);
    const figures = JSON.parse(result.output);
    expect(figures).toMatchObject({ yearStart: '2025-04-01', yearEnding: '2026-03-31' });
    expect(typeof figures.cohort).toBe('number');
    expect(readFileSync(csvPath, 'utf8').split(/\r?\n/)[0]).toMatch(/^CHILD,DOB,SDQ_SCORE/);
  });

  test('sdq score FILE --json scores each row, with null where a score cannot be computed; bad rows exit 2 naming line and column', async () => {
    const file = join(process.env.CLASP_DATA_DIR!, 'sdq.csv');
    const header = ['id', ...Array.from({ length: 25 }, (_, i) => `q${i + 1}`)].join(',');
    writeFileSync(file, `${header}\nA1,${Array(25).fill('1').join(',')}\nA2,${Array(25).fill('').join(',')}\n`);
    const result = await run('sdq', 'score', file, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.output)).toEqual([
      { id: 'A1', emotional: 5, conduct: 5, hyperactivity: 5, peer: 5, prosocial: 5, totalDifficulties: 20, band: 'concern' },
      { id: 'A2', emotional: null, conduct: null, hyperactivity: null, peer: null, prosocial: null, totalDifficulties: null, band: null },
    ]);
    writeFileSync(file, `${header}\nA1,${Array(24).fill('1').join(',')},7\n`);
    const bad = await run('sdq', 'score', file, '--json');
    expect(bad.code).toBe(2);
    expect(bad.output).toMatch(/sdq\.csv:2/);
  });

  test('an unknown command or option is bad input (2)', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('seed', '--scale', 'galactic')).code).toBe(2);
  });
});
