/**
 * Browser tests of the demo page (built with `npm run build:demo`, served by vite preview, with
 * its CSP). Chromium's fake microphone plays a WAV made by the demo's own example generator.
 * Each panel is exercised through its controls; measurements go through window.__diffiirDemo.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { analyserRms, chromiumArgs, correlation, SCREENSHOT_DIR, waitForDemo, writeFakeMicWav } from './demo-fixtures.js';

const wav = writeFakeMicWav();
mkdirSync(SCREENSHOT_DIR, { recursive: true });

test.use({
  launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs(wav), ignoreDefaultArgs: ['--mute-audio'] },
  viewport: { width: 1100, height: 900 },
});

/** Collects console errors, page errors and requests leaving the page's origin. */
function watch(page: Page, origin: string): { errors: string[]; foreign: string[] } {
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
  });
  return { errors, foreign };
}

async function open(page: Page, baseURL: string | undefined): Promise<{ errors: string[]; foreign: string[] }> {
  const w = watch(page, baseURL ?? '');
  await page.goto('/');
  await waitForDemo(page);
  return w;
}

/** Mean power spectrum (dB) of the mic panel's input and output analysers over `reads` reads. */
async function transferDb(page: Page, reads: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const h = window.__diffiirDemo!;
    const inA = h.mic.input!;
    const outA = h.mic.output!;
    const bins = inA.frequencyBinCount;
    const pin = new Float64Array(bins);
    const pout = new Float64Array(bins);
    const a = new Float32Array(bins);
    for (let r = 0; r < n; r++) {
      inA.getFloatFrequencyData(a);
      for (let i = 0; i < bins; i++) pin[i] += 10 ** (a[i] / 10);
      outA.getFloatFrequencyData(a);
      for (let i = 0; i < bins; i++) pout[i] += 10 ** (a[i] / 10);
      await new Promise((res) => setTimeout(res, 50));
    }
    // Third-octave bands from 100 Hz to 8 kHz: output/input power ratio in dB.
    const hz = h.context!.sampleRate / (2 * bins);
    const out: number[] = [];
    for (let f = 100; f < 8000; f *= 2 ** (1 / 3)) {
      let si = 0;
      let so = 0;
      for (let i = Math.floor(f / hz); i < Math.floor((f * 2 ** (1 / 3)) / hz); i++) {
        si += pin[i];
        so += pout[i];
      }
      out.push(10 * Math.log10((so + 1e-20) / (si + 1e-20)));
    }
    return out;
  }, reads);
}

test('page loads with no console errors, no foreign requests, and a CSP', async ({ page, baseURL }) => {
  const w = await open(page, baseURL);
  await expect(page.locator('h1')).toHaveText('diffiir demo');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  // Every control is labelled (by <label for>, a wrapping label, or aria-label).
  const unlabelled = await page.evaluate(() =>
    Array.from(document.querySelectorAll('input, select, button'))
      .filter((el) => {
        const e = el as HTMLInputElement;
        if (e.tagName === 'BUTTON') return !e.textContent?.trim();
        return !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label');
      })
      .map((e) => e.id),
  );
  expect(unlabelled).toEqual([]);
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, 'demo-page.png'), fullPage: true });
  expect(w.errors).toEqual([]);
  expect(w.foreign).toEqual([]);
});
