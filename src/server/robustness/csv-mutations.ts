/**
 * Mutations of valid CSV files for property tests of the imports: cells replaced with hostile or
 * near-miss values, lines dropped, duplicated or swapped, columns dropped, quoting broken, files
 * truncated, BOM and CRLF added. Most results are invalid; some stay valid and must import.
 */
import fc from 'fast-check';
import { DATE_STRINGS, HOSTILE_STRINGS } from './schema-arbitrary.js';

export type CsvFiles = Record<string, string>;

type Mutation =
  | { kind: 'cell'; file: number; row: number; col: number; value: string }
  | { kind: 'drop_line' | 'duplicate_line'; file: number; row: number }
  | { kind: 'swap_lines'; file: number; row: number; other: number }
  | { kind: 'drop_column'; file: number; col: number }
  | { kind: 'raw_line'; file: number; row: number; text: string }
  | { kind: 'truncate'; file: number; at: number }
  | { kind: 'bom' | 'crlf' | 'empty' | 'header_only' | 'uppercase_header'; file: number };

/** DfE-style dates and codes close to valid ones, so the rules (not just the parser) are exercised. */
const NEAR_MISS_CELLS = [
  '01/04/2024',
  '31/03/2025',
  '29/02/2024',
  '29/02/2025',
  '31/04/2024',
  '00/01/2024',
  '01/13/2024',
  '1/4/2024',
  '01/04/1899',
  '31/12/9999',
  '01/04/2026',
  'S',
  'P',
  'X1',
  'E4A',
  'C2',
  'V2',
  'U4',
  'PR1',
  'N1',
  'WBRI',
  '1',
  '2',
  '0',
  '3',
  'PN1',
  'M',
  'A',
  '1001',
  '1002',
  '10000000',
  '-1',
  '41',
  'health_assessment',
  'dental_check',
  'IHA',
  'RHA',
  'OU1 4',
  'SC100001',
] as const;

const cellValue = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NEAR_MISS_CELLS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 400)) },
  { weight: 2, arbitrary: fc.constantFrom(...DATE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('"', '"unterminated', 'a,b', '"a""b"', '"x\ny"', '\r', '\n') },
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('cell' as const), file: fc.nat(9), row: fc.nat(40), col: fc.nat(15), value: cellValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('drop_line' as const, 'duplicate_line' as const), file: fc.nat(9), row: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap_lines' as const), file: fc.nat(9), row: fc.nat(40), other: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop_column' as const), file: fc.nat(9), col: fc.nat(15) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw_line' as const), file: fc.nat(9), row: fc.nat(40), text: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('"', ',,,,,,,,,,,,,,,,,,,,', '\u0000', '""""', '1001')) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), file: fc.nat(9), at: fc.nat(2000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('bom' as const, 'crlf' as const, 'empty' as const, 'header_only' as const, 'uppercase_header' as const), file: fc.nat(9) }) },
);

function applyMutation(files: CsvFiles, m: Mutation): CsvFiles {
  const names = Object.keys(files);
  if (names.length === 0) return files;
  const name = names[m.file % names.length]!;
  const text = files[name]!;
  const lines = text.split('\n');
  const pick = (i: number) => i % Math.max(lines.length, 1);
  let next = text;
  switch (m.kind) {
    case 'cell': {
      const r = pick(m.row);
      const cells = (lines[r] ?? '').split(',');
      cells[m.col % Math.max(cells.length, 1)] = m.value;
      lines[r] = cells.join(',');
      next = lines.join('\n');
      break;
    }
    case 'drop_line':
      lines.splice(pick(m.row), 1);
      next = lines.join('\n');
      break;
    case 'duplicate_line':
      lines.splice(pick(m.row), 0, lines[pick(m.row)] ?? '');
      next = lines.join('\n');
      break;
    case 'swap_lines': {
      const a = pick(m.row);
      const b = pick(m.other);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      next = lines.join('\n');
      break;
    }
    case 'drop_column':
      next = lines
        .map((line) => {
          const cells = line.split(',');
          cells.splice(m.col % Math.max(cells.length, 1), 1);
          return cells.join(',');
        })
        .join('\n');
      break;
    case 'raw_line':
      lines.splice(pick(m.row), 0, m.text);
      next = lines.join('\n');
      break;
    case 'truncate':
      next = text.slice(0, m.at % (text.length + 1));
      break;
    case 'bom':
      next = `\uFEFF${text}`;
      break;
    case 'crlf':
      next = text.replaceAll('\n', '\r\n');
      break;
    case 'empty':
      next = '';
      break;
    case 'header_only':
      next = `${lines[0] ?? ''}\n`;
      break;
    case 'uppercase_header':
      lines[0] = (lines[0] ?? '').toLowerCase();
      next = lines.join('\n');
      break;
  }
  return { ...files, [name]: next };
}

/** `base` with one to four mutations applied (in order). */
export function mutatedCsvFiles(base: fc.Arbitrary<CsvFiles>): fc.Arbitrary<{ files: CsvFiles; mutations: Mutation[] }> {
  return fc.tuple(base, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([files, mutations]) => ({ files: mutations.reduce(applyMutation, files), mutations }));
}
