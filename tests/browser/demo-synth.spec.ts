/**
 * The talking synth on the built demo page with Chromium's fake microphone: live LPC frames
 * (tap → worker → page) streamed into a track-mode AllPoleFilterNode (demo/src/synth-track.ts).
 * The output envelope follows the microphone's, the node never faults, and nothing above full
 * scale reaches the destination (the output bus's probe sees every sample).
 */
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  analyserRms,
  correlation,
  demoUse,
  SCREENSHOT_DIR,
  waitForDemo,
  writeFakeMicWav,
} from './demo-fixtures.js';

test.use(demoUse(writeFakeMicWav()));

test('talking synth (track mode): follows the microphone envelope, never faults, peak <= 1', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/');
  await waitForDemo(page);
  await page.locator('#master-volume').fill('1');
  await page.selectOption('#synth-source', 'mic');
  await page.click('#synth-start');
  await expect(page.locator('#synth-status')).toContainText('Running');
  await expect.poll(() => analyserRms(page, 'synth.input'), { timeout: 10_000 }).toBeGreaterThan(1e-3);
  const env = await page.evaluate(async () => {
    const h = window.__diffiirDemo!;
    h.bus!.resetPeak();
    const a = h.synth.input!;
    const b = h.synth.output!;
    const n = 2048;
    const x = new Float32Array(n);
    const rms = (an: AnalyserNode) => {
      an.getFloatTimeDomainData(x);
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i] * x[i];
      return Math.sqrt(s / n);
    };
    const inp: number[] = [];
    const out: number[] = [];
    for (let i = 0; i < 200; i++) {
      inp.push(rms(a));
      out.push(rms(b));
      await new Promise((r) => setTimeout(r, 20));
    }
    const s = h.synth;
    return {
      inp,
      out,
      frames: s.frames,
      late: s.late,
      reanchors: s.reanchors,
      minLead: s.minLead,
      faults: s.faults,
      control: (s.node as unknown as { control?: string } | null)?.control,
      peak: h.bus!.peak(),
    };
  });
  // The synth lags by a frame and the lead, plus the tap → worker → page trip: take the best
  // correlation over lags of 0–8 reads (0–160 ms).
  let best = -1;
  for (let lag = 0; lag <= 8; lag++)
    best = Math.max(best, correlation(env.inp.slice(0, -lag || undefined), env.out.slice(lag)));
  console.log(
    `synth: ${env.frames} frames, ${env.late} late, ${env.reanchors} re-anchors, min lead ${(1000 * env.minLead).toFixed(1)} ms, ` +
      `envelope correlation ${best.toFixed(3)}, output max rms ${Math.max(...env.out).toFixed(4)}, bus peak ${env.peak.toFixed(3)}`,
  );
  expect(env.control).toBe('track');
  expect(env.frames).toBeGreaterThan(100);
  expect(env.faults).toEqual([]);
  expect(Math.max(...env.out)).toBeGreaterThan(1e-3);
  expect(best).toBeGreaterThanOrEqual(0.9);
  expect(env.peak).toBeGreaterThan(0.01);
  expect(env.peak).toBeLessThanOrEqual(1);
  await page.locator('#synth-panel').screenshot({ path: resolve(SCREENSHOT_DIR, 'demo-synth.png') });
  await page.click('#synth-stop');
  expect(errors).toEqual([]);
});
