/**
 * Fused reverse-time kernels for `lfilterVjp`, one per filter size n = max(len a, len b) from 2
 * to 9, plus a generic one. With normalised coefficients `c = [b'_0..b'_{n-1}, 1, a'_1..a'_{n-1}]`
 * and upstream gradient g, one backward sweep `t = T-1 … 0` computes
 * - the all-pole adjoint `v[t] = g[t] - Σ_{k≥1} a'_k v[t+k]` (v beyond the end is 0),
 * - `dx[t] = Σ_k b'_k v[t+k]` (this is the DF-II form of filtering g backwards in time),
 * - `acc[k] = Σ_t x[t] v[t+k]` and `acc[n+k] = Σ_t y[t] v[t+k]` for k < n,
 * with v[t+1..t+n-1], the coefficients and the 2n accumulators in locals, so the only
 * loop-carried chain is the same one-multiply-one-subtract recursion as the forward kernel.
 * The specialised kernels take two time steps per iteration (an odd first sample is peeled):
 * each accumulator then receives one addition per two samples, which measured 1.1-1.4× faster
 * than one step per iteration (V8 spills some of the 2n accumulators for n ≥ 4).
 * `dx` may alias `g` (g[t] is read before dx[t] is written). Allocates nothing.
 * The specialised kernels are generated at build time by scripts/gen-lfilter-kernels.ts into
 * generated/vjp-kernels.ts (no eval / new Function).
 */
import type { RealArray } from '../api.js';
import { kernelFamily, selectKernel } from '../kernel-dispatch.js';
import { VJP_KERNELS } from './generated/vjp-kernels.js';

/** Signature shared by the backward kernels. */
export type VjpKernel = (
  c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
) => void;

/**
 * Generic version for any n ≥ 1: `v` is caller scratch of length ≥ T + n - 1 (v[T..] are zeroed
 * here); same outputs as the specialised kernels.
 */
export function vjpGeneric(
  c: Float64Array,
  n: number,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
  v: Float64Array,
): void {
  const T = g.length;
  for (let k = 0; k < n - 1; k++) v[T + k] = 0;
  for (let t = T - 1; t >= 0; t--) {
    let s = g[t];
    for (let k = n - 1; k >= 1; k--) s -= c[n + k] * v[t + k];
    v[t] = s;
    let d = 0;
    for (let k = 0; k < n; k++) d += c[k] * v[t + k];
    dx[t] = d;
  }
  for (let k = 0; k < n; k++) {
    let p = 0;
    let q = 0;
    for (let t = 0; t + k < T; t++) {
      const vk = v[t + k];
      p += x[t] * vk;
      q += y[t] * vk;
    }
    acc[k] = p;
    acc[n + k] = q;
  }
}

/**
 * Selection and priming: the one rule of core/kernel-dispatch.ts, on 4- and 5-sample inputs in
 * alternate rounds (both paths of the odd-length peel); the generic loop over sizes 1..4.
 */
const PRIME_N = 4;
const pc = new Float64Array(2 * Math.max(VJP_KERNELS.length, PRIME_N)).fill(0.125);
const ps = new Float64Array(5).fill(0.25);
const ps4 = ps.subarray(1);
const pdx = new Float64Array(5);
const pacc = new Float64Array(pc.length);
const pv = new Float64Array(5 + PRIME_N);

const VJP = kernelFamily(VJP_KERNELS, (i, r) => {
  const k = VJP_KERNELS[i];
  const g = r & 1 ? ps4 : ps;
  if (k !== null) k(pc, g, ps, ps, pdx, pacc);
  else for (let n = 1; n <= PRIME_N; n++) vjpGeneric(pc, n, g, ps, ps, pdx, pacc, pv);
});

/**
 * The specialised (generated) backward kernel for size `n`, or null when only the generic one
 * applies. Primes the kernel returned (or the generic one) on its first selection; allocates nothing.
 */
export function vjpKernel(n: number): VjpKernel | null {
  return selectKernel(VJP, n);
}
