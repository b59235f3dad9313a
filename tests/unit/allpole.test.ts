import { describe, expect, it } from 'vitest';
import { allpoleVjp } from '../../src/core/allpole/adjoint.js';
import { allpole, allpoleUnchecked } from '../../src/core/allpole/forward.js';
import { allpoleJvp } from '../../src/core/allpole/jvp.js';
import { expectClose, loadReference, maxAbsDiff, mulberry32, randomAllpoleProblem } from './helpers.js';

interface Case {
  name: string;
  T: number;
  M: number;
  x: number[];
  A: number[];
  zi: number[];
  g: number[];
  y: number[];
  dx: number[];
  dA: number[];
  dzi: number[];
}
const cases = loadReference<{ cases: Case[] }>('allpole_tv.json').cases;

describe('allpole vs torchlpc reference', () => {
  for (const c of cases) {
    it(`${c.name}: y, dx, dA, dzi (float64, 1e-9)`, () => {
      const x = Float64Array.from(c.x);
      const A = Float64Array.from(c.A);
      const { y, zf } = allpole(x, A, c.M, c.zi);
      expectClose(y, c.y, 1e-9);
      for (let i = 0; i < c.M; i++) expect(zf[i]).toBe(c.T - 1 - i >= 0 ? y[c.T - 1 - i] : c.zi[i - c.T]);
      const { dx, dA, dzi } = allpoleVjp(Float64Array.from(c.g), y, A, c.M, c.zi);
      expectClose(dx, c.dx, 1e-9);
      expectClose(dA, c.dA, 1e-9);
      expectClose(dzi, c.dzi, 1e-9);
    });
    it(`${c.name}: float32 arrays (1e-4)`, () => {
      const x = Float32Array.from(c.x);
      const A = Float32Array.from(c.A);
      const y = new Float32Array(c.T);
      allpole(x, A, c.M, Float32Array.from(c.zi), { y });
      expectClose(y, c.y, 1e-4);
      const { dx, dA, dzi } = allpoleVjp(Float32Array.from(c.g), y, A, c.M, Float32Array.from(c.zi));
      expectClose(dx, c.dx, 1e-4);
      expectClose(dA, c.dA, 1e-4);
      expectClose(dzi, c.dzi, 1e-4);
    });
  }
  it('order2_lti through the time-invariant fast path (single row)', () => {
    const c = cases.find((q) => q.name === 'order2_lti')!;
    for (let t = 1; t < c.T; t++) for (let i = 0; i < c.M; i++) expect(c.A[t * c.M + i]).toBe(c.A[i]);
    const row = Float64Array.from(c.A.slice(0, c.M));
    const { y } = allpole(Float64Array.from(c.x), row, c.M, c.zi);
    expectClose(y, c.y, 1e-9);
    const { dx, dA, dzi } = allpoleVjp(Float64Array.from(c.g), y, row, c.M, c.zi);
    expect(dA.length).toBe(c.M);
    const summed = new Float64Array(c.M);
    for (let t = 0; t < c.T; t++) for (let i = 0; i < c.M; i++) summed[i] += c.dA[t * c.M + i];
    expectClose(dx, c.dx, 1e-9);
    expectClose(dA, summed, 1e-9);
    expectClose(dzi, c.dzi, 1e-9);
  });
});

describe('allpole finite differences (float64, central)', () => {
  for (const [M, T, ti] of [
    [1, 40, false],
    [3, 50, false],
    [7, 64, true],
    [16, 70, false],
    [20, 30, true],
    [37, 90, false],
    [5, 3, false],
  ] as const) {
    it(`M=${M} T=${T} ${ti ? 'time-invariant' : 'time-varying'}: dx, dA, dzi`, () => {
      const p = randomAllpoleProblem(1000 + M * 7 + T, T, M);
      const A = ti ? p.a0 : p.A;
      const loss = (x: Float64Array, a: Float64Array, z: Float64Array) => {
        const { y } = allpole(x, a, M, z);
        let s = 0;
        for (let t = 0; t < T; t++) s += p.g[t] * y[t];
        return s;
      };
      const { y } = allpole(p.x, A, M, p.zi);
      const grads = allpoleVjp(p.g, y, A, M, p.zi);
      const h = 1e-6;
      const fd = (v: Float64Array, j: number) => {
        const o = v[j];
        v[j] = o + h;
        const lp = loss(p.x, A, p.zi);
        v[j] = o - h;
        const lm = loss(p.x, A, p.zi);
        v[j] = o;
        return (lp - lm) / (2 * h);
      };
      const rnd = mulberry32(M * 31 + T);
      for (const [v, grad] of [
        [p.x, grads.dx],
        [A, grads.dA],
        [p.zi, grads.dzi],
      ] as const) {
        for (let n = 0; n < 12; n++) {
          const j = Math.floor(rnd() * v.length);
          const num = fd(v, j);
          expect(Math.abs(num - grad[j])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(grad[j])));
        }
      }
    });
  }
});

describe('allpole streaming', () => {
  for (const M of [1, 2, 5, 16, 32, 33, 48]) {
    for (const ti of [false, true]) {
      it(`M=${M} ${ti ? 'TI' : 'TV'}: random blocks (incl. 1, non-multiples of 128) equal whole exactly`, () => {
        const T = 1500;
        const p = randomAllpoleProblem(77 + M, T, M, 0.9);
        const A = ti ? p.a0 : p.A;
        const whole = allpole(p.x, A, M, p.zi);
        const rnd = mulberry32(M + 5);
        const y = new Float64Array(T);
        const state = Float64Array.from(p.zi);
        let t = 0;
        const sizes = [1, 1, 3, 127, 129, 0, 200];
        let n = 0;
        while (t < T) {
          const len = Math.min(T - t, n < sizes.length ? sizes[n] : 1 + Math.floor(rnd() * 300));
          n++;
          const xb = p.x.subarray(t, t + len);
          const Ab = ti ? A : A.subarray(t * M, (t + len) * M);
          if (n % 2 === 0) allpole(xb, Ab, M, state, { y: y.subarray(t, t + len), zf: state });
          else allpoleUnchecked(xb, Ab, M, state, y.subarray(t, t + len));
          t += len;
        }
        expect(maxAbsDiff(y, whole.y)).toBe(0);
        expect(maxAbsDiff(state, whole.zf)).toBe(0);
      });
    }
  }
  it('in place (y aliases x) and zf aliasing zi', () => {
    const p = randomAllpoleProblem(5, 300, 9);
    const ref = allpole(p.x, p.A, 9, p.zi);
    const x = Float64Array.from(p.x);
    const s = Float64Array.from(p.zi);
    const r = allpole(x, p.A, 9, s, { y: x, zf: s });
    expect(r.y).toBe(x);
    expect(r.zf).toBe(s);
    expect(maxAbsDiff(x, ref.y)).toBe(0);
    expect(maxAbsDiff(s, ref.zf)).toBe(0);
  });
  it('returns the given output buffers', () => {
    const p = randomAllpoleProblem(6, 100, 4);
    const y = new Float32Array(100);
    const zf = new Float64Array(4);
    const r = allpole(p.x, p.A, 4, p.zi, { y, zf });
    expect(r.y).toBe(y);
    expect(r.zf).toBe(zf);
    const dx = new Float64Array(100);
    const dA = new Float64Array(400);
    const dzi = new Float64Array(4);
    const gr = allpoleVjp(p.g, y, p.A, 4, p.zi, { dx, dA, dzi });
    expect(gr.dx).toBe(dx);
    expect(gr.dA).toBe(dA);
    expect(gr.dzi).toBe(dzi);
  });
  it('short blocks T < M shift the state', () => {
    const M = 6;
    const zi = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const a = new Float64Array(M);
    const { y, zf } = allpole(Float64Array.from([7, 8]), a, M, zi);
    expect(Array.from(y)).toEqual([7, 8]);
    expect(Array.from(zf)).toEqual([8, 7, 1, 2, 3, 4]);
  });
});

describe('allpole input validation', () => {
  const x = new Float64Array(10);
  it('rejects bad order, lengths, non-finite values, wrong types', () => {
    expect(() => allpole(x, new Float64Array(20), 0)).toThrow(RangeError);
    expect(() => allpole(x, new Float64Array(20), 2.5)).toThrow(/M/);
    expect(() => allpole(x, new Float64Array(21), 2)).toThrow(/A\.length/);
    expect(() => allpole(x, new Float64Array(2), 2, [0, 0, 0])).toThrow(/zi/);
    const bad = new Float64Array(20);
    bad[13] = Number.NaN;
    expect(() => allpole(x, bad, 2)).toThrow(/A\[13\]/);
    bad[13] = Number.POSITIVE_INFINITY;
    expect(() => allpole(x, bad, 2)).toThrow(RangeError);
    expect(() => allpole(x, new Float64Array(2), 2, [0, Number.NaN])).toThrow(/zi\[1\]/);
    expect(() => allpole([1, 2] as unknown as Float64Array, new Float64Array(2), 2)).toThrow(TypeError);
    expect(() => allpole(x, new Float64Array(2), 2, null, { y: new Float64Array(9) })).toThrow(/out\.y/);
    expect(() => allpoleVjp(new Float64Array(10), new Float64Array(9), new Float64Array(2), 2)).toThrow(
      /y\.length/,
    );
    expect(() => allpoleVjp(x, x, new Float64Array(3), 2)).toThrow(/A\.length/);
    expect(() => allpoleVjp(x, x, new Float64Array(2), 2, [1])).toThrow(/zi/);
    const z2 = new Float64Array(2);
    expect(() => allpoleVjp(x, x, new Float64Array(2), 2, z2, { dzi: z2 })).toThrow(/alias/);
    // Non-finite entries of a time-varying track are named, wherever they are (incl. the last
    // row, which only reaches the adjoint through dzi when T is small, and zero signals).
    for (const [T, j] of [
      [10, 0],
      [10, 19],
      [10, 7],
      [1, 1],
    ] as const) {
      for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        const A = new Float64Array(T * 2);
        A[j] = v;
        const z = new Float64Array(T);
        expect(() => allpole(z, A, 2)).toThrow(new RegExp(`A\\[${j}\\]`));
        expect(() => allpoleVjp(z, z, A, 2)).toThrow(new RegExp(`A\\[${j}\\]`));
        expect(() => allpoleJvp(A, 2, null, z, null, null, null)).toThrow(new RegExp(`A\\[${j}\\]`));
        expect(() => allpoleJvp(new Float64Array(2), 2, null, z, null, A, null)).toThrow(
          new RegExp(`tA\\[${j}\\]`),
        );
      }
    }
  });
});
