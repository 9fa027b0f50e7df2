import { AppError } from './app-error.js';

export interface NulCharacterAt {
  /** What was found: a NUL, or a lone surrogate (broken Unicode). */
  kind?: 'nul' | 'broken_unicode';
  /** Dotted path of the field (`files.header.csv`, `answers.notes`), as in the error body's fieldErrors. */
  field: string;
  line: number;
  column: number;
}

/**
 * U+0000, or a lone UTF-16 surrogate (broken Unicode that cannot be encoded as UTF-8): PostgreSQL text cannot
 * hold either, so such input is refused as bad input (400) before it reaches the database and fails there (500).
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first unstorable character (see UNSTORABLE) in any string of a parsed body, query or path.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findNulCharacter(value: unknown, root = ''): NulCharacterAt | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      const index = current.search(UNSTORABLE);
      if (index < 0) continue;
      const before = current.slice(0, index);
      const lineStart = before.lastIndexOf('\n');
      return { field: path, line: before.split('\n').length, column: index - lineStart, ...(current[index] === '\u0000' ? {} : { kind: 'broken_unicode' as const }) };
    }
    if (current && typeof current === 'object') {
      const entries = Array.isArray(current) ? current.map((v, i) => [String(i), v] as const) : Object.entries(current as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, v] = entries[i]!;
        const bad = key.search(UNSTORABLE);
        if (bad >= 0) {
          const shown = key.replaceAll('\u0000', '\\u0000').replace(new RegExp(UNSTORABLE.source, 'g'), '?');
          return { field: path ? `${path}.${shown}` : shown, line: 1, column: bad + 1, ...(key[bad] === '\u0000' ? {} : { kind: 'broken_unicode' as const }) };
        }
        stack.push([v, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}

export function createNulCharacterError({ field, line, column, kind }: NulCharacterAt): AppError {
  const where = line > 1 || column > 1 ? ` (line ${line}, column ${column})` : '';
  const what = kind === 'broken_unicode' ? 'a broken character (an unpaired UTF-16 surrogate)' : 'a NUL character';
  const message = `${field || 'The request'} contains ${what}${where}: remove it and try again`;
  return new AppError({ code: 'validation.nul_character', statusCode: 400, message, ...(field ? { fieldErrors: { [field]: [message] } } : {}) });
}
