/**
 * Vite config of diffiir's web parts.
 * - `vite build` (npm run build:web): library build of the host entries into dist/ as plain ESM
 *   with no bare imports: dist/host/index.js (diffiir/host), dist/tone/index.js
 *   (diffiir/tone, 'tone' stays an external peer) and dist/standardized/index.js
 *   (diffiir/standardized, 'standardized-audio-context' stays an external peer). The
 *   AudioWorklet module is emitted as one minified, self-contained file,
 *   dist/host/allpole-processor.js, found at run time with the literal
 *   new URL('./allpole-processor.js', import.meta.url) (scripts/vite-worklet.ts).
 *   dist/ is shared with the tsc build of the core, so it is not emptied.
 * - `vite` (dev server): serves the repo root for the browser tests
 *   (tests/browser/pages/*.html import src TS directly).
 */
import { defineConfig, type Plugin } from 'vite';
import { bundleWorklet, diffiirWorklet, WORKLET_ENTRY } from './scripts/vite-worklet.ts';

export const BROWSER_TEST_PORT = 5178;

const DEV_WORKLET_URL = '/@diffiir/allpole-processor.js';

/**
 * Dev server only: serve the worklet bundled into one self-contained file, like the library
 * build does. Vite's dev server would serve it as an unbundled module with imports, which
 * standardized-audio-context cannot wrap (it evaluates the source inside a function).
 */
function devWorkletBundle(): Plugin {
  let cached: Promise<string> | null = null;
  return {
    name: 'diffiir-dev-worklet',
    apply: 'serve',
    enforce: 'pre',
    load(id) {
      if (id.startsWith(`${WORKLET_ENTRY}?`) && id.includes('worker') && id.includes('url')) {
        return `export default ${JSON.stringify(DEV_WORKLET_URL)};`;
      }
      return null;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== DEV_WORKLET_URL) return next();
        cached ??= bundleWorklet(false);
        cached.then(
          (code) => {
            res.setHeader('content-type', 'text/javascript; charset=utf-8');
            res.end(code);
          },
          (e: unknown) => {
            cached = null;
            next(e);
          },
        );
      });
    },
  };
}

export default defineConfig(({ command }) => ({
  root: '.',
  plugins: [diffiirWorklet('library'), devWorkletBundle()],
  // Relative asset/worker URLs in the library build (resolved against import.meta.url).
  base: command === 'build' ? './' : '/',
  publicDir: false,
  clearScreen: false,
  // Pre-bundle the pages' dependencies at start-up (no re-optimisation and reload mid-test), in
  // a cache of this config's own (other Vite configs in the repo have theirs).
  cacheDir: 'node_modules/.vite-diffiir-node',
  optimizeDeps: {
    entries: ['tests/browser/pages/*.html'],
    include: ['standardized-audio-context', 'tone', 'fft.js'],
  },
  // Test server: no HMR and no file watcher, so edits elsewhere in the tree never reload a page
  // in the middle of a test (a server lives for one test run).
  server: { host: '127.0.0.1', port: BROWSER_TEST_PORT, strictPort: true, hmr: false, watch: null },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: {
        'host/index': 'src/host/index.ts',
        'tone/index': 'src/host/tone.ts',
        'standardized/index': 'src/host/standardized.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: ['tone', /^tone\//, 'standardized-audio-context', /^standardized-audio-context\//],
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'host/[name].js',
        assetFileNames: 'host/[name][extname]',
      },
    },
  },
}));
