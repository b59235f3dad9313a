/**
 * Bundler smoke tests: the packed package (npm pack) in a tiny app built with Vite, webpack 5,
 * esbuild and Rollup (build-apps.ts), each page served as plain files and run in Chromium: the
 * worklet loads and an impulse played through the node matches the reference recursion.
 * Needs dist/ built (`npm run build`; `npm test` does it first).
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';
import { BUNDLERS, type BuiltApps, buildApps, listFiles } from './build-apps.js';

test.describe.configure({ mode: 'serial' });

let built: BuiltApps;
let server: Server;
let base = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const dist = new URL('../../dist/host/allpole-processor.js', import.meta.url);
  expect(existsSync(dist), 'run npm run build first').toBe(true);
  built = await buildApps();
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

test('vite and webpack emit the worklet file themselves, webpack without warnings', () => {
  for (const name of ['vite', 'webpack'] as const) {
    const worklets = listFiles(join(built.out, name)).filter((f) =>
      readFileSync(f, 'utf8').includes('registerProcessor('),
    );
    expect(worklets, `${name} output`).toHaveLength(1);
    expect(worklets[0]).not.toMatch(/main\.js$/);
  }
  expect(built.warnings.webpack).toEqual([]);
  expect(built.warnings.rollup).toEqual([]);
  expect(built.warnings.esbuild).toEqual([]);
});

for (const name of BUNDLERS) {
  test(`${name}: the app plays an impulse through the node in Chromium`, async ({ page }) => {
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(String(e)));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failures.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${base}/${name}/index.html`);
    await page.waitForFunction(() => (window as { result?: unknown }).result !== undefined, null, {
      timeout: 30_000,
    });
    const result = await page.evaluate(
      () => (window as unknown as { result: { maxError?: number; energy?: number; error?: string } }).result,
    );
    expect(result.error, result.error).toBeUndefined();
    expect(failures).toEqual([]);
    // Float32 audio path against the float64 recursion; a resonator with a non-trivial response.
    expect(result.maxError).toBeLessThan(1e-5);
    expect(result.energy).toBeGreaterThan(1);
  });
}
