/**
 * The training panel's behaviour beyond "the loss goes down": the run happens off the main
 * thread (no long task, a slider answers), Stop is immediate, run settings are locked, bad
 * settings and files are refused with a reason, failed runs are shown as failed, and the
 * comparison tools (A/B, record target, drop, WAV download, long files) work.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { expect, type Page, test } from '@playwright/test';
import wavefile from 'wavefile';
import { runFailure } from '../../demo/src/run-checks.js';
import { analyserRms, demoUse, waitForDemo, writeFakeMicWav } from './demo-fixtures.js';

test.use(demoUse(writeFakeMicWav()));

async function open(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await waitForDemo(page);
  return errors;
}

test('run verdicts: diverged, exploding, above start and given-up runs are failures', () => {
  const ok = { history: [5, 4, 3], bestLoss: 3, requestedSteps: 3, steps: 3 };
  expect(runFailure(ok)).toBeNull();
  expect(
    runFailure({ ...ok, history: [Number.NaN, Number.NaN], bestLoss: Number.POSITIVE_INFINITY }),
  ).toMatch(/no step produced a finite loss/);
  expect(runFailure({ ...ok, history: [1e26, 1e25], bestLoss: 1e25 })).toMatch(/explodes/);
  expect(runFailure({ ...ok, history: [2, 3, 4], bestLoss: 2 })).toMatch(/at or above its start/);
  expect(runFailure({ ...ok, steps: 2 })).toMatch(/gave up after 2 of 3/);
});

/** Presses ArrowLeft/Right on the master volume for `ms`; each press must change its read-out. */
async function wiggle(page: Page, ms: number): Promise<number[]> {
  const latencies: number[] = [];
  const out = page.locator('output[for="master-volume"]');
  await page.locator('#master-volume').focus();
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const before = (await out.textContent()) ?? '';
    const t = Date.now();
    await page.keyboard.press(Number.parseInt(before, 10) >= 90 ? 'ArrowLeft' : 'ArrowRight');
    await expect(out).not.toHaveText(before);
    latencies.push(Date.now() - t);
    await page.waitForTimeout(250);
  }
  return latencies;
}

/** Starts collecting long tasks (ms) in `window.__longTasks`, from now on. */
async function observeLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __obs?: PerformanceObserver };
    w.__obs?.disconnect();
    w.__longTasks = [];
    w.__obs = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) w.__longTasks.push(Math.round(e.duration));
    });
    w.__obs.observe({ type: 'longtask', buffered: false });
  });
}
const longTasks = (page: Page) =>
  page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);

test('training runs in a worker: no long task on the main thread, a slider responds, Stop is immediate', async ({
  page,
}) => {
  const errors = await open(page);
  await page.selectOption('#train-target', 'example-speech');
  await page.selectOption('#train-source', 'example');
  await page.selectOption('#train-model', 'tv-allpole');
  await page.selectOption('#train-order', '16');
  await page.fill('#train-steps', '5000');
  await page.check('#train-hear-target');
  await page.check('#train-listen');
  // Baseline: the same page playing the target, no training, 5 s (the machine's own stalls).
  await observeLongTasks(page);
  await wiggle(page, 5000);
  const baseline = await longTasks(page);
  await page.check('#train-hear-output');
  await page.click('#train-run');
  await expect(page.locator('#train-status')).toContainText(/step \d+\//, { timeout: 60_000 });
  // Run settings are locked while it runs.
  await expect(page.locator('#train-order')).toBeDisabled();
  await expect(page.locator('#train-target')).toBeDisabled();
  // ~10 s of training, listening to the output; meanwhile the slider answers each key.
  await observeLongTasks(page);
  const latencies = await wiggle(page, 10_000);
  const during = await longTasks(page);
  const s = await page.evaluate(() => ({
    steps: window.__diffiirDemo!.train.history.length,
    playing: window.__diffiirDemo!.train.playing,
  }));
  const worst = (v: number[]) => Math.max(0, ...v);
  console.log(
    `worker run: ${s.steps} steps; long tasks during training ${JSON.stringify(during)} (idle baseline ${JSON.stringify(baseline)}); slider latency max ${worst(latencies)} ms`,
  );
  expect(s.steps).toBeGreaterThan(5);
  // No long task above 50 ms. On an oversubscribed machine (load per core > 1.5) every task is
  // stretched by CPU starvation, the idle page included, so the bound cannot be measured there:
  // the figures are logged and the test is annotated instead.
  const loadPerCore = loadavg()[0] / cpus().length;
  if (loadPerCore <= 1.5) expect(worst(during)).toBeLessThanOrEqual(50);
  else
    test.info().annotations.push({
      type: 'warning',
      description: `load ${loadPerCore.toFixed(1)} per core: long-task bound not asserted (worst ${worst(during)} ms training, ${worst(baseline)} ms idle)`,
    });
  expect(worst(latencies)).toBeLessThan(2000);
  expect(s.playing).toBe('output');
  // The analyser holds ~43 ms; the example is speech, whose pauses are silent (RMS ~1e-6 seen
  // when one landed in the window), so the output must be heard within 5 s, not at one instant.
  await expect
    .poll(() => analyserRms(page, 'train.output'), { timeout: 5000, intervals: [50] })
    .toBeGreaterThan(1e-4);
  // Stop: the worker is terminated at once, the settings unlock.
  // Time it in the page (a frame-rate poll), not with the locator's back-off polling.
  const stopAt = Date.now();
  await page.click('#train-stop');
  await page.waitForFunction(
    () => document.querySelector('#train-status')?.textContent?.includes('Stopped after'),
    null,
    { polling: 16, timeout: 5000 },
  );
  expect(Date.now() - stopAt).toBeLessThan(1000);
  const n = await page.evaluate(() => window.__diffiirDemo!.train.history.length);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.__diffiirDemo!.train.history.length)).toBe(n);
  await expect(page.locator('#train-order')).toBeEnabled();
  expect(errors).toEqual([]);
});

test('honest states: bad steps, learning rate and imports are refused with the reason', async ({
  page,
}, info) => {
  const errors = await open(page);
  for (const [steps, why] of [
    ['0', 'between 1 and 5000'],
    ['-5', 'between 1 and 5000'],
    ['2.5', 'whole number'],
  ]) {
    await page.fill('#train-steps', steps);
    await page.click('#train-run');
    await expect(page.locator('#train-status')).toContainText(`Not started: Steps must be`);
    await expect(page.locator('#train-status')).toContainText(why);
  }
  await page.fill('#train-steps', '10');
  await page.fill('#train-lr', '1e9');
  await page.click('#train-run');
  await expect(page.locator('#train-status')).toContainText('Not started: Learning rate must be between');
  expect(await page.evaluate(() => window.__diffiirDemo!.train.phase)).toBe('idle');
  const big = info.outputPath('order1000.json');
  writeFileSync(big, JSON.stringify([Array.from({ length: 1000 }, () => 0)]));
  await page.setInputFiles('#train-import', big);
  await expect(page.locator('#train-status')).toContainText('Refused order1000.json');
  await expect(page.locator('#train-status')).toContainText('maximum order');
  const junk = info.outputPath('junk.json');
  writeFileSync(junk, '{"format": 12');
  await page.setInputFiles('#train-import', junk);
  await expect(page.locator('#train-status')).toContainText('Refused junk.json: not valid JSON');
  await expect(page.locator('#train-play-import')).toBeDisabled();
  expect(errors).toEqual([]);
});

test('compare: A/B between target and output, record the target, drop a JSON, download WAV and JSON, long WAV trimmed', async ({
  page,
}, info) => {
  const errors = await open(page);
  // Record the target from the (fake) microphone.
  await page.click('#train-record-target');
  await expect(page.locator('#train-status')).toContainText('target set to the recording', {
    timeout: 15_000,
  });
  await expect(page.locator('#train-target')).toHaveValue('mic');
  await page.fill('#train-steps', '30');
  await page.click('#train-run');
  await expect(page.locator('#train-status')).toContainText(/Done|Failed/, { timeout: 90_000 });
  // A/B: target, then the learned output, both audible at the same level.
  await page.check('#train-hear-target');
  await page.check('#train-listen');
  await expect.poll(() => page.evaluate(() => window.__diffiirDemo!.train.playing)).toBe('target');
  await expect.poll(() => analyserRms(page, 'train.output')).toBeGreaterThan(1e-3);
  await page.click('#train-ab');
  await expect.poll(() => page.evaluate(() => window.__diffiirDemo!.train.playing)).toBe('output');
  await expect.poll(() => analyserRms(page, 'train.output')).toBeGreaterThan(1e-3);
  // Downloads: the output as a 16-bit WAV of the training length, the coefficients as JSON.
  const wavDl = page.waitForEvent('download');
  await page.click('#train-download-wav');
  const wav = new wavefile.WaveFile(readFileSync(await (await wavDl).path()));
  const fmt = wav.fmt as { sampleRate: number; bitsPerSample: number };
  expect(fmt.sampleRate).toBe(48000);
  expect(fmt.bitsPerSample).toBe(16);
  expect((wav.getSamples(false, Float64Array) as Float64Array).length).toBe(24000);
  const jsonDl = page.waitForEvent('download');
  await page.click('#train-export');
  const exported = readFileSync(await (await jsonDl).path(), 'utf8');
  expect(JSON.parse(exported).format).toBe('diffiir-coefficients');
  // Drop the exported JSON anywhere on the page: it is imported.
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return d;
  }, exported);
  await page.dispatchEvent('h1', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('h1', 'drop', { dataTransfer: dt });
  await expect(page.locator('#train-status')).toContainText('Imported dropped.json');
  // A 5-minute WAV (29 MB): only its first 10 s are read and decoded, with a note saying so.
  const long = info.outputPath('long.wav');
  const pcm = new Int16Array(48000 * 300);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(8000 * Math.sin(i * 0.05));
  const w = new wavefile.WaveFile();
  w.fromScratch(1, 48000, '16', pcm);
  writeFileSync(long, w.toBuffer());
  await page.click('#train-stop-playback');
  await page.setInputFiles('#train-file', long);
  await expect(page.locator('#train-status')).toContainText('Loaded long.wav', { timeout: 20_000 });
  await expect(page.locator('#train-file-note')).toContainText(
    '28.8 MB, 5 min 0 s; only the first 10.00 s read',
  );
  expect(errors).toEqual([]);
});
