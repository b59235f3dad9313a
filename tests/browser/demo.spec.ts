/**
 * Browser tests of the demo page (built with `npm run build:demo`, served by vite preview, with
 * its CSP). Chromium's fake microphone plays a WAV made by the demo's own example generator.
 * Each panel is exercised through its controls; measurements go through window.__diffiirDemo.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { directToReflection, reflectionToDirect } from '../../src/core/params/reflection.js';
import {
  analyserRms,
  correlation,
  demoUse,
  SCREENSHOT_DIR,
  waitForDemo,
  writeFakeMicWav,
} from './demo-fixtures.js';

const wav = writeFakeMicWav();
mkdirSync(SCREENSHOT_DIR, { recursive: true });

test.use(demoUse(wav));

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

async function open(
  page: Page,
  baseURL: string | undefined,
): Promise<{ errors: string[]; foreign: string[] }> {
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

test('mic panel: the microphone is filtered (non-silent) and the spectrum follows the preset', async ({
  page,
  baseURL,
}) => {
  const w = await open(page, baseURL);
  await page.selectOption('#mic-source', 'mic');
  await page.selectOption('#mic-preset', 'flat');
  await page.click('#mic-start');
  await expect(page.locator('#mic-status')).toContainText('Running');
  await expect.poll(() => analyserRms(page, 'mic.output'), { timeout: 10_000 }).toBeGreaterThan(1e-3);
  const flat = await transferDb(page, 12);
  await page.selectOption('#mic-preset', 'vowel i');
  await page.waitForTimeout(200);
  const vowelI = await transferDb(page, 12);
  await page.selectOption('#mic-preset', 'vowel a');
  await page.waitForTimeout(200);
  const vowelA = await transferDb(page, 12);
  // Flat: output = gain · input in every band (0.3 → −10.5 dB).
  const spread = Math.max(...flat) - Math.min(...flat);
  expect(spread).toBeLessThan(3);
  // Vowel presets: the transfer changes shape (several bands differ by > 6 dB between i and a).
  const diff = vowelI.map((v, i) => Math.abs(v - vowelA[i]));
  expect(diff.filter((d) => d > 6).length).toBeGreaterThan(2);
  // …and agrees with the node's own response, up to a constant (correlation of band shapes).
  const predicted = await page.evaluate(() => {
    const h = window.__diffiirDemo!;
    const node = h.mic.node as unknown as {
      getFrequencyResponse(f: Float32Array, m: Float32Array, p: Float32Array): void;
    };
    const out: number[] = [];
    for (let f = 100; f < 8000; f *= 2 ** (1 / 3)) {
      const fr = new Float32Array([f * 2 ** (1 / 6)]);
      const m = new Float32Array(1);
      node.getFrequencyResponse(fr, m, new Float32Array(1));
      out.push(20 * Math.log10(m[0]));
    }
    return out;
  });
  const r = correlation(predicted, vowelA);
  console.log(
    `mic: flat spread ${spread.toFixed(2)} dB, bands differing >6 dB: ${diff.filter((d) => d > 6).length}/${diff.length}, corr(predicted, measured) ${r.toFixed(3)}`,
  );
  expect(r).toBeGreaterThan(0.8);
  await page.locator('#mic-panel').screenshot({ path: resolve(SCREENSHOT_DIR, 'demo-mic.png') });
  expect(w.errors).toEqual([]);
});

test('train panel: a run in the worker lowers the loss and updates the plots', async ({ page, baseURL }) => {
  const w = await open(page, baseURL);
  await page.selectOption('#train-target', 'example-eq');
  await page.selectOption('#train-source', 'noise');
  await page.fill('#train-steps', '80');
  await page.check('#train-listen');
  await page.click('#train-run');
  await expect(page.locator('#train-status')).toContainText('Done', { timeout: 100_000 });
  const t = await page.evaluate(() => window.__diffiirDemo!.train);
  expect(t.history.length).toBe(80);
  const first = t.history[0];
  const last = Math.min(...t.history.slice(-10));
  console.log(
    `train: loss ${first.toFixed(3)} → ${last.toFixed(3)} in ${t.history.length} steps, ${t.plotUpdates} plot updates`,
  );
  expect(last).toBeLessThan(0.7 * first);
  expect(t.plotUpdates).toBeGreaterThan(1);
  // Live binding: the node playing the source holds the trained coefficients and is audible.
  await expect.poll(() => analyserRms(page, 'train.output'), { timeout: 5000 }).toBeGreaterThan(1e-3);
  const download = page.waitForEvent('download');
  await page.click('#train-export');
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  const { live, domain } = await page.evaluate(() => {
    const node = window.__diffiirDemo!.train.node as unknown as {
      getCoefficients(): Float64Array;
      domain: string;
    };
    return { live: Array.from(node.getCoefficients()), domain: node.domain };
  });
  expect(live.length).toBe(file.order);
  // The file holds k (a one-frame reflection track) or a; the node holds its own domain's values.
  const k: number[] | undefined = file.domain === 'reflection' ? file.k : undefined;
  const want =
    domain === 'reflection'
      ? (k ?? Array.from(directToReflection(file.coefficients[0])))
      : k
        ? Array.from(reflectionToDirect(k))
        : file.coefficients[0];
  // AudioParams hold float32: compare with float32 rounding.
  for (let i = 0; i < live.length; i++) expect(live[i]).toBeCloseTo(Math.fround(want[i]), 5);
  await page.locator('#train-panel').screenshot({ path: resolve(SCREENSHOT_DIR, 'demo-train.png') });
  expect(w.errors).toEqual([]);
});

// The talking synth's envelope test is in demo-synth.spec.ts.

test('coefficients JSON: export → import round-trips; a PyTorch frames×order array imports and plays', async ({
  page,
  baseURL,
}, testInfo) => {
  const w = await open(page, baseURL);
  await page.fill('#train-steps', '20');
  await page.click('#train-run');
  await expect(page.locator('#train-status')).toContainText('Done', { timeout: 60_000 });
  const download = page.waitForEvent('download');
  await page.click('#train-export');
  const file = testInfo.outputPath('exported.json');
  await (await download).saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.format).toBe('diffiir-coefficients');
  expect(exported.order).toBe(8);
  await page.setInputFiles('#train-import', file);
  await expect(page.locator('#train-status')).toContainText('Imported exported.json');
  const imp = await page.evaluate(() => window.__diffiirDemo!.train.lastImport!);
  if (exported.domain === 'reflection') {
    // The all-pole model exports its reflection coefficients (a one-frame track): the import
    // holds the same filter, viewed as its direct form.
    const a = reflectionToDirect(exported.k);
    expect(imp.coefficients).toHaveLength(1);
    for (let i = 0; i < a.length; i++) expect(Math.abs(imp.coefficients[0][i] - a[i])).toBeLessThan(1e-12);
    expect(imp.gain).toBe(Math.exp(exported.logGain[0]));
  } else {
    expect(imp.coefficients).toEqual(exported.coefficients);
    expect(imp.gain).toBe(exported.gain);
  }

  // torchlpc layout: frames×order nested arrays (here 3 frames, 100 samples apart).
  const torch = [
    [-0.9, 0.2],
    [-1.2, 0.5],
    [-0.5, 0.1],
  ];
  const torchFile = testInfo.outputPath('torch.json');
  writeFileSync(torchFile, JSON.stringify(torch));
  await page.fill('#train-import-hop', '100');
  await page.setInputFiles('#train-import', torchFile);
  // Wait for this file's status: the previous import's "Imported exported.json" already matches 'Imported'.
  await expect(page.locator('#train-status')).toContainText('Imported torch.json');
  const t = await page.evaluate(() => window.__diffiirDemo!.train.lastImport!);
  expect(t).toMatchObject({ order: 2, frames: 3, hop: 100, coefficients: torch });
  // A batched torchlpc export (A.tolist() of shape 1×T×order) is unwrapped.
  const batched = testInfo.outputPath('torch-batched.json');
  writeFileSync(batched, JSON.stringify([torch]));
  await page.setInputFiles('#train-import', batched);
  await expect(page.locator('#train-status')).toContainText('Imported torch-batched.json');
  expect(await page.evaluate(() => window.__diffiirDemo!.train.lastImport!.coefficients)).toEqual(torch);
  await page.click('#train-play-import');
  await expect(page.locator('#train-status')).toContainText('Playing imported');
  await expect
    .poll(() =>
      page.evaluate(() => {
        const a = window.__diffiirDemo!.train.output;
        if (!a) return 0;
        const x = new Float32Array(a.fftSize);
        a.getFloatTimeDomainData(x);
        return Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
      }),
    )
    .toBeGreaterThan(1e-3);
  // hop 1 (torchlpc's per-sample A): rows play unconverted in direct form, row t on sample t, the
  // last row held (the core's rule, as renderCoefficients plays it), not as a lattice track.
  await page.fill('#train-import-hop', '1');
  await page.setInputFiles('#train-import', torchFile);
  await expect(page.locator('#train-status')).toContainText('Imported torch.json');
  await page.click('#train-play-import');
  await expect(page.locator('#train-status')).toContainText('Playing imported');
  await page.waitForTimeout(600);
  const perSample = await page.evaluate(() => {
    const n = window.__diffiirDemo!.train.node as unknown as {
      control: string;
      domain: string;
      coefficients: AudioParam[];
    };
    return { control: n.control, domain: n.domain, a: n.coefficients.map((p) => p.value) };
  });
  expect(perSample.control).toBe('params');
  expect(perSample.domain).toBe('direct');
  expect(perSample.a).toEqual([Math.fround(-0.5), Math.fround(0.1)]);
  expect(await analyserRms(page, 'train.output')).toBeGreaterThan(1e-3);
  expect(await page.evaluate(() => window.__diffiirDemo!.train.faults)).toEqual([]);
  // A longer track (40 frames, 10 ms apart) loops through the reflection-domain player.
  const track = Array.from({ length: 40 }, (_, f) => [-1.2 + 0.01 * f, 0.5]);
  const trackFile = testInfo.outputPath('torch-track.json');
  writeFileSync(trackFile, JSON.stringify(track));
  await page.fill('#train-import-hop', '480');
  await page.setInputFiles('#train-import', trackFile);
  await expect(page.locator('#train-status')).toContainText('Imported torch-track.json');
  await page.click('#train-play-import');
  await expect(page.locator('#train-status')).toContainText('Playing imported');
  await page.waitForTimeout(1200);
  expect(await analyserRms(page, 'train.output')).toBeGreaterThan(1e-3);
  expect(await page.evaluate(() => window.__diffiirDemo!.train.faults)).toEqual([]);
  await page.locator('#train-panel').screenshot({ path: resolve(SCREENSHOT_DIR, 'demo-import.png') });
  expect(w.errors).toEqual([]);
});

test('without a microphone: a denied permission shows a message and the example sources work', async ({
  page,
  baseURL,
}) => {
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  const w = await open(page, baseURL);
  await page.selectOption('#mic-source', 'mic');
  await page.click('#mic-start');
  await expect(page.locator('#mic-status')).toContainText('permission was denied');
  await expect(page.locator('#mic-start')).toBeEnabled();
  await page.selectOption('#synth-source', 'mic');
  await page.click('#synth-start');
  await expect(page.locator('#synth-status')).toContainText('permission was denied');
  // Example sources instead (keyboard only: focus the select, choose, press Enter on Start).
  await page.focus('#mic-source');
  await page.selectOption('#mic-source', 'example-speech');
  await page.focus('#mic-start');
  await page.keyboard.press('Enter');
  await expect(page.locator('#mic-status')).toContainText('Running');
  await expect.poll(() => analyserRms(page, 'mic.output'), { timeout: 10_000 }).toBeGreaterThan(1e-3);
  await page.check('#lfo-on');
  await page.selectOption('#synth-source', 'example-speech');
  await page.click('#synth-start');
  await expect(page.locator('#synth-status')).toContainText('Running');
  await expect.poll(() => analyserRms(page, 'synth.output'), { timeout: 10_000 }).toBeGreaterThan(1e-3);
  await page.waitForTimeout(500);
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, 'demo-examples.png'), fullPage: true });
  expect(w.errors).toEqual([]);
});

test('train panel: a target file (shared sox EQ recording) and a 2 s microphone recording as source', async ({
  page,
  baseURL,
}) => {
  const w = await open(page, baseURL);
  await page.setInputFiles('#train-file', resolve('tests/fixtures/audio/noise_sox_eq.wav'));
  await expect(page.locator('#train-status')).toContainText('Loaded noise_sox_eq.wav');
  await expect(page.locator('#train-target')).toHaveValue('file');
  await page.click('#train-record');
  await expect(page.locator('#train-status')).toContainText('Recorded', { timeout: 15_000 });
  await expect(page.locator('#train-source')).toHaveValue('mic');
  await page.fill('#train-steps', '30');
  await page.click('#train-run');
  await expect(page.locator('#train-status')).toContainText('Done', { timeout: 60_000 });
  const h = await page.evaluate(() => window.__diffiirDemo!.train.history);
  expect(h.length).toBe(30);
  expect(Math.min(...h.slice(-5))).toBeLessThan(h[0]);
  // Order and domain changes while the mic panel runs rebuild the node without errors.
  await page.click('#mic-start');
  await expect(page.locator('#mic-status')).toContainText('Running');
  await page.selectOption('#mic-domain', 'direct');
  await page.selectOption('#mic-order', '16');
  await expect.poll(() => analyserRms(page, 'mic.output'), { timeout: 10_000 }).toBeGreaterThan(1e-3);
  expect(await page.locator('#mic-sliders input').count()).toBe(16);
  await page.screenshot({ path: resolve(SCREENSHOT_DIR, 'demo-file-recording.png'), fullPage: true });
  expect(w.errors).toEqual([]);
});

test('mic panel LFO: an oscillator on k1 sweeps the measured response over time', async ({
  page,
  baseURL,
}) => {
  const w = await open(page, baseURL);
  await page.selectOption('#mic-source', 'example-noise');
  await page.selectOption('#mic-preset', 'flat');
  await page.click('#mic-start');
  await expect(page.locator('#mic-status')).toContainText('Running');
  await page.check('#lfo-on');
  await page.selectOption('#lfo-target', '1');
  await page.locator('#lfo-depth').fill('0.9');
  await page.locator('#lfo-rate').fill('2');
  await page.waitForTimeout(300);
  // Low-band (100–400 Hz) output/input level every 40 ms over 1.2 s: 1/(1 + k1 z⁻¹) with
  // k1 = 0.9·sin(…) swings from 1/1.9 to 1/0.1 at low frequencies (≈ 25 dB).
  const levels = await page.evaluate(async () => {
    const h = window.__diffiirDemo!;
    const bins = h.mic.input!.frequencyBinCount;
    const hz = h.context!.sampleRate / (2 * bins);
    const a = new Float32Array(bins);
    const band = (an: AnalyserNode) => {
      an.getFloatFrequencyData(a);
      let s = 0;
      for (let i = Math.floor(100 / hz); i < Math.floor(400 / hz); i++) s += 10 ** (a[i] / 10);
      return 10 * Math.log10(s + 1e-20);
    };
    const out: number[] = [];
    for (let i = 0; i < 30; i++) {
      out.push(band(h.mic.output!) - band(h.mic.input!));
      await new Promise((r) => setTimeout(r, 40));
    }
    return out;
  });
  const swing = Math.max(...levels) - Math.min(...levels);
  console.log(`lfo: low-band gain swing ${swing.toFixed(1)} dB`);
  expect(swing).toBeGreaterThan(10);
  await page.locator('#mic-panel').screenshot({ path: resolve(SCREENSHOT_DIR, 'demo-mic-lfo.png') });
  expect(w.errors).toEqual([]);
});

test('train panel: a time-varying model (LPC start) refines the speech example, heard pass by pass', async ({
  page,
  baseURL,
}, testInfo) => {
  const w = await open(page, baseURL);
  await page.selectOption('#train-target', 'example-speech');
  await page.selectOption('#train-source', 'example');
  await page.selectOption('#train-model', 'tv-allpole');
  await page.selectOption('#train-order', '12');
  await page.fill('#train-steps', '40');
  await page.check('#train-listen');
  await page.click('#train-run');
  await expect(page.locator('#train-status')).toContainText('Done', { timeout: 100_000 });
  const h = await page.evaluate(() => window.__diffiirDemo!.train.history);
  expect(h.length).toBe(40);
  const last = Math.min(...h.slice(-5));
  console.log(`train tv: loss ${h[0].toFixed(3)} → ${last.toFixed(3)}`);
  expect(last).toBeLessThan(h[0]);
  await expect.poll(() => analyserRms(page, 'train.output'), { timeout: 5000 }).toBeGreaterThan(1e-3);
  const download = page.waitForEvent('download');
  await page.click('#train-export');
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  // A time-varying model exports its reflection track (k and log-gains per frame).
  expect(file.domain).toBe('reflection');
  expect(file.hop).toBe(480);
  expect(file.frames).toBeGreaterThan(40);
  expect(file.k.length).toBe(file.frames * file.order);
  expect(file.logGain.length).toBe(file.frames);
  // …and it imports back and plays on a track-mode node.
  const tvFile = testInfo.outputPath('tv.json');
  writeFileSync(tvFile, JSON.stringify(file));
  await page.setInputFiles('#train-import', tvFile);
  await expect(page.locator('#train-status')).toContainText('Imported tv.json: reflection order 12');
  await page.click('#train-play-import');
  await expect(page.locator('#train-status')).toContainText('Playing imported');
  await expect.poll(() => analyserRms(page, 'train.output'), { timeout: 5000 }).toBeGreaterThan(1e-3);
  await page.locator('#train-panel').screenshot({ path: resolve(SCREENSHOT_DIR, 'demo-train-tv.png') });
  expect(w.errors).toEqual([]);
});
