/**
 * fast-check arbitraries built from the OpenAPI (JSON Schema) that Fastify generates from each route's
 * zod schemas, so every route — including routes added later — is fuzzed without a hand-written model.
 *
 * Values are mostly "nearly valid" (right shape, plausible domain values, edge cases at the bounds) so
 * requests get past the schema into the use-cases, and sometimes deliberately wrong (wrong type, extra
 * keys, hostile strings) so the validation and error paths are exercised too.
 */
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
}

/** Values that the database or the date code has historically choked on. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\u202E',
  '\uFEFF',
  "'; DROP TABLE children; --",
  '%',
  '%s%n',
  '\\',
  '${}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9999999999999999999999',
  '0x10',
  '\t\n\r',
  '🧒🏽👩‍👧',
  'Ω'.repeat(300),
  'x'.repeat(5000),
] as const;

/** Dates: real ones across the range the domain uses, and the awkward ones. */
export const DATE_STRINGS = [
  '2025-06-01',
  '2024-02-29',
  '2025-02-29',
  '2025-02-30',
  '2025-13-01',
  '2025-00-10',
  '0000-01-01',
  '0001-01-01',
  '1900-01-01',
  '1899-12-31',
  '9999-12-31',
  '+275760-09-13',
  '-000001-01-01',
  '2025-6-1',
  '01/06/2025',
  '2025-06-01T12:00:00Z',
  '2025-06-01T25:61:00+99:00',
  '20250601',
] as const;

export const DATETIME_STRINGS = ['2025-06-01T12:00:00Z', '2025-06-01T12:00:00+01:00', '2025-06-01T12:00:00.123456789Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '2025-02-30T10:00:00Z', '2025-06-01 12:00', 'yesterday'] as const;

/** Names of numbers beyond what int4/date arithmetic holds. */
export const HOSTILE_NUMBERS = [0, -0, -1, 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308, 0.5, 1e-320] as const;

export interface Pools {
  /** Identifiers that exist in the database, by parameter or field name (childId → children, …). */
  idsFor(name: string): readonly string[];
  /** Valid NHS numbers of children in the database (and the Data Dictionary's examples). */
  nhsNumbers: readonly string[];
}

const isDateName = (name: string) => /(On|Date|date|^asOf|yearEnding|From|To|Until|until)$/.test(name) || /^(date|dob)/i.test(name);
const isDateTimeName = (name: string) => /At$/.test(name);

function typesOf(schema: JsonSchema): string[] {
  const t = schema.type;
  const list = t === undefined ? [] : Array.isArray(t) ? t : [t];
  return schema.nullable ? [...list, 'null'] : list;
}

/** Any small JSON value: the "wrong type" branch. */
export const anyJson = fc.jsonValue({ maxDepth: 2 });

function stringArbitrary(schema: JsonSchema, name: string, pools: Pools): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  const plain = fc.string({ minLength: min, maxLength: Math.min(max, Math.max(min, 40)) });
  const unicode = fc.string({ unit: 'binary', minLength: min, maxLength: Math.min(max, Math.max(min, 40)) });
  const atBounds: fc.Arbitrary<string>[] = [fc.constant('x'.repeat(Math.min(max, 100_000))), fc.constant('x'.repeat(Math.min(max + 1, 100_001)))];
  if (min > 0) atBounds.push(fc.constant('x'.repeat(min - 1)));
  const hostile = fc.constantFrom(...HOSTILE_STRINGS);

  if (schema.format === 'uuid' || /Id$/.test(name) || name === 'id') {
    const known = pools.idsFor(name);
    return fc.oneof(
      { weight: 6, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.uuid({ version: 4 }) },
      { weight: 2, arbitrary: fc.uuid({ version: 4 }) },
      { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'not-a-uuid', '', 'ffffffff-ffff-ffff-ffff-ffffffffffff') },
      { weight: 1, arbitrary: hostile },
    );
  }
  if (schema.format === 'date-time' || isDateTimeName(name)) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...DATETIME_STRINGS) }, { weight: 1, arbitrary: hostile });
  if (schema.format === 'date' || isDateName(name)) {
    const realDate = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    return fc.oneof({ weight: 5, arbitrary: realDate }, { weight: 3, arbitrary: fc.constantFrom(...DATE_STRINGS) }, { weight: 1, arbitrary: hostile });
  }
  if (/nhsNumber/i.test(name)) {
    return fc.oneof(
      { weight: 4, arbitrary: pools.nhsNumbers.length > 0 ? fc.constantFrom(...pools.nhsNumbers) : fc.constant('9434765919') },
      { weight: 2, arbitrary: fc.stringMatching(/^\d{10}$/) },
      { weight: 1, arbitrary: fc.constantFrom('943 476 5919', '943-476-5919', '0000000000', '9999999999', '12345') },
      { weight: 1, arbitrary: hostile },
    );
  }
  if (/postcode/i.test(name)) return fc.oneof(fc.constantFrom('ZZ99 3AB', 'zz993ab', 'Z9 9ZZ', 'NOT A POSTCODE'), hostile);
  if (schema.pattern) {
    let pattern: RegExp | null = null;
    try {
      pattern = new RegExp(schema.pattern);
    } catch {
      pattern = null;
    }
    if (pattern) return fc.oneof({ weight: 4, arbitrary: fc.stringMatching(pattern).filter((s) => s.length <= max + 1) }, { weight: 1, arbitrary: hostile }, { weight: 1, arbitrary: plain });
  }
  return fc.oneof({ weight: 5, arbitrary: plain }, { weight: 2, arbitrary: unicode }, { weight: 2, arbitrary: hostile }, { weight: 1, arbitrary: fc.oneof(...atBounds) });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lo = typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : -1000;
  const hi = typeof schema.maximum === 'number' ? schema.maximum : typeof schema.exclusiveMaximum === 'number' ? schema.exclusiveMaximum : 1000;
  const inRange = integer
    ? fc.integer({ min: Math.max(Math.ceil(lo), -(2 ** 31)), max: Math.min(Math.floor(hi), 2 ** 31 - 1) })
    : fc.double({ min: Math.max(lo, -1e9), max: Math.min(hi, 1e9), noNaN: true });
  return fc.oneof(
    { weight: 6, arbitrary: inRange },
    { weight: 2, arbitrary: fc.constantFrom(lo - 1, hi + 1, lo, hi) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  );
}

/**
 * An arbitrary for values of `schema`. `name` is the property or parameter name (used to pick
 * plausible domain values: ids that exist, real dates, valid NHS numbers). `wrongness` is the weight
 * of the branch that ignores the schema entirely (0 for none).
 */
export function arbitraryForSchema(schema: JsonSchema | undefined, { name = '', pools, depth = 0, wrongness = 1 }: { name?: string; pools: Pools; depth?: number; wrongness?: number }): fc.Arbitrary<unknown> {
  const wrong = wrongness > 0 ? [{ weight: wrongness, arbitrary: depth > 3 ? fc.constantFrom(null, 0, '', [], {}) : (anyJson as fc.Arbitrary<unknown>) }] : [];
  if (!schema || Object.keys(schema).length === 0) return fc.oneof(anyJson as fc.Arbitrary<unknown>, fc.constant(undefined));
  const sub = (s: JsonSchema | undefined, n = name) => arbitraryForSchema(s, { name: n, pools, depth: depth + 1, wrongness });

  if (schema.allOf && schema.allOf.length > 0) {
    const merged: JsonSchema = { ...schema, allOf: undefined as unknown as JsonSchema[] };
    delete merged.allOf;
    for (const part of schema.allOf) Object.assign(merged, part, { properties: { ...merged.properties, ...part.properties }, required: [...(merged.required ?? []), ...(part.required ?? [])] });
    return arbitraryForSchema(merged, { name, pools, depth, wrongness });
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0) {
    const base: fc.Arbitrary<unknown>[] = alternatives.map((alt) => arbitraryForSchema(alt, { name, pools, depth, wrongness: 0 }));
    if (schema.nullable) base.push(fc.constant(null));
    return fc.oneof({ weight: 8, arbitrary: fc.oneof(...base) }, ...wrong);
  }
  if (schema.enum && schema.enum.length > 0) return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...schema.enum) }, { weight: 1, arbitrary: fc.constantFrom('', 'NOT_A_CODE', ...HOSTILE_STRINGS.slice(0, 4)) }, ...wrong);
  if (schema.const !== undefined) return fc.oneof({ weight: 8, arbitrary: fc.constant(schema.const) }, ...wrong);

  const types = typesOf(schema);
  const branches: fc.Arbitrary<unknown>[] = [];
  for (const type of types.length > 0 ? types : ['object']) {
    if (type === 'null') branches.push(fc.constant(null));
    else if (type === 'boolean') branches.push(fc.boolean());
    else if (type === 'integer') branches.push(numberArbitrary(schema, true));
    else if (type === 'number') branches.push(numberArbitrary(schema, false));
    else if (type === 'string') branches.push(stringArbitrary(schema, name, pools));
    else if (type === 'array') {
      const items = sub(schema.items, name.replace(/s$/, ''));
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 6, minLength + 6);
      branches.push(fc.oneof({ weight: 8, arbitrary: fc.array(items, { minLength, maxLength }) }, { weight: 1, arbitrary: fc.array(items, { minLength: maxLength + 1, maxLength: maxLength + 2 }) }));
    } else if (type === 'object') {
      const properties = schema.properties ?? {};
      const keys = Object.keys(properties);
      if (keys.length === 0) {
        branches.push(fc.dictionary(fc.string({ maxLength: 12 }), sub(undefined), { maxKeys: 4 }));
        continue;
      }
      const required = new Set(schema.required ?? []);
      const model = Object.fromEntries(keys.map((k) => [k, sub(properties[k], k)]));
      // Mostly: every required key, optional keys at random. Sometimes: keys dropped or added.
      const complete = fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) });
      const loose = fc.record(model, { requiredKeys: [] });
      const extra = fc.tuple(complete, fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'extra', 'id', 'actorId', 'role'), anyJson, { maxKeys: 2 })).map(([a, b]) => ({ ...b, ...a }));
      branches.push(fc.oneof({ weight: 8, arbitrary: complete }, { weight: 1, arbitrary: loose }, { weight: 1, arbitrary: extra }));
    }
  }
  return fc.oneof({ weight: 8, arbitrary: branches.length === 1 ? branches[0]! : fc.oneof(...branches) }, ...wrong);
}
