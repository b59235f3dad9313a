import { describe, expect, it } from 'vitest';
import { allpoleVjp } from '../../src/core/allpole/adjoint.js';
import { clampReflection } from '../../src/core/allpole/clamp-reflection.js';
import { allpole } from '../../src/core/allpole/forward.js';
import { allpoleJvp } from '../../src/core/allpole/jvp.js';
import { lattice } from '../../src/core/allpole/lattice.js';
import { reflectionToDirect } from '../../src/core/params/reflection.js';
import {
  dot,
  expectClose,
  maxAbsDiff,
  mulberry32,
  randomAllpoleProblem,
  refScale,
  stepUpReference,
  uniformArray,
} from './helpers.js';

describe('allpoleJvp', () => {
  for (const [M, T, ti] of [
    [1, 60, false],
    [4, 80, true],
    [16, 120, false],
    [20, 50, true],
    [40, 100, false],
    [6, 4, false],
  ] as const) {
    const p = randomAllpoleProblem(300 + M + T, T, M);
    const A = ti ? p.a0 : p.A;
    const rnd = mulberry32(M * 13 + T);
    const tx = uniformArray(rnd, T);
    const tA = uniformArray(rnd, A.length);
    const tzi = uniformArray(rnd, M);
    const { y } = allpole(p.x, A, M, p.zi);
    const dy = allpoleJvp(A, M, p.zi, y, tx, tA, tzi);
    it(`M=${M} T=${T} ${ti ? 'TI' : 'TV'}: central finite difference along (tx, tA, tzi)`, () => {
      const h = 1e-6;
      const at = (e: number) => {
        const x = p.x.map((v, i) => v + e * tx[i]);
        const a = A.map((v, i) => v + e * tA[i]);
        const z = p.zi.map((v, i) => v + e * tzi[i]);
        return allpole(x, a, M, z).y;
      };
      const yp = at(h);
      const ym = at(-h);
      const num = yp.map((v, i) => (v - ym[i]) / (2 * h));
      expectClose(dy, num, 1e-6 * refScale(dy));
    });
    it(`M=${M} T=${T} ${ti ? 'TI' : 'TV'}: adjoint identity <jvp(v), w> = <v, vjp(w)>`, () => {
      const w = uniformArray(rnd, T);
      const gr = allpoleVjp(w, y, A, M, p.zi);
      const lhs = dot(dy, w);
      const rhs = dot(tx, gr.dx) + dot(tA, gr.dA) + dot(tzi, gr.dzi);
      const mag = Math.abs(dot(tx, gr.dx)) + Math.abs(dot(tA, gr.dA)) + Math.abs(dot(tzi, gr.dzi));
      expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-10 * Math.max(1, mag));
    });
  }
  it('null tangents are zero; x-only tangent equals filtering tx from rest', () => {
    const M = 5;
    const T = 64;
    const p = randomAllpoleProblem(9, T, M);
    const { y } = allpole(p.x, p.A, M, p.zi);
    const dy = new Float64Array(T);
    const r = allpoleJvp(p.A, M, p.zi, y, null, null, null, { dy });
    expect(r).toBe(dy);
    expect(dy.every((v) => v === 0)).toBe(true);
    const dyx = allpoleJvp(p.A, M, p.zi, y, p.g, null, null);
    expect(maxAbsDiff(dyx, allpole(p.g, p.A, M).y)).toBe(0);
  });
  it('Hessian-vector product of L = 0.5·Σy² w.r.t. A matches finite differences of the vjp', () => {
    const M = 3;
    const T = 40;
    const p = randomAllpoleProblem(21, T, M);
    const rnd = mulberry32(4);
    const v = uniformArray(rnd, p.A.length);
    const gradA = (A: Float64Array) => {
      const { y } = allpole(p.x, A, M, p.zi);
      return allpoleVjp(y, y, A, M, p.zi).dA;
    };
    // HVP = d/dε vjp(y(A+εv); A+εv): forward tangent dy then the vjp's linearity.
    const { y } = allpole(p.x, p.A, M, p.zi);
    const dy = allpoleJvp(p.A, M, p.zi, y, null, v, null);
    // d(dA)[t,i] = -(d dx[t]·y[t-i] + dx[t]·dy[t-i]); d dx = vjp of dy with tangent A: use FD of that part.
    const h = 1e-5;
    const Ap = p.A.map((a, i) => a + h * v[i]);
    const Am = p.A.map((a, i) => a - h * v[i]);
    const gp = gradA(Ap);
    const gm = gradA(Am);
    const hvpFd = gp.map((g, i) => (g - gm[i]) / (2 * h));
    // Assemble the HVP analytically: dx' solves the adjoint with g' = dy and perturbed coefficients.
    const base = allpoleVjp(y, y, p.A, M, p.zi);
    const dxA = allpoleVjp(dy, y, p.A, M, p.zi).dx;
    // Coefficient perturbation of the adjoint: dx[t] = g[t] - Σ A[t+i,i] dx[t+i] ⇒ extra source -Σ v[t+i,i] dx[t+i].
    const src = new Float64Array(T);
    for (let t = 0; t < T; t++)
      for (let i = 1; i <= M; i++) if (t + i < T) src[t] -= v[(t + i) * M + i - 1] * base.dx[t + i];
    const dxV = allpoleVjp(src, y, p.A, M, p.zi).dx;
    const hvp = new Float64Array(p.A.length);
    for (let t = 0; t < T; t++) {
      const ddx = dxA[t] + dxV[t];
      for (let i = 1; i <= M; i++) {
        const yp = t - i >= 0 ? y[t - i] : p.zi[i - t - 1];
        const dyp = t - i >= 0 ? dy[t - i] : 0;
        hvp[t * M + i - 1] = -(ddx * yp + base.dx[t] * dyp);
      }
    }
    expectClose(hvp, hvpFd, 1e-6 * refScale(hvp));
  });
});

/** Naive lattice with explicit f/b stage arrays (reference for per-sample K). */
function naiveLattice(x: Float64Array, K: Float64Array, M: number, perSample: boolean): Float64Array {
  const bPrev = new Float64Array(M + 1);
  const bCur = new Float64Array(M + 1);
  const y = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    const k = (m: number) => K[(perSample ? t * M : 0) + m - 1];
    const f = new Float64Array(M + 1);
    f[M] = x[t];
    for (let m = M; m >= 1; m--) f[m - 1] = f[m] - k(m) * bPrev[m - 1];
    bCur[0] = f[0];
    for (let m = 1; m <= M; m++) bCur[m] = bPrev[m - 1] + k(m) * f[m - 1];
    bPrev.set(bCur);
    y[t] = f[0];
  }
  return y;
}

describe('lattice', () => {
  for (const M of [1, 2, 3, 8, 16, 32, 48]) {
    it(`M=${M}: constant K equals allpole(stepUp(K)) to 1e-12; blocks equal whole exactly`, () => {
      const rnd = mulberry32(M + 100);
      // Speech-like reflection coefficients: large first stages, decaying later ones (a high-order
      // direct form from |k| ≈ 1 at every stage is too ill-conditioned to compare at 1e-12).
      const K = Float64Array.from(
        { length: M },
        (_, m) => (2 * rnd() - 1) * 0.95 * 0.8 ** Math.max(0, m - 3),
      );
      const x = uniformArray(rnd, 3000);
      const a = stepUpReference(K);
      expect(maxAbsDiff(a, reflectionToDirect(K))).toBeLessThanOrEqual(1e-12 * refScale(a));
      const ref = allpole(x, a, M).y;
      const state = new Float64Array(M);
      const y = new Float64Array(x.length);
      lattice(x, K, M, state, y);
      expectClose(y, ref, 1e-12);
      const y2 = new Float32Array(x.length);
      const s2 = new Float64Array(M);
      let t = 0;
      for (const len of [1, 127, 129, 5, 1000, 2000]) {
        const n = Math.min(len, x.length - t);
        lattice(x.subarray(t, t + n), K, M, s2, y2.subarray(t, t + n));
        t += n;
      }
      expect(maxAbsDiff(y2, Float32Array.from(y))).toBe(0);
    });
  }
  it('per-sample K (T×M) matches a naive stage-array lattice and in-place works', () => {
    const M = 7;
    const T = 500;
    const rnd = mulberry32(8);
    const K = uniformArray(rnd, T * M, 0.99);
    const x = uniformArray(rnd, T);
    const ref = naiveLattice(x, K, M, true);
    const y = Float64Array.from(x);
    lattice(y, K, M, new Float64Array(M), y);
    expectClose(y, ref, 1e-12);
    // Constant K given as T×M rows equals the constant form.
    const Kc = K.subarray(0, M);
    const rows = new Float64Array(T * M);
    for (let t = 0; t < T; t++) rows.set(Kc, t * M);
    const yc = new Float64Array(T);
    const yr = new Float64Array(T);
    lattice(x, Kc, M, new Float64Array(M), yc);
    lattice(x, rows, M, new Float64Array(M), yr);
    expect(maxAbsDiff(yc, yr)).toBe(0);
    expectClose(yc, naiveLattice(x, Kc.slice(), M, false), 1e-12);
  });
  it('rejects bad order and lengths', () => {
    const x = new Float64Array(4);
    expect(() => lattice(x, new Float64Array(2), 0, new Float64Array(0), x)).toThrow(/M/);
    expect(() => lattice(x, new Float64Array(3), 2, new Float64Array(2), x)).toThrow(/K\.length/);
    expect(() => lattice(x, new Float64Array(2), 2, new Float64Array(3), x)).toThrow(/state/);
    expect(() => lattice(x, new Float64Array(2), 2, new Float64Array(2), new Float64Array(3))).toThrow(/out/);
  });
});

describe('clampReflection', () => {
  it('clamps in place into [-limit, limit], NaN to 0', () => {
    const k = Float64Array.from([0.5, 1.5, -2, Number.NaN, 0.9999999, -0.3]);
    clampReflection(k);
    expect(Array.from(k)).toEqual([0.5, 0.999999, -0.999999, 0, 0.999999, -0.3]);
    const k2 = Float32Array.from([0.95, -0.95]);
    clampReflection(k2, 0.9);
    expect(Array.from(k2)).toEqual([Math.fround(0.9), Math.fround(-0.9)]);
    expect(() => clampReflection(k, 0)).toThrow(/limit/);
    expect(() => clampReflection(k, 1.5)).toThrow(RangeError);
  });
});
