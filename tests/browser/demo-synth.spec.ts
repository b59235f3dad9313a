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
  // Envelopes in audio time, not per main-thread read: two long analysers (0.68 s) tapped off the
  // panel's input and output analysers are read together (same audio time) every 0.6 s, and
  // each read gives 10 ms RMS windows of both; timer jitter on a loaded machine cannot skew them.
  const env = await page.evaluate(async () => {
    const h = window.__diffiirDemo!;
    h.bus!.resetPeak();
    const ctx = h.context!;
    const W = Math.round(ctx.sampleRate / 100);
    const tapIn = new AnalyserNode(ctx, { fftSize: 32768 });
    const tapOut = new AnalyserNode(ctx, { fftSize: 32768 });
    h.synth.input!.connect(tapIn);
    h.synth.output!.connect(tapOut);
    const x = new Float32Array(32768);
    const windows = (an: AnalyserNode) => {
      an.getFloatTimeDomainData(x);
      const e: number[] = [];
      for (let t = 0; t + W <= x.length; t += W) {
        let s = 0;
        for (let i = 0; i < W; i++) s += x[t + i] * x[t + i];
        e.push(Math.sqrt(s / W));
      }
      return e;
    };
    await new Promise((r) => setTimeout(r, 800));
    const lateBefore = h.synth.late;
    const reads: { inp: number[]; out: number[] }[] = [];
    for (let i = 0; i < 7; i++) {
      reads.push({ inp: windows(tapIn), out: windows(tapOut) });
      await new Promise((r) => setTimeout(r, 600));
    }
    h.synth.input!.disconnect(tapIn);
    h.synth.output!.disconnect(tapOut);
    const s = h.synth;
    return {
      reads,
      frames: s.frames,
      late: s.late,
      lateDuring: s.late - lateBefore,
      reanchors: s.reanchors,
      minLead: s.minLead,
      faults: s.faults,
      control: (s.node as unknown as { control?: string } | null)?.control,
      peak: h.bus!.peak(),
    };
  });
  // The synth lags by the analysis frame, the lead and a hop: the best correlation over lags of
  // 0–200 ms (in 10 ms windows), each read shifted within itself.
  let best = -1;
  for (let lag = 0; lag <= 20; lag++) {
    const a = env.reads.flatMap((r) => r.inp.slice(0, r.inp.length - lag));
    const b = env.reads.flatMap((r) => r.out.slice(lag));
    best = Math.max(best, correlation(a, b));
  }
  const outMax = Math.max(...env.reads.flatMap((r) => r.out));
  console.log(
    `synth: ${env.frames} frames, ${env.late} late (${env.lateDuring} while measured), ${env.reanchors} re-anchors, min lead ${(1000 * env.minLead).toFixed(1)} ms, ` +
      `envelope correlation ${best.toFixed(3)}, output max rms ${outMax.toFixed(4)}, bus peak ${env.peak.toFixed(3)}`,
  );
  expect(env.control).toBe('track');
  expect(env.frames).toBeGreaterThan(100);
  expect(env.faults).toEqual([]);
  expect(outMax).toBeGreaterThan(1e-3);
  // Frames that arrive late (a stalled page or analysis Worker) are held by design, so the output
  // stops following the mic for the stall: the tight bound holds when no frame of the measured
  // window was late (0.975-0.988 measured); with late frames (seen in CI: 40 late, a 213 ms
  // stall, 0.763) the output must still follow the envelope, at the param-mode test's old bound.
  if (env.lateDuring === 0) expect(best).toBeGreaterThanOrEqual(0.9);
  else {
    test.info().annotations.push({
      type: 'warning',
      description: `${env.lateDuring} frames late in the measured window: envelope correlation ${best.toFixed(3)} judged at 0.7`,
    });
    expect(best).toBeGreaterThanOrEqual(0.7);
  }
  expect(env.peak).toBeGreaterThan(0.01);
  expect(env.peak).toBeLessThanOrEqual(1);
  await page.locator('#synth-panel').screenshot({ path: resolve(SCREENSHOT_DIR, 'demo-synth.png') });
  // The pulse carrier (unit RMS, peak ≈ 11: the loudest excitation) at the highest pitch restarts
  // the synth on a new node: still no fault, still nothing above full scale.
  await page.evaluate(() => window.__diffiirDemo!.bus!.resetPeak());
  await page.selectOption('#synth-carrier', 'pulse');
  await page.locator('#synth-pitch').fill('400');
  await expect(page.locator('#synth-status')).toContainText('Running');
  await page.waitForTimeout(2000);
  const pulse = await page.evaluate(() => {
    const h = window.__diffiirDemo!;
    return { faults: h.synth.faults, frames: h.synth.frames, peak: h.bus!.peak() };
  });
  console.log(`synth, pulse carrier at 400 Hz: ${pulse.frames} frames, bus peak ${pulse.peak.toFixed(3)}`);
  expect(pulse.frames).toBeGreaterThan(50);
  expect(pulse.faults).toEqual([]);
  expect(pulse.peak).toBeGreaterThan(0.01);
  expect(pulse.peak).toBeLessThanOrEqual(1);
  await page.click('#synth-stop');
  expect(errors).toEqual([]);
});
