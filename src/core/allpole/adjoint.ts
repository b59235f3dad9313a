import type { AllPoleGradients, NumericInput, RealArray } from '../api.js';
import { backwardKernel } from './dispatch.js';
import {
  checkCoefficients,
  checkFinite,
  checkLength,
  checkNumeric,
  checkOrder,
  checkReal,
  checkTrackAfter,
} from './validate.js';

let ziScratch = new Float64Array(32);

/**
 * Adjoint (vector-Jacobian product) of {@link allpole} for `L = Σ_t g[t]·y[t]`, in one backward
 * recursion: `dx[t] = g[t] - Σ_i A[t+i, i]·dx[t+i]`, `dA[t,i] = -dx[t]·y[t-i]` (y[t-i] taken
 * from `zi` when t-i < 0) and `dzi` from continuing the recursion past t = 0.
 *
 * - `y` is the forward output of the same call (length T), `A` the same coefficients
 *   (T×M, or M: then `dA` has length M, summed over t), `zi` the same initial state (default 0).
 * - Outputs `out.dx` (T), `out.dA` (A.length), `out.dzi` (M) are Float64Array; when all are
 *   given nothing is allocated (besides a module scratch for a non-float64 zi). They must
 *   not alias the inputs.
 * - A non-finite entry of a time-varying A is detected from dx/dzi (O(T)) and then named.
 */
export function allpoleVjp(
  g: RealArray,
  y: RealArray,
  A: RealArray,
  M: number,
  zi?: NumericInput | null,
  out?: { dx?: Float64Array; dA?: Float64Array; dzi?: Float64Array },
): AllPoleGradients {
  const fn = 'allpoleVjp';
  checkReal(fn, 'g', g);
  checkReal(fn, 'y', y);
  checkReal(fn, 'A', A);
  checkOrder(fn, M);
  const T = g.length;
  checkLength(fn, 'y', y, T);
  const ti = checkCoefficients(fn, 'A', A, T, M);
  let z: Float64Array;
  if (zi != null) {
    checkNumeric(fn, 'zi', zi);
    checkLength(fn, 'zi', zi, M);
    checkFinite(fn, 'zi', zi);
    if (zi instanceof Float64Array) z = zi;
    else {
      if (ziScratch.length < M) ziScratch = new Float64Array(M);
      z = ziScratch;
      for (let i = 0; i < M; i++) z[i] = zi[i];
    }
  } else {
    if (ziScratch.length < M) ziScratch = new Float64Array(M);
    z = ziScratch;
    z.fill(0, 0, M);
  }
  const dx = out?.dx ?? new Float64Array(T);
  const dA = out?.dA ?? new Float64Array(A.length);
  const dzi = out?.dzi ?? new Float64Array(M);
  checkLength(fn, 'out.dx', dx, T);
  checkLength(fn, 'out.dA', dA, A.length);
  checkLength(fn, 'out.dzi', dzi, M);
  if (dzi === zi || dzi === z || dx === y || dA === A) {
    throw new RangeError(`${fn}: outputs must not alias the inputs (out.dzi/zi, out.dx/y, out.dA/A)`);
  }
  backwardKernel(M, ti)(g, y, A, z, dx, dA, dzi, T, M);
  if (!ti) {
    checkTrackAfter(fn, 'A', A, dx);
    checkTrackAfter(fn, 'A', A, dzi);
  }
  return { dx, dA, dzi };
}
