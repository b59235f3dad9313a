/**
 * Levenberg–Marquardt on the output error Σ_t (y_t(p) − target_t)² (the MSE loss up to 1/T), with
 * forward-mode Jacobian columns from the model ({@link JacobianModel}). Each step solves the damped
 * Gauss–Newton system (JᵀJ + λ·diag(JᵀJ))·δ = −Jᵀr by Cholesky and accepts p + δ only if it lowers
 * the error and the model is still stable (in the model's stable parameterisation any finite step
 * is stable; a step that is not is rejected like a rise). λ follows Nielsen's gain-ratio rule.
 * With a `mask` only the samples where it is 1 are in the error (segment training's fixed fitting
 * set: the warm-ups are run but not fitted).
 */

import type { JacobianModel } from './jacobian.js';
import type { Optimizer } from './optimizer.js';

/** Solves (G + λ·diag(G) + tiny)·d = h in place of `d` by Cholesky; false if not positive definite. */
function dampedSolve(
  G: Float64Array,
  h: Float64Array,
  lambda: number,
  n: number,
  L: Float64Array,
  d: Float64Array,
): boolean {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let v = G[i * n + j];
      if (i === j) v += lambda * G[i * n + i] + 1e-15 * (G[i * n + i] + 1e-300);
      for (let k = 0; k < j; k++) v -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(v > 0)) return false;
        L[i * n + i] = Math.sqrt(v);
      } else L[i * n + j] = v / L[j * n + j];
    }
  }
  for (let i = 0; i < n; i++) {
    let v = h[i];
    for (let k = 0; k < i; k++) v -= L[i * n + k] * d[k];
    d[i] = v / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let v = d[i];
    for (let k = i + 1; k < n; k++) v -= L[k * n + i] * d[k];
    d[i] = v / L[i * n + i];
  }
  return true;
}

export interface LevenbergMarquardtOptions {
  /** Initial damping λ (default 1e-3). */
  lambda?: number;
  /** Converged when a step lowers the error by less than this fraction (default 1e-10). */
  tolerance?: number;
  /** Trial steps per call before declaring convergence (default 12). */
  maxTrials?: number;
  /** Samples in the error: 1 = fitted, 0 = run only (length T; default all). */
  mask?: Uint8Array;
}

/** Levenberg–Marquardt {@link Optimizer} for a model with a Jacobian and a fixed target. */
export class LevenbergMarquardt implements Optimizer {
  readonly name = 'lm';
  learningRate = 1;
  private convergedFlag = false;
  private lambda: number;
  private readonly lambda0: number;
  private readonly tol: number;
  private readonly maxTrials: number;
  private readonly n: number;
  private readonly cols: Float64Array[];
  private readonly G: Float64Array;
  private readonly L: Float64Array;
  private readonly h: Float64Array;
  private readonly d: Float64Array;
  private readonly p0: Float64Array;
  private readonly r: Float64Array;
  private readonly mask: Uint8Array | null;
  private nu = 2;

  constructor(
    private readonly model: JacobianModel,
    private readonly input: Float64Array,
    private readonly target: Float64Array,
    opts: LevenbergMarquardtOptions = {},
  ) {
    const n = model.params.length;
    const T = input.length;
    this.n = n;
    this.lambda0 = opts.lambda ?? 1e-3;
    this.lambda = this.lambda0;
    this.tol = opts.tolerance ?? 1e-10;
    this.maxTrials = opts.maxTrials ?? 12;
    this.cols = Array.from({ length: n }, () => new Float64Array(T));
    this.G = new Float64Array(n * n);
    this.L = new Float64Array(n * n);
    this.h = new Float64Array(n);
    this.d = new Float64Array(n);
    this.p0 = new Float64Array(n);
    this.r = new Float64Array(T);
    this.mask = opts.mask ?? null;
    if (this.mask !== null && this.mask.length !== T)
      throw new RangeError(
        `LevenbergMarquardt: mask length ${this.mask.length} must equal the input length ${T}`,
      );
  }

  get converged(): boolean {
    return this.convergedFlag;
  }

  reset(): void {
    this.lambda = this.lambda0;
    this.nu = 2;
    this.convergedFlag = false;
  }

  /** Σ (y − target)² at the model's current params, or NaN if unstable / not finite. */
  private error(): number {
    if (!this.model.isStable()) return Number.NaN;
    let y: Float64Array;
    try {
      y = this.model.forward(this.input);
    } catch {
      return Number.NaN;
    }
    const m = this.mask;
    let e = 0;
    for (let t = 0; t < y.length; t++) {
      const d = m === null || m[t] === 1 ? y[t] - this.target[t] : 0;
      e += d * d;
    }
    return e;
  }

  /** One accepted LM step from `params` (the loss and gradient passed in are not needed). */
  step(params: Float64Array): void {
    if (this.convergedFlag) return;
    const { n, cols, G, h, d, r, model, target } = this;
    const y = model.jacobian(this.input, cols);
    const T = y.length;
    const m = this.mask;
    let e0 = 0;
    for (let t = 0; t < T; t++) {
      r[t] = m === null || m[t] === 1 ? y[t] - target[t] : 0;
      e0 += r[t] * r[t];
    }
    if (m !== null) for (const c of cols) for (let t = 0; t < T; t++) if (m[t] === 0) c[t] = 0;
    for (let i = 0; i < n; i++) {
      const ci = cols[i];
      let gi = 0;
      for (let t = 0; t < T; t++) gi += ci[t] * r[t];
      h[i] = -gi;
      for (let j = 0; j <= i; j++) {
        const cj = cols[j];
        let s = 0;
        for (let t = 0; t < T; t++) s += ci[t] * cj[t];
        G[i * n + j] = s;
        G[j * n + i] = s;
      }
    }
    this.p0.set(params);
    for (let trial = 0; trial < this.maxTrials; trial++) {
      if (dampedSolve(G, h, this.lambda, n, this.L, d)) {
        for (let i = 0; i < n; i++) params[i] = this.p0[i] + d[i];
        const e1 = this.error();
        if (Number.isFinite(e1) && e1 < e0) {
          // gain ratio ρ = actual / predicted decrease; predicted = δᵀ(λ·diag(G)·δ + h)
          let pred = 0;
          for (let i = 0; i < n; i++) pred += d[i] * (this.lambda * G[i * n + i] * d[i] + h[i]);
          const rho = pred > 0 ? (e0 - e1) / pred : 0;
          this.lambda *= Math.max(1 / 3, 1 - (2 * rho - 1) ** 3);
          this.nu = 2;
          if (e0 - e1 <= this.tol * e0) this.convergedFlag = true;
          return;
        }
      }
      this.lambda *= this.nu;
      this.nu *= 2;
    }
    params.set(this.p0);
    this.convergedFlag = true;
  }
}
