/**
 * Validation of a health-activity CSV migrated from a previous system: one row per activity for a
 * looked-after child, header exactly `child_id,activity,date,result`.
 *
 * | activity            | result                                                   |
 * |---------------------|----------------------------------------------------------|
 * | health_assessment   | IHA (initial) or RHA (review) — domain-rules.md §1.1     |
 * | dental_check        | blank                                                    |
 * | development_check   | blank                                                    |
 * | immunisation_status | up_to_date or not_up_to_date                             |
 * | sdq                 | total difficulties score, a whole number 0–40 (§1.3, §3) |
 *
 * `date` is YYYY-MM-DD, a real date, not after today and not before the child's date of birth.
 * Pure: `today` and the known children are arguments.
 */
import { isIsoDate, type IsoDate } from '../calendar/iso-date.js';
import { parseCsv } from './csv.js';
import { sortImportErrors, type ImportError } from './import-error.js';

export const HEALTH_ACTIVITY_COLUMNS = ['child_id', 'activity', 'date', 'result'] as const;

export const HEALTH_ACTIVITY_KINDS = ['health_assessment', 'dental_check', 'development_check', 'immunisation_status', 'sdq'] as const;
export type HealthActivityKind = (typeof HEALTH_ACTIVITY_KINDS)[number];

const RESULTS: Record<HealthActivityKind, { describe: string; normalise: (value: string) => string | null }> = {
  health_assessment: { describe: 'IHA or RHA', normalise: (v) => (v === 'IHA' || v === 'RHA' ? v : null) },
  dental_check: { describe: 'blank', normalise: (v) => (v === '' ? '' : null) },
  development_check: { describe: 'blank', normalise: (v) => (v === '' ? '' : null) },
  immunisation_status: { describe: 'up_to_date or not_up_to_date', normalise: (v) => (v === 'up_to_date' || v === 'not_up_to_date' ? v : null) },
  sdq: { describe: 'the total difficulties score, a whole number from 0 to 40', normalise: (v) => (/^\d{1,2}$/.test(v) && Number(v) <= 40 ? String(Number(v)) : null) },
};

export function isHealthActivityKind(value: string): value is HealthActivityKind {
  return (HEALTH_ACTIVITY_KINDS as readonly string[]).includes(value);
}

export interface HealthActivityRow {
  laChildId: string;
  line: number;
  activity: HealthActivityKind;
  activityOn: IsoDate;
  /** Normalised result; null for activities that carry none. */
  result: string | null;
  /** `import:<child_id>:<activity>:<date>:<result>` — the same row imported twice is the same activity. */
  sourceKey: string;
}

/**
 * Checks the header and each row on its own. Rows that pass are returned; children are checked
 * against the database afterwards with `checkHealthActivityChildren`.
 */
/** A row's reference to a child, kept for every row that names one (valid or not), so every error is found. */
export interface ChildReference {
  laChildId: string;
  line: number;
  activityOn: IsoDate | null;
}

export function parseHealthActivityFile({ fileName, text, today }: { fileName: string; text: string; today: IsoDate }): { rows: HealthActivityRow[]; childReferences: ChildReference[]; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const rows: HealthActivityRow[] = [];
  const childReferences: ChildReference[] = [];
  const csv = parseCsv(text);
  for (const e of csv.errors) errors.push({ file: fileName, line: e.line, column: e.column, rule: 'csv_syntax', message: e.message });
  const expected = HEALTH_ACTIVITY_COLUMNS.join(',');
  if (csv.columns.length === 0) {
    if (csv.errors.length === 0) errors.push({ file: fileName, line: 1, column: 1, rule: 'header_row', message: `the file is empty: its first line must be the header row ${expected}` });
    return { rows, childReferences, errors };
  }
  const header = csv.columns.map((c) => c.trim());
  if (header.join(',') !== expected) {
    const column = HEALTH_ACTIVITY_COLUMNS.findIndex((name, i) => header[i] !== name);
    errors.push({ file: fileName, line: 1, column: (column === -1 ? HEALTH_ACTIVITY_COLUMNS.length : column) + 1, rule: 'header_row', message: `the header row must be exactly ${expected}, found ${csv.columns.join(',')}` });
    return { rows, childReferences, errors };
  }
  const seen = new Map<string, number>();
  for (const row of csv.rows) {
    if (row.values.length !== HEALTH_ACTIVITY_COLUMNS.length) {
      errors.push({ file: fileName, line: row.line, column: Math.min(row.values.length, 4) + 1, rule: 'field_count', message: `the row has ${row.values.length} fields but the header row has 4` });
      continue;
    }
    const [child = '', activity = '', date = '', result = ''] = row.values.map((v) => v.trim());
    let valid = true;
    const add = (column: number, rule: string, message: string) => {
      valid = false;
      errors.push({ file: fileName, line: row.line, column, rule, message, ...(child ? { child } : {}) });
    };
    if (child === '') add(1, 'child_required', 'child_id (the LA child id) is blank');
    else childReferences.push({ laChildId: child, line: row.line, activityOn: isIsoDate(date) ? date : null });
    if (!isHealthActivityKind(activity)) add(2, 'activity', `activity must be one of ${HEALTH_ACTIVITY_KINDS.join(', ')}, ${activity === '' ? 'it is blank' : `found "${activity}"`}`);
    if (!isIsoDate(date)) add(3, 'date_invalid', `date must be a real date written YYYY-MM-DD, ${date === '' ? 'it is blank' : `found "${date}"`}`);
    else if (date > today) add(3, 'date_in_future', `date ${date} is after today (${today})`);
    let normalised: string | null = null;
    if (isHealthActivityKind(activity)) {
      normalised = RESULTS[activity].normalise(result);
      if (normalised === null) add(4, 'result', `result for ${activity} must be ${RESULTS[activity].describe}, ${result === '' ? 'it is blank' : `found "${result}"`}`);
    }
    if (!valid || normalised === null || !isHealthActivityKind(activity)) continue;
    const sourceKey = `import:${child}:${activity}:${date}:${normalised}`;
    const earlier = seen.get(sourceKey);
    if (earlier !== undefined) {
      errors.push({ file: fileName, line: row.line, column: 1, rule: 'duplicate_row', message: `this row repeats line ${earlier}`, child });
      continue;
    }
    seen.set(sourceKey, row.line);
    rows.push({ laChildId: child, line: row.line, activity, activityOn: date, result: normalised === '' ? null : normalised, sourceKey });
  }
  return { rows, childReferences, errors };
}

/** Each row's child must be known to CLASP by LA child id, and the activity not before the child was born. */
export function checkHealthActivityChildren({
  fileName,
  childReferences,
  children,
}: {
  fileName: string;
  childReferences: readonly ChildReference[];
  children: ReadonlyMap<string, { dateOfBirth: IsoDate | null }>;
}): ImportError[] {
  const errors: ImportError[] = [];
  for (const row of childReferences) {
    const child = children.get(row.laChildId);
    if (!child)
      errors.push({ file: fileName, line: row.line, column: 1, rule: 'unknown_child', message: `no child in CLASP has the LA child id ${row.laChildId}: import the SSDA903 return (or add the child) first`, child: row.laChildId });
    else if (child.dateOfBirth && row.activityOn && row.activityOn < child.dateOfBirth)
      errors.push({ file: fileName, line: row.line, column: 3, rule: 'date_before_birth', message: `date ${row.activityOn} is before the child's date of birth (${child.dateOfBirth})`, child: row.laChildId });
  }
  return errors;
}

export function sortHealthActivityErrors(errors: readonly ImportError[]): ImportError[] {
  return sortImportErrors(errors, []);
}
