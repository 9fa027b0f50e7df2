/**
 * A small RFC 4180 CSV parser for the local authority's import files.
 *
 * Source: RFC 4180 "Common Format and MIME Type for CSV Files" §2: fields separated by commas, records
 * by line breaks; a field may be enclosed in double quotes, and then may contain commas, line breaks
 * and doubled double quotes (`""` for `"`). We also accept LF-only line ends (files saved on Linux or
 * macOS) and a leading UTF-8 byte-order mark (Excel's "CSV UTF-8"), and skip completely empty lines.
 *
 * Pure: no I/O. Values are returned exactly as written (no trimming); callers decide what blank means.
 */

/** One record. `line` is the 1-based physical line the record starts on (a quoted line break spans lines). */
export interface CsvRow {
  readonly line: number;
  readonly values: readonly string[];
}

/** A syntax error: `column` is the 1-based field number within the record. */
export interface CsvSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface CsvTable {
  /** The first record (the header row); empty if the text has no records. */
  readonly columns: readonly string[];
  /** The records after the header row. */
  readonly rows: readonly CsvRow[];
  readonly errors: readonly CsvSyntaxError[];
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const CR = 13;
const LF = 10;

/**
 * Parses `text` as CSV whose first record is the header row. A record with a syntax error (an
 * unterminated quoted field, a quote inside an unquoted field, text after a closing quote) is reported
 * in `errors` and left out of `rows`.
 */
export function parseCsv(text: string): CsvTable {
  const records: CsvRow[] = [];
  let headerFailed = false;
  const errors = forEachCsvRecord(text, (values, line) => {
    records.push({ line, values });
  }, () => {
    if (records.length === 0) headerFailed = true;
  });
  // Without a readable header row no record can be named: report the errors and return no rows.
  if (headerFailed) return { columns: [], rows: [], errors };
  const [header, ...rows] = records;
  return { columns: header?.values ?? [], rows, errors };
}

/**
 * Streams the records of `text` (header row included) to `onRecord` without keeping them, for files too
 * large to hold as rows. Returns the syntax errors; `onError` is told when a record is dropped.
 */
export function forEachCsvRecord(text: string, onRecord: (values: string[], line: number) => void, onError?: (error: CsvSyntaxError) => void): CsvSyntaxError[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const errors: CsvSyntaxError[] = [];
  const length = input.length;
  let i = 0;
  let line = 1;
  while (i < length) {
    // A completely empty line is not a record.
    const first = input.charCodeAt(i);
    if (first === LF) {
      i += 1;
      line += 1;
      continue;
    }
    if (first === CR && input.charCodeAt(i + 1) === LF) {
      i += 2;
      line += 1;
      continue;
    }

    const recordLine = line;
    const values: string[] = [];
    let failure: CsvSyntaxError | null = null;
    let endOfRecord = false;

    while (!endOfRecord) {
      const column = values.length + 1;
      if (input.charCodeAt(i) === QUOTE) {
        // Quoted field: runs to the next quote that is not doubled.
        const openedOnLine = line;
        let value = '';
        let start = i + 1;
        let closed = false;
        let j = start;
        while (j < length) {
          const c = input.charCodeAt(j);
          if (c === QUOTE) {
            if (input.charCodeAt(j + 1) === QUOTE) {
              value += input.slice(start, j + 1);
              j += 2;
              start = j;
              continue;
            }
            value += input.slice(start, j);
            closed = true;
            j += 1;
            break;
          }
          if (c === LF) line += 1;
          j += 1;
        }
        if (!closed) {
          failure = { line: openedOnLine, column, message: `field ${column} opens a quote (") that is never closed` };
          i = length;
          break;
        }
        i = j;
        values.push(value);
        const next = input.charCodeAt(i);
        if (next === COMMA) {
          i += 1;
          if (i >= length) {
            values.push('');
            endOfRecord = true;
          }
        } else if (next === LF || (next === CR && input.charCodeAt(i + 1) === LF) || i >= length) {
          endOfRecord = true;
        } else {
          failure = { line, column, message: `field ${column} has text after its closing quote; a quote inside a quoted field must be doubled ("")` };
        }
      } else {
        // Unquoted field: runs to the next comma or line end; may not contain a quote.
        let j = i;
        while (j < length) {
          const c = input.charCodeAt(j);
          if (c === COMMA || c === LF || (c === CR && input.charCodeAt(j + 1) === LF)) break;
          if (c === QUOTE && failure === null) failure = { line, column, message: `field ${column} contains a quote (") but is not enclosed in quotes` };
          j += 1;
        }
        values.push(input.slice(i, j));
        i = j;
        if (input.charCodeAt(i) === COMMA) {
          i += 1;
          if (i >= length) {
            values.push('');
            endOfRecord = true;
          }
        } else {
          endOfRecord = true;
        }
      }
      if (failure) {
        // Skip the rest of this physical line so the next record starts cleanly.
        while (i < length && input.charCodeAt(i) !== LF) i += 1;
        break;
      }
    }

    // Consume the line end.
    if (input.charCodeAt(i) === CR && input.charCodeAt(i + 1) === LF) i += 2;
    else if (input.charCodeAt(i) === LF) i += 1;
    line += 1;

    if (failure) {
      onError?.(failure);
      errors.push(failure);
    } else onRecord(values, recordLine);
  }
  return errors;
}
