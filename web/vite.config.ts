import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(webRoot, '..');

/** A url() or @import that leaves this origin: absolute http(s) or protocol-relative. */
const EXTERNAL_URL = /url\(\s*['"]?\s*(?:https?:)?\/\//i;
const EXTERNAL_IMPORT = /@import\s+(?:url\()?\s*['"]?\s*(?:https?:)?\/\//i;

/**
 * Strict CSP (default-src 'self'): the built CSS must make no third-party requests.
 * - nhsuk-frontend declares Frutiger @font-face rules on an NHS CDN: drop any @font-face that points
 *   off-site; the font stacks already fall back to Arial, as NHS.UK does without Frutiger.
 * - nhsuk-frontend's icons are referenced as root-absolute /assets/images/...: point them at the
 *   package's own copies so Vite emits them as hashed same-origin files.
 * - The bundle is checked afterwards and the build fails if any external URL survives.
 */
export function sameOriginCss(): Plugin {
  return {
    name: 'clasp:same-origin-css',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0] ?? id;
      if (!file.endsWith('.css')) return null;
      let out = code.replace(/@font-face\s*\{[^}]*\}/g, (rule) => (EXTERNAL_URL.test(rule) ? '' : rule));
      out = out.replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
      if (file.includes('/nhsuk-frontend/dist/')) out = out.replace(/url\((['"]?)\/assets\/images\//g, 'url($1./assets/images/');
      return { code: out, map: null };
    },
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'asset') continue;
        if (!output.fileName.endsWith('.css') && !output.fileName.endsWith('.html')) continue;
        const text = typeof output.source === 'string' ? output.source : new TextDecoder().decode(output.source);
        const match = EXTERNAL_URL.exec(text) ?? EXTERNAL_IMPORT.exec(text);
        if (match) this.error(`${output.fileName} references an external URL near: ${text.slice(match.index, match.index + 120)}`);
      }
    },
  };
}

export default defineConfig({
  root: webRoot,
  publicDir: false,
  plugins: [react(), sameOriginCss()],
  build: {
    outDir: resolve(webRoot, 'dist'),
    emptyOutDir: true,
    cssMinify: 'esbuild',
    // No data: URIs: the CSP (img-src falls back to default-src 'self') would refuse them.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/api': 'http://127.0.0.1:3000' },
    fs: { allow: [repoRoot] },
  },
});
