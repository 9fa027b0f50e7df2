import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const WEB_DIST = join(repoRoot, 'web', 'dist');

/** Everything the web bundle is built from. */
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/contracts', 'src/domain', 'node_modules/nhsuk-frontend/package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Build web/dist with Vite's API when it is missing or older than its sources (or CLASP_E2E_REBUILD=1). */
export default async function setup(): Promise<void> {
  const builtAt = existsSync(join(WEB_DIST, 'index.html')) ? statSync(join(WEB_DIST, 'index.html')).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((source) => newestMtime(join(repoRoot, source))));
  if (builtAt > sourcesAt && process.env.CLASP_E2E_REBUILD !== '1') return;
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test, which would give a development React build (and JSX transform).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(repoRoot, 'web', 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
