/**
 * Reading one safeguarding event feed file (#3): CSV (RFC 4180, src/domain/lac-import/csv.ts) in the
 * feed's layout (feed-layouts.ts) → one event body per row, every problem reported as
 * file:line:column with a rule id, all at once (up to a cap), so the sender can fix the file in one go.
 *
 * The event body is checked by the caller's `validate` — the API's own schema (`recordEventBody`), so a
 * feed row and an API call obey the same rules — and its complaints are mapped back to the column they
 * came from. This module adds what only a file has: the header, NHS number format (domain-rules.md §4,
 * Modulus 11), a date in the future, and duplicate source ids within the file.
 *
 * Pure: `now` (the import's clock) and the validator are arguments.
 */
import { londonDateOf } from '../calendar/working-days.js';
import { parseCsv } from '../lac-import/csv.js';
import { sortImportErrors, type ImportError } from '../lac-import/import-error.js';
import { validateNhsNumber } from '../identity/nhs-number.js';
import { DV_ADULT_SLOTS, type FeedColumn, type FeedLayout } from './feed-layouts.js';

/**
 * How far after the import's clock an event may be dated: senders' clocks drift a little, and an
 * arrival typed a minute ahead is not an error; anything later is a wrong date (a future-dated event
 * would sort above real ones in the chronology and could escape drift rules).
 */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** The most errors kept for the report; the rest are counted (`errorCount`). */
export const MAX_FEED_ERRORS = 1_000;

/** A complaint from the body validator: where (path into the body) and what. */
export interface FeedValidationIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  /** The validator's issue code; `invalid_value` means a value outside a code list. */
  readonly code: string;
  /** The allowed values, for `invalid_value`. */
  readonly values?: readonly unknown[];
}

export type FeedValidator<T> = (body: unknown) => { ok: true; value: T } | { ok: false; issues: readonly FeedValidationIssue[] };

export interface FeedRow<T> {
  readonly line: number;
  /** Normalised: 10 digits. */
  readonly nhsNumber: string;
  readonly sourceId: string;
  /** The event body, as validated. */
  readonly input: T;
}

/** Every row that names a well-formed NHS number (valid or not otherwise), so an unknown child is reported too. */
export interface FeedChildReference {
  readonly line: number;
  readonly column: number;
  readonly nhsNumber: string;
  /** The row's occurred_at as a London calendar date, when it is a valid instant (for the date-of-birth check). */
  readonly occurredOn: string | null;
  readonly occurredAtColumn: number;
}

export interface ParsedFeed<T> {
  readonly rows: FeedRow<T>[];
  readonly childReferences: FeedChildReference[];
  /** Rows repeating an earlier row of the file exactly (same source id, same content): skipped. */
  readonly duplicatesInFile: number;
  /** Sorted by line and column, at most MAX_FEED_ERRORS. */
  readonly errors: ImportError[];
  /** All errors found, including those beyond the cap. */
  readonly errorCount: number;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);

class ErrorList {
  readonly kept: ImportError[] = [];
  count = 0;
  add(error: ImportError) {
    this.count += 1;
    if (this.kept.length < MAX_FEED_ERRORS) this.kept.push(error);
  }
}

/**
 * Parses a feed file. `sourceSystem` is the sender (a CLI flag or form field) and goes into every body.
 * Header: the layout's column names, in any order; columns marked optional may be left out. Cells are
 * trimmed; a blank cell is a missing value.
 */
export function parseEventFeed<T>({
  layout,
  fileName,
  text,
  now,
  sourceSystem,
  validate,
}: {
  layout: FeedLayout;
  fileName: string;
  text: string;
  /** The import's clock, an ISO instant. */
  now: string;
  sourceSystem: string;
  validate: FeedValidator<T>;
}): ParsedFeed<T> {
  const errors = new ErrorList();
  const rows: FeedRow<T>[] = [];
  const childReferences: FeedChildReference[] = [];
  let duplicatesInFile = 0;
  const done = () => ({ rows, childReferences, duplicatesInFile, errors: sortImportErrors(errors.kept, [fileName]), errorCount: errors.count });

  const csv = parseCsv(text);
  for (const e of csv.errors) errors.add({ file: fileName, line: e.line, column: e.column, rule: 'csv_syntax', message: e.message });
  const required = layout.columns.filter((c) => !c.optionalColumn).map((c) => c.name);
  if (csv.columns.length === 0) {
    if (csv.errors.length === 0) errors.add({ file: fileName, line: 1, column: 1, rule: 'header_row', message: `the file is empty: its first line must be the header row, e.g. ${required.join(',')}` });
    return done();
  }

  // The header: known names only, each once, every required column present.
  const header = csv.columns.map((c) => c.trim().toLowerCase());
  const byName = new Map(layout.columns.map((c) => [c.name, c]));
  const position = new Map<string, number>();
  let headerValid = true;
  header.forEach((name, i) => {
    if (!byName.has(name)) {
      headerValid = false;
      errors.add({ file: fileName, line: 1, column: i + 1, rule: 'header_row', message: `"${csv.columns[i]}" is not a column of the ${layout.feed} feed; its columns are ${layout.columns.map((c) => c.name).join(', ')}` });
    } else if (position.has(name)) {
      headerValid = false;
      errors.add({ file: fileName, line: 1, column: i + 1, rule: 'header_row', message: `${name} appears twice in the header row (first as column ${position.get(name)! + 1})` });
    } else position.set(name, i);
  });
  const missing = required.filter((name) => !position.has(name));
  if (missing.length > 0) {
    headerValid = false;
    errors.add({ file: fileName, line: 1, column: header.length + 1, rule: 'header_row', message: `the header row has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}; the ${layout.feed} feed needs ${required.join(',')}` });
  }
  if (!headerValid) return done();

  const columnOf = (name: string) => (position.has(name) ? position.get(name)! + 1 : header.length + 1);
  const nowMs = Date.parse(now);
  const seen = new Map<string, { line: number; content: string }>();

  for (const row of csv.rows) {
    if (row.values.length !== header.length) {
      errors.add({ file: fileName, line: row.line, column: Math.min(row.values.length, header.length) + 1, rule: 'field_count', message: `the row has ${row.values.length} fields but the header row has ${header.length}` });
      continue;
    }
    const cell = (name: string) => {
      const i = position.get(name);
      return i === undefined ? '' : row.values[i]!.trim();
    };
    let rowValid = true;
    const columnsInError = new Set<string>();
    const add = (column: FeedColumn | string, rule: string, message: string) => {
      rowValid = false;
      const name = typeof column === 'string' ? column : column.name;
      columnsInError.add(name);
      errors.add({ file: fileName, line: row.line, column: columnOf(name), rule, message });
    };

    // Build the body; remember which column each path came from.
    const body: Record<string, unknown> = { type: layout.eventType, sourceSystem, confidentiality: layout.defaultConfidentiality };
    const details: Record<string, unknown> = {};
    const adults = new Map<number, Record<string, unknown>>();
    const columnForPath = new Map<string, FeedColumn>();
    let nhsNumber: string | null = null;
    const occurredAtRaw = cell('occurred_at');
    const occurredOn = INSTANT.test(occurredAtRaw) && Number.isFinite(Date.parse(occurredAtRaw)) ? londonDateOf(Date.parse(occurredAtRaw)) : null;
    for (const column of layout.columns) {
      const raw = cell(column.name);
      if (column.kind === 'nhs_number') {
        if (raw === '') add(column, 'required', `${column.name} is blank: enter the child’s NHS number`);
        else {
          const check = validateNhsNumber(raw);
          if (check.valid) {
            nhsNumber = check.nhsNumber;
            childReferences.push({ line: row.line, column: columnOf(column.name), nhsNumber, occurredOn, occurredAtColumn: columnOf('occurred_at') });
          } else add(column, 'nhs_number', check.reason === 'format' ? `${column.name} must be 10 digits, found "${raw}"` : `${column.name} ${raw} is not a valid NHS number (${check.reason === 'placeholder' ? 'a placeholder' : 'the Modulus 11 check digit is wrong'})`);
        }
        continue;
      }
      if (column.kind === 'id' && raw === '') {
        add(column, 'required', `${column.name} is blank: enter the sending system’s id for this event (a re-sent row is then skipped, not recorded twice)`);
        continue;
      }
      if (raw === '' || column.path === null) continue;
      let value: unknown = raw;
      if (column.kind === 'code') value = raw.toLowerCase();
      else if (column.kind === 'yes_no') {
        const lower = raw.toLowerCase();
        if (YES.has(lower)) value = true;
        else if (NO.has(lower)) value = false;
        else {
          add(column, 'bad_code', `${column.name} must be yes or no, found "${raw}"`);
          continue;
        }
      } else if (column.kind === 'instant' && column.path[0] === 'occurredAt' && INSTANT.test(raw)) {
        const at = Date.parse(raw);
        if (Number.isFinite(at) && at > nowMs + FUTURE_TOLERANCE_MS) add(column, 'date_in_future', `${column.name} ${raw} is in the future (the import ran at ${now})`);
      }
      const [head, field, slot, adultField] = column.path;
      if (head === 'details' && field === 'adultsInvolved') {
        const n = Number(slot);
        const adult = adults.get(n) ?? {};
        adult[adultField!] = value;
        adults.set(n, adult);
      } else if (head === 'details') {
        details[field!] = value;
        columnForPath.set(`details.${field}`, column);
      } else {
        body[head!] = value;
        columnForPath.set(head!, column);
      }
    }
    if (layout.eventType === 'police_dv_notification') {
      const list: Record<string, unknown>[] = [];
      for (let slot = 1; slot <= DV_ADULT_SLOTS; slot += 1) {
        const adult = adults.get(slot);
        if (!adult) continue;
        for (const [fieldName, column] of [['name', `adult${slot}_name`], ['role', `adult${slot}_role`], ['relationshipToChild', `adult${slot}_relationship`]] as const)
          columnForPath.set(`details.adultsInvolved.${list.length}.${fieldName}`, layout.columns.find((c) => c.name === column)!);
        list.push(adult);
      }
      details.adultsInvolved = list;
      columnForPath.set('details.adultsInvolved', layout.columns.find((c) => c.name === 'adult1_name')!);
    }
    body.details = details;
    if (body.summary === undefined) body.summary = layout.summarise(details);
    const sourceId = cell('source_id');

    const result = validate(body);
    if (!result.ok) {
      for (const issue of result.issues) {
        const column = columnFor(issue.path, columnForPath, layout);
        if (column && columnsInError.has(column.name)) continue; // already reported, more plainly
        const raw = column ? cell(column.name) : '';
        const name = column?.name ?? 'the row';
        if (column && raw === '') add(column, 'required', `${name} is blank: ${lowerFirst(issue.message)}`);
        else if (issue.code === 'invalid_value' && issue.values) add(column ?? 'source_id', 'bad_code', `${name} must be one of ${issue.values.join(', ')}, found "${raw}"`);
        else if (column?.kind === 'instant') add(column, 'date_invalid', `${name} must be a date and time with a UTC offset, like 2026-11-27T03:10:00Z, found "${raw}"`);
        else add(column ?? 'source_id', 'invalid', `${name}: ${issue.message}`);
      }
    }

    // Duplicate source ids within the file: the same row again is skipped; different content is an error.
    if (sourceId !== '') {
      const content = row.values.map((v) => v.trim()).join('\u0000');
      const earlier = seen.get(sourceId);
      if (earlier) {
        if (earlier.content === content) {
          duplicatesInFile += 1;
          continue;
        }
        add('source_id', 'duplicate_source_id', `source_id ${sourceId} is also on line ${earlier.line} with different content: one event, one id`);
        continue;
      }
      seen.set(sourceId, { line: row.line, content });
    }
    if (rowValid && result.ok && nhsNumber) rows.push({ line: row.line, nhsNumber, sourceId, input: result.value });
  }
  return done();
}

function columnFor(path: readonly PropertyKey[], columnForPath: ReadonlyMap<string, FeedColumn>, layout: FeedLayout): FeedColumn | null {
  const parts = path.map(String);
  for (let n = parts.length; n > 0; n -= 1) {
    const column = columnForPath.get(parts.slice(0, n).join('.'));
    if (column) return column;
  }
  // A path the row left blank (no value was set): find the column by its path.
  const key = parts.join('.');
  return layout.columns.find((c) => c.path !== null && c.path.join('.') === key) ?? null;
}

function lowerFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

/**
 * Each row's child must be known to CLASP by NHS number (`known`: the children found, by NHS number),
 * and the event must not be dated before the child was born (London calendar dates) — a sign the row
 * names the wrong child (hazard H-F1).
 */
export function checkFeedChildren({
  fileName,
  childReferences,
  known,
}: {
  fileName: string;
  childReferences: readonly FeedChildReference[];
  known: ReadonlyMap<string, { dateOfBirth: string | null }>;
}): ImportError[] {
  const errors: ImportError[] = [];
  for (const ref of childReferences) {
    const child = known.get(ref.nhsNumber);
    if (!child)
      errors.push({ file: fileName, line: ref.line, column: ref.column, rule: 'unknown_child', message: `no child in CLASP has the NHS number ${ref.nhsNumber}: check the number (a wrong match is worse than none), or add the child first` });
    else if (child.dateOfBirth && ref.occurredOn && ref.occurredOn < child.dateOfBirth)
      errors.push({ file: fileName, line: ref.line, column: ref.occurredAtColumn, rule: 'date_before_birth', message: `occurred_at ${ref.occurredOn} is before the date of birth of the child with NHS number ${ref.nhsNumber}: check the date and the NHS number` });
  }
  return errors;
}
