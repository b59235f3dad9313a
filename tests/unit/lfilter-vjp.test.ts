import { describe, expect, it } from 'vitest';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { lfilterVjp } from '../../src/core/lti/lfilter-vjp.js';
import { vjpGeneric, vjpKernel } from '../../src/core/lti/lfilter-vjp-kernels.js';
import { bump, centralDiff, dot, loadReference, mulberry32, relErr, uniformArray } from './helpers.js';

/** Stable denominator from random pole pairs of radius ≤ 0.9, scaled by a0. */
function stableA(order: number, rand: () => number, a0: number): number[] {
  let p = [1];
  for (let k = 0; k < order; k += 2) {
    const r = 0.9 * Math.sqrt(rand());
    const th = Math.PI * rand();
    const q = k + 1 < order ? [1, -2 * r * Math.cos(th), r * r] : [1, -r];
    const out = new Array(p.length + q.length - 1).fill(0);
    for (let i = 0; i < p.length; i++) for (let j = 0; j < q.length; j++) out[i + j] += p[i] * q[j];
    p = out;
  }
  return p.map((v) => v * a0);
}

describe('lfilterVjp vs torch autograd (reference vectors)', () => {
  for (const c of loadReference('lfilter.json').cases) {
    it(`${c.name}: db, da, dx match at 1e-9`, () => {
      const x = Float64Array.from(c.x);
      const { y } = lfilter(c.b, c.a, x);
      const gr = lfilterVjp(c.b, c.a, x, y, Float64Array.from(c.g));
      expect(relErr(gr.db, c.db)).toBeLessThanOrEqual(1e-9);
      expect(relErr(gr.da, c.da)).toBeLessThanOrEqual(1e-9);
      expect(relErr(gr.dx, c.dx)).toBeLessThanOrEqual(1e-9);
    });
  }
});

describe('lfilterVjp vs finite differences (float64, seeded)', () => {
  const shapes: [number, number][] = [
    [1, 1],
    [1, 3],
    [3, 1],
    [2, 3],
    [5, 4],
    [9, 9],
    [4, 12],
    [13, 2],
  ];
  for (const [nb, na] of shapes) {
    it(`nb=${nb}, na=${na} (a[0] ≠ 1)`, () => {
      const rand = mulberry32(1000 + 17 * nb + na);
      const T = 150 + (nb % 2); // odd and even lengths (the kernels take two steps at a time)
      const b = Array.from(uniformArray(rand, nb));
      const a = stableA(na - 1, rand, 0.7 + rand());
      const x = uniformArray(rand, T);
      const g = uniformArray(rand, T);
      const loss = (bb: number[], aa: number[], xx: Float64Array) => dot(g, lfilter(bb, aa, xx).y);
      const { y } = lfilter(b, a, x);
      const gr = lfilterVjp(b, a, x, y, g);
      const h = 1e-6;
      const fdB = b.map((_, k) => centralDiff((s) => loss(bump(b, k, s), a, x), h));
      const fdA = a.map((_, k) => centralDiff((s) => loss(b, bump(a, k, s), x), h));
      expect(relErr(gr.db, fdB)).toBeLessThan(1e-6);
      expect(relErr(gr.da, fdA)).toBeLessThan(1e-6);
      for (const t of [0, 1, 7, T - 2, T - 1]) {
        const fdx = centralDiff((s) => {
          const xx = Float64Array.from(x);
          xx[t] += s;
          return loss(b, a, xx);
        }, h);
        expect(Math.abs(gr.dx[t] - fdx)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fdx)));
      }
      // y is linear in x: the adjoint identity <g, J v> = <dx, v> holds to rounding.
      const v = uniformArray(rand, T);
      const lhs = dot(g, lfilter(b, a, v).y);
      expect(Math.abs(lhs - dot(gr.dx, v))).toBeLessThan(1e-11 * Math.max(1, Math.abs(lhs)));
    });
  }
});

describe('lfilterVjp kernels', () => {
  it('specialised kernels equal the generic one for every n = 2..9 and short/odd lengths', () => {
    const rand = mulberry32(21);
    for (let n = 2; n <= 9; n++) {
      const c = new Float64Array(2 * n);
      for (let k = 0; k < n; k++) c[k] = 2 * rand() - 1;
      c[n] = 1;
      for (let k = 1; k < n; k++) c[n + k] = (0.9 * (2 * rand() - 1)) / n;
      for (const T of [0, 1, 2, 3, 4, 7, 64, 65]) {
        const g = uniformArray(rand, T);
        const x = uniformArray(rand, T);
        const y = uniformArray(rand, T);
        const dx1 = new Float64Array(T);
        const dx2 = new Float64Array(T);
        const acc1 = new Float64Array(2 * n);
        const acc2 = new Float64Array(2 * n);
        vjpKernel(n)!(c, g, x, y, dx1, acc1);
        vjpGeneric(c, n, g, x, y, dx2, acc2, new Float64Array(T + n));
        expect(relErr(dx1, dx2)).toBeLessThan(1e-13);
        expect(relErr(acc1, acc2)).toBeLessThan(1e-13);
      }
    }
  });
});

describe('lfilterVjp buffers and validation', () => {
  it('writes into caller buffers; dx may alias g; Float32 inputs accepted', () => {
    const rand = mulberry32(77);
    const b = [0.4, -0.1, 0.2];
    const a = [1.3, -1.1, 0.5];
    const x = uniformArray(rand, 64);
    const { y } = lfilter(b, a, x);
    const g = uniformArray(rand, 64);
    const ref = lfilterVjp(b, a, x, y, g);
    const out = { db: new Float64Array(3), da: new Float64Array(3), dx: Float64Array.from(g) };
    const res = lfilterVjp(b, a, x, y, out.dx, out);
    expect(res.db).toBe(out.db);
    expect(res.dx).toBe(out.dx);
    expect(relErr(res.dx, ref.dx)).toBe(0);
    expect(relErr(res.da, ref.da)).toBe(0);
    const x32 = Float32Array.from(x);
    const y32 = lfilter(b, a, x32).y;
    const r32 = lfilterVjp(b, a, x32, Float32Array.from(y32), Float32Array.from(g));
    expect(relErr(r32.db, ref.db)).toBeLessThan(1e-4);
  });

  it('rejects bad arguments naming them', () => {
    const s = new Float64Array(10);
    expect(() => lfilterVjp([1], [0], s, s, s)).toThrow(/lfilterVjp: a\[0\] must be non-zero/);
    expect(() => lfilterVjp([], [1], s, s, s)).toThrow(RangeError);
    expect(() => lfilterVjp([Number.NaN], [1], s, s, s)).toThrow(/b\[0\]/);
    expect(() => lfilterVjp([1], [1], s, new Float64Array(9), s)).toThrow(/\by must have length 10/);
    expect(() => lfilterVjp([1], [1], s, s, new Float64Array(11))).toThrow(/\bg must have length 10/);
    expect(() => lfilterVjp([1, 2], [1], s, s, s, { db: new Float64Array(1) })).toThrow(/out\.db/);
  });
});
