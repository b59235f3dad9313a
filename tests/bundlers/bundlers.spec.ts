/**
 * Bundler smoke tests: the packed package (npm pack) in a tiny app built with Vite, webpack 5,
 * esbuild and Rollup (build-apps.ts), each page served as plain files and run in Chromium: the
 * worklet loads and an impulse played through the node matches the reference recursion.
 * Needs dist/ built (`npm run build`; `npm test` does it first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { BUNDLERS, buildApps, listFiles } from './build-apps.js';
import { serveBuilt } from './serve-built.js';

test.describe.configure({ mode: 'serial' });

const served = serveBuilt(buildApps);

test('vite and webpack emit the worklet file themselves, webpack without warnings', () => {
  for (const name of ['vite', 'webpack'] as const) {
    const worklets = listFiles(join(served.built().out, name)).filter((f) =>
      readFileSync(f, 'utf8').includes('registerProcessor('),
    );
    expect(worklets, `${name} output`).toHaveLength(1);
    expect(worklets[0]).not.toMatch(/main\.js$/);
  }
  expect(served.built().warnings.webpack).toEqual([]);
  expect(served.built().warnings.rollup).toEqual([]);
  expect(served.built().warnings.esbuild).toEqual([]);
});

for (const name of BUNDLERS) {
  test(`${name}: the app plays an impulse through the node in Chromium`, async ({ page }) => {
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(String(e)));
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failures.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(`${served.base()}/${name}/index.html`);
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
