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
  for (let i = 0; i < n; i++) {
    const kb = kOff + i * kStride;
    const r = hOff + i * M;
    const q = r + M;
    let f = x[xOff + i];
    f -= K[kb + M - 1] * hist[r + M - 1];
    for (let m = M - 1; m >= 1; m--) {
      const b = hist[r + m - 1];
      const k = K[kb + m - 1];
      f -= k * b;
      hist[q + m] = b + k * f;
    }
    hist[q] = f;
  }
}

/**
 * Adjoint of {@link latticeRecord} over the same n samples, last sample first. On entry
 * `lam[lOff..lOff+M)` is ∂L/∂(state after the segment); on exit ∂L/∂(state before it).
 * Per sample, with `a = g + λ'_0`, `f = y` and m = 1..M (λ'_M = 0):
 *   `a += k_m·λ'_m` (now a = ∂L/∂f_{m-1}),  `λ_{m-1} = λ'_m − k_m·a`,
 *   `∂L/∂k_m = λ'_m·f_{m-1} − a·s_{m-1}`,  `f_m = f_{m-1} + k_m·s_{m-1}`;  finally `∂L/∂x = a`.
 * `dx[dxOff + i]` receives ∂L/∂x. With `dkStride > 0` row i of ∂L/∂K is written at
 * `dK[dkOff + i·dkStride ..]`; with `dkStride = 0` it is added into `dK[dkOff..dkOff+M)`.
 * With equal offsets and strides (> 0), `dK` may be `K` itself: each coefficient is read
 * before its gradient overwrites it, and never read again.
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
  lOff: number,
  dx: RealArray,
  dxOff: number,
  dK: RealArray,
  dkOff: number,
  dkStride: number,
  M: number,
  n: number,
): void {
  const acc = dkStride === 0;
  for (let i = n - 1; i >= 0; i--) {
    const kb = kOff + i * kStride;
    const r = hOff + i * M;
    const db = dkOff + i * dkStride;
    let a = g[gOff + i] + lam[lOff];
    let f = hist[r + M];
    for (let m = 1; m < M; m++) {
      const lm = lam[lOff + m];
      const k = K[kb + m - 1];
      const s = hist[r + m - 1];
      a += k * lm;
      lam[lOff + m - 1] = lm - k * a;
      const d = lm * f - a * s;
      if (acc) dK[db + m - 1] += d;
      else dK[db + m - 1] = d;
      f += k * s;
    }
    const kM = K[kb + M - 1];
    lam[lOff + M - 1] = -kM * a;
    const dM = -a * hist[r + M - 1];
    if (acc) dK[db + M - 1] += dM;
    else dK[db + M - 1] = dM;
    dx[dxOff + i] = a;
  }
}
