/**
 * `lfilter`: linear time-invariant IIR filter with scipy.signal.lfilter semantics,
 * `a[0]·y[t] = Σ_k b[k]·x[t-k] - Σ_{k≥1} a[k]·y[t-k]`.
 *
 * State layout is scipy's transposed direct form II: with n = max(len a, len b) and the
 * coefficients normalised by a[0] and zero-padded to length n, `zi`/`zf` have n-1 entries and
 * `zf[i] = Σ_{k>i} (b[k]·x[T-1+i+1-k] - a[k]·y[T-1+i+1-k])` (past samples before the block come
 * from `zi`). Feeding `zf` of one block as `zi` of the next gives the same output as filtering
 * the whole signal at once.
 *
 * Implementation: the same transposed-DF-II recursion as scipy, in straight-line kernels with
 * coefficients and state in locals for n ≤ 9 (see lfilter-kernels.ts), a generic loop above.
 */
import type { LfilterOutput, NumericInput, RealArray } from '../api.js';
import { checkStableRows, type StabilityCheckOptions, wantsStableCheck } from '../params/check-stable.js';
import { tdf2Generic, tdf2Kernel } from './lfilter-kernels.js';
import { checkFilter, checkLength, checkNoOverlap, checkSignal } from './validate.js';

let coefScratch = new Float64Array(32);

/**
 * Writes `[b/a0 (padded to n), a/a0 (padded to n)]` into `c` (length ≥ 2n) and returns n.
 * No validation; allocates nothing.
 */
export function normaliseCoefficients(b: NumericInput, a: NumericInput, c: Float64Array): number {
  const nb = b.length;
  const na = a.length;
  const n = Math.max(nb, na);
  const a0 = a[0];
  for (let k = 0; k < n; k++) {
    c[k] = k < nb ? b[k] / a0 : 0;
    c[n + k] = k < na ? a[k] / a0 : 0;
  }
  c[n] = 1;
  return n;
}

/**
 * Low-level kernel (no validation, no allocation): filters `x` with the normalised coefficients
 * `c` of size `n` (layout of {@link normaliseCoefficients}) from state `zi` (length n-1, or null
 * for rest) into `y` (length x.length, may alias x) and writes the final state into `zf`
 * (length n-1, may alias zi). Real-time safe.
 */
export function lfilterKernel(
  c: Float64Array,
  n: number,
  x: RealArray,
  zi: NumericInput | null,
  y: Float64Array,
  zf: Float64Array,
): void {
  const ns = n - 1;
  if (zi) {
    if (zi !== zf) for (let i = 0; i < ns; i++) zf[i] = zi[i];
  } else {
    zf.fill(0);
  }
  if (ns === 0) {
    const b0 = c[0];
    const T = x.length;
    for (let t = 0; t < T; t++) y[t] = b0 * x[t];
    return;
  }
  const kernel = tdf2Kernel(n);
  if (kernel !== null) kernel(c, x, y, zf);
  else tdf2Generic(c, n, x, y, zf);
}

/**
 * Filters `x` with the rational transfer function `B(z)/A(z)` exactly like
 * `scipy.signal.lfilter(b, a, x, zi=zi)`.
 *
 * @param b numerator coefficients (length ≥ 1, finite).
 * @param a denominator coefficients (length ≥ 1, finite, `a[0] ≠ 0`; normalised by `a[0]`).
 * @param x input signal, Float64Array or Float32Array (computed in float64).
 * @param zi initial state, length `max(len a, len b) - 1`, scipy's transposed-DF-II layout
 *   (e.g. the `zf` of the previous block); omitted/null = initial rest.
 * @param out optional caller-owned buffers: `y` (Float64Array, length T; may be `x` itself when
 *   x is a Float64Array, for in-place filtering, but must not partially overlap it)
 *   and `zf` (length n-1, may alias `zi`). With both given nothing is allocated
 *   (the coefficient scratch is module-owned and grows only for a larger order).
 * @param options `check: 'stable'` refuses a denominator that is not minimum phase (RangeError
 *   naming `a`) before filtering. Without it such poles are filtered as given and the output
 *   grows without bound (to ±Infinity/NaN).
 * @returns `{ y, zf }`.
 * @throws TypeError/RangeError naming the argument for empty/non-finite coefficients,
 *   `a[0] = 0`, wrong `zi`/`out` lengths or aliasing.
 */
export function lfilter(
  b: NumericInput,
  a: NumericInput,
  x: RealArray,
  zi?: NumericInput | null,
  out?: { y?: Float64Array; zf?: Float64Array },
  options?: StabilityCheckOptions,
): LfilterOutput {
  checkFilter('lfilter', b, a);
  if (wantsStableCheck('lfilter', options) && a.length > 1) {
    const an = Float64Array.from({ length: a.length - 1 }, (_, i) => a[i + 1] / a[0]);
    checkStableRows('lfilter', 'a', an, an.length, 1);
  }
  checkSignal('lfilter', 'x', x);
  const n = Math.max(b.length, a.length);
  if (zi != null) {
    checkLength('lfilter', 'zi', zi, n - 1);
    for (let i = 0; i < n - 1; i++) {
      if (!Number.isFinite(zi[i])) throw new RangeError(`lfilter: zi[${i}] must be finite`);
    }
  }
  let y = out?.y;
  if (y === undefined) y = new Float64Array(x.length);
  else {
    if (!(y instanceof Float64Array)) throw new TypeError('lfilter: out.y must be a Float64Array');
    checkLength('lfilter', 'out.y', y, x.length);
    checkNoOverlap('lfilter', 'out.y', y, x);
  }
  let zf = out?.zf;
  if (zf === undefined) zf = new Float64Array(n - 1);
  else checkLength('lfilter', 'out.zf', zf, n - 1);
  if (coefScratch.length < 2 * n) coefScratch = new Float64Array(2 * n);
  normaliseCoefficients(b, a, coefScratch);
  lfilterKernel(coefScratch, n, x, zi ?? null, y, zf);
  return { y, zf };
}
