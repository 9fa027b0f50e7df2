import { describe, expect, test } from 'vitest';
import { createNulCharacterError, findNulCharacter } from './nul-character.js';

describe('findNulCharacter', () => {
  test.each([
    ['a clean body', { a: 'x', b: [1, 'y', { c: null }] }, null],
    ['a top-level field', { username: 'a\u0000b' }, { field: 'username', line: 1, column: 2 }],
    ['a nested field and array index', { actions: [{ need: 'ok' }, { need: '\u0000' }] }, { field: 'actions.1.need', line: 1, column: 1 }],
    ['a line and column inside a file', { files: { 'header.csv': 'CHILD,SEX\n1001,\u00002' } }, { field: 'files.header.csv', line: 2, column: 6 }],
    ['a key', { 'a\u0000': 1 }, { field: 'a\\u0000', line: 1, column: 2 }],
    ['a bare string', '\u0000', { field: '', line: 1, column: 1 }],
  ])('%s', (_, value, expected) => {
    expect(findNulCharacter(value)).toEqual(expected);
  });

  test('an unpaired surrogate (broken Unicode, which PostgreSQL cannot store) is found; a paired one is fine', () => {
    expect(findNulCharacter({ clinic: 'ok\udfff\ud800' })).toEqual({ field: 'clinic', line: 1, column: 3, kind: 'broken_unicode' });
    expect(findNulCharacter({ clinic: 'tea \ud83c\udf75' })).toBeNull();
    expect(createNulCharacterError({ field: 'clinic', line: 1, column: 3, kind: 'broken_unicode' }).message).toMatch(/broken character/);
  });

  test('a body nested 100,000 deep does not overflow the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(findNulCharacter(deep)?.line).toBe(1);
  });

  test('the error names the field, line and column (400 validation.nul_character)', () => {
    const error = createNulCharacterError({ field: 'files.episodes.csv', line: 3, column: 7 });
    expect(error.statusCode).toBe(400);
    expect(error.toBody()).toEqual({ error: { code: 'validation.nul_character', message: 'files.episodes.csv contains a NUL character (line 3, column 7): remove it and try again', fieldErrors: { 'files.episodes.csv': ['files.episodes.csv contains a NUL character (line 3, column 7): remove it and try again'] } } });
  });
});
