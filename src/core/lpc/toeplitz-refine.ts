/**
 * Iterative refinement of a Levinson–Durbin solution of the symmetric Toeplitz normal equations
 * `Σ_j r_|i-j| a_j = -r_i` (i = 1..M), with the residual evaluated in double-double.
 *
 * Levinson–Durbin is only weakly stable: its forward error grows like κ(R)·u, and at order 48
 * on voiced speech (κ ~ 1e8) that is ~3e-8 relative. One refinement step
 * `res = -r_{1..M} - R·a` (compensated, Ogita–Rump–Oishi Dot2), `R·δ = res`, `a += δ` shrinks
 * the error by another factor κ·u, so the result is the exact solution for the given `r`
 * rounded to double (the correction solve reuses Durbin's reflection coefficients: same R).
 */
import { stepUpStage } from '../params/reflection.js';
import { twoProductError } from './two-product.js';

// Dot2 accumulator (sum accS, compensation accC); module state keeps the hot loop free of
// allocations and of duplicated error-free transformations. Not re-entrant (nothing here calls
// back out).
let accS = 0;
let accC = 0;

/** accS + accC += p·q, with TwoProduct(p, q) = h + l and TwoSum(accS, h) = s + e exact. */
function dot2Add(p: number, q: number): void {
  const h = p * q;
  const l = twoProductError(p, q, h);
  const s = accS + h;
  const z = s - accS;
  accC += accS - (s - z) + (h - z) + l;
  accS = s;
}

/**
 * Residual `res_i = -(r_i + Σ_{j=1..M} r_|i-j| x_j)`, i = 1..M, into `res[ro..ro+M)`, each entry
 * computed as if in twice the working precision (Dot2: TwoProduct + TwoSum with a compensation
 * term), then rounded once. Returns `max_i |res_i|`. `res` must not overlap `x`.
 * Assumes |r|, |x| well below 1e290 (the Veltkamp split would overflow). Allocation-free.
 */
export function toeplitzResidual(
  r: ArrayLike<number>,
  M: number,
  x: ArrayLike<number>,
  res: Float64Array,
  ro = 0,
): number {
  let norm = 0;
  for (let i = 1; i <= M; i++) {
    // accS + accC accumulates -r_i - Σ r_|i-j| x_j; r_i enters exactly.
    accS = -r[i];
    accC = 0;
    for (let j = 1; j <= M; j++) dot2Add(-r[i > j ? i - j : j - i], x[j - 1]);
    const v = accS + accC;
    res[ro + i - 1] = v;
    const av = Math.abs(v);
    if (av > norm) norm = av;
  }
  return norm;
}

/**
 * Prediction error power of `a` as the quadratic form `Q(a) = r_0 + 2aᵀr + aᵀRa`, evaluated as
 * `r_0 + Σ a_i r_i - Σ a_i res_i` with `res = res[ro..ro+M) = -(r + R·a)` from
 * {@link toeplitzResidual}, in double-double (Dot2). Q is stationary at the solution, so an `a`
 * accurate to round-off gives E_M to round-off even when E_M ≪ r_0. Allocation-free.
 */
export function predictionErrorPower(
  r: ArrayLike<number>,
  M: number,
  a: ArrayLike<number>,
  res: ArrayLike<number>,
  ro = 0,
): number {
  accS = r[0];
  accC = 0;
  for (let i = 0; i < M; i++) dot2Add(a[i], r[i + 1]);
  for (let i = 0; i < M; i++) dot2Add(a[i], -res[ro + i]);
  return accS + accC;
}

/**
 * Solves `Σ_j r_|i-j| x_j = b_i` (i = 1..M) in place in `w[bo..bo+M)` by the general
 * right-hand-side Levinson recursion, rebuilding the order-m predictors a^(m) from the reflection
 * coefficients `k` (step-up, the same arithmetic as Durbin) in `w[po..po+M)`:
 * `x^(m+1) = [x^(m), 0] + μ_m·[reverse(a^(m)), 1]`, `μ_m = (b_{m+1} - Σ_j r_{m+1-j} x^(m)_j) / E_m`,
 * `E_m = E_{m-1}(1 - k_m²)`. Requires every E_m > 0 (no clamped k); the two ranges must not
 * overlap. Allocation-free. O(M²).
 */
export function toeplitzSolveWithReflections(
  r: ArrayLike<number>,
  M: number,
  k: ArrayLike<number>,
  w: Float64Array,
  bo: number,
  po: number,
): void {
  let E = r[0];
  for (let m = 0; m < M; m++) {
    // Here x_0..x_{m-1} = w[bo..bo+m) solve the order-m system; w[po..po+m) = a^(m), E = E_m.
    let eps = 0;
    for (let j = 0; j < m; j++) eps += r[m - j] * w[bo + j];
    const mu = (w[bo + m] - eps) / E;
    for (let j = 0; j < m; j++) w[bo + j] += mu * w[po + m - 1 - j];
    w[bo + m] = mu;
    // a^(m+1) = [a^(m) + k·reverse(a^(m)), k], pairwise in place.
    const km = k[m];
    stepUpStage(w, po, m + 1, km);
    w[po + m] = km;
    E *= 1 - km * km;
  }
}

/** Scratch length needed by {@link refineToeplitzSolution} for order M: `3M`. */
export function refineScratchLength(M: number): number {
  return 3 * M;
}

/** max_i |w[o+i]|, i < M; NaN if any entry is NaN. */
function maxAbs(w: Float64Array, o: number, M: number): number {
  let m = 0;
  for (let i = 0; i < M; i++) {
    const v = Math.abs(w[o + i]);
    if (!(v <= m)) m = v;
  }
  return m;
}

/**
 * Refines `a` (length ≥ M, in place) towards the solution of `Σ_j r_|i-j| a_j = -r_i`, given the
 * reflection coefficients `k` Durbin produced for the same `r` (every E_m > 0), by at most
 * `maxSteps` steps of `res = -r - R·a` (double-double), `R·δ = res`, `a += δ`.
 *
 * Stopping rule (Wilkinson): a step is taken only while ‖δ‖∞ at least halves from the previous
 * step; the first step has no predecessor, so it is kept only if the next correction confirms
 * the contraction (computed even when `maxSteps` = 1), else `a` is restored bit for bit (the
 * correction solve was not accurate enough for this r: κ(R)·u ≳ 1/2). The residual norm is not
 * used: Durbin's residual is often already at round-off while its forward error is not.
 * Also stops when δ no longer changes `a` or is not finite.
 * On return `scratch[M..2M)` holds the residual of the returned `a`; `scratch` (length ≥ 3M, not
 * overlapping `a`/`k`) is overwritten. Allocation-free; O(M²) per step.
 * @returns the number of steps kept.
 */
export function refineToeplitzSolution(
  r: ArrayLike<number>,
  M: number,
  a: Float64Array,
  k: ArrayLike<number>,
  scratch: Float64Array,
  maxSteps: number,
): number {
  // Layout: predictors [0, M), residual / correction δ [M, 2M), the unrefined a [2M, 3M).
  const D = M;
  const A0 = 2 * M;
  for (let i = 0; i < M; i++) scratch[A0 + i] = a[i];
  let steps = 0;
  let dPrev = Number.POSITIVE_INFINITY;
  while (maxSteps > 0 && (steps < maxSteps || steps === 1)) {
    if (toeplitzResidual(r, M, a, scratch, D) === 0) break;
    toeplitzSolveWithReflections(r, M, k, scratch, D, 0);
    const dn = maxAbs(scratch, D, M);
    if (!(dn <= 0.5 * dPrev)) {
      // Not contracting (or not finite): an unconfirmed first step is undone.
      if (steps === 1) {
        for (let i = 0; i < M; i++) a[i] = scratch[A0 + i];
        steps = 0;
      }
      break;
    }
    if (steps >= maxSteps) break; // maxSteps = 1: the first step is now confirmed.
    let moved = false;
    for (let i = 0; i < M; i++) {
      const v = a[i] + scratch[D + i];
      if (v !== a[i]) moved = true;
      a[i] = v;
    }
    if (!moved) break;
    steps++;
    dPrev = dn;
  }
  toeplitzResidual(r, M, a, scratch, D);
  return steps;
}
