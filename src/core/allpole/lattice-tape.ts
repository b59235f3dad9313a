import type { RealArray } from '../api.js';

/**
 * The lattice's reverse-mode building blocks over one segment of samples: a forward pass that
 * records every stage's values on a tape, and the adjoint pass that consumes the tape.
 * Internal to the core (used by `latticeVjp` and the frame-rate model's VJP); unchecked.
 *
 * Recursion (see lattice.ts): per sample, `f_M = x`, and for m = M down to 1
 * `f_{m-1} = f_m − k_m·s_{m-1}`, `s'_m = s_{m-1} + k_m·f_{m-1}` (m ≤ M−1), then
 * `s'_0 = y = f_0`, where `s_j = b_j[t-1]` is the state before the sample and `s'` after it.
 *
 * Tape layout: sample i of the segment owns `tape[tOff + 2M·i ..]`, holding the pairs
 * `(s_j, f_j)` for j = 0..M−1 at `2j, 2j+1` (old state and forward error after stage j+1;
 * `f_0 = y[t]`). Everything is addressed by offsets so that no views are created.
 */

/**
 * Runs n samples of the lattice from state `s[sOff..sOff+M)` (updated in place) on
 * `x[xOff + i]` with row `K[kOff + i·kStride ..]`, writing the tape. The operations are those
 * of `latticeGeneric`, in the same order, so `f_0` is bit-identical to `lattice`'s `y`.
 */
export function latticeRecord(
  x: ArrayLike<number>,
  xOff: number,
  K: ArrayLike<number>,
  kOff: number,
  kStride: number,
  s: Float64Array,
  sOff: number,
  tape: Float64Array,
  tOff: number,
  M: number,
  n: number,
): void {
  const w = 2 * M;
  for (let i = 0; i < n; i++) {
    const kb = kOff + i * kStride;
    const tb = tOff + i * w;
    let f = x[xOff + i];
    let bPrev = s[sOff + M - 1];
    f -= K[kb + M - 1] * bPrev;
    tape[tb + w - 2] = bPrev;
    tape[tb + w - 1] = f;
    for (let m = M - 1; m >= 1; m--) {
      bPrev = s[sOff + m - 1];
      const k = K[kb + m - 1];
      f -= k * bPrev;
      s[sOff + m] = bPrev + k * f;
      tape[tb + 2 * m - 2] = bPrev;
      tape[tb + 2 * m - 1] = f;
    }
    s[sOff] = f;
  }
}

/**
 * Adjoint of {@link latticeRecord} over the same n samples, last sample first. On entry
 * `lam[lOff..lOff+M)` is ∂L/∂(state after the segment); on exit ∂L/∂(state before it).
 * Per sample, with `a = g + λ'_0` and m = 1..M (λ'_M = 0):
 *   `a += k_m·λ'_m` (now a = ∂L/∂f_{m-1}),  `λ_{m-1} = λ'_m − k_m·a`,
 *   `∂L/∂k_m = λ'_m·f_{m-1} − a·s_{m-1}`;  finally `∂L/∂x = a`.
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
  tape: Float64Array,
  tOff: number,
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
  const w = 2 * M;
  for (let i = n - 1; i >= 0; i--) {
    const kb = kOff + i * kStride;
    const tb = tOff + i * w;
    const db = dkOff + i * dkStride;
    let a = g[gOff + i] + lam[lOff];
    for (let m = 1; m < M; m++) {
      const lm = lam[lOff + m];
      const k = K[kb + m - 1];
      a += k * lm;
      lam[lOff + m - 1] = lm - k * a;
      const d = lm * tape[tb + 2 * m - 1] - a * tape[tb + 2 * m - 2];
      if (dkStride === 0) dK[db + m - 1] += d;
      else dK[db + m - 1] = d;
    }
    const kM = K[kb + M - 1];
    lam[lOff + M - 1] = -kM * a;
    const dM = -a * tape[tb + w - 2];
    if (dkStride === 0) dK[db + M - 1] += dM;
    else dK[db + M - 1] = dM;
    dx[dxOff + i] = a;
  }
}
