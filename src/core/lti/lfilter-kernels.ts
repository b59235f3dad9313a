/**
 * Straight-line transposed-direct-form-II kernels for `lfilter`, one per filter size
 * n = max(len a, len b) from 2 to 9 (1 to 8 states), plus a generic loop for any n.
 * Coefficients and state live in locals inside the loop (measured ~2-3× faster than indexing
 * arrays). The specialised kernels are generated at build time by scripts/gen-lfilter-kernels.ts
 * into generated/tdf2-kernels.ts (no eval / new Function, so strict-CSP pages work).
 *
 * Latency trick: the loop-carried chain of the textbook recursion is y -> a1·y -> z0 -> y (three
 * dependent flops). The kernels keep `w = z0 + a1·y_prev` instead of z0 and form
 * `y = (b0·x + w) - a1·y_prev`, so the chain is one multiply and one subtraction (~20% faster);
 * z0 is restored as `w - a1·y_prev` at the end. Same values as scipy up to rounding (~1 ulp).
 *
 * Contract of every kernel `(c, x, y, z)`:
 * - `c` holds the normalised, zero-padded coefficients `[b_0..b_{n-1}, 1, a_1..a_{n-1}]` (2n values).
 * - per sample: `y = b0·x + z0; z_i = b_{i+1}·x + z_{i+1} - a_{i+1}·y` (scipy's recursion), over
 *   all of `x`, with the state `z` (length n-1) read at the start and written back at the end.
 * - `y` (length ≥ x.length) may alias `x` (each x[t] is read before y[t] is written). No allocation.
 */
import type { RealArray } from '../api.js';
import { kernelFamily, selectKernel } from '../kernel-dispatch.js';
import { TDF2_KERNELS } from './generated/tdf2-kernels.js';

/** Signature shared by the specialised kernels. */
export type Tdf2Kernel = (c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array) => void;

/** Generic transposed DF-II for any n ≥ 2 (state kept in `z`); same contract as the kernels. */
export function tdf2Generic(
  c: Float64Array,
  n: number,
  x: RealArray,
  y: Float64Array,
  z: Float64Array,
): void {
  const T = x.length;
  const ns = n - 1;
  const b0 = c[0];
  for (let t = 0; t < T; t++) {
    const xt = x[t];
    const yt = b0 * xt + z[0];
    for (let i = 0; i < ns - 1; i++) z[i] = c[i + 1] * xt + z[i + 1] - c[n + i + 1] * yt;
    z[ns - 1] = c[n - 1] * xt - c[2 * n - 1] * yt;
    y[t] = yt;
  }
}

/**
 * Selection and priming: the one rule of core/kernel-dispatch.ts. Each kernel is primed on a few
 * samples (module buffers, no allocation); the generic loop over sizes 2..4.
 */
const PRIME_N = 4;
const pc = new Float64Array(2 * Math.max(TDF2_KERNELS.length, PRIME_N)).fill(0.125);
const px = new Float64Array(5).fill(0.25);
const py = new Float64Array(5);
const pz = new Float64Array(Math.max(TDF2_KERNELS.length, PRIME_N));

const TDF2 = kernelFamily(TDF2_KERNELS, (i) => {
  const k = TDF2_KERNELS[i];
  if (k !== null) k(pc, px, py, pz);
  else for (let n = 2; n <= PRIME_N; n++) tdf2Generic(pc, n, px, py, pz);
});

/**
 * The specialised (generated) kernel for size `n`, or null when only the generic one applies.
 * Primes the kernel returned (or the generic loop) on its first selection; allocates nothing.
 */
export function tdf2Kernel(n: number): Tdf2Kernel | null {
  return selectKernel(TDF2, n);
}
