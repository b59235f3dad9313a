/**
 * Delta-operator Steiglitz–McBride (src/train/fit/delta-steiglitz-mcbride.ts) and the order-16 start
 * of fitSections. The order-16 chain is bench/eq-chains.ts seed 2026 chain 7 (rounded): shelves at
 * 65, 238 and 373 Hz, peaks at 104 Hz and 5.8 kHz, notches at 4.1 and 6.9 kHz, a low-pass at
 * 3.2 kHz; pink noise, 1 s at 48 kHz, applied section by section, 16-bit target.
 */
import { describe, expect, it } from 'vitest';
import { type Biquad, highPass, lowPass, notch, peakingEq, shelf } from '../../src/cli/cookbook.js';
import { freqz } from '../../src/core/lti/freqz.js';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { polynomialRoots } from '../../src/core/params/polynomial-roots.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import { deltaSteiglitzMcBride } from '../../src/train/fit/delta-steiglitz-mcbride.js';
import { fitSections } from '../../src/train/fit/section-fit.js';
import { polynomialFromRoots } from '../../src/train/fit/stabilise.js';

const fs = 48000;
/** Samples of the pair-restart test (a third of a second: its 3 rounds of 28 pairs take about 10 s). */
const T15 = 16384;

/** Audio-EQ-Cookbook high-pass, notch and shelves at fs (cookbook.ts). */
function cookbook(kind: 'hp' | 'notch' | 'ls' | 'hs', f0: number, q: number, gainDb = 0): Biquad {
  if (kind === 'hp') return highPass(f0, q, fs);
  if (kind === 'notch') return notch(f0, q, fs);
  return shelf(kind === 'ls' ? 'low' : 'high', f0, q, gainDb, fs);
}

/** |H| in dB RMS against the chain's, at 400 log-spaced frequencies over 100 Hz – 16 kHz. */
function dbRms(split: { a: number[][]; b: number[][]; gain: number }, chain: Biquad[]): number {
  const w = Array.from({ length: 400 }, (_, i) => (2 * Math.PI * 100 * 160 ** (i / 399)) / fs);
  const mag = (secs: { a: ArrayLike<number>; b: ArrayLike<number> }[], g: number) => {
    const m = new Float64Array(w.length).fill(Math.abs(g));
    for (const s of secs) {
      const h = freqz(s.b, [1, ...Array.from(s.a)], w);
      for (let i = 0; i < w.length; i++) m[i] *= Math.hypot(h.re[i], h.im[i]);
    }
    return m;
  };
  const h = mag(
    split.a.map((a, s) => ({ a, b: split.b[s] })),
    split.gain,
  );
  const t = mag(chain, 1);
  let e2 = 0;
  for (let i = 0; i < w.length; i++) e2 += (20 * Math.log10(h[i] / t[i])) ** 2;
  return Math.sqrt(e2 / w.length);
}

/** Input (peak 0.3) and the chain's output, both 16-bit unless `exact`. */
function pair(chain: Biquad[], T: number, pink: boolean, seed: number, exact = false) {
  const g = gaussian(mulberry32(seed));
  let x: Float64Array = Float64Array.from({ length: T + 20000 }, () => g());
  if (pink)
    x = lfilter(
      [0.049922035, -0.095993537, 0.050612699, -0.004408786],
      [1, -2.494956002, 2.017265875, -0.5221894],
      x,
    ).y as Float64Array;
  x = x.subarray(20000);
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  const q16 = (v: number) => (exact ? v : Math.round(v * 32768) / 32768);
  const xs = x.map((v) => q16((0.3 * v) / peak));
  let y: Float64Array = xs;
  for (const s of chain) y = lfilter(s.b, [1, ...s.a], y).y as Float64Array;
  return { x: xs, y: y.map(q16) };
}

describe('deltaSteiglitzMcBride', () => {
  it('recovers a noise-free order-4 chain with a highpass (zeros at z = 1) to round-off', () => {
    const chain = [cookbook('hp', 40, 0.7), peakingEq(2000, 1.5, 6, fs)];
    const { x, y } = pair(chain, 8000, false, 3, true);
    const fit = deltaSteiglitzMcBride(x, y, 2);
    expect(fit).not.toBeNull();
    expect(fit?.outputError).toBeLessThan(1e-18);
    expect(dbRms(fit!.split, chain)).toBeLessThan(1e-6);
  });

  it('holds order-16 poles the direct form loses: 33 Hz survives the delta round trip, not the direct one', () => {
    // poles (Hz, radius) of bench/eq-chains.ts seed 2026 chain 15
    const P = [
      [33.2, 0.99828],
      [537.9, 0.9918],
      [577.5, 0.99522],
      [6769.8, 0.48416],
      [5309.7, 0.54104],
      [2015.9, 0.97194],
      [180.2, 0.97621],
      [129.0, 0.99281],
    ];
    const re: number[] = [];
    const im: number[] = [];
    for (const [f, r] of P) {
      const th = (2 * Math.PI * f) / fs;
      re.push(r * Math.cos(th), r * Math.cos(th));
      im.push(r * Math.sin(th), -r * Math.sin(th));
    }
    const nearest = (rr: Float64Array, ri: Float64Array, zr: number, zi: number) =>
      Math.min(...Array.from(rr, (v, i) => Math.hypot(v - zr, ri[i] - zi)));
    const direct = polynomialRoots(
      polynomialFromRoots({ re: Float64Array.from(re), im: Float64Array.from(im) }),
    );
    // delta: roots v = 1/w of Σ α_k w^k, w = 1 − 1/p (what deltaSteiglitzMcBride solves for)
    const v = re.map((r, i) => {
      const d = r * r + im[i] * im[i];
      const [wr, wi] = [1 - r / d, im[i] / d];
      const e = wr * wr + wi * wi;
      return [wr / e, -wi / e];
    });
    const deltaPoly = polynomialFromRoots({
      re: Float64Array.from(v, (z) => z[0]),
      im: Float64Array.from(v, (z) => z[1]),
    });
    const vr = polynomialRoots(deltaPoly);
    const back = Array.from(vr.re, (r, i) => {
      const d = (r - 1) ** 2 + vr.im[i] ** 2;
      return [(r * (r - 1) + vr.im[i] ** 2) / d, -vr.im[i] / d];
    });
    const deltaErr = Math.max(
      ...re.map((r, i) =>
        nearest(
          Float64Array.from(back, (z) => z[0]),
          Float64Array.from(back, (z) => z[1]),
          r,
          im[i],
        ),
      ),
    );
    expect(nearest(direct.re, direct.im, re[0], im[0])).toBeGreaterThan(1e-3);
    expect(deltaErr).toBeLessThan(1e-8);
  });

  it('throws a RangeError naming S', () => {
    expect(() => deltaSteiglitzMcBride([1, 2, 3], [1, 2, 3], 0)).toThrow(/S must be/);
  });
});

describe('fitSections at order 16 (8 sections), deltaStart', () => {
  const chain = [
    cookbook('ls', 372.8, Math.SQRT1_2, -3.64),
    peakingEq(103.8, 2.795, -2.76, fs),
    cookbook('notch', 6858.4, 9.152),
    lowPass(3225.9, 1.168, fs),
    cookbook('ls', 238.3, Math.SQRT1_2, 8.17),
    peakingEq(5834.4, 2.193, 2.23, fs),
    cookbook('notch', 4071.6, 5.943),
    cookbook('ls', 65.5, Math.SQRT1_2, 1.33),
  ];
  const { x, y } = pair(chain, fs, true, 2026);

  it('the delta start takes it within 0.05 dB RMS; the direct-form start alone is > 0.2 dB off', () => {
    const direct = fitSections(x, y, 8, { maxSteps: 0 });
    const fit = fitSections(x, y, 8, { deltaStart: true });
    expect(direct).not.toBeNull();
    expect(fit).not.toBeNull();
    expect(dbRms(direct!.split, chain)).toBeGreaterThan(0.2);
    expect(dbRms(fit!.split, chain)).toBeLessThan(0.05);
  }, 20000);
});

describe('fitSections at order 16 (8 sections), pairRestarts', () => {
  // bench/eq-chains.ts seed 2026 chain 15 (rounded): two notches 37 Hz apart, a highpass, shelves
  const chain = [
    cookbook('hp', 35.7, 1.361),
    cookbook('notch', 541.6, 4.3),
    cookbook('notch', 578.7, 7.894),
    cookbook('hs', 9736.3, 0.7, -8.45),
    cookbook('hs', 7378.7, 0.7, -4.08),
    cookbook('notch', 2027.3, 4.609),
    cookbook('ls', 217, 0.7, -5.95),
    peakingEq(140.3, 0.802, 8.02, fs),
  ];
  const { x, y } = pair(chain, T15, true, 15);

  it('pair restarts leave the local minimum of the default fit (two notches in one section): > 0.5 dB → < 0.2 dB in 3 rounds', () => {
    const plain = fitSections(x, y, 8);
    const fit = fitSections(x, y, 8, { pairRestarts: { rounds: 3 } });
    expect(plain).not.toBeNull();
    expect(fit).not.toBeNull();
    expect(dbRms(plain!.split, chain)).toBeGreaterThan(0.5);
    // measured: 2.46 dB → 0.105 dB in 3 rounds (0.062 dB in 5; 0.0048 dB in 5 on the bench's full second)
    expect(dbRms(fit!.split, chain)).toBeLessThan(0.2);
  }, 60000);
});
