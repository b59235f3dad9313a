import type { RealArray } from '../api.js';

/**
 * Generic (any order) lattice kernel: the loop of {@link lattice} (see lattice.ts for the
 * recursion and the state layout). `K` is read at row `t*stride` (stride M per sample, 0 for
 * one constant row). The generated order-specialised kernels (generated/lattice.ts) perform
 * the same operations in the same order, so they are bit-identical. No allocation.
 */
export function latticeGeneric(
  x: RealArray,
  K: RealArray,
  s: Float64Array,
  y: RealArray,
  T: number,
  stride: number,
): void {
  const M = s.length;
  for (let t = 0; t < T; t++) {
    const b = t * stride;
    let f = x[t];
    let bPrev = s[M - 1];
    f -= K[b + M - 1] * bPrev;
    for (let m = M - 1; m >= 1; m--) {
      bPrev = s[m - 1];
      const k = K[b + m - 1];
      f -= k * bPrev;
      s[m] = bPrev + k * f;
    }
    s[0] = f;
    y[t] = f;
  }
}
