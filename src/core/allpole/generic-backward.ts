import type { RealArray } from '../api.js';

/**
 * Generic (any order) adjoint kernels and the edge helper the generated kernels share.
 *
 * The adjoint of `y[t] = x[t] - Σ_i A[t,i]·y[t-i]` for `L = Σ g·y` is the backward recursion
 * `dx[t] = g[t] - Σ_{i=1..M, t+i<T} A[t+i, i]·dx[t+i]`, then `dA[t,i] = -dx[t]·y[t-i]`
 * (y[t-i] = zi[i-t-1] for t-i < 0) and, continuing past t = 0 with g = 0,
 * `dzi[j] = -Σ_{i>j} A[i-1-j, i]·dx[i-1-j]`.
 *
 * It is run in SCATTER form (the transposed structure): once dx[s] is final, row s of A
 * (contiguous, prefetch-friendly, unlike the diagonal A[t+i, i]) pushes `-A[s,i]·dx[s]` into
 * the M pending sums of dx[s-1..s-M]. The pending state `st` (length M) holds
 * `st[0] = g[s] + acc[s]` (complete) and `st[k] = acc[s-k]` (partial), k = 1..M-1. After s = 0
 * the pending sums are exactly dzi, so the kernels use `dzi` itself as `st`.
 * Every kernel performs the same operations in the same order (bit-identical results).
 */

/**
 * Scatter rows s = sFrom down to 0 with every bound guarded; `st` (length M) is the pending
 * state on entry and dzi on exit. Writes dA rows when `writeDa` (time-varying A).
 */
export function scatterRows(
  g: RealArray,
  y: RealArray,
  A: RealArray,
  zi: Float64Array,
  dx: Float64Array,
  dA: Float64Array,
  st: Float64Array,
  sFrom: number,
  M: number,
  rowStride: number,
  writeDa: boolean,
): void {
  for (let s = sFrom; s >= 0; s--) {
    const v = st[0];
    dx[s] = v;
    const b = s * rowStride;
    if (writeDa) {
      for (let i = 1; i <= M; i++) dA[b + i - 1] = -v * (s - i >= 0 ? y[s - i] : zi[i - s - 1]);
    }
    const gPrev = s >= 1 ? g[s - 1] : 0;
    for (let k = 0; k < M; k++) {
      const next = k + 1 < M ? st[k + 1] : 0;
      st[k] = (k === 0 ? gPrev + next : next) - A[b + k] * v;
    }
  }
}

/** Initial pending state before s = T-1: st[0] = g[T-1], the rest 0. */
export function scatterStart(g: RealArray, st: Float64Array, T: number, M: number): void {
  st.fill(0, 0, M);
  if (T > 0) st[0] = g[T - 1];
}

/**
 * Time-invariant dA: `dA[i-1] = -Σ_t dx[t]·y[t-i]` (with zi for t-i < 0). Lags are done four
 * at a time (four independent sums, y window in locals: two loads per t), then the rest singly.
 */
export function correlateDa(
  y: RealArray,
  zi: Float64Array,
  dx: Float64Array,
  dA: Float64Array,
  T: number,
  M: number,
): void {
  let i = 1;
  for (; i + 3 <= M; i += 4) {
    // Lags i..i+3 for t >= i+3 (every y index >= 0); the rest through lagHead.
    const start = Math.min(i + 3, T);
    let s0 = lagHead(y, zi, dx, start, i);
    let s1 = lagHead(y, zi, dx, start, i + 1);
    let s2 = lagHead(y, zi, dx, start, i + 2);
    let s3 = lagHead(y, zi, dx, start, i + 3);
    if (start < T) {
      let w1 = y[start - i - 1];
      let w2 = y[start - i - 2];
      let w3 = y[start - i - 3];
      for (let t = start; t < T; t++) {
        const d = dx[t];
        const w0 = y[t - i];
        s0 += d * w0;
        s1 += d * w1;
        s2 += d * w2;
        s3 += d * w3;
        w3 = w2;
        w2 = w1;
        w1 = w0;
      }
    }
    dA[i - 1] = -s0;
    dA[i] = -s1;
    dA[i + 1] = -s2;
    dA[i + 2] = -s3;
  }
  for (; i <= M; i++) {
    const start = Math.min(i, T);
    let s0 = lagHead(y, zi, dx, start, i);
    let s1 = 0;
    let t = start;
    for (; t + 1 < T; t += 2) {
      s0 += dx[t] * y[t - i];
      s1 += dx[t + 1] * y[t + 1 - i];
    }
    if (t < T) s0 += dx[t] * y[t - i];
    dA[i - 1] = -(s0 + s1);
  }
}

/** Σ_{t < end} dx[t]·y[t-lag], with y[t-lag] = zi[lag-t-1] for t < lag. */
function lagHead(y: RealArray, zi: Float64Array, dx: Float64Array, end: number, lag: number): number {
  let s = 0;
  for (let t = 0; t < end; t++) s += dx[t] * (t >= lag ? y[t - lag] : zi[lag - t - 1]);
  return s;
}

/** Generic adjoint (any M); `rowStride` M (time-varying, dA T×M) or 0 (dA length M, summed). */
function backwardGeneric(
  g: RealArray,
  y: RealArray,
  A: RealArray,
  zi: Float64Array,
  dx: Float64Array,
  dA: Float64Array,
  st: Float64Array,
  T: number,
  M: number,
  rowStride: number,
): void {
  const tv = rowStride !== 0;
  scatterStart(g, st, T, M);
  let s = T - 1;
  // Bulk rows s >= M: no bounds to guard (y[s-M] and g[s-1] exist).
  for (; s >= M; s--) {
    const v = st[0];
    dx[s] = v;
    const b = s * rowStride;
    if (tv) {
      const n = -v;
      for (let i = 1; i <= M; i++) dA[b + i - 1] = n * y[s - i];
    }
    if (M === 1) {
      st[0] = g[s - 1] - A[b] * v;
      continue;
    }
    st[0] = g[s - 1] + st[1] - A[b] * v;
    for (let k = 1; k < M - 1; k++) st[k] = st[k + 1] - A[b + k] * v;
    st[M - 1] = 0 - A[b + M - 1] * v;
  }
  scatterRows(g, y, A, zi, dx, dA, st, s, M, rowStride, tv);
  if (!tv) correlateDa(y, zi, dx, dA, T, M);
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
  backwardGeneric(g, y, A, zi, dx, dA, dzi, T, M, M);
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
  backwardGeneric(g, y, A, zi, dx, dA, dzi, T, M, 0);
}
