import { describe, expect, test } from 'vitest';
import { csvCell, decodeCursor, encodeCursor, londonTime, readableCategories, restrictionFor } from './chronology.models.js';

describe('CSV cells a spreadsheet cannot run as formulas (OWASP CSV injection)', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTabbed', "'\tTabbed"],
    ['\rReturn', `"'\rReturn"`],
    ['plain text', 'plain text'],
    ['a, b', '"a, b"'],
    ['say "hello"', '"say ""hello"""'],
    ['line one\nline two', '"line one\nline two"'],
    ['=A1, "x"', `"'=A1, ""x"""`],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
  test('null and undefined are empty cells', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('keyset cursor', () => {
  test('round-trips an instant at microsecond precision and an id', () => {
    const cursor = { occurredAt: '2026-02-01T10:00:00.123457Z', id: '0b7f6f7c-3c1e-4d7a-9d55-2f6f2f0a9b11' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });
  test.each([
    ['not base64 of a cursor', 'bm90LWEtY3Vyc29y'],
    ['an instant without microseconds', Buffer.from('2026-02-01T10:00:00Z|0b7f6f7c-3c1e-4d7a-9d55-2f6f2f0a9b11').toString('base64url')],
    ['an id that is not a uuid', Buffer.from('2026-02-01T10:00:00.000000Z|1; DROP TABLE x').toString('base64url')],
    ['an extra part', Buffer.from('2026-02-01T10:00:00.000000Z|0b7f6f7c-3c1e-4d7a-9d55-2f6f2f0a9b11|x').toString('base64url')],
  ])('refuses %s', (_name, text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});

describe('who may read which category in a chronology', () => {
  test('standard is readable by every role with the child in scope', () => {
    expect(readableCategories('commissioner')).toContain('standard');
  });
  test('a step-up category is restricted for an entitled role that has not stepped up', () => {
    expect(readableCategories('designated_doctor')).not.toContain('sealed_identity');
    expect(readableCategories('designated_doctor')).toContain('sexual_health');
  });
  test('an unknown stored category fails closed with whom to ask', () => {
    expect(restrictionFor('something_new')).toEqual({ category: 'something_new', label: 'Restricted', whomToAsk: 'the named nurse for safeguarding' });
  });
});

describe('UK time', () => {
  test.each([
    ['2026-07-01T22:30:00Z', '2026-07-01 23:30'],
    ['2026-12-01T23:30:00Z', '2026-12-01 23:30'],
    ['2026-03-29T01:00:00Z', '2026-03-29 02:00'],
  ])('%s is %s in England', (instant, expected) => {
    expect(londonTime(instant)).toBe(expected);
  });
});
