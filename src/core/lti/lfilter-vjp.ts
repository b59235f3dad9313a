/**
 * `lfilterVjp`: vector-Jacobian products of `lfilter` (zero initial state) for `L = Σ_t g[t]·y[t]`.
 *
 * With the normalised filter b' = b/a0, a' = a/a0 and the all-pole adjoint
 * `v[t] = g[t] - Σ_{k≥1} a'_k v[t+k]` (g filtered by 1/A' backwards in time):
 * - `dx[t] = Σ_k b'_k v[t+k]` — the time-reversed filtering of g by the same filter B/A;
 * - `db[k] = (1/a0) Σ_t v[t]·x[t-k]`;
 * - `da[k] = -(1/a0) Σ_t v[t]·y[t-k]` for every k ≥ 0; for k = 0 this is exactly the derivative
 *   through the normalisation by a[0] (it equals -(Σ b'·db' + Σ_{k≥1} a'_k·da'_k)/a0).
 * All of this is one fused backward sweep (see lfilter-vjp-kernels.ts).
 *
 * Cost: per sample the backward needs (n-1) + n multiply-adds for v and dx (the forward filter's
 * 2n-1, run backwards) plus 2n for the db/da correlations, i.e. about twice the forward's work.
 * Measured (Node 20, shared machine, median): seed case n = 3, T = 32000: 0.10 ms vs 0.07 ms
 * forward (1.45×); n = 9, T = 48000: ~0.65 ms vs ~0.26 ms (~2.5×, the op-count floor is 2.06×).
 */
import type { LfilterGradients, NumericInput, RealArray } from '../api.js';
import { normaliseCoefficients } from './lfilter.js';
import { vjpGeneric, vjpKernel } from './lfilter-vjp-kernels.js';
import { checkFilter, checkLength, checkSignal } from './validate.js';

let coefScratch = new Float64Array(32);
let accScratch = new Float64Array(32);
let vScratch = new Float64Array(0);

/**
 * Gradients of `L = Σ g·y` with `y = lfilter(b, a, x)` (zero initial state) with respect to
 * b, a and x.
 *
 * @param b numerator (length nb ≥ 1, finite).
 * @param a denominator (length na ≥ 1, finite, a[0] ≠ 0).
 * @param x forward input (length T).
 * @param y forward output `lfilter(b, a, x).y` (length T); it is not recomputed.
 * @param g upstream gradient dL/dy (length T).
 * @param out optional caller-owned outputs `db` (nb), `da` (na), `dx` (T, Float64Array; may be `g`
 *   itself). With all three given, nothing is allocated for n = max(nb, na) ≤ 9 (module scratch
 *   for larger orders grows once).
 * @returns `{ db, da, dx }`.
 * @throws TypeError/RangeError naming the argument (bad coefficients, mismatched lengths).
 */
export function lfilterVjp(
  b: NumericInput,
  a: NumericInput,
  x: RealArray,
  y: RealArray,
  g: RealArray,
  out?: { db?: Float64Array; da?: Float64Array; dx?: Float64Array },
): LfilterGradients {
  const fn = 'lfilterVjp';
  checkFilter(fn, b, a);
  checkSignal(fn, 'x', x);
  checkSignal(fn, 'y', y);
  checkSignal(fn, 'g', g);
  const T = x.length;
  checkLength(fn, 'y', y, T);
  checkLength(fn, 'g', g, T);
  const nb = b.length;
  const na = a.length;
  const n = Math.max(nb, na);
  const db = out?.db ?? new Float64Array(nb);
  const da = out?.da ?? new Float64Array(na);
  const dx = out?.dx ?? new Float64Array(T);
  checkLength(fn, 'out.db', db, nb);
  checkLength(fn, 'out.da', da, na);
  checkLength(fn, 'out.dx', dx, T);
  if (!(dx instanceof Float64Array)) throw new TypeError(`${fn}: out.dx must be a Float64Array`);
  if (coefScratch.length < 2 * n) {
    coefScratch = new Float64Array(2 * n);
    accScratch = new Float64Array(2 * n);
  }
  const c = coefScratch;
  const acc = accScratch;
  normaliseCoefficients(b, a, c);
  const kernel = vjpKernel(n);
  if (kernel !== null) kernel(c, g, x, y, dx, acc);
  else {
    if (vScratch.length < T + n) vScratch = new Float64Array(T + n);
    vjpGeneric(c, n, g, x, y, dx, acc, vScratch);
  }
  const inv = 1 / a[0];
  for (let k = 0; k < nb; k++) db[k] = acc[k] * inv;
  for (let k = 0; k < na; k++) da[k] = -acc[n + k] * inv;
  return { db, da, dx };
}
