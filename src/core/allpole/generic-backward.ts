import type { RealArray } from '../api.js';

/**
 * Generic (any order) adjoint kernels and the edge helpers the generated kernels share.
 *
 * The adjoint of `y[t] = x[t] - Σ_i A[t,i]·y[t-i]` for `L = Σ g·y` is one backward recursion
 * `dx[t] = g[t] - Σ_{i=1..M, t+i<T} A[t+i, i]·dx[t+i]` (A[t+i, i] = A[(t+i)*M + i-1]), then
 * `dA[t,i] = -dx[t]·y[t-i]` (y[t-i] = zi[i-t-1] for t-i < 0) and, continuing the recursion
 * past t = 0 with g = 0, `dzi[j] = -Σ_{i>j} A[i-1-j, i]·dx[i-1-j]`.
 * Summation order is i = M down to 1, like the generated kernels (bit-identical dx).
 */

/** Rows t = tFrom down to tTo (inclusive) of the time-varying adjoint, with all bounds guarded. */
export function backwardTvRows(
  g: RealArray,
  y: RealArray,
  A: RealArray,
  zi: Float64Array,
  dx: Float64Array,
  dA: Float64Array,
  T: number,
  M: number,
  tFrom: number,
  tTo: number,
): void {
  for (let t = tFrom; t >= tTo; t--) {
    let acc = g[t];
    for (let i = M; i >= 1; i--) if (t + i < T) acc -= A[(t + i) * M + i - 1] * dx[t + i];
    dx[t] = acc;
    const b = t * M;
    for (let i = 1; i <= M; i++) dA[b + i - 1] = -acc * (t - i >= 0 ? y[t - i] : zi[i - t - 1]);
  }
}

/** Rows t = tFrom down to tTo of the time-invariant dx recursion (dA is done by `correlateDa`). */
export function backwardTiRows(
  g: RealArray,
  A: RealArray,
  dx: Float64Array,
  T: number,
  M: number,
  tFrom: number,
  tTo: number,
): void {
  for (let t = tFrom; t >= tTo; t--) {
    let acc = g[t];
    for (let i = M; i >= 1; i--) if (t + i < T) acc -= A[i - 1] * dx[t + i];
    dx[t] = acc;
  }
}

/** Time-invariant dA: `dA[i-1] = -Σ_t dx[t]·y[t-i]` (with zi for t-i < 0). */
export function correlateDa(
  y: RealArray,
  zi: Float64Array,
  dx: Float64Array,
  dA: Float64Array,
  T: number,
  M: number,
): void {
  for (let i = 1; i <= M; i++) {
    let s0 = 0;
    let s1 = 0;
    let t = i;
    for (; t + 1 < T; t += 2) {
      s0 += dx[t] * y[t - i];
      s1 += dx[t + 1] * y[t + 1 - i];
    }
    if (t < T) s0 += dx[t] * y[t - i];
    const head = Math.min(i, T);
    for (let u = 0; u < head; u++) s1 += dx[u] * zi[i - u - 1];
    dA[i - 1] = -(s0 + s1);
  }
}

/** dzi by continuing the adjoint past t = 0; `rowStride` is M (time-varying) or 0. */
export function adjointState(
  A: RealArray,
  dx: Float64Array,
  dzi: Float64Array,
  T: number,
  M: number,
  rowStride: number,
): void {
  for (let j = 0; j < M; j++) {
    let acc = 0;
    for (let i = M; i > j; i--) {
      const t = i - 1 - j;
      if (t < T) acc -= A[t * rowStride + i - 1] * dx[t];
    }
    dzi[j] = acc;
  }
}

/** Generic time-varying adjoint (any M). */
export function backwardTvGeneric(
  g: RealArray,
  y: RealArray,
  A: RealArray,
  zi: Float64Array,
  dx: Float64Array,
  dA: Float64Array,
  dzi: Float64Array,
  T: number,
  M: number,
): void {
  const tailEnd = Math.max(T - M, 0);
  backwardTvRows(g, y, A, zi, dx, dA, T, M, T - 1, tailEnd);
  let t = tailEnd - 1;
  const M1 = M + 1;
  for (; t >= M; t--) {
    const b = t * M;
    let acc = g[t];
    for (let i = M; i >= 1; i--) acc -= A[b + i * M1 - 1] * dx[t + i];
    dx[t] = acc;
    const n = -acc;
    for (let i = 1; i <= M; i++) dA[b + i - 1] = n * y[t - i];
  }
  backwardTvRows(g, y, A, zi, dx, dA, T, M, t, 0);
  adjointState(A, dx, dzi, T, M, M);
}

/** Generic time-invariant adjoint (any M); dA has length M (summed over t). */
export function backwardTiGeneric(
  g: RealArray,
  y: RealArray,
  A: RealArray,
  zi: Float64Array,
  dx: Float64Array,
  dA: Float64Array,
  dzi: Float64Array,
  T: number,
  M: number,
): void {
  const tailEnd = Math.max(T - M, 0);
  backwardTiRows(g, A, dx, T, M, T - 1, tailEnd);
  for (let t = tailEnd - 1; t >= 0; t--) {
    let acc = g[t];
    for (let i = M; i >= 1; i--) acc -= A[i - 1] * dx[t + i];
    dx[t] = acc;
  }
  correlateDa(y, zi, dx, dA, T, M);
  adjointState(A, dx, dzi, T, M, 0);
}
