import type { RealArray } from '../api.js';

/**
 * The lattice's reverse-mode building blocks over one segment of samples: a forward pass that
 * keeps the state history, and the adjoint pass that consumes it. Internal to the core (used by
 * `latticeVjp` and the frame-rate model's VJP); unchecked.
 *
 * Recursion (see lattice.ts): per sample, `f_M = x`, and for m = M down to 1
 * `f_{m-1} = f_m − k_m·s_{m-1}`, `s'_m = s_{m-1} + k_m·f_{m-1}` (m ≤ M−1), then
 * `s'_0 = y = f_0`, where `s_j = b_j[t-1]` is the state before the sample and `s'` after it.
 *
 * History layout: row i (`hist[hOff + i·M ..]`, M values) is the state before sample i of the
 * segment; row i+1 is the state after it, so `y = row(i+1)[0]`. The adjoint needs every
 * stage's `f_{m-1}`, in the order m = 1..M: it rebuilds them upward from `f_0 = y` by
 * `f_m = f_{m-1} + k_m·s_{m-1}` (the forward's own relation, solved for f_m), so one row of M
 * values per sample is all that is stored. Everything is addressed by offsets (no views).
 */

/**
 * Runs n samples of the lattice from state row 0 (`hist[hOff..hOff+M)`, set by the caller) on
 * `x[xOff + i]` with coefficient row `K[kOff + i·kStride ..]`, writing rows 1..n. The
 * operations are those of `latticeGeneric` in the same order: row i+1 is bit-identical to
 * `lattice`'s state after sample i (and its entry 0 to `y`).
 */
export function latticeRecord(
  x: ArrayLike<number>,
  xOff: number,
  K: ArrayLike<number>,
  kOff: number,
  kStride: number,
  hist: Float64Array,
  hOff: number,
  M: number,
  n: number,
): void {
  // Stages are taken two at a time (same operations, same order as the one-stage loop).
  for (let i = 0; i < n; i++) {
    const kb = kOff + i * kStride - 1;
    const r = hOff + i * M - 1;
    const q = r + M;
    let f = x[xOff + i];
    f -= K[kb + M] * hist[r + M];
    let m = M - 1;
    for (; m >= 2; m -= 2) {
      const b1 = hist[r + m];
      const k1 = K[kb + m];
      const b2 = hist[r + m - 1];
      const k2 = K[kb + m - 1];
      f -= k1 * b1;
      hist[q + m + 1] = b1 + k1 * f;
      f -= k2 * b2;
      hist[q + m] = b2 + k2 * f;
    }
    if (m === 1) {
      const b = hist[r + 1];
      const k = K[kb + 1];
      f -= k * b;
      hist[q + 2] = b + k * f;
    }
    hist[q + 1] = f;
  }
}

/**
 * Adjoint of {@link latticeRecord} over the same n samples, last sample first. On entry
 * `lam[0..M)` is ∂L/∂(state after the segment); on exit ∂L/∂(state before it).
 * Per sample, with `a = g + λ'_0`, `f = y` and m = 1..M (λ'_M = 0):
 *   `a += k_m·λ'_m` (now a = ∂L/∂f_{m-1}),  `λ_{m-1} = λ'_m − k_m·a`,
 *   `∂L/∂k_m = λ'_m·f_{m-1} − a·s_{m-1}`,  `f_m = f_{m-1} + k_m·s_{m-1}`;  finally `∂L/∂x = a`.
 * `dx[dxOff + i]` receives ∂L/∂x and row i of ∂L/∂K is written at `dK[dkOff + i·M ..]`.
 * With `dkOff = kOff` and `kStride = M`, `dK` may be `K` itself: each coefficient is read
 * before its gradient overwrites it, and never read again. (A constant K, `kStride = 0`,
 * still gets per-sample rows; the caller sums them.)
 */
export function latticeAdjoint(
  g: ArrayLike<number>,
  gOff: number,
  K: ArrayLike<number>,
  kOff: number,
  kStride: number,
  hist: Float64Array,
  hOff: number,
  lam: Float64Array,
  dx: RealArray,
  dxOff: number,
  dK: RealArray,
  dkOff: number,
  M: number,
  n: number,
): void {
  // Stages are taken two at a time (then one if M−1 is odd); the last stage has λ'_M = 0.
  for (let i = n - 1; i >= 0; i--) {
    const kb = kOff + i * kStride - 1;
    const r = hOff + i * M - 1;
    const db = dkOff + i * M - 1;
    let a = g[gOff + i] + lam[0];
    let f = hist[r + M + 1];
    let m = 1;
    for (; m + 1 < M; m += 2) {
      const l1 = lam[m];
      const l2 = lam[m + 1];
      const k1 = K[kb + m];
      const k2 = K[kb + m + 1];
      const s1 = hist[r + m];
      const s2 = hist[r + m + 1];
      a += k1 * l1;
      lam[m - 1] = l1 - k1 * a;
      dK[db + m] = l1 * f - a * s1;
      f += k1 * s1;
      a += k2 * l2;
      lam[m] = l2 - k2 * a;
      dK[db + m + 1] = l2 * f - a * s2;
      f += k2 * s2;
    }
    if (m < M) {
      const lm = lam[m];
      const k = K[kb + m];
      const s = hist[r + m];
      a += k * lm;
      lam[m - 1] = lm - k * a;
      dK[db + m] = lm * f - a * s;
    }
    lam[M - 1] = -K[kb + M] * a;
    dK[db + M] = -a * hist[r + M];
    dx[dxOff + i] = a;
  }
}
