import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { openDatabase } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { verifyExportedRows } from '../server/modules/access-review/access-review.usecases.js';
import { getChildSummary } from '../server/modules/children/children.usecases.js';
import { fixedClock } from '../server/shared/clock.js';
import { SYSTEM_ACTOR } from '../server/shared/system-actor.js';
import { seedFixture } from '../server/test/fixtures.js';
import { runCli } from './main.js';

/**
 * The CLI against its own embedded database in a temporary directory, through runCli (the real exit
 * codes: 0 ok, 2 bad input, 1 failure). Every command reads or writes as a named actor on channel 'cli'.
 */
const saved = { ...process.env };
let dataDir: string;
let fx: Awaited<ReturnType<typeof seedFixture>>;
let stdout = '';
let stderr = '';

async function withDb<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ dataDir });
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

async function run(...args: string[]) {
  stdout = '';
  stderr = '';
  process.exitCode = undefined;
  const code = await runCli(args);
  process.exitCode = undefined;
  return { code, stdout, stderr };
}

const auditRows = (action: string) => withDb((db) => db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('logged_order').execute());

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clasp-audit-export-'));
  process.env.CLASP_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  fx = await withDb(async (db) => {
    await migrate(db);
    return seedFixture(db);
  });
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
}, 120_000);
afterAll(() => {
  process.env = saved;
  vi.restoreAllMocks();
});

describe('every CLI read of child data is audited with channel cli and a named actor', () => {
  test('report health-assessments --as lac is audited as the LAC nurse on the cli channel, naming the children listed', async () => {
    const result = await run('report', 'health-assessments', '--as-of', '2026-11-27', '--as', 'lac', '--json');
    expect(result.code).toBe(0);
    const rows = await auditRows('lac.worklist');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: fx.users.lac!.id, outcome: 'allowed' });
    const record = JSON.parse(rows[0]!.record);
    expect(record).toMatchObject({ channel: 'cli', role: 'lac_nurse' });
    expect(record.details.resultChildIds).toContain(fx.children.cressida);
  }, 60_000);

  test('without --as the report is audited as the system actor, still on the cli channel', async () => {
    expect((await run('report', 'health-assessments', '--as-of', '2026-11-27', '--json')).code).toBe(0);
    const rows = await auditRows('lac.worklist');
    expect(rows[1]).toMatchObject({ actor_id: SYSTEM_ACTOR.userId });
    expect(JSON.parse(rows[1]!.record)).toMatchObject({ channel: 'cli' });
  }, 60_000);

  test('a role without the permission is refused (exit 2) and the refusal is audited', async () => {
    expect((await run('report', 'health-assessments', '--as', 'commissioner', '--json')).code).toBe(2);
    const rows = await auditRows('lac.worklist');
    expect(rows.at(-1)).toMatchObject({ actor_id: fx.users.commissioner!.id, outcome: 'denied' });
    expect((await run('report', 'health-assessments', '--as', 'nobody-at-all')).code).toBe(2);
  }, 60_000);

  test('report oc2 --csv writes the file and audits both the figures and the CSV export as the named user', async () => {
    const out = join(dataDir, 'oc2.csv');
    expect((await run('report', 'oc2', '--year-ending', '2026-03-31', '--csv', out, '--as', 'lac', '--json')).code).toBe(0);
    expect(readFileSync(out, 'utf8').length).toBeGreaterThan(0);
    for (const action of ['lac.oc2', 'lac.oc2_csv']) {
      const row = (await auditRows(action)).at(-1)!;
      expect(row.actor_id).toBe(fx.users.lac!.id);
      expect(JSON.parse(row.record).channel).toBe('cli');
    }
  }, 60_000);
});

describe('clasp audit export', () => {
  test('--child --json prints the rows with chain id, seq, hash and previous hash; each verifies; the export is audited on the cli channel', async () => {
    // Someone opened Cressida's record (the same use-case as the web), so her record has rows of its own.
    await withDb((db) => getChildSummary({ db, clock: fixedClock('2026-11-27T12:00:00Z') }, { actor: { userId: fx.users.lac!.id, username: 'lac', role: 'lac_nurse', organisationId: fx.organisations.community, teamId: fx.teams.lacTeam, channel: 'api' }, childId: fx.children.cressida }));
    const result = await run('audit', 'export', '--child', fx.children.cressida, '--json', '--as', 'designated');
    expect(result.code).toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.subject).toEqual({ kind: 'child', id: fx.children.cressida });
    expect(body.rows.length).toBeGreaterThan(0);
    expect(body.rows[0]).toMatchObject({ chainId: expect.any(Number), seq: expect.any(String), hash: expect.any(String), prevHash: expect.any(String), childId: fx.children.cressida });
    expect(verifyExportedRows(body.rows).ok).toBe(true);
    const row = (await auditRows('audit.export')).at(-1)!;
    expect(row).toMatchObject({ actor_id: fx.users.designated!.id, child_id: fx.children.cressida, outcome: 'allowed' });
    expect(JSON.parse(row.record)).toMatchObject({ channel: 'cli', details: { subject: 'child', rows: body.rows.length, format: 'json' } });
  }, 60_000);

  test('--user --csv --out writes a CSV file and says so; without --as it is the system', async () => {
    const out = join(dataDir, 'lac-user.csv');
    const result = await run('audit', 'export', '--user', fx.users.lac!.id, '--from', '2020-01-01', '--to', '2100-01-01', '--csv', '--out', out);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/audit rows of user .* written to .*lac-user\.csv \(CSV\)/);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('chain_id,seq,occurred_at,actor_id,action,outcome,child_id,prev_hash,hash,record');
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect((await auditRows('audit.export')).at(-1)).toMatchObject({ actor_id: SYSTEM_ACTOR.userId });
  }, 60_000);

  test('the plain listing names each row and how to verify', async () => {
    const result = await run('audit', 'export', '--user', fx.users.lac!.id);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/audit rows of user/);
    expect(result.stdout).toMatch(/lac\.worklist/);
    expect(result.stdout).toMatch(/To verify:/);
  }, 60_000);

  test.each([
    ['neither --child nor --user', ['audit', 'export', '--json']],
    ['both', ['audit', 'export', '--child', randomUUID(), '--user', randomUUID()]],
    ['a child id that is not a UUID', ['audit', 'export', '--child', 'amelia']],
    ['an impossible date', ['audit', 'export', '--user', randomUUID(), '--from', '2026-02-30']],
    ['--csv and --json together', ['audit', 'export', '--user', randomUUID(), '--csv', '--json']],
  ])('bad input: %s → exit 2, nothing exported', async (_, args) => {
    const before = (await auditRows('audit.export')).length;
    expect((await run(...args)).code).toBe(2);
    expect((await auditRows('audit.export')).length).toBe(before);
  }, 60_000);

  test('an unknown child or user, or an investigator without the permission → exit 2, and the attempt is audited', async () => {
    expect((await run('audit', 'export', '--child', randomUUID(), '--json')).code).toBe(2);
    expect((await run('audit', 'export', '--user', randomUUID())).code).toBe(2);
    const refused = await run('audit', 'export', '--child', fx.children.amelia, '--as', 'hv', '--json');
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout).error.code).toBe('auth.forbidden');
    const rows = (await auditRows('audit.export')).slice(-3);
    expect(rows.map((r) => r.outcome)).toEqual(['not_found', 'not_found', 'denied']);
  }, 60_000);

  test('a file that cannot be written is a failure → exit 1', async () => {
    expect((await run('audit', 'export', '--user', fx.users.lac!.id, '--csv', '--out', join(dataDir, 'no-such-dir', 'x.csv'))).code).toBe(1);
  }, 60_000);

  test('the log is intact after all of it', async () => {
    const result = await run('audit', 'verify', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true });
  }, 60_000);
});
