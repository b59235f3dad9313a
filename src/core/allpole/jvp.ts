import type { NumericInput, RealArray } from '../api.js';
import { forwardKernel } from './dispatch.js';
import {
  checkCoefficients,
  checkFinite,
  checkLength,
  checkNumeric,
  checkOrder,
  checkReal,
  checkTrackAfter,
} from './validate.js';

let stateScratch = new Float64Array(32);

/**
 * Forward-mode derivative (Jacobian-vector product) of {@link allpole} with respect to
 * `x`, `A` and `zi`: the tangent `dy` obeys
 * `dy[t] = tx[t] - Σ_i A[t,i]·dy[t-i] - Σ_i tA[t,i]·y[t-i]`, with `dy[-1-i] = tzi[i]` and
 * `y[-1-i] = zi[i]`. It is the same filter run on the input `tx - tA ⊛ y`, so the cost is
 * one forward pass. Combined with {@link allpoleVjp} it gives Hessian-vector products.
 *
 * - `A` (T×M or M), `zi` (length M, null = zeros) and `y` (length T) are the primal call's.
 * - `tx` (T), `tA` (T×M or M, independently of A's shape) and `tzi` (M) are the tangents;
 *   null means a zero tangent.
 * - `out.dy` (Float64Array, length T) receives the result; when given nothing is allocated
 *   (a module scratch of M float64 holds the tangent state). `out.dy` may alias `tx`.
 */
export function allpoleJvp(
  A: RealArray,
  M: number,
  zi: NumericInput | null | undefined,
  y: RealArray,
  tx: RealArray | null | undefined,
  tA: RealArray | null | undefined,
  tzi: NumericInput | null | undefined,
  out?: { dy?: Float64Array },
): Float64Array {
  const fn = 'allpoleJvp';
  checkReal(fn, 'A', A);
  checkReal(fn, 'y', y);
  checkOrder(fn, M);
  const T = y.length;
  const ti = checkCoefficients(fn, 'A', A, T, M);
  if (zi != null) {
    checkNumeric(fn, 'zi', zi);
    checkLength(fn, 'zi', zi, M);
  }
  if (tx != null) {
    checkReal(fn, 'tx', tx);
    checkLength(fn, 'tx', tx, T);
  }
  let tStride = 0;
  if (tA != null) {
    checkReal(fn, 'tA', tA);
    tStride = checkCoefficients(fn, 'tA', tA, T, M) ? 0 : M;
  }
  if (tzi != null) {
    checkNumeric(fn, 'tzi', tzi);
    checkLength(fn, 'tzi', tzi, M);
    checkFinite(fn, 'tzi', tzi);
  }
  const dy = out?.dy ?? new Float64Array(T);
  checkLength(fn, 'out.dy', dy, T);
  // u[t] = tx[t] - Σ_i tA[t,i]·y[t-i], written into dy.
  for (let t = 0; t < T; t++) {
    let acc = tx != null ? tx[t] : 0;
    if (tA != null) {
      const b = t * tStride;
      for (let i = M; i >= 1; i--) {
        const yp = t - i >= 0 ? y[t - i] : zi != null ? zi[i - t - 1] : 0;
        acc -= tA[b + i - 1] * yp;
      }
    }
    dy[t] = acc;
  }
  if (stateScratch.length < M) stateScratch = new Float64Array(M);
  const s = stateScratch;
  for (let i = 0; i < M; i++) s[i] = tzi != null ? tzi[i] : 0;
  forwardKernel(M, ti)(dy, A, dy, s, T, M);
  if (!ti) checkTrackAfter(fn, 'A', A, dy);
  if (tA != null && tStride !== 0) checkTrackAfter(fn, 'tA', tA, dy);
  return dy;
}
