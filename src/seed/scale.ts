/**
 * Synthetic data at scale: a borough (≈50,000 children) or the whole of England (≈12 million), for
 * load tests and capacity planning. SYNTHETIC ONLY: invented names and places, NHS numbers from the
 * never-issued 9… range, postcodes in areas no real postcode uses.
 *
 * Rows are generated lazily, family by family, into batches (families never span batches), and each
 * batch is written in two transactions: people and children first, then the child-scoped tables.
 * On PostgreSQL the rows go in with COPY … FROM STDIN (text format) and two connections work at once —
 * one loading batch n+1's children while the other loads batch n's addresses, relationships and so on
 * — while the next batch is generated. On PGlite they go in as multi-row INSERTs on its one
 * connection, because PGlite's node-postgres adapter cannot run COPY FROM STDIN (the WASM backend
 * exits).
 *
 * Foreign keys: where the session may skip triggers (a superuser, as PGlite always is), the per-row
 * foreign-key triggers are skipped while loading and every reference the run wrote is checked
 * afterwards in a few set-based queries (see checkReferences); otherwise PostgreSQL checks each row.
 *
 * Each run takes the next run number from app_settings and stamps it on its organisation codes, LA
 * child ids and UUIDs, and reserves its own slice of the synthetic NHS number range, so it can run on
 * a database that already holds the demo seed or earlier runs.
 */
import { once } from 'node:events';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { addDays, addYears } from '../domain/calendar/iso-date.js';
import type { EthnicityCode, LegalStatusCode, PlacementProviderCode, PlacementTypeCode } from '../domain/codes/dfe-codes.js';
import type { CpCategory } from '../domain/status/flags.js';
import { systemClock } from '../server/shared/clock.js';
import { DEMO_NHS_POSITIONS, NHS_POSITION_LIMIT, NhsNumberSequence, nhsPositionsNeeded } from './identifiers.js';
import { familyName, GIVEN_NAMES_FEMALE, GIVEN_NAMES_MALE, houseAddress, placeNameAt, postcode, SYNTHETIC_POSTCODE_AREAS } from './names.js';
import { hashSeed, Rng, WeightedTable } from './random.js';

export type Scale = 'borough' | 'national';

export interface ScaleProfile {
  children: number;
  lookedAfter: number;
  localAuthorities: number;
}

/** England has 153 LAs, ~12m children and ~85,000 looked-after children (DfE CLA statistics). */
export const SCALE_PROFILES: Record<Scale, ScaleProfile> = {
  borough: { children: 50_000, lookedAfter: 2_000, localAuthorities: 1 },
  national: { children: 12_000_000, lookedAfter: 85_000, localAuthorities: 153 },
};

/** Shares of all children (DfE Children in Need and CLA statistics, rounded). */
export const STATUS_RATES = {
  childInNeed: 0.012,
  childProtection: 0.0045,
  earlyHelp: 0.005,
  previousChildProtection: 0.0015,
  unborn: 0.0005,
  /** Care leavers (18–20, a few to 25) per looked-after child. */
  careLeaversPerLookedAfter: 0.4,
} as const;

export const GP_PRACTICES_PER_10K_CHILDREN = 8;
export const CHILDREN_PER_SCHOOL = 500;
export const SCALE_SETTINGS_KEYS = { runs: 'seed.scale.runs', nextNhsPosition: 'seed.scale.next_nhs_position' } as const;

export interface SeedAtScaleOptions {
  pool: pg.Pool;
  scale: Scale;
  onProgress?: (done: number, total: number) => void;
  /** Children per batch (one transaction and one COPY per table). Default 50,000 (PGlite: 10,000). */
  batchSize?: number;
  /** Cap on the number of children (tests, trial runs). */
  limit?: number;
  /** 'YYYY-MM-DD'; default today in England. */
  today?: string;
  /** PRNG seed; the run number is mixed in so two runs differ. */
  seed?: number;
  /**
   * Batches in flight on PostgreSQL (default 2: one loading its people and children while the one
   * before loads its child-scoped rows). PGlite always writes one at a time.
   */
  concurrency?: number;
  /**
   * How foreign keys are checked. 'per-row': PostgreSQL's own triggers, row by row. 'after-load': the
   * triggers are skipped while loading (SET LOCAL session_replication_role = replica, which needs a
   * superuser or a grant) and every reference this run wrote is then checked with a few set-based
   * queries — much cheaper than a trigger per row; any dangling reference fails the run.
   * 'auto' (default): 'after-load' where the session may skip triggers, else 'per-row'.
   */
  foreignKeyChecks?: 'auto' | 'per-row' | 'after-load';
  /** Called after each table of each batch is written (benchmarks). */
  onTableWritten?: (table: string, rows: number, milliseconds: number) => void;
}

export interface SeedAtScaleResult {
  children: number;
  lookedAfter: number;
  seconds: number;
  /** Run number (1, 2, …) and the code prefix of this run's organisations, e.g. 'S1-'. */
  run: number;
  codePrefix: string;
  rows: number;
  method: 'copy' | 'insert';
  foreignKeyChecks: 'per-row' | 'after-load';
}

// ---- Row encoding: COPY text format or SQL literals ----

type Field = string | null;

const COPY_SPECIAL = /[\\\t\n\r]/;
function copyField(value: string): string {
  if (!COPY_SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/**
 * One line of COPY … FROM STDIN text format: tab-separated, \N for NULL, and backslash, tab, newline
 * and carriage return escaped. With `textColumns`, only those columns are checked for characters to
 * escape: the others hold ids, dates, codes and flags that the generator makes from fixed alphabets.
 */
export function encodeCopyRow(fields: readonly Field[], textColumns?: readonly boolean[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i += 1) {
    const value = fields[i] ?? null;
    if (i > 0) line += '\t';
    line += value === null ? '\\N' : textColumns === undefined || textColumns[i] ? copyField(value) : value;
  }
  return line + '\n';
}

function sqlLiteral(value: Field): string {
  return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}
/** One parenthesised row for INSERT … VALUES (standard_conforming_strings: only ' needs doubling). */
export function encodeSqlRow(fields: readonly Field[]): string {
  return `(${fields.map(sqlLiteral).join(',')})`;
}

const TABLES = {
  people: ['id', 'given_name', 'family_name', 'date_of_birth', 'nhs_number', 'phone'],
  children: [
    'id', 'nhs_number', 'nhs_number_status', 'la_child_id', 'given_name', 'family_name', 'date_of_birth', 'expected_due_on', 'is_unborn',
    'mother_person_id', 'sex', 'ethnicity', 'registered_practice_id', 'school_id', 'responsible_la_id', 'placement_area',
  ],
  child_names: ['child_id', 'id', 'given_name', 'family_name', 'kind', 'valid_from', 'valid_to'],
  child_addresses: ['child_id', 'id', 'line1', 'town', 'postcode', 'valid_from', 'valid_to'],
  relationships: ['child_id', 'id', 'kind', 'related_child_id', 'related_person_id', 'has_parental_responsibility', 'lives_with', 'valid_from', 'valid_to'],
  status_episodes: [
    'child_id', 'id', 'kind', 'started_on', 'ended_on', 'cp_category', 'legal_status', 'placement_type', 'placement_provider', 'placement_in_area',
    'extended_to_25', 'source',
  ],
  caseload_allocations: ['child_id', 'id', 'team_id', 'user_id', 'service', 'started_on', 'ended_on'],
} as const;
type TableName = keyof typeof TABLES;
const TABLE_NAMES = Object.keys(TABLES) as TableName[];
/** Free-text columns: the ones COPY escaping has to look at. */
const FREE_TEXT = new Set(['given_name', 'family_name', 'phone', 'placement_area', 'line1', 'town', 'postcode', 'source']);
const TEXT_COLUMNS = Object.fromEntries(TABLE_NAMES.map((t) => [t, TABLES[t].map((c: string) => FREE_TEXT.has(c))])) as Record<TableName, boolean[]>;
/**
 * Each batch is written in two transactions, so that one connection can load a batch's parents while
 * another loads the previous batch's child-scoped rows (different tables, so no index contention).
 */
const PHASES: readonly (readonly TableName[])[] = [
  ['people', 'children'],
  ['child_names', 'child_addresses', 'relationships', 'status_episodes', 'caseload_allocations'],
];

/** A growing byte buffer: rows are encoded straight into it, so a batch is a few large buffers, not millions of strings. */
class ByteSink {
  private buffer = Buffer.allocUnsafe(1 << 20);
  length = 0;
  write(text: string): void {
    const needed = this.length + text.length * 3;
    if (needed > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** Sinks are reused from batch to batch, so their buffers grow once and are then recycled. */
class SinkPool {
  private readonly free: ByteSink[] = [];
  take(): ByteSink {
    const sink = this.free.pop() ?? new ByteSink();
    sink.length = 0;
    return sink;
  }
  give(sinks: Iterable<ByteSink>): void {
    for (const sink of sinks) this.free.push(sink);
  }
}

/** One batch of rows for every table, encoded for COPY (bytes) or for INSERT (SQL row literals). */
export class Batch {
  readonly copy: Record<TableName, ByteSink> | null;
  readonly sql: Record<TableName, string[]> | null;
  readonly rowCounts: Record<TableName, number> = {
    people: 0, children: 0, child_names: 0, child_addresses: 0, relationships: 0, status_episodes: 0, caseload_allocations: 0,
  };
  children = 0;
  lookedAfter = 0;
  rows = 0;
  constructor(readonly method: 'copy' | 'insert', sinks: SinkPool = new SinkPool()) {
    this.copy = method === 'copy' ? (Object.fromEntries(TABLE_NAMES.map((t) => [t, sinks.take()])) as Record<TableName, ByteSink>) : null;
    this.sql = method === 'insert' ? (Object.fromEntries(TABLE_NAMES.map((t) => [t, [] as string[]])) as Record<TableName, string[]>) : null;
  }
  add(table: TableName, fields: readonly Field[]): void {
    if (this.copy) this.copy[table].write(encodeCopyRow(fields, TEXT_COLUMNS[table]));
    else this.sql![table].push(encodeSqlRow(fields));
    this.rowCounts[table] += 1;
    this.rows += 1;
  }
}

// ---- The plan: local authorities, their organisations and teams ----

interface LocalAuthorityPlan {
  index: number;
  id: string;
  name: string;
  town: string;
  postcodeArea: string;
  districtBase: number;
  children: number;
  practices: string[];
  schools: string[];
  hvTeams: string[];
  snTeams: string[];
  lacTeam: string;
  maternityTeam: string;
}

interface OrganisationRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
}
interface TeamRow {
  id: string;
  organisation_id: string;
  name: string;
  kind: string;
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, '0');
}

/** Deterministic, time-ordered-ish UUIDs (version 8, "custom"): run, table tag, counter. Sequential keys keep btree inserts at the right edge. */
class IdMaker {
  private readonly prefix: string;
  private counter = 0;
  constructor(run: number, tag: number) {
    this.prefix = `c1a5${hex(run, 4)}-${hex(tag, 4)}-8000-8000-`;
  }
  next(): string {
    this.counter += 1;
    return this.prefix + hex(this.counter, 12);
  }
}

/** Tags in the run-stamped UUIDs: c1a5RRRR-TTTT-8000-8000-<counter>. */
const ID_TAGS = { organisations: 0x01, teams: 0x02, people: 0x10, children: 0x11, child_names: 0x12, child_addresses: 0x13, relationships: 0x14, status_episodes: 0x15, caseload_allocations: 0x16 } as const;

const ETHNICITY_TABLE = new WeightedTable<EthnicityCode>([
  ['WBRI', 62], ['WOTH', 7], ['WIRI', 1], ['WIRT', 0.3], ['WROM', 0.5], ['MWBC', 2], ['MWBA', 1.5], ['MWAS', 2], ['MOTH', 2.5], ['AIND', 3.5],
  ['APKN', 4.5], ['ABAN', 2], ['AOTH', 2], ['BAFR', 4.5], ['BCRB', 1.2], ['BOTH', 1], ['CHNE', 0.8], ['OOTH', 2], ['REFU', 0.4], ['NOBT', 1],
]);
const FAMILY_SIZE = new WeightedTable<number>([[1, 40], [2, 36], [3, 16], [4, 6], [5, 2]]);
const CP_CATEGORY = new WeightedTable<CpCategory>([['neglect', 50], ['emotional', 36], ['physical', 7], ['sexual', 4], ['multiple', 3]]);
const LEGAL_STATUS = new WeightedTable<LegalStatusCode>([['C2', 56], ['C1', 14], ['V2', 17], ['E1', 9], ['J2', 1], ['L2', 1], ['J1', 0.5], ['L1', 0.5]]);
const PLACEMENT = new WeightedTable<PlacementTypeCode>([
  ['U4', 26], ['U6', 22], ['U1', 6], ['U3', 7], ['U2', 1], ['U5', 1], ['K2', 11], ['H5', 3], ['K3', 3], ['P1', 7], ['A5', 2], ['A6', 2],
  ['R1', 1], ['S1', 1], ['P2', 1], ['K1', 0.5], ['R2', 0.5],
]);
const PROVIDER = new WeightedTable<PlacementProviderCode>([['PR1', 45], ['PR4', 40], ['PR5', 8], ['PR2', 4], ['PR3', 3]]);
const OTHER_PLACEMENT_AREAS = ['Harthaven', 'Kestleigh', 'Wrenmere', 'Brackwell', 'Thornbury Magna', 'Quernstow', 'Larkholme', 'Fennminster'];

const FAMILY_SOURCE = "Children's social care case management system (synthetic)";
const EARLY_HELP_SOURCE = 'Early help hub (synthetic)';

type Category = 'none' | 'lac' | 'cp' | 'cin' | 'eh' | 'previousCp' | 'careLeaver' | 'unborn';

interface GeneratorOptions {
  run: number;
  today: string;
  seed: number;
  nhsStart: number;
  nhsEnd: number;
  total: number;
  lookedAfterRate: number;
  las: LocalAuthorityPlan[];
}

/** Generates families lazily into batches. Deterministic for a given seed and run. */
export class FamilyGenerator {
  private readonly rng: Rng;
  private readonly nhs: NhsNumberSequence;
  private readonly ids: Record<'person' | 'child' | 'name' | 'address' | 'relationship' | 'episode' | 'allocation', IdMaker>;
  private readonly dates: string[];
  private readonly todayIndex: number;
  private readonly rates: Record<Exclude<Category, 'none'>, number>;
  private readonly credits: Record<Exclude<Category, 'none'>, number> = { lac: 0, cp: 0, cin: 0, eh: 0, previousCp: 0, careLeaver: 0, unborn: 0 };
  private laIndex = 0;
  private laDone = 0;
  private laChildSerial = 0;
  produced = 0;
  lookedAfter = 0;

  constructor(private readonly o: GeneratorOptions) {
    this.rng = new Rng(o.seed);
    this.nhs = new NhsNumberSequence(o.nhsStart, o.nhsEnd);
    this.ids = {
      person: new IdMaker(o.run, ID_TAGS.people),
      child: new IdMaker(o.run, ID_TAGS.children),
      name: new IdMaker(o.run, ID_TAGS.child_names),
      address: new IdMaker(o.run, ID_TAGS.child_addresses),
      relationship: new IdMaker(o.run, ID_TAGS.relationships),
      episode: new IdMaker(o.run, ID_TAGS.status_episodes),
      allocation: new IdMaker(o.run, ID_TAGS.caseload_allocations),
    };
    // Every date the generator can need, as strings, indexed by days since 70 years ago.
    const base = addYears(o.today, -70);
    this.dates = [];
    const last = addYears(o.today, 1);
    let date = base;
    while (date <= last) {
      this.dates.push(date);
      date = addDays(date, 1);
    }
    this.todayIndex = this.dates.indexOf(o.today);
    this.rates = {
      lac: o.lookedAfterRate,
      careLeaver: o.lookedAfterRate * STATUS_RATES.careLeaversPerLookedAfter,
      cp: STATUS_RATES.childProtection,
      cin: STATUS_RATES.childInNeed,
      eh: STATUS_RATES.earlyHelp,
      previousCp: STATUS_RATES.previousChildProtection,
      unborn: STATUS_RATES.unborn,
    };
  }

  get done(): boolean {
    return this.produced >= this.o.total;
  }

  /** The date `daysAgo` days before today (negative: in the future). */
  private day(daysAgo: number): string {
    const date = this.dates[this.todayIndex - daysAgo];
    if (date === undefined) throw new RangeError(`Date ${daysAgo} days ago is outside the generator's range`);
    return date;
  }

  /** Adds families to `batch` until it holds at least `children` more children, or the run is complete. */
  fill(batch: Batch, children: number): void {
    const target = batch.children + children;
    while (batch.children < target && !this.done) this.family(batch);
  }

  private currentLa(): LocalAuthorityPlan {
    for (;;) {
      const la = this.o.las[this.laIndex];
      if (!la) throw new Error('Scale plan exhausted before the target number of children');
      if (this.laDone < la.children) return la;
      this.laIndex += 1;
      this.laDone = 0;
    }
  }

  private chooseCategory(size: number): Category {
    const c = this.credits;
    if (c.careLeaver >= 1) return 'careLeaver';
    if (c.unborn >= 1) return 'unborn';
    const order: Exclude<Category, 'none' | 'careLeaver' | 'unborn'>[] = ['lac', 'cp', 'cin', 'eh', 'previousCp'];
    for (const category of order) if (c[category] >= size) return category;
    return 'none';
  }

  private family(batch: Batch): void {
    const rng = this.rng;
    const la = this.currentLa();
    const left = Math.min(la.children - this.laDone, this.o.total - this.produced);
    let size = Math.min(FAMILY_SIZE.pick(rng), left);
    const category = this.chooseCategory(size);
    if (category === 'careLeaver' || category === 'unborn') size = 1;
    else if (category === 'lac') size = Math.min(size, 3);

    const knownToSocialCare = category !== 'none';
    const surname = rng.chance(0.15) ? `${familyName(rng)}-${familyName(rng)}` : familyName(rng);
    const ethnicity = ETHNICITY_TABLE.pick(rng);
    const practiceSlot = rng.int(0, la.practices.length - 1);
    const practice = rng.chance(0.98) ? (la.practices[practiceSlot] as string) : null;

    // Ages in days: youngest first, older siblings 10 months to 5 years apart, all under 18.
    const ages: number[] = [];
    if (category === 'careLeaver') {
      ages.push(rng.chance(0.9) ? rng.int(18 * 365 + 10, 21 * 365 - 10) : rng.int(21 * 365 + 10, 25 * 365 - 10));
    } else if (category === 'unborn') {
      ages.push(-rng.int(7, 150));
    } else {
      const youngest = category === 'lac' ? rng.int(0, 17 * 365) : rng.int(0, 18 * 365 - 1);
      ages.push(youngest);
      for (let i = 1; i < size; i += 1) {
        const next = (ages[i - 1] as number) + rng.int(300, 1800);
        if (next >= 18 * 365) break;
        ages.push(next);
      }
    }
    size = ages.length;

    // Mother, father, home.
    const oldest = Math.max(...ages);
    const motherId = category === 'careLeaver' ? null : this.ids.person.next();
    if (motherId) {
      const motherAgeDays = Math.max(oldest, 0) + rng.int(17 * 365, 40 * 365);
      batch.add('people', [motherId, rng.pick(GIVEN_NAMES_FEMALE), rng.chance(0.88) ? surname : familyName(rng), this.day(motherAgeDays), null, null]);
    }
    const fatherId = category !== 'careLeaver' && category !== 'unborn' && rng.chance(0.45) ? this.ids.person.next() : null;
    const fatherPr = rng.chance(0.85);
    const fatherLivesWith = rng.chance(0.55);
    if (fatherId) {
      batch.add('people', [fatherId, rng.pick(GIVEN_NAMES_MALE), rng.chance(0.7) ? surname : familyName(rng), this.day(Math.max(oldest, 0) + rng.int(18 * 365, 45 * 365)), null, null]);
    }
    const line1 = houseAddress(rng);
    const postcodeHere = postcode(rng, la.postcodeArea, la.districtBase + rng.int(1, 9));
    const movedIn = rng.int(20, 4000);
    const previous = rng.chance(0.15) ? { line1: houseAddress(rng), postcode: postcode(rng, la.postcodeArea, la.districtBase + rng.int(1, 9)), from: movedIn + rng.int(300, 3000) } : null;

    // Family-level status details.
    const cpCategory = category === 'cp' || category === 'previousCp' ? CP_CATEGORY.pick(rng) : null;
    const statusStart = category === 'cp' ? rng.int(7, 700) : category === 'cin' ? rng.int(7, 900) : category === 'eh' ? rng.int(7, 400) : 0;
    const cinBeforeCp = category === 'cp' && rng.chance(0.4) ? statusStart + rng.int(60, 400) : null;
    const previousCpEnd = category === 'previousCp' ? rng.int(10, 360) : 0;
    const previousCpStart = previousCpEnd + rng.int(200, 700);
    const lacStartCap = rng.int(7, 6 * 365);
    const legal = category === 'lac' || category === 'careLeaver' ? LEGAL_STATUS.pick(rng) : null;
    const placement = category === 'lac' ? PLACEMENT.pick(rng) : category === 'careLeaver' ? rng.pick<PlacementTypeCode>(['U4', 'U6', 'K2', 'H5']) : null;
    const provider: PlacementProviderCode | null =
      placement === null ? null : placement === 'P1' ? 'PR0' : placement === 'U1' || placement === 'U2' || placement === 'U3' ? 'PR1' : PROVIDER.pick(rng);
    const inArea = category === 'lac' ? rng.chance(0.62) : true;
    const placementArea = inArea ? null : rng.chance(0.6) ? (this.o.las[rng.int(0, this.o.las.length - 1)]?.name ?? null) : rng.pick(OTHER_PLACEMENT_AREAS);
    const livesAtHome = category !== 'lac' || placement === 'P1';

    const childIds: string[] = [];
    const dobs: number[] = [];
    for (const ageDays of ages) {
      const id = this.ids.child.next();
      childIds.push(id);
      dobs.push(ageDays);
      const unborn = ageDays < 0;
      const female = rng.chance(0.49);
      const given = rng.pick(female ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE);
      const dob = unborn ? null : this.day(ageDays);
      const school = !unborn && ageDays >= 4 * 365 && ageDays < 18 * 365 && la.schools.length > 0 ? rng.pick(la.schools) : null;
      batch.add('children', [
        id,
        unborn ? null : this.nhs.next(),
        unborn ? 'none' : rng.chance(0.97) ? 'verified' : 'unverified',
        knownToSocialCare ? `S${this.o.run}L${la.index}-${(this.laChildSerial += 1)}` : null,
        unborn ? 'Baby' : given,
        surname,
        dob,
        unborn ? this.day(ageDays) : null,
        unborn ? 't' : 'f',
        motherId,
        unborn ? 'unknown' : female ? 'female' : 'male',
        ethnicity,
        practice,
        school,
        la.id,
        category === 'lac' ? placementArea : null,
      ]);
      batch.children += 1;

      // Previous name (about 2%): took the current surname some time after birth.
      if (!unborn && ageDays > 400 && rng.chance(0.02)) {
        const changed = rng.int(30, ageDays - 200);
        batch.add('child_names', [id, this.ids.name.next(), given, familyName(rng), 'previous', dob, this.day(changed + 1)]);
      }

      // Addresses: the family home (and a previous one); a looked-after child's placement address is not recorded.
      const bornDay = Math.max(ageDays, 0);
      const homeFrom = Math.min(movedIn, bornDay);
      const lacStart = Math.min(lacStartCap, bornDay);
      if (previous && bornDay > movedIn) {
        batch.add('child_addresses', [id, this.ids.address.next(), previous.line1, la.town, previous.postcode, this.day(Math.min(previous.from, bornDay)), this.day(movedIn + 1)]);
      }
      const homeTo = category === 'lac' && !livesAtHome ? this.day(lacStart) : null;
      if (!(homeTo !== null && lacStart > homeFrom)) {
        batch.add('child_addresses', [id, this.ids.address.next(), line1, la.town, postcodeHere, this.day(homeFrom), homeTo]);
      }

      // Relationships to parents.
      if (motherId) batch.add('relationships', [id, this.ids.relationship.next(), 'mother', null, motherId, 't', livesAtHome ? 't' : 'f', dob, null]);
      if (fatherId) batch.add('relationships', [id, this.ids.relationship.next(), 'father', null, fatherId, fatherPr ? 't' : 'f', fatherLivesWith && livesAtHome ? 't' : 'f', dob, null]);

      // Status episodes.
      switch (category) {
        case 'cp':
          if (cinBeforeCp !== null && Math.min(cinBeforeCp, bornDay) > Math.min(statusStart, bornDay)) {
            this.episode(batch, id, 'child_in_need', Math.min(cinBeforeCp, bornDay), Math.min(statusStart, bornDay));
          }
          this.episode(batch, id, 'child_protection', Math.min(statusStart, bornDay), null, cpCategory);
          break;
        case 'unborn':
          if (rng.chance(0.35)) this.episode(batch, id, 'child_protection', rng.int(0, 50), null, CP_CATEGORY.pick(rng));
          break;
        case 'cin':
          this.episode(batch, id, 'child_in_need', Math.min(statusStart, bornDay), null);
          break;
        case 'eh':
          this.episode(batch, id, 'early_help', Math.min(statusStart, bornDay), null, null, null, null, null, null, false, EARLY_HELP_SOURCE);
          break;
        case 'previousCp':
          if (bornDay > previousCpEnd) this.episode(batch, id, 'child_protection', Math.min(previousCpStart, bornDay), previousCpEnd, cpCategory);
          break;
        case 'lac':
          this.episode(batch, id, 'looked_after', lacStart, null, null, legal, placement, provider, inArea);
          batch.lookedAfter += 1;
          this.lookedAfter += 1;
          break;
        case 'careLeaver': {
          const eighteen = ageDays - 18 * 365 - 4; // days ago of the 18th birthday (approximately)
          const entered = eighteen + rng.int(365, 6 * 365);
          this.episode(batch, id, 'looked_after', entered, eighteen, null, legal, placement, provider, true);
          this.episode(batch, id, 'care_leaver', eighteen, null, null, null, null, null, null, ageDays >= 21 * 365);
          break;
        }
        case 'none':
          break;
      }

      // Caseload allocations (team level).
      if (unborn) batch.add('caseload_allocations', [id, this.ids.allocation.next(), la.maternityTeam, null, 'midwifery', this.day(rng.int(1, 180)), null]);
      else if (ageDays < 5 * 365) {
        batch.add('caseload_allocations', [id, this.ids.allocation.next(), la.hvTeams[practiceSlot % la.hvTeams.length] as string, null, 'health_visiting', this.day(Math.min(bornDay, movedIn)), null]);
      } else if (school && (category === 'cp' || category === 'cin' || category === 'lac' || category === 'eh' || category === 'previousCp')) {
        batch.add('caseload_allocations', [id, this.ids.allocation.next(), la.snTeams[practiceSlot % la.snTeams.length] as string, null, 'school_nursing', this.day(Math.min(rng.int(30, 900), bornDay)), null]);
      }
      if (category === 'lac' || category === 'careLeaver') {
        batch.add('caseload_allocations', [id, this.ids.allocation.next(), la.lacTeam, null, 'lac_health', this.day(category === 'lac' ? lacStart : rng.int(30, 700)), null]);
      }
    }

    // Siblings, both ways.
    for (let a = 0; a < childIds.length; a += 1) {
      for (let b = 0; b < childIds.length; b += 1) {
        if (a === b) continue;
        const from = this.day(Math.min(dobs[a] as number, dobs[b] as number));
        batch.add('relationships', [childIds[a] as string, this.ids.relationship.next(), 'sibling', childIds[b] as string, null, 'f', 't', from, null]);
      }
    }

    // Status credits: each child produced earns each category its share.
    for (const key of Object.keys(this.credits) as (keyof typeof this.credits)[]) this.credits[key] += this.rates[key] * size;
    if (category !== 'none') this.credits[category] -= size;
    this.laDone += size;
    this.produced += size;
  }

  private episode(
    batch: Batch,
    childId: string,
    kind: string,
    fromDaysAgo: number,
    toDaysAgo: number | null,
    cpCategory: string | null = null,
    legal: string | null = null,
    placement: string | null = null,
    provider: string | null = null,
    inArea: boolean | null = null,
    extendedTo25 = false,
    source = FAMILY_SOURCE,
  ): void {
    batch.add('status_episodes', [
      childId,
      this.ids.episode.next(),
      kind,
      this.day(fromDaysAgo),
      toDaysAgo === null ? null : this.day(toDaysAgo),
      cpCategory,
      legal,
      placement,
      provider,
      inArea === null ? null : inArea ? 't' : 'f',
      extendedTo25 ? 't' : 'f',
      source,
    ]);
  }

  get nhsPosition(): number {
    return this.nhs.nextPosition;
  }
}

// ---- Database side ----

async function isPglite(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ version: string }>('SELECT version() AS version');
  return /PGlite/i.test(rows[0]?.version ?? '');
}

async function insertLiteralRows(client: pg.PoolClient, table: string, columns: readonly string[], lines: readonly string[], rowsPerStatement = 2000): Promise<void> {
  for (let i = 0; i < lines.length; i += rowsPerStatement) {
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${lines.slice(i, i + rowsPerStatement).join(',')}`);
  }
}

const COPY_CHUNK_BYTES = 1 << 20;

async function copyBytes(client: pg.PoolClient, table: string, columns: readonly string[], data: Buffer): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (let offset = 0; offset < data.length; offset += COPY_CHUNK_BYTES) {
    // pg-copy-streams frames each write as one CopyData message; rows may straddle messages.
    if (!stream.write(data.subarray(offset, offset + COPY_CHUNK_BYTES))) await Promise.race([once(stream, 'drain'), finished]);
  }
  stream.end();
  await finished;
}

/** Writes some of a batch's tables in one transaction. */
async function writeTables(
  pool: pg.Pool,
  batch: Batch,
  tables: readonly TableName[],
  foreignKeyChecks: boolean,
  debug?: (table: string, rows: number, ms: number) => void,
): Promise<void> {
  if (tables.every((table) => batch.rowCounts[table] === 0)) return;
  const client = await pool.connect();
  let failed: unknown;
  try {
    await client.query('BEGIN');
    if (batch.copy) await client.query('SET LOCAL synchronous_commit = off');
    if (!foreignKeyChecks) await client.query('SET LOCAL session_replication_role = replica');
    for (const table of tables) {
      if (batch.rowCounts[table] === 0) continue;
      const t0 = performance.now();
      if (batch.copy) await copyBytes(client, table, TABLES[table], batch.copy[table].bytes());
      else await insertLiteralRows(client, table, TABLES[table], batch.sql![table]);
      debug?.(table, batch.rowCounts[table], performance.now() - t0);
    }
    await client.query('COMMIT');
  } catch (error) {
    failed = error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // A connection that failed mid-COPY may be out of step: discard it rather than return it to the pool.
    client.release(failed instanceof Error && batch.copy ? failed : undefined);
  }
}

/** Whether this session may skip triggers (session_replication_role needs a superuser or a grant). */
async function maySkipTriggers(pool: pg.Pool): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    return true;
  } catch {
    return false;
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
  }
}

/** Every foreign key of the tables the generator loads: [table, column, referenced table]. */
const FOREIGN_KEYS: readonly (readonly [TableName, string, 'people' | 'children' | 'organisations' | 'teams'])[] = [
  ['children', 'mother_person_id', 'people'],
  ['children', 'registered_practice_id', 'organisations'],
  ['children', 'school_id', 'organisations'],
  ['children', 'responsible_la_id', 'organisations'],
  ['child_names', 'child_id', 'children'],
  ['child_addresses', 'child_id', 'children'],
  ['relationships', 'child_id', 'children'],
  ['relationships', 'related_child_id', 'children'],
  ['relationships', 'related_person_id', 'people'],
  ['status_episodes', 'child_id', 'children'],
  ['caseload_allocations', 'child_id', 'children'],
  ['caseload_allocations', 'team_id', 'teams'],
];

/**
 * Set-based referential check of the rows this run wrote, used when the foreign-key triggers were
 * skipped. The run's ids are counters: first it proves each referenced table holds every id from 1
 * to its highest (count = highest counter), so "references an existing row" becomes "lies within
 * that range", which one scan per table can check for all its foreign keys at once (no joins).
 * Throws if any reference dangles.
 */
async function checkReferences(pool: pg.Pool, run: number): Promise<void> {
  const stamp = `c1a5${hex(run, 4)}`;
  const prefix = (tag: number) => `${stamp}-${hex(tag, 4)}-8000-8000-`;
  const problems: string[] = [];
  const ranges = new Map<string, { low: string; high: string }>();
  for (const table of ['organisations', 'teams', 'people', 'children'] as const) {
    const low = `${prefix(ID_TAGS[table])}000000000001`;
    const bounds = [low, `${prefix(ID_TAGS[table])}ffffffffffff`];
    const counted = await pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table} WHERE id BETWEEN $1 AND $2`, bounds);
    const last = await pool.query<{ id: string }>(`SELECT id::text AS id FROM ${table} WHERE id BETWEEN $1 AND $2 ORDER BY id DESC LIMIT 1`, bounds);
    const highest = last.rows[0]?.id ?? null;
    const count = Number(counted.rows[0]?.n ?? 0);
    if (highest !== null && parseInt(highest.slice(-12), 16) !== count) problems.push(`${table}: ids of run ${run} are not contiguous`);
    ranges.set(table, { low, high: highest ?? low });
  }
  const tables = [...new Set(FOREIGN_KEYS.map(([table]) => table))];
  for (const table of tables) {
    const keys = FOREIGN_KEYS.filter(([t]) => t === table);
    const params: string[] = [`${stamp}-0000-0000-0000-000000000000`, `${stamp}-ffff-ffff-ffff-ffffffffffff`];
    const counts = keys.map(([, column, referenced]) => {
      const range = ranges.get(referenced)!;
      params.push(range.low, range.high);
      return `count(*) FILTER (WHERE ${column} IS NOT NULL AND ${column} NOT BETWEEN $${params.length - 1} AND $${params.length})::int AS "${column}"`;
    });
    const key = table === 'children' ? 'id' : 'child_id';
    const { rows } = await pool.query<Record<string, number>>(`SELECT ${counts.join(', ')} FROM ${table} WHERE ${key} BETWEEN $1 AND $2`, params);
    for (const [, column, referenced] of keys) {
      const dangling = rows[0]?.[column] ?? 0;
      if (dangling > 0) problems.push(`${table}.${column}: ${dangling} rows reference no ${referenced} row of this run`);
    }
  }
  if (problems.length > 0) throw new Error(`Scale seed run ${run} wrote dangling references:\n${problems.join('\n')}`);
}

interface RunReservation {
  run: number;
  nhsStart: number;
  nhsEnd: number;
}

/** Takes the next run number and reserves a slice of the synthetic NHS number range, atomically. */
async function reserveRun(pool: pg.Pool, children: number): Promise<RunReservation> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('LOCK TABLE app_settings IN EXCLUSIVE MODE');
    const { rows } = await client.query<{ key: string; value: string }>('SELECT key, value FROM app_settings WHERE key = ANY($1::text[])', [
      [SCALE_SETTINGS_KEYS.runs, SCALE_SETTINGS_KEYS.nextNhsPosition],
    ]);
    const setting = (key: string) => rows.find((r) => r.key === key)?.value;
    let run = Number(setting(SCALE_SETTINGS_KEYS.runs) ?? 0) + 1;
    // Belt and braces: never reuse a prefix that organisations already carry.
    for (;;) {
      const clash = await client.query('SELECT 1 FROM organisations WHERE code LIKE $1 LIMIT 1', [`S${run}-%`]);
      if (clash.rowCount === 0) break;
      run += 1;
    }
    if (run > 0xffff) throw new Error('Too many scale runs in this database');
    const nhsStart = Math.max(Number(setting(SCALE_SETTINGS_KEYS.nextNhsPosition) ?? DEMO_NHS_POSITIONS), DEMO_NHS_POSITIONS);
    const nhsEnd = nhsStart + nhsPositionsNeeded(children);
    if (nhsEnd > NHS_POSITION_LIMIT) {
      throw new Error(`Not enough synthetic NHS numbers left for ${children.toLocaleString('en-GB')} more children: use a fresh database.`);
    }
    const upsert = 'INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value';
    await client.query(upsert, [SCALE_SETTINGS_KEYS.runs, String(run)]);
    await client.query(upsert, [SCALE_SETTINGS_KEYS.nextNhsPosition, String(nhsEnd)]);
    await client.query('COMMIT');
    return { run, nhsStart, nhsEnd };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export function planLocalAuthorities(rng: Rng, run: number, total: number, count: number): { las: LocalAuthorityPlan[]; organisations: OrganisationRow[]; teams: TeamRow[] } {
  const orgIds = new IdMaker(run, ID_TAGS.organisations);
  const teamIds = new IdMaker(run, ID_TAGS.teams);
  const prefix = `S${run}-`;
  const organisations: OrganisationRow[] = [];
  const teams: TeamRow[] = [];
  const org = (code: string, name: string, kind: string, parent: string | null) => {
    const id = orgIds.next();
    organisations.push({ id, code: prefix + code, name, kind, parent_id: parent });
    return id;
  };
  const team = (organisationId: string, name: string, kind: string) => {
    const id = teamIds.next();
    teams.push({ id, organisation_id: organisationId, name, kind });
    return id;
  };

  // Sizes: uneven like real LAs (the largest several times the smallest), summing exactly to total.
  const weights = Array.from({ length: count }, () => 1 + 4 * rng.float() ** 2);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((total * w) / weightSum));
  sizes[sizes.length - 1] = total - sizes.slice(0, -1).reduce((a, b) => a + b, 0);

  const las: LocalAuthorityPlan[] = [];
  let icb: string | null = null;
  const nameOffset = 7 + (run - 1) * 167;
  for (let i = 0; i < count; i += 1) {
    let placeName = placeNameAt(nameOffset + i);
    if (placeName === 'Ouseford') placeName = `${placeName} Vale`;
    const n = i + 1;
    const size = sizes[i] as number;
    if (i % 4 === 0) icb = org(`ICB${n}`, `NHS ${placeName} Integrated Care Board`, 'icb', null);
    const laId = org(`LA${n}`, `${placeName} Council`, 'local_authority', null);
    org(`CSC${n}`, `${placeName} Children's Social Care`, 'childrens_social_care', laId);
    const community = org(`CT${n}`, `${placeName} Community Health NHS Trust`, 'nhs_trust', null);
    const acute = org(`AT${n}`, `${placeName} Hospitals NHS Trust`, 'nhs_trust', null);
    const hvTeams = Array.from({ length: Math.max(1, Math.round(size / 10_000)) }, (_, k) => team(community, `Health Visiting ${placeName} ${k + 1}`, 'health_visiting'));
    const snTeams = Array.from({ length: Math.max(1, Math.round(size / 15_000)) }, (_, k) => team(community, `School Nursing ${placeName} ${k + 1}`, 'school_nursing'));
    const lacTeam = team(community, `${placeName} Looked After Children's Health Team`, 'lac_health');
    team(community, `${placeName} Safeguarding Children Team`, 'safeguarding');
    const maternityTeam = team(acute, `${placeName} Maternity Services`, 'maternity');
    team(acute, `${placeName} Emergency Department`, 'emergency_department');
    const practices = Array.from({ length: Math.max(1, Math.round((size * GP_PRACTICES_PER_10K_CHILDREN) / 10_000)) }, (_, k) =>
      org(`GP${n}-${k + 1}`, `${placeName} ${['Surgery', 'Medical Centre', 'Health Centre', 'Family Practice'][k % 4]} ${k + 1}`, 'gp_practice', icb),
    );
    const schools = Array.from({ length: Math.max(1, Math.round(size / CHILDREN_PER_SCHOOL)) }, (_, k) =>
      org(`SCH${n}-${k + 1}`, k % 6 === 5 ? `${placeName} Academy ${Math.floor(k / 6) + 1}` : `${placeName} Primary School ${k + 1}`, 'school', laId),
    );
    las.push({
      index: n,
      id: laId,
      name: placeName,
      town: placeName,
      postcodeArea: SYNTHETIC_POSTCODE_AREAS[i % SYNTHETIC_POSTCODE_AREAS.length] as string,
      districtBase: Math.floor(i / SYNTHETIC_POSTCODE_AREAS.length) * 9,
      children: size,
      practices,
      schools,
      hvTeams,
      snTeams,
      lacTeam,
      maternityTeam,
    });
  }
  return { las, organisations, teams };
}

export async function seedAtScale({
  pool,
  scale,
  onProgress,
  batchSize,
  limit,
  today = systemClock.today(),
  seed = 20_240_917,
  concurrency = 2,
  onTableWritten,
  foreignKeyChecks = 'auto',
}: SeedAtScaleOptions): Promise<SeedAtScaleResult> {
  const started = process.hrtime.bigint();
  const profile = SCALE_PROFILES[scale];
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const total = Math.min(limit ?? profile.children, profile.children);
  const pglite = await isPglite(pool);
  const method: 'copy' | 'insert' = pglite ? 'insert' : 'copy';
  const perBatch = Math.max(1, batchSize ?? (pglite ? 10_000 : 50_000));
  const fkMode: 'per-row' | 'after-load' = foreignKeyChecks === 'auto' ? ((await maySkipTriggers(pool)) ? 'after-load' : 'per-row') : foreignKeyChecks;
  const triggers = fkMode === 'per-row';

  const { run, nhsStart, nhsEnd } = await reserveRun(pool, total);
  const rng = new Rng(hashSeed(`clasp-scale:${seed}:${run}`));
  const laCount = Math.min(profile.localAuthorities, Math.max(1, Math.round(total / 5000)));
  const { las, organisations, teams } = planLocalAuthorities(rng, run, total, laCount);

  // Organisations and teams first, with ordinary INSERTs, in one transaction.
  {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await insertLiteralRows(client, 'organisations', ['id', 'code', 'name', 'kind', 'parent_id'], organisations.map((o) => encodeSqlRow([o.id, o.code, o.name, o.kind, o.parent_id])), 1000);
      await insertLiteralRows(client, 'teams', ['id', 'organisation_id', 'name', 'kind'], teams.map((t) => encodeSqlRow([t.id, t.organisation_id, t.name, t.kind])), 1000);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  const generator = new FamilyGenerator({
    run,
    today,
    seed: hashSeed(`clasp-scale-families:${seed}:${run}`),
    nhsStart,
    nhsEnd,
    total,
    lookedAfterRate: profile.lookedAfter / profile.children,
    las,
  });

  onProgress?.(0, total);
  let done = 0;
  let rows = organisations.length + teams.length;
  let failure: unknown = null;
  const sinks = new SinkPool();
  // Two lanes: phase 0 (people, children) of batch n+1 runs beside phase 1 (child-scoped tables) of
  // batch n, each on its own connection; phase 1 of a batch always starts after its phase 0 committed.
  let lane0: Promise<unknown> = Promise.resolve();
  let lane1: Promise<unknown> = Promise.resolve();
  const unfinished = new Set<Promise<void>>();
  const maxUnfinished = pglite ? 1 : Math.max(1, concurrency);
  const GENERATION_SLICE = 2_000;
  while (!generator.done && failure === null) {
    const batch = new Batch(method, sinks);
    while (batch.children < perBatch && !generator.done) {
      generator.fill(batch, Math.min(GENERATION_SLICE, perBatch - batch.children));
      // Let in-flight COPY streams move while the next batch is generated.
      if (unfinished.size > 0) await yieldToEventLoop();
    }
    while (unfinished.size >= maxUnfinished) await Promise.race(unfinished);
    if (failure !== null) break;
    const phase0 = lane0.then(() => writeTables(pool, batch, PHASES[0]!, triggers, onTableWritten));
    const phase1 = Promise.all([phase0, lane1]).then(() => writeTables(pool, batch, PHASES[1]!, triggers, onTableWritten));
    lane0 = phase0.catch(() => undefined);
    lane1 = phase1.catch(() => undefined);
    const finished: Promise<void> = phase1.then(
      () => {
        unfinished.delete(finished);
        done += batch.children;
        rows += batch.rows;
        if (batch.copy) sinks.give(Object.values(batch.copy));
        onProgress?.(done, total);
      },
      (error: unknown) => {
        unfinished.delete(finished);
        failure ??= error;
      },
    );
    unfinished.add(finished);
  }
  await Promise.all(unfinished);
  if (failure !== null) throw failure;

  if (fkMode === 'after-load') await checkReferences(pool, run);
  await pool.query('ANALYZE organisations, teams, people, children, child_names, child_addresses, relationships, status_episodes, caseload_allocations');

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { children: done, lookedAfter: generator.lookedAfter, seconds, run, codePrefix: `S${run}-`, rows, method, foreignKeyChecks: fkMode };
}
