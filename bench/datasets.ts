/**
 * Samples of real values from the seeded data, so requests hit rows that exist and spread over the
 * whole dataset (not one hot row): NHS numbers, family names, children with a household and episodes.
 */
import type pg from 'pg';

export interface Samples {
  nhsNumbers: string[];
  familyNames: string[];
  /** Children with at least one relationship and one status episode (for the child summary page). */
  childrenWithHousehold: string[];
  /** Name and date of birth of some children (for the duplicate check on the add-child page). */
  people: { givenName: string; familyName: string; dateOfBirth: string }[];
  /** The GP practice with the most registered children (for a full-size practice cohort). */
  largestPractice: { id: string; children: number } | null;
}

function shuffle<T>(values: T[]): T[] {
  for (let i = values.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [values[i], values[j]] = [values[j] as T, values[i] as T];
  }
  return values;
}

/** Percentage of rows to sample so about `wanted` × 3 come back (BERNOULLI: row-level, whole table). */
async function samplePercent(pool: pg.Pool, wanted: number): Promise<number> {
  const { rows } = await pool.query<{ n: number }>("SELECT greatest(reltuples, 1)::float8 AS n FROM pg_class WHERE relname = 'children' AND relkind = 'r'");
  const estimate = rows[0]?.n ?? 1;
  return Math.min(100, Math.max(0.0001, ((wanted * 3) / estimate) * 100));
}

/** `pages`: also sample what the page calls need (households, people, largest practice). */
export async function sampleDataset(pool: pg.Pool, { nhsNumbers = 10_000, names = 1_000, pages = false }: { nhsNumbers?: number; names?: number; pages?: boolean } = {}): Promise<Samples> {
  let percent = await samplePercent(pool, nhsNumbers);
  let nhs: string[] = [];
  // Two tries at most: if reltuples was stale, the second asks for everything it needs.
  for (let attempt = 0; attempt < 2 && nhs.length < nhsNumbers; attempt += 1) {
    const { rows } = await pool.query<{ nhs_number: string }>(`SELECT nhs_number FROM children TABLESAMPLE BERNOULLI (${percent}) WHERE nhs_number IS NOT NULL LIMIT ${nhsNumbers * 3}`);
    nhs = rows.map((r) => r.nhs_number);
    percent = 100;
  }
  const family = await pool.query<{ family_name: string }>(
    `SELECT DISTINCT family_name FROM children TABLESAMPLE BERNOULLI (${await samplePercent(pool, names * 4)}) WHERE NOT is_unborn LIMIT ${names * 4}`,
  );
  if (!pages) return { nhsNumbers: shuffle(nhs).slice(0, nhsNumbers), familyNames: shuffle(family.rows.map((r) => r.family_name)).slice(0, names), childrenWithHousehold: [], people: [], largestPractice: null };
  const household = await pool.query<{ id: string }>(
    `SELECT c.id FROM children c TABLESAMPLE BERNOULLI (${await samplePercent(pool, 20_000)})
      WHERE EXISTS (SELECT 1 FROM relationships r WHERE r.child_id = c.id)
        AND EXISTS (SELECT 1 FROM status_episodes se WHERE se.child_id = c.id)
      LIMIT 500`,
  );
  const people = await pool.query<{ given_name: string; family_name: string; date_of_birth: string }>(
    `SELECT given_name, family_name, date_of_birth::text AS date_of_birth FROM children TABLESAMPLE BERNOULLI (${await samplePercent(pool, 200)}) WHERE date_of_birth IS NOT NULL LIMIT 200`,
  );
  const practice = await pool.query<{ id: string; children: number }>(
    `SELECT registered_practice_id AS id, count(*)::int AS children FROM children WHERE registered_practice_id IS NOT NULL
      GROUP BY registered_practice_id ORDER BY count(*) DESC LIMIT 1`,
  );
  return {
    nhsNumbers: shuffle(nhs).slice(0, nhsNumbers),
    familyNames: shuffle(family.rows.map((r) => r.family_name)).slice(0, names),
    childrenWithHousehold: shuffle(household.rows.map((r) => r.id)),
    people: shuffle(people.rows.map((r) => ({ givenName: r.given_name, familyName: r.family_name, dateOfBirth: r.date_of_birth }))),
    largestPractice: practice.rows[0] ?? null,
  };
}
