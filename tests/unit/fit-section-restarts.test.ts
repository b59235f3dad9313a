/**
 * Pole-zero identification into sections with output-error refinement and per-section restarts
 * (src/train/fit/section-fit.ts, refine-sections.ts, cascade-filter.ts). The chain is the one the
 * direct-form Steiglitz–McBride start could not fit (bench/eq-chains.ts, chain 11): a peak at
 * 89 Hz, a notch at 144 Hz, a highpass at 25 Hz and a peak at 1840 Hz, at 48 kHz, so six poles lie
 * within 0.003 of z = 1; pink noise, applied section by section, 16-bit target.
 */
import { describe, expect, it } from 'vitest';
import { type Biquad, highPass, notch, peakingEq } from '../../src/cli/cookbook.js';
import { freqz } from '../../src/core/lti/freqz.js';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import { LeastSquaresQr } from '../../src/train/fit/least-squares.js';
import { refineSections } from '../../src/train/fit/refine-sections.js';
import { fitSections } from '../../src/train/fit/section-fit.js';
import { steiglitzMcBride } from '../../src/train/fit/steiglitz-mcbride.js';
import { splitSections } from '../../src/train/fit/to-sections.js';
import { createModel } from '../../src/train/models/create-model.js';
import type { PoleZeroModel } from '../../src/train/models/polezero-model.js';

const fs = 48000;

const cookbook = (kind: 'hp' | 'notch', f0: number, q: number): Biquad =>
  kind === 'hp' ? highPass(f0, q, fs) : notch(f0, q, fs);

const chain: Biquad[] = [
  peakingEq(89, 2, -0.8, fs),
  cookbook('notch', 144, 5),
  cookbook('hp', 25, 0.9),
  peakingEq(1840, 1.2, -6, fs),
];

/** 1 s of seeded pink noise (Paul Kellet's economy filter), peak 0.3, 16-bit; the chain's 16-bit output. */
function pair(): { x: Float64Array; y: Float64Array } {
  const g = gaussian(mulberry32(11));
  const w = Float64Array.from({ length: fs + 20000 }, () => g());
  const pink = (
    lfilter(
      [0.049922035, -0.095993537, 0.050612699, -0.004408786],
      [1, -2.494956002, 2.017265875, -0.5221894],
      w,
    ).y as Float64Array
  ).subarray(20000);
  let peak = 0;
  for (const v of pink) peak = Math.max(peak, Math.abs(v));
  const q16 = (v: number) => Math.round(v * 32768) / 32768;
  const x = pink.map((v) => q16((0.3 * v) / peak));
  let y: Float64Array = x;
  for (const s of chain) y = lfilter(s.b, [1, ...s.a], y).y as Float64Array;
  return { x, y: y.map(q16) };
}

/** |H| of gain·Π sections at 400 log-spaced frequencies over 100 Hz – 16 kHz. */
function magnitude(a: ArrayLike<number>[], b: ArrayLike<number>[], gain: number): Float64Array {
  const w = Array.from({ length: 400 }, (_, i) => (2 * Math.PI * 100 * 160 ** (i / 399)) / fs);
  const m = new Float64Array(w.length).fill(Math.abs(gain));
  for (let s = 0; s < a.length; s++) {
    const h = freqz(b[s], [1, a[s][0], a[s][1]], w);
    for (let i = 0; i < w.length; i++) m[i] *= Math.hypot(h.re[i], h.im[i]);
  }
  return m;
}

const truth = magnitude(
  chain.map((s) => s.a),
  chain.map((s) => s.b),
  1,
);

function dbRms(m: Float64Array): number {
  let e2 = 0;
  for (let i = 0; i < m.length; i++) e2 += (20 * Math.log10(m[i] / truth[i])) ** 2;
  return Math.sqrt(e2 / m.length);
}

describe('fitSections (Steiglitz–McBride, output-error LM in sections, per-section restarts)', () => {
  const { x, y } = pair();
  // the chain itself on this pair: the 16-bit floor
  let yTrue: Float64Array = x;
  for (const s of chain) yTrue = lfilter(s.b, [1, ...s.a], yTrue).y as Float64Array;
  let floor = 0;
  let y2 = 0;
  for (let t = 0; t < y.length; t++) {
    floor += (y[t] - yTrue[t]) ** 2;
    y2 += y[t] * y[t];
  }
  floor /= y2;

  it('the direct-form Steiglitz–McBride start alone stays far above the floor on this chain', () => {
    const sm = steiglitzMcBride(x, y, 8, 8);
    expect(sm).not.toBeNull();
    const sp = splitSections(sm?.b ?? [], sm?.a ?? [], 4);
    expect(sp).not.toBeNull();
    if (sp === null) return;
    expect(refineSections(x, y, sp, { maxIterations: 0 }).startError).toBeGreaterThan(1000 * floor);
  });

  it('reaches the 16-bit floor and the true response within 1e-4 dB RMS (100 Hz – 16 kHz)', () => {
    const fit = fitSections(x, y, 4, { refine: { rmax: 0.999 } });
    expect(fit).not.toBeNull();
    if (fit === null) return;
    expect(fit.restarts).toBeGreaterThanOrEqual(1);
    expect(fit.outputError).toBeLessThan(1.01 * floor);
    expect(dbRms(magnitude(fit.split.a, fit.split.b, fit.split.gain))).toBeLessThan(1e-4);
  });

  it("a 'reflection' model started from the pair has the true response within 1e-4 dB RMS", () => {
    const model = createModel(
      { kind: 'polezero', sections: 4, gain: true, poles: 'reflection' },
      { input: x, target: y, sampleRate: fs },
    ) as PoleZeroModel;
    expect(model.start).toBe('steiglitz-mcbride');
    const { a, b } = model.sectionCoefficients();
    expect(dbRms(magnitude(a, b, model.gain()))).toBeLessThan(1e-4);
  });
});

describe('refineSections', () => {
  it('recovers a known stable cascade from noise-free data (output error ≤ 1e-20) from a perturbed start', () => {
    const g = gaussian(mulberry32(5));
    const x = Float64Array.from({ length: 4000 }, () => g());
    const secs: Biquad[] = [peakingEq(500, 1, 6, fs), peakingEq(5000, 2, -4, fs)];
    let y: Float64Array = x;
    for (const s of secs) y = lfilter(s.b, [1, ...s.a], y).y as Float64Array;
    const start = {
      a: secs.map((s) => [s.a[0] * 1.001, s.a[1] * 0.999]),
      b: secs.map((s) => s.b.map((v) => v * 1.01)),
      gain: 1,
    };
    const r = refineSections(x, y, start, { minImprovement: 0, maxIterations: 60 });
    expect(r.startError).toBeGreaterThan(1e-6);
    expect(r.outputError).toBeLessThan(1e-20);
  });

  it('throws a RangeError naming y when the lengths differ', () => {
    expect(() => refineSections([1, 2, 3], [1, 2], { a: [[0, 0]], b: [[1, 0, 0]], gain: 1 })).toThrow(
      /y length/,
    );
  });
});

describe('LeastSquaresQr.clone', () => {
  it('solves like the original, independently of it', () => {
    const ls = new LeastSquaresQr(2, 4);
    for (let t = 0; t < 9; t++) ls.addRow([1, t], 2 + 3 * t);
    const c = ls.clone();
    const a = c.solve(1e-3);
    const b = ls.solve();
    expect(a).not.toBeNull();
    expect(b?.s[0]).toBeCloseTo(2, 10);
    expect(b?.s[1]).toBeCloseTo(3, 10);
    expect(Math.abs((a?.s[1] ?? 0) - 3)).toBeGreaterThan(1e-9); // the ridge of the clone did not reach ls
  });
});
