import { describe, expect, it } from 'vitest';
import { firFromIir, freqSamplingFilter } from '../../src/core/lti/freq-sampling.js';
import { firFromIirVjp, freqSamplingFilterVjp } from '../../src/core/lti/freq-sampling-vjp.js';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { DftPlan } from '../../src/core/spectral/dft.js';
import { RealDftPlan } from '../../src/core/spectral/real-dft.js';
import { bump, dot, loadReference, mulberry32, relErr, uniformArray } from './helpers.js';

const seed = loadReference('seed_chirp.json');

/** Impulse response of b/a folded modulo n (the periodic response frequency sampling produces). */
function foldedImpulse(b: number[], a: number[], n: number, periods = 40): Float64Array {
  const imp = new Float64Array(n * periods);
  imp[0] = 1;
  const { y } = lfilter(b, a, imp);
  const h = new Float64Array(n);
  for (let t = 0; t < y.length; t++) h[t % n] += y[t];
  return h;
}

describe('DftPlan (Bluestein on fft.js for any length)', () => {
  it('matches the naive DFT and inverts, powers of two and not', () => {
    const rand = mulberry32(8);
    for (const n of [1, 2, 3, 4, 5, 7, 8, 12, 16, 31, 97, 128, 250]) {
      const p = new DftPlan(n);
      const xr = uniformArray(rand, n);
      const xi = uniformArray(rand, n);
      const Xr = new Float64Array(n);
      const Xi = new Float64Array(n);
      p.forward(xr, xi, Xr, Xi);
      for (let k = 0; k < n; k++) {
        let sr = 0;
        let si = 0;
        for (let t = 0; t < n; t++) {
          const ang = (-2 * Math.PI * ((k * t) % n)) / n;
          sr += xr[t] * Math.cos(ang) - xi[t] * Math.sin(ang);
          si += xr[t] * Math.sin(ang) + xi[t] * Math.cos(ang);
        }
        expect(Math.abs(sr - Xr[k])).toBeLessThan(1e-12 * n);
        expect(Math.abs(si - Xi[k])).toBeLessThan(1e-12 * n);
      }
      const br = new Float64Array(n);
      const bi = new Float64Array(n);
      p.inverse(Xr, Xi, br, bi);
      for (let t = 0; t < n; t++) {
        expect(Math.abs(br[t] / n - xr[t])).toBeLessThan(1e-13);
        expect(Math.abs(bi[t] / n - xi[t])).toBeLessThan(1e-13);
      }
    }
  });
});

describe('RealDftPlan (rfft / irfft of any length)', () => {
  it('matches the naive half spectrum and inverts, even and odd n', () => {
    const rand = mulberry32(9);
    for (const n of [1, 2, 3, 4, 6, 7, 10, 33, 64, 100]) {
      const p = new RealDftPlan(n);
      expect(p.bins).toBe(Math.floor(n / 2) + 1);
      const x = uniformArray(rand, n);
      const re = new Float64Array(p.bins);
      const im = new Float64Array(p.bins);
      p.forward(x, re, im);
      for (let k = 0; k < p.bins; k++) {
        let sr = 0;
        let si = 0;
        for (let t = 0; t < n; t++) {
          const ang = (-2 * Math.PI * ((k * t) % n)) / n;
          sr += x[t] * Math.cos(ang);
          si += x[t] * Math.sin(ang);
        }
        expect(Math.abs(sr - re[k])).toBeLessThan(1e-12 * n);
        expect(Math.abs(si - im[k])).toBeLessThan(1e-12 * n);
      }
      // irfft ignores the imaginary parts of DC and Nyquist.
      im[0] = 123;
      if (n % 2 === 0) im[p.bins - 1] = -7;
      const back = new Float64Array(n);
      p.inverse(re, im, back);
      for (let t = 0; t < n; t++) expect(Math.abs(back[t] / n - x[t])).toBeLessThan(1e-13);
    }
  });
});

describe('freqSamplingFilter and firFromIir vs the seed (torch.fft)', () => {
  it('y_freq_sampling (T = 32000, not a power of two) matches at 1e-9', () => {
    const y = freqSamplingFilter(seed.b, seed.a, Float64Array.from(seed.x));
    expect(relErr(y, seed.y_freq_sampling)).toBeLessThanOrEqual(1e-9);
  });

  it('h_fir_first_2048 (nfft = T) matches at 1e-9', () => {
    const h = firFromIir(seed.b, seed.a, 2048, seed.T);
    expect(relErr(h, seed.h_fir_first_2048)).toBeLessThanOrEqual(1e-9);
  });
});

describe('freqSamplingFilter is circular convolution with the folded impulse response', () => {
  for (const T of [1, 16, 37, 50]) {
    it(`T = ${T}`, () => {
      const rand = mulberry32(T);
      const b = [0.3, -0.5, 0.2, 0.1];
      const a = [1.5, -0.9, 0.3];
      const x = uniformArray(rand, T);
      const h = foldedImpulse(b, a, T);
      const want = new Float64Array(T);
      for (let t = 0; t < T; t++) for (let m = 0; m < T; m++) want[t] += h[m] * x[(t - m + T) % T];
      expect(relErr(freqSamplingFilter(b, a, x), want)).toBeLessThan(1e-12);
      expect(relErr(firFromIir(b, a, T, T), h)).toBeLessThan(1e-12);
    });
  }

  it('writes into out (may be x) and accepts Float32Array', () => {
    const rand = mulberry32(1);
    const x = uniformArray(rand, 24);
    const want = freqSamplingFilter([1, 0.5], [1, -0.5], x);
    const buf = Float64Array.from(x);
    expect(freqSamplingFilter([1, 0.5], [1, -0.5], buf, buf)).toBe(buf);
    expect(relErr(buf, want)).toBe(0);
    const y32 = freqSamplingFilter([1, 0.5], [1, -0.5], Float32Array.from(x));
    expect(relErr(y32, want)).toBeLessThan(1e-6);
  });
});

describe('frequency-sampling gradients vs finite differences', () => {
  for (const T of [20, 33]) {
    it(`freqSamplingFilterVjp, T = ${T}`, () => {
      const rand = mulberry32(100 + T);
      const b = [0.4, -0.3, 0.25];
      const a = [1.2, -0.6, 0.3, -0.1];
      const x = uniformArray(rand, T);
      const g = uniformArray(rand, T);
      const loss = (bb: number[], aa: number[], xx: Float64Array) => dot(g, freqSamplingFilter(bb, aa, xx));
      const gr = freqSamplingFilterVjp(b, a, x, g);
      const h = 1e-6;
      const fdB = b.map((_, k) => (loss(bump(b, k, h), a, x) - loss(bump(b, k, -h), a, x)) / (2 * h));
      const fdA = a.map((_, k) => (loss(b, bump(a, k, h), x) - loss(b, bump(a, k, -h), x)) / (2 * h));
      expect(relErr(gr.db, fdB)).toBeLessThan(1e-7);
      expect(relErr(gr.da, fdA)).toBeLessThan(1e-7);
      const fdX = Array.from(x, (_, t) => {
        const xp = Float64Array.from(x);
        const xm = Float64Array.from(x);
        xp[t] += h;
        xm[t] -= h;
        return (loss(b, a, xp) - loss(b, a, xm)) / (2 * h);
      });
      expect(relErr(gr.dx, fdX)).toBeLessThan(1e-7);
      // Adjoint identity: <g, C v> = <Cᵀ g, v>.
      const v = uniformArray(rand, T);
      expect(Math.abs(dot(g, freqSamplingFilter(b, a, v)) - dot(gr.dx, v))).toBeLessThan(1e-12);
    });
  }

  it.each([26, 27])('firFromIirVjp, nfft = %i', (nfft) => {
    const rand = mulberry32(5);
    const b = [0.4, -0.3];
    const a = [1.1, -0.5, 0.2];
    const g = uniformArray(rand, 10);
    const loss = (bb: number[], aa: number[]) => dot(g, firFromIir(bb, aa, 10, nfft));
    const { db, da } = firFromIirVjp(b, a, 10, nfft, g);
    const h = 1e-6;
    const fdB = b.map((_, k) => (loss(bump(b, k, h), a) - loss(bump(b, k, -h), a)) / (2 * h));
    const fdA = a.map((_, k) => (loss(b, bump(a, k, h)) - loss(b, bump(a, k, -h))) / (2 * h));
    expect(relErr(db, fdB)).toBeLessThan(1e-7);
    expect(relErr(da, fdA)).toBeLessThan(1e-7);
  });
});

describe('frequency-sampling validation', () => {
  it('names the offending argument', () => {
    const x = new Float64Array(8);
    expect(() => freqSamplingFilter([1], [0, 1], x)).toThrow(/freqSamplingFilter: a\[0\] must be non-zero/);
    expect(() => freqSamplingFilter([1], [1, -1], x)).toThrow(/A\(e\^\{jw\}\) vanishes at frequency bin 0/);
    expect(() => freqSamplingFilter([1], [1], new Float64Array(0))).toThrow(/x\.length must be >= 1/);
    expect(() => freqSamplingFilter([1], [1], x, new Float64Array(7))).toThrow(/out must have length 8/);
    expect(() => firFromIir([1], [1], 9, 8)).toThrow(/nTaps must be <= nfft/);
    expect(() => firFromIir([1], [1], 4, 8.5)).toThrow(/nfft must be an integer/);
    expect(() => firFromIir([1], [], 4, 8)).toThrow(/firFromIir: a must not be empty/);
    expect(() => freqSamplingFilterVjp([1], [1], x, new Float64Array(4))).toThrow(/g must have length 8/);
    expect(() => firFromIirVjp([1], [1], 4, 8, [1, 2])).toThrow(/g must have length 4/);
  });
});
