/**
 * Strengths and Difficulties Questionnaire (SDQ) — carer (parent) version scoring for looked-after children.
 *
 * Licensing: the SDQ is copyright Robert Goodman / youthinmind. CLASP stores responses and computed
 * scores only; it never ships the questionnaire's wording. Items are identified by number and by the
 * short variable name used in youthinmind's published scoring syntax.
 * Source: domain-rules.md §3 "Licensing" [S] (pmhc-mds.com SDQ page).
 */

/** Version stamp stored with every computed score (`sdq_returns.scoring_version`). */
export const SDQ_SCORING_VERSION = 'sdq-p4-17-youthinmind-syntax/clasp-1' as const;

export const SDQ_SCALES = ['emotional', 'conduct', 'hyperactivity', 'peer', 'prosocial'] as const;
export type SdqScale = (typeof SDQ_SCALES)[number];

/** The four problem scales summed into the total difficulties score (prosocial is not part of it). */
export const SDQ_PROBLEM_SCALES = ['emotional', 'conduct', 'hyperactivity', 'peer'] as const satisfies readonly SdqScale[];

export type SdqItem = {
  readonly number: number;
  readonly name: string;
  readonly scale: SdqScale;
  readonly reversed: boolean;
};

/**
 * The 25 SDQ items: number, youthinmind short variable name, scale, and whether reverse-scored.
 * Source: domain-rules.md §3 item table and subscale list [C] (gbiele/masterfile `scripts4tests/sdq.R`;
 * nogur9/DeppClinic). Reverse-scored items: 7, 11, 14, 21, 25 [C].
 */
export const SDQ_ITEMS = [
  { number: 1, name: 'consid', scale: 'prosocial', reversed: false },
  { number: 2, name: 'restles', scale: 'hyperactivity', reversed: false },
  { number: 3, name: 'somatic', scale: 'emotional', reversed: false },
  { number: 4, name: 'shares', scale: 'prosocial', reversed: false },
  { number: 5, name: 'tantrum', scale: 'conduct', reversed: false },
  { number: 6, name: 'loner', scale: 'peer', reversed: false },
  { number: 7, name: 'obeys', scale: 'conduct', reversed: true },
  { number: 8, name: 'worries', scale: 'emotional', reversed: false },
  { number: 9, name: 'caring', scale: 'prosocial', reversed: false },
  { number: 10, name: 'fidgety', scale: 'hyperactivity', reversed: false },
  { number: 11, name: 'friend', scale: 'peer', reversed: true },
  { number: 12, name: 'fights', scale: 'conduct', reversed: false },
  { number: 13, name: 'unhappy', scale: 'emotional', reversed: false },
  { number: 14, name: 'popular', scale: 'peer', reversed: true },
  { number: 15, name: 'distrac', scale: 'hyperactivity', reversed: false },
  { number: 16, name: 'clingy', scale: 'emotional', reversed: false },
  { number: 17, name: 'kind', scale: 'prosocial', reversed: false },
  { number: 18, name: 'lies', scale: 'conduct', reversed: false },
  { number: 19, name: 'bullied', scale: 'peer', reversed: false },
  { number: 20, name: 'helpout', scale: 'prosocial', reversed: false },
  { number: 21, name: 'reflect', scale: 'hyperactivity', reversed: true },
  { number: 22, name: 'steals', scale: 'conduct', reversed: false },
  { number: 23, name: 'oldbest', scale: 'peer', reversed: false },
  { number: 24, name: 'afraid', scale: 'emotional', reversed: false },
  { number: 25, name: 'attends', scale: 'hyperactivity', reversed: true },
] as const satisfies readonly SdqItem[];

export const SDQ_ITEM_COUNT = 25;

/**
 * One response AS ANSWERED on the form: 0 = Not True, 1 = Somewhat True, 2 = Certainly True,
 * `null` = unanswered. Reverse-scoring is applied by `scoreSdq`, never by the caller.
 */
export type SdqResponse = 0 | 1 | 2 | null;

export const SDQ_BANDS = ['normal', 'borderline', 'concern'] as const;
export type SdqBand = (typeof SDQ_BANDS)[number];

export type SdqScores = {
  readonly emotional: number | null;
  readonly conduct: number | null;
  readonly hyperactivity: number | null;
  readonly peer: number | null;
  readonly prosocial: number | null;
  readonly totalDifficulties: number | null;
  readonly band: SdqBand | null;
};

/** Minimum answered items (of 5) for a scale to be prorated rather than missing. */
export const SDQ_MIN_ITEMS_PER_SCALE = 3;

function isSdqResponse(value: unknown): value is SdqResponse {
  return value === null || value === 0 || value === 1 || value === 2;
}

/**
 * Prorated scale score: `round_half_up(mean(answered) × 5)` with at least 3 of 5 items answered,
 * else `null`. Computed in integers — floor((10·sum + n) / 2n) — so 2.5 always rounds to 3.
 * Source: domain-rules.md §3 "Computation" [C] ("prorated if at least three of the five subscale
 * items are complete"; `round_half_up(x) = floor(x + 0.5)`).
 */
function prorateScale(itemScores: readonly number[]): number | null {
  const answered = itemScores.length;
  if (answered < SDQ_MIN_ITEMS_PER_SCALE) return null;
  const sum = itemScores.reduce((total, score) => total + score, 0);
  return Math.floor((10 * sum + answered) / (2 * answered));
}

/**
 * DfE banding of the carer-completed total difficulties score: 0–13 normal, 14–16 borderline,
 * 17–40 cause for concern. Throws RangeError for a value that is not an integer 0–40.
 * Source: domain-rules.md §1.3 and §3 "Bands — parent/carer" [C] (LG Inform metric 2135; DfE).
 */
export function sdqBand(totalDifficulties: number): SdqBand {
  if (!isSdqTotal(totalDifficulties)) {
    throw new RangeError(`SDQ total difficulties must be an integer 0–40: ${totalDifficulties}`);
  }
  if (totalDifficulties <= 13) return 'normal';
  if (totalDifficulties <= 16) return 'borderline';
  return 'concern';
}

/** True for an integer 0–40 (the range of a total difficulties score; 903 OC2 rule 180 [C]). */
export function isSdqTotal(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 40;
}

/**
 * Scores a carer SDQ from the 25 responses as answered on the form.
 *
 * - Reverse-scored items 7, 11, 14, 21, 25 contribute `2 − code` (Certainly True on item 7 → 0).
 * - Each scale is prorated — `round_half_up(mean × 5)` — when at least 3 of its 5 items are answered,
 *   otherwise it is `null`.
 * - Total difficulties = emotional + conduct + hyperactivity + peer (0–40), `null` if any is `null`.
 *   Prosocial is not part of the total.
 * - Band is the DfE three-band category of the total (see `sdqBand`).
 *
 * Throws RangeError (programmer error) unless `responses` has exactly 25 entries of 0, 1, 2 or null.
 * Source: domain-rules.md §3 "Responses", subscale list and "Computation" [C] (youthinmind scoring
 * syntax as reproduced in public R code).
 */
export function scoreSdq({ responses }: { responses: readonly SdqResponse[] }): SdqScores {
  if (responses.length !== SDQ_ITEM_COUNT) {
    throw new RangeError(`An SDQ has ${SDQ_ITEM_COUNT} responses, got ${responses.length}`);
  }
  const byScale: Record<SdqScale, number[]> = { emotional: [], conduct: [], hyperactivity: [], peer: [], prosocial: [] };
  SDQ_ITEMS.forEach((item, index) => {
    const code = responses[index];
    if (!isSdqResponse(code)) {
      throw new RangeError(`SDQ item ${item.number} must be 0, 1, 2 or null: ${JSON.stringify(code)}`);
    }
    if (code === null) return;
    byScale[item.scale].push(item.reversed ? 2 - code : code);
  });

  const emotional = prorateScale(byScale.emotional);
  const conduct = prorateScale(byScale.conduct);
  const hyperactivity = prorateScale(byScale.hyperactivity);
  const peer = prorateScale(byScale.peer);
  const prosocial = prorateScale(byScale.prosocial);
  const totalDifficulties =
    emotional === null || conduct === null || hyperactivity === null || peer === null
      ? null
      : emotional + conduct + hyperactivity + peer;
  return {
    emotional,
    conduct,
    hyperactivity,
    peer,
    prosocial,
    totalDifficulties,
    band: totalDifficulties === null ? null : sdqBand(totalDifficulties),
  };
}

/**
 * Scores for an SDQ where only the total difficulties score is known (e.g. imported from a previous
 * system or the 903 OC2 return): the scales are `null`, the band is derived from the total.
 * Source: issue #4 "Record the carer's 25 item responses (or a total when only that is known)";
 * bands per domain-rules.md §3 [C].
 */
export function sdqScoresFromTotal({ totalDifficulties }: { totalDifficulties: number }): SdqScores {
  return {
    emotional: null,
    conduct: null,
    hyperactivity: null,
    peer: null,
    prosocial: null,
    totalDifficulties,
    band: sdqBand(totalDifficulties),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV import: id,q1..q25
// ---------------------------------------------------------------------------------------------

/** The exact header `parseSdqCsv` requires. */
export const SDQ_CSV_HEADER = ['id', ...SDQ_ITEMS.map((item) => `q${item.number}`)] as const;

export type SdqCsvRow = { readonly id: string; readonly line: number; readonly responses: readonly SdqResponse[] };

/**
 * A problem in the file. `line` is 1-based (the header is line 1); `column` is the header name of
 * the offending column ('id', 'q7'…) or `null` when the problem is the row as a whole.
 */
export type SdqCsvError = { readonly line: number; readonly column: string | null; readonly message: string };

export type SdqCsvParseResult = { readonly rows: readonly SdqCsvRow[]; readonly errors: readonly SdqCsvError[] };

type CsvRecord = { line: number; fields: string[] };

/**
 * RFC 4180 records: commas, double-quoted fields ("" is a quote), CRLF or LF line ends, a leading
 * BOM ignored. Each record carries the line it starts on. Blank lines are dropped.
 */
function readCsvRecords(text: string): { records: CsvRecord[]; unterminatedQuoteLine: number | null } {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quoteStartLine = 1;
  const endRecord = (): void => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (inQuotes) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 1;
        } else {
          inQuotes = false;
        }
      } else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      quoteStartLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (inQuotes) return { records, unterminatedQuoteLine: quoteStartLine };
  if (field !== '' || fields.length > 0) endRecord();
  return { records, unterminatedQuoteLine: null };
}

const RESPONSE_BY_TEXT: Readonly<Record<string, SdqResponse>> = { '': null, '0': 0, '1': 1, '2': 2 };

/**
 * Parses an SDQ responses CSV for `clasp sdq score FILE`.
 *
 * The header must be exactly `id,q1,q2,…,q25`. Each row has a non-empty, unique `id` and 25 values,
 * each `''` (unanswered), `'0'`, `'1'` or `'2'` — the codes as answered on the form (0 Not True,
 * 1 Somewhat True, 2 Certainly True), NOT reverse-scored. Surrounding spaces are ignored.
 * A row with any error is reported in `errors` and left out of `rows`. A bad header stops parsing.
 * Source: issue #4 "SDQ" (CSV contract); response codes per domain-rules.md §3 "Responses" [C].
 */
export function parseSdqCsv(text: string): SdqCsvParseResult {
  const { records, unterminatedQuoteLine } = readCsvRecords(text);
  const errors: SdqCsvError[] = [];
  if (unterminatedQuoteLine !== null) {
    errors.push({ line: unterminatedQuoteLine, column: null, message: 'A quoted value is not closed' });
  }
  const [header, ...body] = records;
  if (header === undefined) {
    return { rows: [], errors: [...errors, { line: 1, column: null, message: `The file is empty: expected the header ${SDQ_CSV_HEADER.join(',')}` }] };
  }
  const headerNames = header.fields.map((name) => name.trim());
  const expected = SDQ_CSV_HEADER.join(',');
  if (headerNames.join(',') !== expected) {
    const firstWrong = SDQ_CSV_HEADER.findIndex((name, index) => headerNames[index] !== name);
    const column = firstWrong === -1 ? null : (SDQ_CSV_HEADER[firstWrong] ?? null);
    return {
      rows: [],
      errors: [...errors, { line: header.line, column, message: `The header must be exactly ${expected}` }],
    };
  }

  const rows: SdqCsvRow[] = [];
  const seenIds = new Map<string, number>();
  for (const record of body) {
    const rowErrors: SdqCsvError[] = [];
    if (record.fields.length !== SDQ_CSV_HEADER.length) {
      errors.push({
        line: record.line,
        column: null,
        message: `Expected ${SDQ_CSV_HEADER.length} values (id and q1 to q25), found ${record.fields.length}`,
      });
      continue;
    }
    const id = (record.fields[0] ?? '').trim();
    if (id === '') {
      rowErrors.push({ line: record.line, column: 'id', message: 'Enter an id' });
    } else {
      const firstLine = seenIds.get(id);
      if (firstLine !== undefined) {
        rowErrors.push({ line: record.line, column: 'id', message: `The id ${id} is repeated (first on line ${firstLine})` });
      } else {
        seenIds.set(id, record.line);
      }
    }
    const responses: SdqResponse[] = [];
    record.fields.slice(1).forEach((raw, index) => {
      const value = raw.trim();
      const column = `q${index + 1}`;
      if (Object.hasOwn(RESPONSE_BY_TEXT, value)) {
        responses.push(RESPONSE_BY_TEXT[value] ?? null);
      } else {
        rowErrors.push({ line: record.line, column, message: `${column} must be blank, 0, 1 or 2, not "${value}"` });
      }
    });
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ id, line: record.line, responses });
  }
  return { rows, errors };
}
