import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ETHNICITY, LEGAL_STATUS, PLACEMENT_PROVIDER, PLACEMENT_TYPE } from '../domain/codes/dfe-codes.js';
import { isValidNhsNumber } from '../domain/identity/nhs-number.js';
import { openDatabase, type DatabaseHandle } from '../server/db/database.js';
import { migrate } from '../server/db/migrate.js';
import { seedDemo } from './demo.js';
import { nhsNumberAt, nhsPositionsNeeded, NhsNumberSequence, upn } from './identifiers.js';
import { POSTCODE_PATTERN } from './names.js';
import { Rng } from './random.js';
import { encodeCopyRow, encodeSqlRow, planLocalAuthorities, SCALE_PROFILES, seedAtScale, type SeedAtScaleResult } from './scale.js';

const TODAY = '2025-03-14';
const CHILD_TABLES = ['child_identifiers', 'child_names', 'child_addresses', 'relationships', 'status_episodes', 'manual_flags', 'caseload_allocations'] as const;

/** Ids of run `run` all start with this stamp (see IdMaker in scale.ts). */
const runRange = (run: number) => {
  const stamp = `c1a5${run.toString(16).padStart(4, '0')}`;
  return [`${stamp}-0000-0000-0000-000000000000`, `${stamp}-ffff-ffff-ffff-ffffffffffff`] as const;
};

async function orphanCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CHILD_TABLES) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} t WHERE NOT EXISTS (SELECT 1 FROM children c WHERE c.id = t.child_id)`.execute(handle.db);
    counts[table] = rows[0]!.n;
  }
  const related = await sql<{ n: number }>`SELECT count(*)::int AS n FROM relationships r WHERE r.related_child_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM children c WHERE c.id = r.related_child_id)`.execute(handle.db);
  counts['relationships.related_child_id'] = related.rows[0]!.n;
  return counts;
}

describe('pure parts', () => {
  test('COPY text encoding escapes backslash, tab, newline and carriage return, and writes \\N for NULL', () => {
    expect(encodeCopyRow(['a\tb', null, 'c\\d', 'line\nbreak\r', "O'Neill"])).toBe("a\\tb\t\\N\tc\\\\d\tline\\nbreak\\r\tO'Neill\n");
    expect(encodeCopyRow(['x\ty', 'p\tq'], [false, true])).toBe('x\ty\tp\\tq\n');
    expect(encodeSqlRow(["O'Neill", null, 't'])).toBe("('O''Neill',NULL,'t')");
  });

  test('synthetic NHS numbers are valid, 9-prefixed, never repdigits, and positions suffice', () => {
    const seq = new NhsNumberSequence(0, 5000);
    const seen = new Set<string>();
    for (let i = 0; i < 4000; i += 1) {
      const n = seq.next();
      expect(isValidNhsNumber(n), n).toBe(true);
      expect(n.startsWith('999')).toBe(true);
      seen.add(n);
    }
    expect(seen.size).toBe(4000);
    expect(seq.nextPosition).toBeLessThanOrEqual(nhsPositionsNeeded(4000));
    // After the 999 block comes 998: still valid, still never issued to patients.
    const n = nhsNumberAt(1_000_001) ?? nhsNumberAt(1_000_002)!;
    expect(n.startsWith('998')).toBe(true);
    expect(isValidNhsNumber(n)).toBe(true);
  });

  test('UPNs carry a check letter and 12 digits', () => {
    const value = upn({ laNumber: 990, establishment: 2101, year: 2019, serial: 7 });
    expect(value).toMatch(/^[A-HJ-NP-RT-Z][0-9]{12}$/);
    expect(value.slice(1)).toBe('990210119007');
  });

  test('the borough plan has ~8 GP practices per 10,000 children, schools, and HV/SN teams', () => {
    const { las, organisations, teams } = planLocalAuthorities(new Rng(7), 1, SCALE_PROFILES.borough.children, 1);
    const practices = organisations.filter((o) => o.kind === 'gp_practice');
    expect(practices).toHaveLength(40);
    expect(organisations.filter((o) => o.kind === 'school').length).toBe(100);
    expect(teams.filter((t) => t.kind === 'health_visiting').length).toBeGreaterThanOrEqual(3);
    expect(teams.filter((t) => t.kind === 'school_nursing').length).toBeGreaterThanOrEqual(2);
    expect(las[0]!.children).toBe(50_000);
    for (const o of organisations) expect(o.code.startsWith('S1-')).toBe(true);
    expect(new Set(organisations.map((o) => o.code)).size).toBe(organisations.length);
  });

  test('the national plan splits 12 million children over 153 local authorities', () => {
    const { las, organisations } = planLocalAuthorities(new Rng(7), 1, SCALE_PROFILES.national.children, SCALE_PROFILES.national.localAuthorities);
    expect(las).toHaveLength(153);
    expect(las.reduce((sum, la) => sum + la.children, 0)).toBe(12_000_000);
    const practices = organisations.filter((o) => o.kind === 'gp_practice').length;
    expect(practices).toBeGreaterThan(9_000);
    expect(practices).toBeLessThan(10_500);
    expect(new Set(las.map((la) => la.name)).size).toBe(153);
    expect(las.every((la) => la.name !== 'Ouseford')).toBe(true);
  });
});

describe('seedAtScale on PGlite, beside the demo seed', () => {
  let handle: DatabaseHandle;
  let first: SeedAtScaleResult;
  const progress: [number, number][] = [];

  beforeAll(async () => {
    handle = await openDatabase({ dataDir: 'memory://' });
    await migrate(handle.db);
    await seedDemo({ db: handle.db, today: TODAY, passwordHash: 'not-a-real-hash' });
    first = await seedAtScale({ pool: handle.pool, scale: 'borough', limit: 2000, today: TODAY, batchSize: 700, onProgress: (done, total) => progress.push([done, total]) });
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
  });

  test('produces exactly the requested number of children, reported with progress', async () => {
    expect(first.children).toBe(2000);
    expect(first.method).toBe('insert');
    expect(first.codePrefix).toBe('S1-');
    const [low, high] = runRange(first.run);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM children WHERE id BETWEEN ${low}::uuid AND ${high}::uuid`.execute(handle.db);
    expect(rows[0]!.n).toBe(2000);
    expect(progress[0]).toEqual([0, 2000]);
    expect(progress.at(-1)).toEqual([2000, 2000]);
    expect(progress.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < progress.length; i += 1) expect(progress[i]![0]).toBeGreaterThan(progress[i - 1]![0]);
  });

  test('has a plausible mix: ~4% looked after (borough profile), ~1.2% CIN, ~0.45% CP, care leavers', async () => {
    const [low, high] = runRange(first.run);
    const { rows } = await sql<{ kind: string; n: number }>`
      SELECT kind, count(DISTINCT child_id)::int AS n FROM status_episodes
      WHERE child_id BETWEEN ${low}::uuid AND ${high}::uuid AND ended_on IS NULL GROUP BY kind`.execute(handle.db);
    const count = (kind: string) => rows.find((r) => r.kind === kind)?.n ?? 0;
    expect(count('looked_after')).toBe(first.lookedAfter);
    expect(first.lookedAfter / 2000).toBeGreaterThan(0.03);
    expect(first.lookedAfter / 2000).toBeLessThan(0.05);
    expect(count('child_in_need') / 2000).toBeGreaterThan(0.006);
    expect(count('child_in_need') / 2000).toBeLessThan(0.025);
    expect(count('child_protection')).toBeGreaterThanOrEqual(4);
    expect(count('child_protection') / 2000).toBeLessThan(0.012);
    expect(count('early_help')).toBeGreaterThanOrEqual(4);
    expect(count('care_leaver')).toBeGreaterThanOrEqual(15);
  });

  test('looked-after episodes carry DfE codes; some are placed out of area', async () => {
    const [low, high] = runRange(first.run);
    const episodes = await handle.db
      .selectFrom('status_episodes')
      .selectAll()
      .where('kind', '=', 'looked_after')
      .where('child_id', '>=', low)
      .where('child_id', '<=', high)
      .execute();
    for (const e of episodes) {
      expect(LEGAL_STATUS.map((c) => c.code)).toContain(e.legal_status);
      expect(PLACEMENT_TYPE.map((c) => c.code)).toContain(e.placement_type);
      expect(PLACEMENT_PROVIDER.map((c) => c.code)).toContain(e.placement_provider);
      if (e.ended_on) expect(e.ended_on >= e.started_on).toBe(true);
    }
    expect(episodes.some((e) => e.ended_on === null && e.placement_in_area === false)).toBe(true);
  });

  test('all NHS numbers in the database (demo and scale) are valid and unique', async () => {
    const rows = await handle.db.selectFrom('children').select('nhs_number').where('nhs_number', 'is not', null).execute();
    expect(rows.length).toBeGreaterThan(1900);
    for (const { nhs_number } of rows) expect(isValidNhsNumber(nhs_number!), nhs_number!).toBe(true);
    expect(new Set(rows.map((r) => r.nhs_number)).size).toBe(rows.length);
  });

  test('every child_id in child-scoped tables references an existing child', async () => {
    for (const [table, n] of Object.entries(await orphanCounts(handle))) expect(n, table).toBe(0);
  });

  test('families: siblings both ways, mothers linked, under-5s with a health visiting team', async () => {
    const [low, high] = runRange(first.run);
    const one = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM relationships a
      WHERE a.kind = 'sibling' AND a.child_id BETWEEN ${low}::uuid AND ${high}::uuid
        AND NOT EXISTS (SELECT 1 FROM relationships b WHERE b.kind = 'sibling' AND b.child_id = a.related_child_id AND b.related_child_id = a.child_id)`.execute(handle.db);
    expect(one.rows[0]!.n).toBe(0);
    const siblings = await sql<{ n: number }>`SELECT count(*)::int AS n FROM relationships WHERE kind = 'sibling' AND child_id BETWEEN ${low}::uuid AND ${high}::uuid`.execute(handle.db);
    expect(siblings.rows[0]!.n).toBeGreaterThan(500);
    const motherless = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM children c WHERE c.id BETWEEN ${low}::uuid AND ${high}::uuid AND c.mother_person_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM relationships r WHERE r.child_id = c.id AND r.kind = 'mother' AND r.related_person_id = c.mother_person_id)`.execute(handle.db);
    expect(motherless.rows[0]!.n).toBe(0);
    const underFive = await sql<{ total: number; allocated: number }>`
      SELECT count(*)::int AS total,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM caseload_allocations a JOIN teams t ON t.id = a.team_id
                                             WHERE a.child_id = c.id AND a.service = 'health_visiting' AND t.kind = 'health_visiting'))::int AS allocated
      FROM children c WHERE c.id BETWEEN ${low}::uuid AND ${high}::uuid AND c.date_of_birth > ${TODAY}::date - interval '5 years'`.execute(handle.db);
    expect(underFive.rows[0]!.total).toBeGreaterThan(300);
    expect(underFive.rows[0]!.allocated).toBe(underFive.rows[0]!.total);
  });

  test('rows look right: postcodes, ethnicity codes, dates, registered practices', async () => {
    const [low, high] = runRange(first.run);
    const children = await handle.db.selectFrom('children').selectAll().where('id', '>=', low).where('id', '<=', high).execute();
    const practices = new Set((await handle.db.selectFrom('organisations').select('id').where('kind', '=', 'gp_practice').execute()).map((o) => o.id));
    for (const c of children) {
      expect(ETHNICITY.map((e) => e.code)).toContain(c.ethnicity);
      if (c.is_unborn) {
        expect(c.date_of_birth).toBeNull();
        expect(c.expected_due_on! > TODAY).toBe(true);
      } else expect(c.date_of_birth! <= TODAY).toBe(true);
      if (c.registered_practice_id) expect(practices.has(c.registered_practice_id)).toBe(true);
    }
    expect(children.filter((c) => c.registered_practice_id).length / children.length).toBeGreaterThan(0.95);
    const addresses = await handle.db.selectFrom('child_addresses').select(['postcode', 'valid_from', 'valid_to']).where('child_id', '>=', low).where('child_id', '<=', high).execute();
    for (const a of addresses) {
      expect(a.postcode).toMatch(POSTCODE_PATTERN);
      if (a.valid_to) expect(a.valid_to >= a.valid_from).toBe(true);
    }
  });

  test('a second run on the same database succeeds with its own prefix, and per-row FK checks work too', async () => {
    const second = await seedAtScale({ pool: handle.pool, scale: 'national', limit: 300, today: TODAY, foreignKeyChecks: 'per-row' });
    expect(second.run).toBe(first.run + 1);
    expect(second.codePrefix).toBe(`S${first.run + 1}-`);
    expect(second.children).toBe(300);
    expect(second.foreignKeyChecks).toBe('per-row');
    const codes = await handle.db.selectFrom('organisations').select('code').execute();
    expect(codes.filter((o) => o.code.startsWith(second.codePrefix)).length).toBeGreaterThan(3);
    const nhs = await handle.db.selectFrom('children').select('nhs_number').where('nhs_number', 'is not', null).execute();
    expect(new Set(nhs.map((r) => r.nhs_number)).size).toBe(nhs.length);
    for (const [table, n] of Object.entries(await orphanCounts(handle))) expect(n, table).toBe(0);
  });
});

/**
 * The COPY path needs a real PostgreSQL. Set CLASP_SEED_TEST_DATABASE_URL to a migrated (or empty)
 * throwaway database to run it; each run adds a small, separately prefixed data set.
 */
const postgresUrl = process.env.CLASP_SEED_TEST_DATABASE_URL;
describe.skipIf(!postgresUrl)('seedAtScale on PostgreSQL (COPY)', () => {
  test('loads with COPY and leaves no dangling references', async () => {
    const handle = await openDatabase({ databaseUrl: postgresUrl });
    try {
      await migrate(handle.db);
      const result = await seedAtScale({ pool: handle.pool, scale: 'national', limit: 5000, today: TODAY, batchSize: 1500 });
      expect(result.method).toBe('copy');
      expect(result.children).toBe(5000);
      const [low, high] = runRange(result.run);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM children WHERE id BETWEEN ${low}::uuid AND ${high}::uuid`.execute(handle.db);
      expect(rows[0]!.n).toBe(5000);
      for (const [table, n] of Object.entries(await orphanCounts(handle))) expect(n, table).toBe(0);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
