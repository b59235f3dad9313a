/**
 * Playwright config of the browser tests (Debian chromium, no downloaded browsers).
 * - webServer[0]: Vite dev server on the repo root (pages under tests/browser/pages/ import src
 *   TS directly). Other suites add their own webServer entries to the array and their own
 *   project (the 'node' project below runs every spec except tests/browser/demo*; 'bundlers'
 *   runs tests/bundlers, which builds its own pages from the packed package).
 * - webServer[1]: plain static server (tests/browser/static-server.ts) for the dist/ test.
 * - The dist/ loading test needs `npm run build:web` first (npm run test:browser does it).
 */
import { defineConfig } from '@playwright/test';

// Ports picked once per run (random, inherited by the workers through the environment), so
// several runs on one machine never share — and never kill — each other's servers.
const pick = (name: string, base: number) => {
  process.env[name] ??= String(base + Math.floor(Math.random() * 10000));
  return Number(process.env[name]);
};
const NODE_PORT = pick('DIFFIIR_NODE_PORT', 20000);
const STATIC_PORT = pick('DIFFIIR_STATIC_PORT', 30000);
const DEMO_PORT = pick('DIFFIIR_DEMO_PORT', 40000);
const DEMO_DIR = `node_modules/.cache/diffiir-demo-test/${DEMO_PORT}`;

export const chromiumLaunch = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
  ignoreDefaultArgs: ['--mute-audio'],
};

export default defineConfig({
  testDir: 'tests/browser',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    browserName: 'chromium',
    launchOptions: chromiumLaunch,
  },
  webServer: [
    {
      command: `npx vite --config vite.config.ts --port ${NODE_PORT} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${NODE_PORT}/tests/browser/pages/harness.html`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    {
      // Plain static server (no transforms) for the dist/ loading test.
      command: `npx tsx tests/browser/static-server.ts ${STATIC_PORT}`,
      url: `http://127.0.0.1:${STATIC_PORT}/tests/browser/pages/dist.html`,
      reuseExistingServer: !process.env.CI,
      timeout: 60_000,
    },
    // demo: the built page (with its CSP) served by vite preview, from a per-run folder so that
    // concurrent runs never rebuild the files another run is serving.
    {
      command: `npx vite build --config vite.demo.config.ts && npx vite preview --config vite.demo.config.ts --port ${DEMO_PORT} --strictPort --host 127.0.0.1`,
      env: { DIFFIIR_DEMO_OUT: DEMO_DIR },
      url: `http://127.0.0.1:${DEMO_PORT}/`,
      reuseExistingServer: !process.env.CI,
      timeout: 120_000,
    },
  ],
  projects: [
    {
      name: 'node',
      testIgnore: /[\\/]demo[^\\/]*\.spec\.ts$/,
      use: { baseURL: `http://127.0.0.1:${NODE_PORT}` },
    },
    // bundlers: the packed package built into a tiny app by Vite, webpack, esbuild and Rollup.
    { name: 'bundlers', testDir: 'tests/bundlers', testMatch: '**/*.spec.ts' },
    // demo: launch flags (fake microphone WAV) are set in tests/browser/demo-fixtures.ts.
    { name: 'demo', testMatch: /[\\/]demo[^\\/]*\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${DEMO_PORT}` } },
  ],
});
