import type { NumericInput, RealArray } from '../api.js';
import {
  checkFinite,
  checkLength,
  checkNumeric,
  checkOrder,
  checkReal,
  checkTrackAfter,
} from './validate.js';

/** Caller buffers of {@link latticeJvp}; every field is optional. */
export interface LatticeJvpOptions {
  /** Output tangent dy, length T (may alias `tx`). */
  dy?: Float64Array;
  /** Output: the primal y, computed on the way (length T, may alias `x`). */
  y?: RealArray;
  /** Work space, length ≥ 3M (primal state, tangent state, a zero row). */
  scratch?: Float64Array;
}

/**
 * Forward-mode derivative (Jacobian-vector product) of {@link lattice} with respect to `x`, `K`
 * and `zi`: the tangent `dy` of `y` along `(tx, tK, tzi)`. The primal lattice runs alongside
 * its tangent (same recursion, one pass, O(M) memory), per stage m = M..1:
 * `ḟ_{m-1} = ḟ_m − k̇_m·s_{m-1} − k_m·ṡ_{m-1}`, `ṡ'_m = ṡ_{m-1} + k̇_m·f_{m-1} + k_m·ḟ_{m-1}`,
 * with `ḟ_M = ẋ` and `dy = ḟ_0`.
 *
 * - `x` (T), `K` (T×M or M) and `zi` (M, lattice state layout, null = rest) are the primal
 *   inputs; `tx` (T), `tK` (T×M or M, independently of K's shape) and `tzi` (M) the tangents,
 *   null meaning zero.
 * - `opts.dy`, `opts.y` and `opts.scratch` are caller buffers: with `dy` and `scratch` given
 *   nothing is allocated. Returns dy. Wrong lengths are RangeErrors naming the argument.
 * Combined with {@link latticeVjp}: `<g, J·v> = <Jᵀ·g, v>` (tested).
 */
export function latticeJvp(
  x: RealArray,
  K: RealArray,
  M: number,
  zi: NumericInput | null | undefined,
  tx: RealArray | null | undefined,
  tK: RealArray | null | undefined,
  tzi: NumericInput | null | undefined,
  opts?: LatticeJvpOptions,
): Float64Array {
  const fn = 'latticeJvp';
  checkReal(fn, 'x', x);
  checkReal(fn, 'K', K);
  checkOrder(fn, M);
  const T = x.length;
  const kStride = rowStride(fn, 'K', K, T, M);
  if (kStride === 0) checkFinite(fn, 'K', K);
  let tkStride = 0;
  if (tK != null) {
    checkReal(fn, 'tK', tK);
    tkStride = rowStride(fn, 'tK', tK, T, M);
  }
  if (tx != null) {
    checkReal(fn, 'tx', tx);
    checkLength(fn, 'tx', tx, T);
  }
  if (zi != null) {
    checkNumeric(fn, 'zi', zi);
    checkLength(fn, 'zi', zi, M);
    checkFinite(fn, 'zi', zi);
  }
  if (tzi != null) {
    checkNumeric(fn, 'tzi', tzi);
    checkLength(fn, 'tzi', tzi, M);
    checkFinite(fn, 'tzi', tzi);
  }
  const dy = opts?.dy ?? new Float64Array(T);
  checkLength(fn, 'opts.dy', dy, T);
  if (opts?.y != null) checkLength(fn, 'opts.y', opts.y, T);
  const w = opts?.scratch ?? new Float64Array(3 * M);
  if (w.length < 3 * M)
    throw new RangeError(`${fn}: opts.scratch.length must be >= ${3 * M} (got ${w.length})`);
  for (let j = 0; j < M; j++) {
    w[j] = zi != null ? zi[j] : 0;
    w[M + j] = tzi != null ? tzi[j] : 0;
    w[2 * M + j] = 0;
  }
  latticeTangent(
    x,
    0,
    K,
    0,
    kStride,
    tx ?? w,
    tx != null ? 0 : 2 * M,
    tx != null ? 1 : 0,
    tK ?? w,
    tK != null ? 0 : 2 * M,
    tkStride,
    w,
    0,
    w,
    M,
    opts?.y ?? null,
    0,
    dy,
    0,
    M,
    T,
  );
  if (kStride !== 0) checkTrackAfter(fn, 'K', K, dy);
  if (tK != null && tkStride !== 0) checkTrackAfter(fn, 'tK', tK, dy);
  return dy;
}

/** Row stride of a coefficient array of length T×M (M) or M (0); RangeError naming it otherwise. */
function rowStride(fn: string, name: string, A: RealArray, T: number, M: number): number {
  if (A.length === T * M) return M;
  if (A.length === M) return 0;
  throw new RangeError(`${fn}: ${name}.length must be T*M = ${T * M} or M = ${M} (got ${A.length})`);
}

/**
 * Unchecked primal + tangent lattice over n samples, everything addressed by offsets and
 * strides (stride 0 repeats one row/value): input `x[xOff+i]`, rows `K[kOff+i·kStride]`,
 * tangents `tx[txOff+i·txStride]`, `tK[tkOff+i·tkStride]`; primal state `s[sOff..+M)` and
 * tangent state `ds[dsOff..+M)` updated in place; writes `y[yOff+i]` (when y is not null) and
 * `dy[dyOff+i]`. The primal operations are those of `lattice`, in the same order.
 */
export function latticeTangent(
  x: ArrayLike<number>,
  xOff: number,
  K: ArrayLike<number>,
  kOff: number,
  kStride: number,
  tx: ArrayLike<number>,
  txOff: number,
  txStride: number,
  tK: ArrayLike<number>,
  tkOff: number,
  tkStride: number,
  s: Float64Array,
  sOff: number,
  ds: Float64Array,
  dsOff: number,
  y: RealArray | null,
  yOff: number,
  dy: Float64Array,
  dyOff: number,
  M: number,
  n: number,
): void {
  // Stages are taken two at a time (then one if M−1 is odd), as in the VJP's tape kernels.
  for (let i = 0; i < n; i++) {
    const kb = kOff + i * kStride - 1;
    const tb = tkOff + i * tkStride - 1;
    const so = sOff - 1;
    const dso = dsOff - 1;
    let f = x[xOff + i];
    let df = tx[txOff + i * txStride];
    const bTop = s[so + M];
    const kTop = K[kb + M];
    f -= kTop * bTop;
    df -= tK[tb + M] * bTop + kTop * ds[dso + M];
    let m = M - 1;
    for (; m >= 2; m -= 2) {
      const b1 = s[so + m];
      const d1 = ds[dso + m];
      const k1 = K[kb + m];
      const t1 = tK[tb + m];
      const b2 = s[so + m - 1];
      const d2 = ds[dso + m - 1];
      const k2 = K[kb + m - 1];
      const t2 = tK[tb + m - 1];
      f -= k1 * b1;
      df -= t1 * b1 + k1 * d1;
      s[so + m + 1] = b1 + k1 * f;
      ds[dso + m + 1] = d1 + t1 * f + k1 * df;
      f -= k2 * b2;
      df -= t2 * b2 + k2 * d2;
      s[so + m] = b2 + k2 * f;
      ds[dso + m] = d2 + t2 * f + k2 * df;
    }
    if (m === 1) {
      const b = s[so + 1];
      const d = ds[dso + 1];
      const k = K[kb + 1];
      const t = tK[tb + 1];
      f -= k * b;
      df -= t * b + k * d;
      s[so + 2] = b + k * f;
      ds[dso + 2] = d + t * f + k * df;
    }
    s[sOff] = f;
    ds[dsOff] = df;
    if (y !== null) y[yOff + i] = f;
    dy[dyOff + i] = df;
  }
}
