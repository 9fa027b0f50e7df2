import { describe, expect, test } from 'vitest';
import {
  SDQ_CSV_HEADER,
  SDQ_ITEMS,
  SDQ_SCORING_VERSION,
  parseSdqCsv,
  scoreSdq,
  sdqBand,
  sdqScoresFromTotal,
  type SdqResponse,
} from './sdq.js';

type Code = SdqResponse;

/** A full 25-item response set: every item unanswered except those given (item number → code). */
function responsesWith(answers: Readonly<Record<number, Code>>): Code[] {
  return SDQ_ITEMS.map((item) => answers[item.number] ?? null);
}

const EMOTIONAL_ITEMS = [3, 8, 13, 16, 24] as const;
const CONDUCT_ITEMS = [5, 7, 12, 18, 22] as const;

function scaleAnswers(items: readonly number[], codes: readonly Code[]): Record<number, Code> {
  return Object.fromEntries(items.map((item, index) => [item, codes[index] ?? null]));
}

describe('SDQ_ITEMS: 25 items, youthinmind short names, scales and reverse-scored items 7, 11, 14, 21, 25 (§3 [C])', () => {
  test('numbers run 1 to 25 in order', () => {
    expect(SDQ_ITEMS.map((item) => item.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  test.each([
    ['emotional', [3, 8, 13, 16, 24]],
    ['conduct', [5, 7, 12, 18, 22]],
    ['hyperactivity', [2, 10, 15, 21, 25]],
    ['peer', [6, 11, 14, 19, 23]],
    ['prosocial', [1, 4, 9, 17, 20]],
  ])('the %s scale is items %j', (scale, items) => {
    expect(SDQ_ITEMS.filter((item) => item.scale === scale).map((item) => item.number)).toEqual(items);
  });

  test('reverse-scored items are exactly 7 obeys, 11 friend, 14 popular, 21 reflect, 25 attends', () => {
    expect(SDQ_ITEMS.filter((item) => item.reversed).map((item) => `${item.number} ${item.name}`)).toEqual([
      '7 obeys',
      '11 friend',
      '14 popular',
      '21 reflect',
      '25 attends',
    ]);
  });

  test('item 1 is consid (prosocial) — items are named, not worded', () => {
    expect(SDQ_ITEMS[0]).toEqual({ number: 1, name: 'consid', scale: 'prosocial', reversed: false });
  });

  test('the scoring version is stamped', () => {
    expect(SDQ_SCORING_VERSION).toMatch(/clasp-\d+$/);
  });
});

describe('scoreSdq: a scale is round_half_up(mean × 5) when ≥ 3 of 5 items are answered, else missing (§3 test vectors)', () => {
  test.each<[string, Code[], number | null]>([
    ['[2,1,–,–,0] → mean 1 → 5', [2, 1, null, null, 0], 5],
    ['[2,2,–,1,–] → 8.33 → 8', [2, 2, null, 1, null], 8],
    ['[1,1,0,0,–] → 2.5 → 3 (half rounds up, not to even)', [1, 1, 0, 0, null], 3],
    ['[1,–,–,–,2] → missing (only 2 items)', [1, null, null, null, 2], null],
    ['all five answered 2 → 10', [2, 2, 2, 2, 2], 10],
    ['all five answered 0 → 0', [0, 0, 0, 0, 0], 0],
    ['nothing answered → missing', [null, null, null, null, null], null],
  ])('emotional %s', (_, codes, expected) => {
    expect(scoreSdq({ responses: responsesWith(scaleAnswers(EMOTIONAL_ITEMS, codes)) }).emotional).toBe(expected);
  });
});

describe('scoreSdq: reverse-scored items contribute 2 − code (§3 [C])', () => {
  test.each<[string, Code, number]>([
    ['item 7 (obeys) answered "Certainly True" (2) contributes 0', 2, 0],
    ['item 7 answered "Somewhat True" (1) contributes 1', 1, 5],
    ['item 7 answered "Not True" (0) contributes 2', 0, 10],
  ])('%s', (_, item7, expectedConduct) => {
    // Conduct items 5, 12, 18, 22 answered to match the reversed meaning, so the whole scale shows the effect.
    const other = item7 === 2 ? 0 : item7 === 1 ? 1 : 2;
    const responses = responsesWith({ 5: other, 7: item7, 12: other, 18: other, 22: other });
    expect(scoreSdq({ responses }).conduct).toBe(expectedConduct);
  });

  test('a hyperactivity scale of only reversed items 21 and 25 plus item 2 is prorated from 3 items', () => {
    // item 2 = 2, item 21 "Not True" (0 → 2), item 25 "Certainly True" (2 → 0): mean 4/3 × 5 = 6.67 → 7
    expect(scoreSdq({ responses: responsesWith({ 2: 2, 21: 0, 25: 2 }) }).hyperactivity).toBe(7);
  });
});

describe('scoreSdq: total difficulties = emotional + conduct + hyperactivity + peer; prosocial excluded (§3 [C])', () => {
  const allAnswered = (code: 0 | 1 | 2): Code[] => SDQ_ITEMS.map(() => code);

  test.each<[string, Code[], { total: number | null; prosocial: number | null; band: string | null }]>([
    // all "Somewhat True": every item scores 1 (reversed 2 − 1 = 1) → each scale 5 → total 20
    ['every item "Somewhat True" → each scale 5, total 20 (concern)', allAnswered(1), { total: 20, prosocial: 5, band: 'concern' }],
    // all "Not True": non-reversed 0; reversed items score 2 → conduct 2, hyper 4, peer 4, emotional 0 → total 10
    ['every item "Not True" → total 10 from the reversed items only (normal)', allAnswered(0), { total: 10, prosocial: 0, band: 'normal' }],
    // all "Certainly True": non-reversed 2, reversed 0 → emotional 10, conduct 8, hyper 6, peer 6 → 30
    ['every item "Certainly True" → total 30, prosocial 10', allAnswered(2), { total: 30, prosocial: 10, band: 'concern' }],
  ])('%s', (_, responses, expected) => {
    const scores = scoreSdq({ responses });
    expect({ total: scores.totalDifficulties, prosocial: scores.prosocial, band: scores.band }).toEqual(expected);
  });

  test('the total is missing when any problem scale is missing, but prosocial is still scored', () => {
    const responses = SDQ_ITEMS.map((item): Code => (item.scale === 'peer' && item.number !== 6 ? null : 1));
    const scores = scoreSdq({ responses });
    expect(scores).toMatchObject({ peer: null, totalDifficulties: null, band: null, prosocial: 5, emotional: 5 });
  });

  test('a missing prosocial scale does not stop the total', () => {
    const responses = SDQ_ITEMS.map((item): Code => (item.scale === 'prosocial' ? null : 1));
    expect(scoreSdq({ responses })).toMatchObject({ prosocial: null, totalDifficulties: 20 });
  });

  test.each([
    ['24 responses', Array.from({ length: 24 }, () => 0)],
    ['a code of 3', [...Array.from({ length: 24 }, () => 0), 3]],
  ])('refuses %s (programmer error)', (_, responses) => {
    expect(() => scoreSdq({ responses: responses as Code[] })).toThrow(RangeError);
  });
});

describe('sdqBand: DfE carer total bands 0–13 normal, 14–16 borderline, 17–40 concern (§1.3, §3 [C])', () => {
  test.each([
    [0, 'normal'],
    [13, 'normal'],
    [14, 'borderline'],
    [16, 'borderline'],
    [17, 'concern'],
    [40, 'concern'],
  ])('a total of %i is %s', (total, band) => {
    expect(sdqBand(total)).toBe(band);
  });

  test.each([-1, 41, 13.5, Number.NaN])('refuses %s', (total) => {
    expect(() => sdqBand(total)).toThrow(RangeError);
  });

  test('a total-only SDQ keeps the total and band, scales unknown', () => {
    expect(sdqScoresFromTotal({ totalDifficulties: 16 })).toEqual({
      emotional: null,
      conduct: null,
      hyperactivity: null,
      peer: null,
      prosocial: null,
      totalDifficulties: 16,
      band: 'borderline',
    });
  });
});

describe('parseSdqCsv: header id,q1..q25; values blank, 0, 1, 2 as answered (issue #4)', () => {
  const header = SDQ_CSV_HEADER.join(',');
  const row = (id: string, values: readonly string[]): string => [id, ...values].join(',');
  const ones = Array.from({ length: 25 }, () => '1');

  test('reads rows, blank = unanswered, CRLF and a BOM tolerated', () => {
    const values = [...ones];
    values[6] = '';
    values[24] = '2';
    const text = `\uFEFF${header}\r\n${row('C1', values)}\r\n${row('C2', ones)}\r\n`;
    const result = parseSdqCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.id)).toEqual(['C1', 'C2']);
    expect(result.rows[0]?.responses[6]).toBeNull();
    expect(result.rows[0]?.responses[24]).toBe(2);
    expect(result.rows[0]?.line).toBe(2);
  });

  test('a quoted id with a comma is one value', () => {
    const result = parseSdqCsv(`${header}\n${row('"A,1"', ones)}\n`);
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.id).toBe('A,1');
  });

  test.each<[string, string, { line: number; column: string | null }]>([
    ['a header that is not exactly id,q1..q25', `child,${SDQ_CSV_HEADER.slice(1).join(',')}\n`, { line: 1, column: 'id' }],
    ['a header missing q25', `${SDQ_CSV_HEADER.slice(0, 25).join(',')}\n`, { line: 1, column: 'q25' }],
    ['a value of 3', `${header}\n${row('C1', [...ones.slice(0, 24), '3'])}\n`, { line: 2, column: 'q25' }],
    ['a value written as text', `${header}\n${row('C1', ['Not True', ...ones.slice(1)])}\n`, { line: 2, column: 'q1' }],
    ['a row with too few values', `${header}\n${row('C1', ones.slice(1))}\n`, { line: 2, column: null }],
    ['a blank id', `${header}\n${row('', ones)}\n`, { line: 2, column: 'id' }],
    ['a repeated id', `${header}\n${row('C1', ones)}\n${row('C1', ones)}\n`, { line: 3, column: 'id' }],
    ['an empty file', '', { line: 1, column: null }],
  ])('reports %s with its line and column', (_, text, where) => {
    const result = parseSdqCsv(text);
    expect(result.errors[0]).toMatchObject(where);
    expect(result.errors[0]?.message.length).toBeGreaterThan(5);
  });

  test('a bad row is left out but good rows are kept', () => {
    const result = parseSdqCsv(`${header}\n${row('C1', ones)}\n${row('C2', ['x', ...ones.slice(1)])}\n${row('C3', ones)}\n`);
    expect(result.rows.map((r) => r.id)).toEqual(['C1', 'C3']);
    expect(result.errors).toHaveLength(1);
  });
});
