/**
 * Memory bounded by design (issue 10): the whole-file paths of `diffiir train` run streamed or
 * block by block, and give the numbers of the whole-signal computation they replace:
 * - the LPC autocorrelation without a windowed copy (AutocorrStream) = autocorr, bit for bit;
 * - AllPoleModel.initFromTarget (streamed LPC and gain) = lpc + one whole forward pass;
 * - createRenderer in blocks = the whole-signal render (allpole / lfilter / trackLattice), faults
 *   included;
 * - the report's spectra (Welch power, spectrogram) from blocks = powerSpectrogram of the whole
 *   signal, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { SpectrogramStream, spectrogramDb } from '../../src/cli/report.js';
import { welchPower } from '../../src/cli/spectrum.js';
import { allpole } from '../../src/core/allpole/forward.js';
import type { CoefficientsFile, DirectCoefficientsFile } from '../../src/core/api.js';
import { toCoefficientsFile, toReflectionTrackFile } from '../../src/core/coefficients-file.js';
import { autocorr } from '../../src/core/lpc/autocorr.js';
import { AutocorrStream } from '../../src/core/lpc/autocorr-stream.js';
import { lpc } from '../../src/core/lpc/lpc.js';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { createRenderer } from '../../src/core/render/render-coefficients.js';
import { PowerSpectrogramStream } from '../../src/core/spectral/power-spectrogram-stream.js';
import { powerSpectrogram } from '../../src/core/spectral/spectrogram.js';
import { trackLattice } from '../../src/core/track/index.js';
import { AllPoleModel, rms } from '../../src/train/models/allpole-model.js';
import { gaussian, mulberry32, randomReflection } from './helpers.js';

const normal = gaussian(mulberry32(11));
/** A coloured signal (AR(2) resonance) so every lag of the autocorrelation matters. */
function coloured(n: number): Float64Array {
  const x = new Float64Array(n);
  for (let t = 0; t < n; t++) x[t] = 0.1 * normal() + (t > 1 ? 1.6 * x[t - 1] - 0.8 * x[t - 2] : 0);
  return x;
}

describe('streamed LPC start', () => {
  it('AutocorrStream equals autocorr bit for bit (Hann and rectangular, any pieces, float32 input)', () => {
    const x = Float32Array.from(coloured(5003));
    for (const M of [1, 4, 16]) {
      for (const window of ['hann', null] as const) {
        const ref = autocorr(x, M, window === 'hann' ? undefined : null);
        const s = new AutocorrStream(x.length, M, window);
        for (let a = 0; a < x.length; a += 777) s.push(x, a, Math.min(x.length, a + 777));
        expect(Array.from(s.result())).toEqual(Array.from(ref));
      }
    }
    // shorter than the order: the missing lags are 0, as in autocorr
    const short = new AutocorrStream(3, 6);
    short.push([0.5, -0.25, 1]);
    expect(Array.from(short.result())).toEqual(Array.from(autocorr([0.5, -0.25, 1], 6)));
  });

  it('AutocorrStream names a non-finite sample and refuses too many samples', () => {
    const s = new AutocorrStream(4, 2);
    expect(() => s.push([0, 1, Number.NaN])).toThrow(/frame\[2\] must be finite/);
    const t = new AutocorrStream(2, 2);
    expect(() => t.push([0, 1, 2])).toThrow(/more than N = 2/);
    expect(() => new AutocorrStream(0, 2)).toThrow(/N must be/);
  });

  it('AllPoleModel.initFromTarget equals lpc(target) and the RMS of one whole forward pass (1e-9)', () => {
    const target = coloured(200_003); // more than the 65536-sample blocks of the gain pass
    const input = Float64Array.from({ length: target.length }, () => normal());
    for (const parameterisation of ['direct', 'reflection'] as const) {
      const m = new AllPoleModel({ order: 12, gain: true, parameterisation });
      m.initFromTarget(Float32Array.from(target), input);
      const ref = new AllPoleModel({ order: 12, gain: true, parameterisation });
      ref.setDirect(lpc(Float32Array.from(target), 12).a);
      const y = allpole(input, ref.coefficients(), 12).y;
      const logGain = Math.log(rms(Float32Array.from(target)) / rms(y));
      for (let i = 0; i < 12; i++) expect(Math.abs(m.params[i] - ref.params[i])).toBeLessThan(1e-9);
      expect(Math.abs(m.params[12] - logGain)).toBeLessThan(1e-9);
      expect(m.start).toBe('lpc');
    }
  });
});

/** The whole-signal render as it was before blocks: one call per stage over the whole signal. */
function wholeRender(file: CoefficientsFile, x: Float64Array): Float64Array {
  if (file.domain === 'reflection') return trackLattice(x, file) as Float64Array;
  const f = file as DirectCoefficientsFile;
  const T = x.length;
  const M = f.order;
  const e = Float64Array.from(x, (v) => v * f.gain);
  let A: Float64Array;
  if (f.frames > 1) {
    A = new Float64Array(T * M);
    for (let t = 0; t < T; t++) A.set(f.coefficients[Math.min(t, f.frames - 1)], t * M);
  } else A = Float64Array.from(f.coefficients[0]);
  let y = allpole(e, A, M).y;
  const num = f.numerator;
  const parts = num === undefined ? [] : 'b' in num ? [num.b] : num.sections;
  for (const b of parts) y = lfilter(b, [1], y).y;
  return y;
}

function renderInBlocks(file: CoefficientsFile, x: Float64Array, block: number) {
  const r = createRenderer(file, x.length);
  const y = new Float64Array(x.length);
  for (let a = 0; a < x.length; a += block) {
    const b = Math.min(x.length, a + block);
    r.process(x.subarray(a, b), y.subarray(a, b));
  }
  return { y, fault: r.fault };
}

describe('block rendering', () => {
  const x = Float64Array.from({ length: 4001 }, () => 0.1 * normal());
  const rand = mulberry32(3);
  const files: [string, CoefficientsFile][] = [
    [
      'reflection track',
      toReflectionTrackFile({
        sampleRate: 48000,
        order: 10,
        hop: 97,
        k: randomReflection(rand, 10 * 43, 0.9),
        logGain: Float64Array.from({ length: 43 }, () => rand() - 0.5),
      }),
    ],
    [
      'pole-zero sections with gain',
      toCoefficientsFile({
        sampleRate: 48000,
        order: 4,
        coefficients: [-0.7, 0.42, 0, 0.216], // (1 − 1.2q + 0.72q²)(1 + 0.5q + 0.3q²)
        gain: 0.7,
        numerator: {
          sections: [
            [1, 0.2, 0.1],
            [0.5, -0.1, 0.3],
          ],
        },
      }),
    ],
    [
      'FIR numerator',
      toCoefficientsFile({
        sampleRate: 48000,
        order: 2,
        coefficients: [-0.5, 0.2],
        numerator: { b: [1, -0.3, 0.2, 0.1] },
      }),
    ],
    [
      'per-sample rows (hop 1)',
      toCoefficientsFile({
        sampleRate: 48000,
        order: 2,
        hop: 1,
        coefficients: Array.from({ length: 2500 }, (_, t) => [-1.5 * Math.cos(t / 400), 0.81]),
      }),
    ],
  ];
  it.each(files)('%s: blocks (1, 127, 4000 samples) equal the whole render bit for bit', (_name, file) => {
    const ref = wholeRender(file, x);
    for (const block of [1, 127, 4000]) {
      const { y, fault } = renderInBlocks(file, x, block);
      expect(fault).toBeNull();
      expect(Array.from(y)).toEqual(Array.from(ref));
    }
  });

  it('a fault is found at its stream index and everything from it is 0, in any blocks', () => {
    const file = toCoefficientsFile({ sampleRate: 48000, order: 1, coefficients: [-1.001] });
    const ref = wholeRender(file, x);
    const limit = 5;
    const first = ref.findIndex((v) => Math.abs(v) > limit);
    expect(first).toBeGreaterThan(500);
    for (const block of [64, 1000]) {
      const r = createRenderer(file, x.length, { limit, unstable: 'run' });
      const y = new Float64Array(x.length);
      for (let a = 0; a < x.length; a += block)
        r.process(x.subarray(a, Math.min(x.length, a + block)), y.subarray(a, Math.min(x.length, a + block)));
      expect(r.fault?.sample).toBe(first);
      expect(r.fault?.value).toBe(ref[first]);
      expect(Array.from(y.subarray(0, first))).toEqual(Array.from(ref.subarray(0, first)));
      expect(y.subarray(first).every((v) => v === 0)).toBe(true);
    }
  });

  it('refuses a block past the declared length and an unstable row before any sample', () => {
    const r = createRenderer(files[1][1], 10);
    expect(() => r.process(new Float64Array(11), new Float64Array(11))).toThrow(/passes the length 10/);
    const bad = toCoefficientsFile({ sampleRate: 48000, order: 1, coefficients: [-1.001] });
    expect(() => createRenderer(bad, 10)).toThrow(/not minimum phase/);
  });
});

/** Rows of powerSpectrogram of the whole signal (non-centred periodic-Hann frames, paired FFT). */
function framePowers(x: ArrayLike<number>, nFft: number, hop: number): Float64Array[] {
  const { power, frames, bins } = powerSpectrogram(x, { nFft, hop });
  return Array.from({ length: frames }, (_, m) => power.subarray(m * bins, (m + 1) * bins));
}

describe('streamed report spectra', () => {
  it('welchPower equals the mean of the whole-signal frame powers bit for bit', () => {
    for (const n of [3, 100, 5000]) {
      const x = Float32Array.from(coloured(n));
      const p = framePowers(x, 256, 128);
      const ref = new Float64Array(129);
      for (const row of p) for (let k = 0; k < 129; k++) ref[k] += row[k] / p.length;
      expect(Array.from(welchPower(x, 256))).toEqual(Array.from(ref));
    }
  });

  it('holds only the frames in progress, even when the whole signal arrives as one block', () => {
    for (const [nfft, hop] of [
      [256, 128],
      [256, 1000],
      [1024, 100],
    ]) {
      let n = 0;
      const s = new PowerSpectrogramStream(50_000, { nFft: nfft, hop }, () => n++);
      s.push(coloured(50_000));
      expect(n).toBe(s.frames);
      expect(s.peakOpen).toBeLessThanOrEqual(Math.ceil(nfft / hop) + 1);
    }
  });

  it('the spectrogram from blocks equals the whole-signal one (and its reduction of the frame powers)', () => {
    const sr = 8000;
    for (const n of [50, 3000, 40_000]) {
      const x = coloured(n);
      const whole = spectrogramDb(x, sr);
      const s = new SpectrogramStream(n, sr);
      for (let a = 0; a < n; a += 999) s.push(x.subarray(a, Math.min(n, a + 999)));
      const blocks = s.result();
      expect(blocks.cols).toBe(whole.cols);
      expect(Array.from(blocks.db)).toEqual(Array.from(whole.db));
      // every band against powerSpectrogram: nfft = 256 (sr / 25 → power of two), 129 bins → 129
      // one-bin bands, so each value is the dB of one power
      const hop = Math.max(1, Math.ceil(Math.max(1, n - 256) / 119));
      const p = framePowers(x, 256, hop);
      expect(whole.cols).toBe(p.length);
      expect(whole.rows).toBe(129);
      const ref = p.flatMap((row) =>
        Array.from(row, (v) => (v > 0 ? Math.max(-200, 10 * Math.log10(v)) : -200)),
      );
      expect(Array.from(whole.db)).toEqual(ref);
    }
  });
});
