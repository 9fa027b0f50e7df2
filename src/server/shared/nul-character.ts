import { AppError } from './app-error.js';

export interface NulCharacterAt {
  /** Dotted path of the field (`files.header.csv`, `answers.notes`), as in the error body's fieldErrors. */
  field: string;
  line: number;
  column: number;
}

/**
 * The first U+0000 in any string of a parsed body, query or path. PostgreSQL text cannot hold it, so
 * such input must be refused as bad input (400) before it reaches the database and fails there (500).
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findNulCharacter(value: unknown, root = ''): NulCharacterAt | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      const index = current.indexOf('\u0000');
      if (index < 0) continue;
      const before = current.slice(0, index);
      const lineStart = before.lastIndexOf('\n');
      return { field: path, line: before.split('\n').length, column: index - lineStart };
    }
    if (current && typeof current === 'object') {
      const entries = Array.isArray(current) ? current.map((v, i) => [String(i), v] as const) : Object.entries(current as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, v] = entries[i]!;
        if (key.includes('\u0000')) return { field: path ? `${path}.${key.replaceAll('\u0000', '\\u0000')}` : key.replaceAll('\u0000', '\\u0000'), line: 1, column: key.indexOf('\u0000') + 1 };
        stack.push([v, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}

export function createNulCharacterError({ field, line, column }: NulCharacterAt): AppError {
  const where = line > 1 || column > 1 ? ` (line ${line}, column ${column})` : '';
  const message = `${field || 'The request'} contains a NUL character${where}: remove it and try again`;
  return new AppError({ code: 'validation.nul_character', statusCode: 400, message, ...(field ? { fieldErrors: { [field]: [message] } } : {}) });
}
