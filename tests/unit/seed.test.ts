/**
 * The seed tutorial's own experiment: a 2 s chirp (1 Hz -> 1 kHz, fs = 16 kHz) through the
 * low-pass a = [1, -1.8, 0.81] (double pole at 0.9), exactly and by frequency sampling.
 */
import { describe, expect, it } from 'vitest';
import { firFromIir, freqSamplingFilter } from '../../src/core/lti/freq-sampling.js';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { chirp } from '../../src/core/signals/chirp.js';
import { loadReference } from './helpers.js';

const seed = loadReference('seed_chirp.json');
const b = [1, 0];
const a = [1, -0.9 * 2, 0.9 ** 2];
const T = 16000 * 2;
const x = chirp(T, 1, 1000, 16000);
const exact = lfilter(b, a, x).y;
const approx = freqSamplingFilter(b, a, x);
const maxRef = seed.y.reduce((m: number, v: number) => Math.max(m, Math.abs(v)), 1);

describe('seed: chirp through a = [1, -1.8, 0.81]', () => {
  it('the seed coefficients are the ones in the reference file', () => {
    expect(seed.b).toEqual(b);
    expect(seed.a).toEqual(a);
    expect(seed.T).toBe(T);
  });

  it('lfilter of our chirp equals scipy.signal.lfilter at 1e-9', () => {
    let e = 0;
    for (let t = 0; t < T; t++) e = Math.max(e, Math.abs(exact[t] - seed.y[t]));
    expect(e).toBeLessThanOrEqual(1e-9 * maxRef);
  });

  it('frequency sampling differs near t = 0 (the wrapped tail) and agrees later', () => {
    // Significant in the first samples: the chirp's last samples wrap around through h.
    let early = 0;
    for (let t = 0; t < 20; t++) early = Math.max(early, Math.abs(approx[t] - exact[t]));
    expect(early).toBeGreaterThan(1); // ≈ 10 while |y| < 1 there
    // It decays like the impulse response (t+1)·0.9^t and is round-off by t ≈ 400.
    let late = 0;
    for (let t = 400; t < T; t++) late = Math.max(late, Math.abs(approx[t] - exact[t]));
    expect(late).toBeLessThanOrEqual(1e-9 * maxRef);
  });

  it('the difference is exactly the circular wrap-around Σ_{m>t} h[m]·x[T+t-m]', () => {
    const h = firFromIir(b, a, 600, T); // h[m] = (m+1)·0.9^m, negligible beyond 600 taps
    for (let m = 0; m < 600; m += 97) expect(h[m]).toBeCloseTo((m + 1) * 0.9 ** m, 10);
    for (let t = 0; t < 300; t++) {
      let wrap = 0;
      for (let m = t + 1; m < 600; m++) wrap += h[m] * x[T + t - m];
      expect(Math.abs(approx[t] - exact[t] - wrap)).toBeLessThanOrEqual(1e-9 * maxRef);
    }
  });
});
