/**
 * Vite config of the browser demo: `npm start` serves demo/ (dev server), `npm run build:demo`
 * writes static files to dist/demo/ with relative URLs (base './'), so any static server (or a
 * sub-folder of one) can host them. The built page gets a strict Content-Security-Policy
 * (script-src 'self', no network beyond its own origin); the dev server does not, because
 * Vite's HMR client injects inline styles and opens a websocket.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { diffiirWorklet } from './scripts/vite-worklet.ts';

const repoRoot = new URL('./', import.meta.url);

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Injects the CSP meta tag into the built index.html only. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'diffiir-demo-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
      ],
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('./demo', repoRoot)),
  base: './',
  publicDir: false,
  plugins: [contentSecurityPolicy(), diffiirWorklet('app')],
  // The demo imports only the package's public entry points; they resolve to their sources here.
  resolve: {
    alias: [
      { find: /^diffiir\/(core|train|host)$/, replacement: fileURLToPath(new URL('./src/$1/index.ts', repoRoot)) },
    ],
  },
  server: { port: 5173, strictPort: false, fs: { allow: [fileURLToPath(repoRoot)] } },
  preview: { port: 4173 },
  worker: { format: 'es' },
  build: {
    // DIFFIIR_DEMO_OUT (relative to the repo root) lets the browser tests build a private copy.
    outDir: fileURLToPath(new URL(process.env.DIFFIIR_DEMO_OUT ?? './dist/demo', repoRoot)),
    emptyOutDir: true,
    target: 'es2022',
    // Keep the worklet (and everything else) as files: no inline data: URLs that the CSP would block.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
