/**
 * Vite config of diffiir's web parts.
 * - `vite build` (npm run build:web): library build of the host entries into dist/ as plain ESM
 *   with no bare imports: dist/host/index.js (diffiir/host) and dist/tone/index.js
 *   (diffiir/tone, 'tone' stays an external peer). The AudioWorklet module is emitted as a real
 *   file, dist/host/allpole-processor.js, found at run time with new URL(..., import.meta.url).
 *   dist/ is shared with the tsc build of the core, so it is not emptied.
 * - `vite` (dev server): serves the repo root for the browser tests
 *   (tests/browser/pages/*.html import src TS directly).
 */
import { defineConfig } from 'vite';

export const BROWSER_TEST_PORT = 5178;

export default defineConfig(({ command }) => ({
  root: '.',
  // Relative asset/worker URLs in the library build (resolved against import.meta.url).
  base: command === 'build' ? './' : '/',
  publicDir: false,
  clearScreen: false,
  optimizeDeps: { include: ['standardized-audio-context', 'tone'] },
  server: { host: '127.0.0.1', port: BROWSER_TEST_PORT, strictPort: true },
  worker: {
    format: 'es',
    rolldownOptions: { output: { entryFileNames: 'host/[name].js' } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    sourcemap: true,
    lib: {
      entry: { 'host/index': 'src/host/index.ts', 'tone/index': 'src/host/tone.ts' },
      formats: ['es'],
    },
    rolldownOptions: {
      external: ['tone', /^tone\//],
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'host/[name].js',
        assetFileNames: 'host/[name][extname]',
      },
    },
  },
}));
