import { describe, expect, it } from 'vitest';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { loadReference, mulberry32, relErr, uniformArray } from './helpers.js';

/** Polynomial with all roots inside radius rMax (product of random conjugate pole pairs). */
function stablePoly(order: number, rand: () => number, rMax = 0.95): number[] {
  let p = [1];
  const mul = (q: number[]) => {
    const r = new Array(p.length + q.length - 1).fill(0);
    for (let i = 0; i < p.length; i++) for (let j = 0; j < q.length; j++) r[i + j] += p[i] * q[j];
    p = r;
  };
  for (let k = 0; k + 1 < order; k += 2) {
    const r = rMax * Math.sqrt(rand());
    const th = Math.PI * rand();
    mul([1, -2 * r * Math.cos(th), r * r]);
  }
  if (order % 2 === 1) mul([1, -rMax * (2 * rand() - 1)]);
  return p;
}

/** Independent reference: the difference equation with explicit past values (zero initial state). */
function naive(b: number[], a: number[], x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    let s = 0;
    for (let k = 0; k < b.length; k++) if (t - k >= 0) s += b[k] * x[t - k];
    for (let k = 1; k < a.length; k++) if (t - k >= 0) s -= a[k] * y[t - k];
    y[t] = s / a[0];
  }
  return y;
}

describe('lfilter vs scipy.signal.lfilter (reference vectors)', () => {
  const ref = loadReference('lfilter.json');
  for (const c of ref.cases) {
    it(`${c.name}: y matches at 1e-9`, () => {
      const { y, zf } = lfilter(c.b, c.a, Float64Array.from(c.x));
      expect(relErr(y, c.y)).toBeLessThanOrEqual(1e-9);
      expect(zf.length).toBe(Math.max(c.a.length, c.b.length) - 1);
    });
  }

  it('seed: the chirp through a = [1, -1.8, 0.81] equals scipy', () => {
    const s = loadReference('seed_chirp.json');
    const { y } = lfilter(s.b, s.a, Float64Array.from(s.x));
    expect(relErr(y, s.y)).toBeLessThanOrEqual(1e-9);
  });
});

describe('lfilter behaviour', () => {
  it('matches the difference equation for every order 0..12 (specialised and generic kernels)', () => {
    const rand = mulberry32(11);
    for (let nb = 1; nb <= 13; nb += 3) {
      for (let na = 1; na <= 13; na++) {
        const b = Array.from(uniformArray(rand, nb));
        const a = stablePoly(na - 1, rand).map((v) => v * 1.7);
        const x = uniformArray(rand, 300);
        const { y } = lfilter(b, a, x);
        // float64 tolerance of the project (different summation order than the naive loop)
        expect(relErr(y, naive(b, a, x))).toBeLessThanOrEqual(1e-9);
      }
    }
  });

  it('block streaming with zf -> zi equals filtering the whole signal', () => {
    const rand = mulberry32(5);
    for (const [nb, na] of [
      [1, 1],
      [2, 3],
      [5, 2],
      [9, 9],
      [4, 12],
      [14, 3],
    ]) {
      const b = Array.from(uniformArray(rand, nb));
      const a = stablePoly(na - 1, rand).map((v) => v * 0.6);
      const x = uniformArray(rand, 1000);
      const whole = lfilter(b, a, x);
      const y = new Float64Array(x.length);
      let zi: Float64Array | null = null;
      let t = 0;
      while (t < x.length) {
        const len = Math.min(x.length - t, Math.floor(rand() * 40)); // includes 0- and 1-sample blocks
        const part = lfilter(b, a, x.subarray(t, t + len), zi);
        y.set(part.y, t);
        zi = part.zf;
        t += len;
      }
      expect(relErr(y, whole.y)).toBeLessThanOrEqual(1e-12);
      expect(relErr(zi!, whole.zf)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('zi uses scipy layout: the steady-state zi of a unit step gives a constant output', () => {
    // scipy.signal.lfilter_zi convention: z[i] = Σ_{k>i} (b[k] - a[k]·H(1)) with normalised b, a.
    const rand = mulberry32(3);
    const b = Array.from(uniformArray(rand, 4));
    const a = stablePoly(5, rand);
    const n = 6;
    const sb = b.reduce((s, v) => s + v, 0);
    const sa = a.reduce((s, v) => s + v, 0);
    const h1 = sb / sa;
    const zi = new Float64Array(n - 1);
    for (let i = 0; i < n - 1; i++) {
      for (let k = i + 1; k < n; k++) zi[i] += (b[k] ?? 0) - a[k] * h1;
    }
    const { y, zf } = lfilter(b, a, new Float64Array(200).fill(1), zi);
    for (let t = 0; t < y.length; t++) expect(Math.abs(y[t] - h1)).toBeLessThan(1e-12);
    expect(relErr(zf, zi)).toBeLessThan(1e-12);
  });

  it('normalises by a[0]', () => {
    const rand = mulberry32(9);
    const x = uniformArray(rand, 200);
    const b = [0.3, -0.2, 0.5];
    const a = [1, -0.4, 0.2];
    const scaled = lfilter(
      b.map((v) => v * -2.5),
      a.map((v) => v * -2.5),
      x,
    );
    expect(relErr(scaled.y, lfilter(b, a, x).y)).toBeLessThan(1e-14);
  });

  it('accepts Float32Array input (computed in float64)', () => {
    const rand = mulberry32(2);
    const x32 = Float32Array.from(uniformArray(rand, 500));
    const b = [0.5, 0.25];
    const a = [1, -1.8, 0.81];
    const y32 = lfilter(b, a, x32).y;
    expect(y32).toBeInstanceOf(Float64Array);
    expect(relErr(y32, lfilter(b, a, Float64Array.from(x32)).y)).toBe(0);
  });

  it('writes into caller buffers, including in place (y === x) and zf aliasing zi', () => {
    const rand = mulberry32(4);
    const b = [0.2, 0.1, -0.3, 0.05];
    const a = stablePoly(3, rand);
    const x = uniformArray(rand, 256);
    const ref = lfilter(b, a, x);
    const buf = Float64Array.from(x);
    const state = new Float64Array(3);
    const res = lfilter(b, a, buf.subarray(0, 100), state, { y: buf.subarray(0, 100), zf: state });
    expect(res.zf).toBe(state);
    lfilter(b, a, buf.subarray(100), state, { y: buf.subarray(100), zf: state });
    expect(relErr(buf, ref.y)).toBeLessThan(1e-13);
    expect(relErr(state, ref.zf)).toBeLessThan(1e-13);
  });

  it('handles empty input and T shorter than the state', () => {
    const b = [1, 2, 3, 4];
    const a = [1, 0.5];
    const e = lfilter(b, a, new Float64Array(0), [1, 2, 3]);
    expect(e.y.length).toBe(0);
    expect(Array.from(e.zf)).toEqual([1, 2, 3]);
    const x = Float64Array.from([1, -1]);
    const whole = lfilter(b, a, Float64Array.from([1, -1, 0.5, 2]));
    const p1 = lfilter(b, a, x);
    const p2 = lfilter(b, a, Float64Array.from([0.5, 2]), p1.zf);
    expect(relErr([...p1.y, ...p2.y], whole.y)).toBeLessThan(1e-14);
  });
});

describe('lfilter input validation', () => {
  const x = new Float64Array(8);
  it('rejects a[0] = 0, empty or non-finite coefficients', () => {
    expect(() => lfilter([1], [0, 1], x)).toThrow(/a\[0\] must be non-zero/);
    expect(() => lfilter([], [1], x)).toThrow(RangeError);
    expect(() => lfilter([], [1], x)).toThrow(/\bb\b/);
    expect(() => lfilter([1], [], x)).toThrow(/lfilter: a/);
    expect(() => lfilter([1, Number.NaN], [1], x)).toThrow(/b\[1\] must be finite/);
    expect(() => lfilter([1], [1, Number.POSITIVE_INFINITY], x)).toThrow(/a\[1\] must be finite/);
    expect(() => lfilter(null as unknown as number[], [1], x)).toThrow(TypeError);
  });
  it('rejects wrong zi / out lengths, bad x and partial aliasing', () => {
    expect(() => lfilter([1, 2], [1, 0.5, 0.1], x, [0])).toThrow(/zi must have length 2/);
    expect(() => lfilter([1, 2], [1, 0.5], x, [Number.NaN])).toThrow(/zi\[0\] must be finite/);
    expect(() => lfilter([1], [1], x, null, { y: new Float64Array(3) })).toThrow(/out\.y/);
    expect(() => lfilter([1, 2], [1], x, null, { zf: new Float64Array(3) })).toThrow(/out\.zf/);
    expect(() => lfilter([1], [1], [1, 2] as unknown as Float64Array)).toThrow(/x must be a Float64Array/);
    const buf = new Float64Array(16);
    expect(() => lfilter([1], [1], buf.subarray(0, 8), null, { y: buf.subarray(4, 12) })).toThrow(/alias/);
  });
});
