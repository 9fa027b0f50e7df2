#!/usr/bin/env node
// The `clasp` command. Runs the compiled CLI (npm install builds it; `npm run build` rebuilds it).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = join(root, 'dist', 'cli', 'main.js');
if (!existsSync(compiled)) {
  process.stderr.write('CLASP is not built yet: run `npm run build` (npm install does this for you).\n');
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(compiled).href);
const code = await runCli(process.argv.slice(2));
if (!['serve'].includes(process.argv[2] ?? '')) process.exit(code);
else if (code !== 0) process.exit(code);
