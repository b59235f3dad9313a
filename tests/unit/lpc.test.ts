import { describe, expect, it } from 'vitest';
import { autocorr, hannTrimmed } from '../../src/core/lpc/autocorr.js';
import { levinson } from '../../src/core/lpc/levinson.js';
import { lpc } from '../../src/core/lpc/lpc.js';
import { isStable, reflectionToDirect } from '../../src/core/params/reflection.js';
import { expectClose, loadReference, mulberry32 } from './helpers.js';

interface LpcCase {
  name: string;
  M: number;
  frame: number[];
  autocorr: number[];
  a: number[];
  k: number[];
  prediction_error: number;
}
const ref = loadReference<{ cases: LpcCase[] }>('lpc.json');

describe('hannTrimmed', () => {
  it('equals numpy.hanning(N+2)[1:-1] (symmetric, positive, peak 1 at odd N)', () => {
    const N = 7;
    const w = hannTrimmed(N);
    const full = Array.from({ length: N + 2 }, (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / (N + 1)));
    expectClose(w, full.slice(1, -1), 1e-15);
    expect(w[3]).toBeCloseTo(1, 15);
    for (let n = 0; n < N; n++) expect(w[n]).toBeGreaterThan(0);
  });
  it('rejects bad N', () => {
    expect(() => hannTrimmed(0)).toThrow(/N/);
    expect(() => hannTrimmed(2.5)).toThrow(RangeError);
  });
});

describe('LPC against tests/fixtures/reference/lpc.json (numpy + scipy.linalg.solve_toeplitz)', () => {
  it('has the expected cases', () => {
    expect(ref.cases.length).toBeGreaterThanOrEqual(6);
  });
  for (const c of ref.cases) {
    it(`${c.name} (M=${c.M})`, () => {
      const r = autocorr(c.frame, c.M, hannTrimmed(c.frame.length));
      expectClose(r, c.autocorr, 1e-9);
      // The default window is the same convention.
      expectClose(autocorr(c.frame, c.M), c.autocorr, 1e-9);
      const sol = levinson(c.autocorr, c.M);
      expectClose(sol.a, c.a, 1e-7);
      expectClose(sol.k, c.k, 1e-7);
      expectClose([sol.error], [c.prediction_error], 1e-9);
      const full = lpc(c.frame, c.M);
      expectClose(full.a, c.a, 1e-7);
      expectClose(full.k, c.k, 1e-7);
      expectClose(full.r, c.autocorr, 1e-9);
      expectClose([full.error], [c.prediction_error], 1e-9);
      // k and a agree through step-up.
      expectClose(reflectionToDirect(full.k), full.a, 1e-12);
    });
  }
});

describe('levinson', () => {
  it('solves the Toeplitz normal equations for random signals', () => {
    const rnd = mulberry32(7);
    for (const M of [1, 2, 5, 16, 40]) {
      const x = Array.from({ length: 400 }, () => rnd() - 0.5);
      const r = autocorr(x, M);
      const { a, k, error } = levinson(r, M);
      for (let i = 1; i <= M; i++) {
        let s = r[i];
        for (let j = 1; j <= M; j++) s += a[j - 1] * r[Math.abs(i - j)];
        expect(Math.abs(s)).toBeLessThan(1e-12 * r[0]);
      }
      let e = r[0];
      for (let i = 1; i <= M; i++) e += a[i - 1] * r[i];
      expect(Math.abs(error - e)).toBeLessThan(1e-12 * r[0]);
      for (let i = 0; i < M; i++) expect(Math.abs(k[i])).toBeLessThan(1);
      expect(isStable(a)).toBe(true);
    }
  });
  it('returns zeros for a silent frame', () => {
    const r = autocorr(new Float64Array(64), 8);
    const { a, k, error } = levinson(r, 8);
    expect(Array.from(a)).toEqual(new Array(8).fill(0));
    expect(Array.from(k)).toEqual(new Array(8).fill(0));
    expect(error).toBe(0);
  });
  it('keeps |k| < 1 for a perfectly predictable (singular) frame', () => {
    // Rectangular-window pure sinusoid: order-2 prediction is exact, higher orders singular.
    const x = Array.from({ length: 256 }, (_, n) => Math.cos(0.3 * n));
    const { a, k, error } = lpc(x, 12, { window: null });
    for (let i = 0; i < 12; i++) expect(Math.abs(k[i])).toBeLessThan(1);
    expect(Number.isFinite(error) && error >= 0).toBe(true);
    expect(isStable(a)).toBe(true);
    // White-noise correction gives a well-conditioned, still stable solve.
    const reg = lpc(x, 12, { window: null, whiteNoise: 1e-9 });
    expect(isStable(reg.a)).toBe(true);
    expect(reg.error).toBeGreaterThan(0);
  });
  it('writes into caller buffers', () => {
    const r = [2, 1, 0.5, 0.25];
    const a = new Float64Array(3);
    const k = new Float64Array(3);
    const sol = levinson(r, 3, { a, k });
    expect(sol.a).toBe(a);
    expect(sol.k).toBe(k);
    // AR(1) autocorrelation 0.5^|i|: a = [-0.5, 0, 0], k = [-0.5, 0, 0].
    expectClose(a, [-0.5, 0, 0], 1e-15);
    expectClose(k, [-0.5, 0, 0], 1e-15);
    expect(sol.error).toBeCloseTo(1.5, 15);
  });
  it('rejects bad input', () => {
    expect(() => levinson([1, 0.5], 0)).toThrow(/M/);
    expect(() => levinson([1, 0.5], 2)).toThrow(/r must have length/);
    expect(() => levinson([1, Number.NaN], 1)).toThrow(/r\[1\]/);
    expect(() => levinson([-1, 0], 1)).toThrow(/r\[0\]/);
    expect(() => levinson([1, 0], 1, { a: new Float64Array(0) })).toThrow(/out\.a/);
  });
});

describe('autocorr', () => {
  it('rectangular window matches the definition; lags >= N are zero', () => {
    const x = [1, 2, 3];
    const r = autocorr(x, 4, null);
    expect(Array.from(r)).toEqual([14, 8, 3, 0, 0]);
  });
  it('is allocation-free with caller buffers and leaves the frame untouched', () => {
    const x = Float64Array.from([0.5, -1, 0.25, 2]);
    const w = hannTrimmed(4);
    const out = new Float64Array(3);
    const scratch = new Float64Array(4);
    expect(autocorr(x, 2, w, out, scratch)).toBe(out);
    expect(Array.from(x)).toEqual([0.5, -1, 0.25, 2]);
    const xw = Array.from(x, (v, i) => v * w[i]);
    expectClose(
      out,
      [0, 1, 2].map((k) => xw.slice(0, 4 - k).reduce((s, v, n) => s + v * xw[n + k], 0)),
      1e-15,
    );
  });
  it('rejects bad input', () => {
    expect(() => autocorr([], 2)).toThrow(/frame/);
    expect(() => autocorr([1, 2], 0)).toThrow(/M/);
    expect(() => autocorr([1, Number.POSITIVE_INFINITY], 1)).toThrow(/frame\[1\]/);
    expect(() => autocorr([1, 2, 3], 1, [1, 1])).toThrow(/window/);
    expect(() => autocorr([1, 2, 3], 2, null, new Float64Array(2))).toThrow(/out/);
    expect(() => lpc([1, 2, 3], 1, { whiteNoise: -1 })).toThrow(/whiteNoise/);
  });
});
