import { describe, expect, test } from 'vitest';
import { forEachCsvRecord, parseCsv } from './csv.js';

describe('parseCsv (RFC 4180)', () => {
  test('the first record is the header; each row keeps the line it starts on', () => {
    const table = parseCsv('A,B\n1,2\n3,4\n');
    expect(table.columns).toEqual(['A', 'B']);
    expect(table.rows).toEqual([
      { line: 2, values: ['1', '2'] },
      { line: 3, values: ['3', '4'] },
    ]);
    expect(table.errors).toEqual([]);
  });

  test.each([
    ['CRLF line ends', 'A,B\r\n1,2\r\n', [['1', '2']]],
    ['no final line end', 'A,B\n1,2', [['1', '2']]],
    ['a UTF-8 byte-order mark before the header', '\uFEFFA,B\n1,2\n', [['1', '2']]],
    ['empty fields', 'A,B,C\n,,\n', [['', '', '']]],
    ['a trailing comma makes a last empty field', 'A,B\n1,\n', [['1', '']]],
    ['a quoted field with a comma', 'A,B\n"x,y",2\n', [['x,y', '2']]],
    ['a doubled quote inside quotes is one quote', 'A,B\n"say ""hi""",2\n', [['say "hi"', '2']]],
    ['an empty quoted field', 'A,B\n"",2\n', [['', '2']]],
    ['spaces are kept as written', 'A,B\n 1 , 2 \n', [[' 1 ', ' 2 ']]],
  ])('%s', (_, text, rows) => {
    const table = parseCsv(text);
    expect(table.errors).toEqual([]);
    expect(table.rows.map((r) => r.values)).toEqual(rows);
  });

  test('a quoted line break spans lines: the next record starts on the right line', () => {
    const table = parseCsv('A,B\n"line one\nline two",2\n3,4\n');
    expect(table.rows).toEqual([
      { line: 2, values: ['line one\nline two', '2'] },
      { line: 4, values: ['3', '4'] },
    ]);
  });

  test('completely empty lines are skipped but still counted', () => {
    const table = parseCsv('A,B\n\n1,2\r\n\r\n3,4\n\n');
    expect(table.rows).toEqual([
      { line: 3, values: ['1', '2'] },
      { line: 5, values: ['3', '4'] },
    ]);
  });

  test.each([
    ['a quote inside an unquoted field', 'A,B\n1,ab"c\n2,3\n', { line: 2, column: 2 }, /not enclosed in quotes/],
    ['text after a closing quote', 'A,B\n"ab"c,1\n2,3\n', { line: 2, column: 1 }, /after its closing quote/],
    ['a quote never closed', 'A,B\n1,2\n3,"abc\n4,5\n', { line: 3, column: 2 }, /never closed/],
  ])('syntax error: %s, reported by line and field, the record left out', (_, text, at, message) => {
    const table = parseCsv(text);
    expect(table.errors).toHaveLength(1);
    expect(table.errors[0]).toMatchObject(at);
    expect(table.errors[0]!.message).toMatch(message);
    expect(table.rows.map((r) => r.line)).not.toContain(at.line);
  });

  test('the rows after a bad one are still read', () => {
    const table = parseCsv('A,B\n1,x"y\n2,3\n');
    expect(table.rows).toEqual([{ line: 3, values: ['2', '3'] }]);
  });

  test('a bad header row leaves no columns and no rows', () => {
    const table = parseCsv('A,"B\n1,2\n');
    expect(table.columns).toEqual([]);
    expect(table.rows).toEqual([]);
    expect(table.errors[0]).toMatchObject({ line: 1, column: 2 });
  });

  test('an empty text has no header', () => {
    expect(parseCsv('')).toEqual({ columns: [], rows: [], errors: [] });
  });

  test('forEachCsvRecord streams records, header included, without keeping them', () => {
    const seen: [number, readonly string[]][] = [];
    const errors = forEachCsvRecord('A,B\n1,2\n', (values, line) => seen.push([line, values]));
    expect(errors).toEqual([]);
    expect(seen).toEqual([
      [1, ['A', 'B']],
      [2, ['1', '2']],
    ]);
  });
});
