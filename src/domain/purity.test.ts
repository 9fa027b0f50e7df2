import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

/** The domain layer is pure: no I/O modules, no clock, and no imports from the rest of CLASP. */
const DOMAIN = new URL('.', import.meta.url).pathname;
const FORBIDDEN = [/from ['"]node:/, /from ['"](fs|path|http|https|net|child_process|pg|kysely|fastify)['"]/, /from ['"]\.\.\/\.\.\/(server|cli|seed|contracts)/, /Date\.now\(\)/, /new Date\(\)/, /Math\.random\(\)/, /process\.env/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('domain purity', () => {
  test.each(sourceFiles(DOMAIN).map((file) => [relative(DOMAIN, file), file]))('%s does no I/O and reads no clock', (_, file) => {
    const text = readFileSync(file, 'utf8');
    for (const pattern of FORBIDDEN) expect(text, `${pattern} found`).not.toMatch(pattern);
  });
});
