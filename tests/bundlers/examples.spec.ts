/**
 * The browser examples of examples/ (a Vite page, Tone.js, standardized-audio-context), built
 * with Vite from the packed package and run in Chromium: each renders through the node and
 * reports what it measured. Needs dist/ built (`npm test` builds first).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import { type BuiltApps, buildExamples } from './build-apps.js';

test.describe.configure({ mode: 'serial' });

let built: BuiltApps;
let server: Server;
let base = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  expect(existsSync(new URL('../../dist/host/allpole-processor.js', import.meta.url)), 'npm run build').toBe(
    true,
  );
  built = await buildExamples();
  server = createServer((req, res) => {
    const file = join(built.out, normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!file.startsWith(built.out) || !existsSync(file) || extname(file) === '') {
      res.writeHead(404).end();
      return;
    }
    const type = extname(file) === '.html' ? 'text/html' : 'text/javascript';
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  if (server) await new Promise((r) => server.close(r));
  if (built) rmSync(built.work, { recursive: true, force: true });
});

async function run(page: import('@playwright/test').Page, name: string): Promise<Record<string, unknown>> {
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failures.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${base}/${name}/index.html`);
  await page.waitForFunction(() => (window as { result?: unknown }).result !== undefined, null, {
    timeout: 30_000,
  });
  const result = await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result);
  expect(result.error, String(result.error)).toBeUndefined();
  expect(failures).toEqual([]);
  return result;
}

test('vite-page: the swept resonator renders finite audio of a sensible level', async ({ page }) => {
  const r = await run(page, 'vite-page');
  expect(r.finite).toBe(true);
  for (const key of ['rmsStart', 'rmsEnd'] as const) {
    expect(r[key]).toBeGreaterThan(0.01);
    expect(r[key]).toBeLessThan(10);
  }
  // The sweep moves the resonance: the level changes (a low vs a high resonance of the same noise).
  expect(Math.abs(Math.log((r.rmsEnd as number) / (r.rmsStart as number)))).toBeGreaterThan(0.1);
});

test('tone: the Tone.js graph renders through AllPoleFilter', async ({ page }) => {
  const r = await run(page, 'tone');
  expect(r.finite).toBe(true);
  expect(r.length).toBe(12000);
  expect(r.peak).toBeGreaterThan(0.01);
  expect(r.peak).toBeLessThan(10);
});

test('standardized-audio-context: the impulse response is 0.5^n', async ({ page }) => {
  const r = await run(page, 'standardized-audio-context');
  expect(r.maxError).toBeLessThan(1e-6);
});
