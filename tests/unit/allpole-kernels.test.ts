import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateAllpoleKernels, MAX_SPECIALISED } from '../../scripts/gen-allpole-kernels.js';
import { backwardKernel, forwardKernel, prepareAllpole } from '../../src/core/allpole/dispatch.js';
import { backwardTiGeneric, backwardTvGeneric } from '../../src/core/allpole/generic-backward.js';
import { forwardTiGeneric, forwardTvGeneric } from '../../src/core/allpole/generic-forward.js';
import { mulberry32 } from './helpers.js';

/** Random stable direct-form row via a private step-up of |k| < 0.9 (decaying for high orders). */
function stableRow(rnd: () => number, M: number): Float64Array {
  const a = new Float64Array(M);
  const tmp = new Float64Array(M);
  for (let m = 1; m <= M; m++) {
    const k = (2 * rnd() - 1) * 0.9 * 0.9 ** Math.max(0, m - 4);
    for (let i = 0; i < m - 1; i++) tmp[i] = a[i] + k * a[m - 2 - i];
    for (let i = 0; i < m - 1; i++) a[i] = tmp[i];
    a[m - 1] = k;
  }
  return a;
}

/** Textbook loops written independently of the kernels (reference at 1e-12). */
function naiveForward(x: Float64Array, A: Float64Array, M: number, zi: Float64Array, stride: number) {
  const T = x.length;
  const y = new Float64Array(T);
  const past = (t: number) => (t >= 0 ? y[t] : zi[-1 - t]);
  for (let t = 0; t < T; t++) {
    let s = x[t];
    for (let i = 1; i <= M; i++) s -= A[t * stride + i - 1] * past(t - i);
    y[t] = s;
  }
  return y;
}
function naiveBackward(
  g: Float64Array,
  y: Float64Array,
  A: Float64Array,
  M: number,
  zi: Float64Array,
  stride: number,
) {
  const T = g.length;
  const dx = new Float64Array(T);
  const dA = new Float64Array(stride === 0 ? M : T * M);
  const dzi = new Float64Array(M);
  for (let t = T - 1; t >= -M; t--) {
    let s = t >= 0 ? g[t] : 0;
    for (let i = 1; i <= M; i++) if (t + i < T && t + i >= 0) s -= A[(t + i) * stride + i - 1] * dx[t + i];
    if (t < 0) {
      dzi[-1 - t] = s;
      continue;
    }
    dx[t] = s;
    for (let i = 1; i <= M; i++) dA[t * stride + i - 1] -= s * (t - i >= 0 ? y[t - i] : zi[i - t - 1]);
  }
  return { dx, dA, dzi };
}

function maxRel(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  let s = 1;
  for (let i = 0; i < b.length; i++) s = Math.max(s, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m / s;
}

describe('specialised kernels equal the generic loops', () => {
  for (let M = 1; M <= 40; M++) {
    it(`M=${M}: forward and backward, TV and TI, several lengths`, () => {
      const rnd = mulberry32(M * 1009);
      for (const T of [0, 1, M - 1, M, M + 1, 2 * M + 1, 257]) {
        if (T < 0) continue;
        const x = Float64Array.from({ length: T }, () => 2 * rnd() - 1);
        const g = Float64Array.from({ length: T }, () => 2 * rnd() - 1);
        const zi = Float64Array.from({ length: M }, () => 2 * rnd() - 1);
        const row = stableRow(rnd, M);
        const Atv = new Float64Array(T * M);
        for (let t = 0; t < T; t++)
          Atv.set(t % 50 === 0 ? stableRow(rnd, M) : Atv.subarray((t - 1) * M, t * M), t * M);
        for (const ti of [false, true]) {
          const A = ti ? row : Atv;
          const stride = ti ? 0 : M;
          const ys = new Float64Array(T);
          const ss = Float64Array.from(zi);
          forwardKernel(M, ti)(x, A, ys, ss, T, M);
          const yg = new Float64Array(T);
          const sg = Float64Array.from(zi);
          (ti ? forwardTiGeneric : forwardTvGeneric)(x, A, yg, sg, T, M);
          expect(Array.from(ys)).toEqual(Array.from(yg));
          expect(Array.from(ss)).toEqual(Array.from(sg));
          expect(maxRel(ys, naiveForward(x, A, M, zi, stride))).toBeLessThanOrEqual(1e-12);

          const outS = [new Float64Array(T), new Float64Array(A.length), new Float64Array(M)] as const;
          const outG = [new Float64Array(T), new Float64Array(A.length), new Float64Array(M)] as const;
          backwardKernel(M, ti)(g, ys, A, zi, outS[0], outS[1], outS[2], T, M);
          (ti ? backwardTiGeneric : backwardTvGeneric)(g, ys, A, zi, outG[0], outG[1], outG[2], T, M);
          for (let k = 0; k < 3; k++) expect(Array.from(outS[k])).toEqual(Array.from(outG[k]));
          const ref = naiveBackward(g, ys, A, M, zi, stride);
          expect(maxRel(outS[0], ref.dx)).toBeLessThanOrEqual(1e-12);
          expect(maxRel(outS[1], ref.dA)).toBeLessThanOrEqual(1e-12);
          expect(maxRel(outS[2], ref.dzi)).toBeLessThanOrEqual(1e-12);
        }
      }
    });
  }
  it(`orders 1..${MAX_SPECIALISED} are specialised, higher orders generic`, () => {
    expect(forwardKernel(16, false).name).toBe('forwardTv16');
    expect(forwardKernel(MAX_SPECIALISED, true).name).toBe(`forwardTi${MAX_SPECIALISED}`);
    expect(backwardKernel(20, false).name).toBe('backwardTv20');
    expect(backwardKernel(MAX_SPECIALISED + 1, false)).toBe(backwardTvGeneric);
    expect(forwardKernel(MAX_SPECIALISED + 1, true)).toBe(forwardTiGeneric);
  });
});

describe('high orders, long signals, poles near the unit circle', () => {
  for (const M of [24, 32, 48]) {
    it(`M=${M}, T=8192, |k1| = 0.995: forward and adjoint vs textbook loops (1e-9)`, () => {
      const rnd = mulberry32(M * 7);
      const T = 8192;
      const a = new Float64Array(M);
      const tmp = new Float64Array(M);
      for (let m = 1; m <= M; m++) {
        const k = m === 1 ? -0.995 : m === 2 ? 0.99 : (2 * rnd() - 1) * 0.9 * 0.85 ** (m - 3);
        for (let i = 0; i < m - 1; i++) tmp[i] = a[i] + k * a[m - 2 - i];
        for (let i = 0; i < m - 1; i++) a[i] = tmp[i];
        a[m - 1] = k;
      }
      const A = new Float64Array(T * M);
      for (let t = 0; t < T; t++)
        for (let i = 0; i < M; i++) A[t * M + i] = a[i] * (1 - 0.02 * Math.sin(t / 900));
      const x = Float64Array.from({ length: T }, () => 2 * rnd() - 1);
      const g = Float64Array.from({ length: T }, () => 2 * rnd() - 1);
      const zi = Float64Array.from({ length: M }, () => 2 * rnd() - 1);
      const y = new Float64Array(T);
      const s = Float64Array.from(zi);
      forwardKernel(M, false)(x, A, y, s, T, M);
      expect(maxRel(y, naiveForward(x, A, M, zi, M))).toBeLessThanOrEqual(1e-9);
      const dx = new Float64Array(T);
      const dA = new Float64Array(T * M);
      const dzi = new Float64Array(M);
      backwardKernel(M, false)(g, y, A, zi, dx, dA, dzi, T, M);
      const ref = naiveBackward(g, y, A, M, zi, M);
      expect(maxRel(dx, ref.dx)).toBeLessThanOrEqual(1e-9);
      expect(maxRel(dA, ref.dA)).toBeLessThanOrEqual(1e-9);
      expect(maxRel(dzi, ref.dzi)).toBeLessThanOrEqual(1e-9);
    });
  }
});

describe('prepareAllpole', () => {
  it('validates M and leaves results unchanged', () => {
    expect(() => prepareAllpole(0)).toThrow(RangeError);
    expect(() => prepareAllpole(1.5)).toThrow(/M/);
    const x = Float64Array.from({ length: 300 }, (_, t) => Math.sin(t));
    const a = Float64Array.from([0.5, -0.2, 0.1]);
    const before = new Float64Array(300);
    forwardKernel(3, true)(x, a, before, new Float64Array(3), 300, 3);
    prepareAllpole(3, true);
    prepareAllpole(45, true);
    const after = new Float64Array(300);
    forwardKernel(3, true)(x, a, after, new Float64Array(3), 300, 3);
    expect(Array.from(after)).toEqual(Array.from(before));
  });
});

describe('generated kernels are up to date', () => {
  it('regenerating gives identical text', () => {
    const files = generateAllpoleKernels();
    expect([...files.keys()].sort()).toEqual([
      'allpole-params.ts',
      'backward-ti.ts',
      'backward-tv.ts',
      'forward-ti.ts',
      'forward-tv.ts',
      'lattice-params.ts',
      'lattice-track.ts',
      'lattice.ts',
    ]);
    for (const [name, text] of files) {
      const onDisk = readFileSync(
        new URL(`../../src/core/allpole/generated/${name}`, import.meta.url),
        'utf8',
      );
      expect(onDisk === text, `${name} differs: run npm run gen`).toBe(true);
    }
  });
});
