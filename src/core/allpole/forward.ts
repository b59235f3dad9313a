import type { AllPoleOutput, NumericInput, RealArray } from '../api.js';
import { checkStableRows, type StabilityCheckOptions, wantsStableCheck } from '../params/check-stable.js';
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

/**
 * Time-varying all-pole filter (torchlpc convention):
 * `y[t] = x[t] - Σ_{i=1..M} A[t*M + i-1] · y[t-i]`, with initial state `zi[i] = y[-1-i]`.
 *
 * - `A` is row-major T×M (time-varying), or has length M (time-invariant fast path).
 * - `zi` (length M, default zeros) is read once; `out.zf` (length M) receives the final state
 *   `zf[i] = y[T-1-i]` and MAY alias `zi`, so a streaming caller keeps one state buffer:
 *   running blocks back to back with zf → zi gives exactly the samples of one whole run.
 * - `x`, `A` and `out.y` may be Float64Array or Float32Array; the recursion and the state are
 *   always float64 (a Float32Array `y` only rounds what is stored). `out.y` may alias `x`.
 * - When `out.y` and `out.zf` are given nothing is allocated and they are returned.
 * Throws TypeError/RangeError naming the argument on bad input. A non-finite entry of a
 * time-varying A is detected from the output (O(T), then A is scanned to name the entry; the
 * outputs have been written when that error is thrown). See {@link allpoleUnchecked} for the
 * validation-free real-time entry.
 * Stability: poles on or outside the unit circle are filtered as given, so the output grows
 * without bound (to ±Infinity/NaN). `options.check: 'stable'` refuses such coefficients first
 * (RangeError naming `A`, or its row for a time-varying A; O(rows·M²)).
 */
export function allpole<Y extends RealArray = Float64Array>(
  x: RealArray,
  A: RealArray,
  M: number,
  zi?: NumericInput | null,
  out?: { y?: Y; zf?: Float64Array },
  options?: StabilityCheckOptions,
): AllPoleOutput<Y> {
  const fn = 'allpole';
  checkReal(fn, 'x', x);
  checkReal(fn, 'A', A);
  checkOrder(fn, M);
  const T = x.length;
  const ti = checkCoefficients(fn, 'A', A, T, M);
  if (wantsStableCheck(fn, options)) {
    checkFinite(fn, 'A', A);
    checkStableRows(fn, 'A', A, M, ti ? 1 : T);
  }
  const y = (out?.y ?? new Float64Array(T)) as Y;
  checkReal(fn, 'out.y', y);
  checkLength(fn, 'out.y', y, T);
  const zf = out?.zf ?? new Float64Array(M);
  if (!(zf instanceof Float64Array)) throw new TypeError(`${fn}: out.zf must be a Float64Array`);
  checkLength(fn, 'out.zf', zf, M);
  if (zi != null) {
    checkNumeric(fn, 'zi', zi);
    checkLength(fn, 'zi', zi, M);
    checkFinite(fn, 'zi', zi);
    if (zi !== zf) for (let i = 0; i < M; i++) zf[i] = zi[i];
  } else {
    zf.fill(0);
  }
  forwardKernel(M, ti)(x, A, y, zf, T, M);
  if (!ti) checkTrackAfter(fn, 'A', A, y);
  return { y, zf };
}

/**
 * Real-time entry of {@link allpole}: no validation, no allocation, no result object.
 * Filters `x` into `y` (length T = x.length, may alias x) with `A` of length T*M
 * (time-varying) or M (time-invariant, chosen by `A.length === M` when T !== 1), updating
 * `state` (length M, `state[i] = y[-1-i]` → `y[T-1-i]`) in place. The caller guarantees
 * finite coefficients, integer M >= 1 and matching lengths (undefined results otherwise).
 */
export function allpoleUnchecked(
  x: RealArray,
  A: RealArray,
  M: number,
  state: Float64Array,
  y: RealArray,
): void {
  const T = x.length;
  forwardKernel(M, A.length !== T * M)(x, A, y, state, T, M);
}
