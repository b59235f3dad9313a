import { expect, test } from '@playwright/test';
import { buildExamples } from './build-apps.js';
import { serveBuilt } from './serve-built.js';

test.describe.configure({ mode: 'serial' });

const served = serveBuilt(buildExamples);

async function run(page: import('@playwright/test').Page, name: string): Promise<Record<string, unknown>> {
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) failures.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${served.base()}/${name}/index.html`);
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
