/**
 * Layout from a phone to a wide screen: no horizontal scroll, plots in one column on a phone,
 * and the two screenshots shown in the READMEs (written to demo/screenshots/, committed).
 */
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { demoUse, waitForDemo, writeFakeMicWav } from './demo-fixtures.js';

test.use(demoUse(writeFakeMicWav()));
const SHOTS = resolve('demo/screenshots');

/** Starts the mic panel on the example and runs a short training, so every plot has content. */
async function fill(page: Page): Promise<void> {
  await page.goto('/');
  await waitForDemo(page);
  await page.selectOption('#mic-source', 'example-speech');
  await page.click('#mic-start');
  await expect(page.locator('#mic-status')).toContainText('Running');
  await page.fill('#train-steps', '25');
  await page.click('#train-run');
  await expect(page.locator('#train-status')).toContainText(/Done|Failed/, { timeout: 90_000 });
  await page.waitForTimeout(400);
}

for (const [name, width, height] of [
  ['phone', 390, 844],
  ['desktop', 1366, 900],
] as const) {
  test.describe(name, () => {
    test.use({ viewport: { width, height } });
    test(`${width}×${height}: no horizontal scroll, plots fit, screenshot`, async ({ page }) => {
      await fill(page);
      const m = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        inner: window.innerWidth,
        plots: Array.from(document.querySelectorAll('#train-panel .plots figure')).map((c) => {
          const r = c.getBoundingClientRect();
          return { x: Math.round(r.left), right: Math.round(r.right), w: Math.round(r.width) };
        }),
        overflowing: Array.from(document.querySelectorAll('body *'))
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .map((e) => e.id || e.tagName),
      }));
      console.log(`${name}: scrollWidth ${m.scroll} / ${m.inner}, plots ${JSON.stringify(m.plots)}`);
      expect(m.scroll).toBeLessThanOrEqual(m.inner);
      expect(m.overflowing).toEqual([]);
      for (const p of m.plots) expect(p.right).toBeLessThanOrEqual(m.inner);
      const columns = new Set(m.plots.map((p) => p.x)).size;
      if (width < 600) {
        expect(columns).toBe(1);
        for (const p of m.plots) expect(p.w).toBeGreaterThan(250);
      } else expect(columns).toBeGreaterThan(1);
      await page.screenshot({ path: resolve(SHOTS, `demo-${name}.png`), fullPage: true });
    });
  });
}
