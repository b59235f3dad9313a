import type { RealArray } from '../api.js';

/**
 * Generic (any order) forward all-pole kernels. The recent outputs live in a float64 ring
 * buffer of length 2M in which each value is stored twice (at p and p+M), so the window
 * `y[t-M..t-1]` is always the contiguous slice `ring[p..p+M-1]`: no modulo in the inner loop.
 * Summation order matches the generated kernels exactly (i = M down to 1), so the specialised
 * and generic paths give bit-identical samples.
 */

let ring = new Float64Array(128);

/** Module-level scratch of at least n float64 (grows once; never shrinks). */
function ringOf(n: number): Float64Array {
  if (ring.length < n) ring = new Float64Array(Math.max(n, 2 * ring.length));
  return ring;
}

/** Generic forward pass; `rowStride` is M for time-varying A and 0 for a single row. */
function forwardGeneric(
  x: RealArray,
  A: RealArray,
  y: RealArray,
  s: Float64Array,
  T: number,
  M: number,
  rowStride: number,
): void {
  const h = ringOf(2 * M);
  for (let i = 1; i <= M; i++) {
    const v = s[i - 1];
    h[M - i] = v;
    h[2 * M - i] = v;
  }
  let p = 0;
  let b = 0;
  for (let t = 0; t < T; t++) {
    let acc = x[t];
    const w = p + M;
    for (let i = M; i >= 1; i--) acc -= A[b + i - 1] * h[w - i];
    y[t] = acc;
    h[p] = acc;
    h[w] = acc;
    b += rowStride;
    p++;
    if (p === M) p = 0;
  }
  for (let i = 0; i < M; i++) s[i] = h[p + M - 1 - i];
}

/** Generic time-varying forward kernel (A is T×M). */
export function forwardTvGeneric(
  x: RealArray,
  A: RealArray,
  y: RealArray,
  s: Float64Array,
  T: number,
  M: number,
): void {
  forwardGeneric(x, A, y, s, T, M, M);
}

/** Generic time-invariant forward kernel (A has length M). */
export function forwardTiGeneric(
  x: RealArray,
  A: RealArray,
  y: RealArray,
  s: Float64Array,
  T: number,
  M: number,
): void {
  forwardGeneric(x, A, y, s, T, M, 0);
}
