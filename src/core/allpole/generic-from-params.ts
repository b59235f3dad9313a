import type { RealArray } from '../api.js';

/**
 * Generic (any order) kernels over coefficient AudioParam arrays (`P[i]` of length 1 or T),
 * used above the generated orders. Same operations in the same order as the generated kernels
 * (generated/lattice-params.ts, generated/allpole-params.ts), hence bit-identical. No allocation.
 */

/** Lattice over params; k clamped into [-L, L] (±Infinity → NaN, see from-params.ts). */
export function latticeParamsGeneric(
  x: RealArray,
  P: ArrayLike<Float32Array>,
  s: Float64Array,
  y: RealArray,
  T: number,
  M: number,
  L: number,
): void {
  const nL = -L;
  for (let t = 0; t < T; t++) {
    let f = x[t];
    for (let m = M; m >= 1; m--) {
      const p = P[m - 1];
      let k = p[p.length === 1 ? 0 : t];
      if (Math.abs(k) > L) k = (k > 0 ? L : nL) + (k - k);
      const bPrev = s[m - 1];
      f = f - k * bPrev;
      if (m < M) s[m] = bPrev + k * f;
    }
    s[0] = f;
    y[t] = f;
  }
}

/**
 * Direct form over params: `y[t] = x[t] - Σ_{i=M..1} a_i[t]·y[t-i]`; the state `s` (s[i] =
 * y[t-1-i]) is shifted in place each sample (O(M) moves: fine for the rare high orders).
 */
export function allpoleParamsGeneric(
  x: RealArray,
  P: ArrayLike<Float32Array>,
  s: Float64Array,
  y: RealArray,
  T: number,
  M: number,
): void {
  for (let t = 0; t < T; t++) {
    let v = x[t];
    for (let i = M; i >= 1; i--) {
      const p = P[i - 1];
      v -= p[p.length === 1 ? 0 : t] * s[i - 1];
    }
    y[t] = v;
    for (let i = M - 1; i >= 1; i--) s[i] = s[i - 1];
    s[0] = v;
  }
}
