/**
 * Adam optimiser with global-norm gradient clipping. Deterministic (no randomness); float64 state.
 */
import type { AdamOptions } from '../api.js';
import type { Optimizer } from './optimizer.js';

/** Scales `g` in place so that ‖g‖₂ ≤ maxNorm; returns the norm before clipping (NaN if non-finite). */
export function clipGlobalNorm(g: Float64Array, maxNorm: number): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  const norm = Math.sqrt(s);
  if (!Number.isFinite(norm)) return Number.NaN;
  if (maxNorm > 0 && Number.isFinite(maxNorm) && norm > maxNorm) {
    const c = maxNorm / norm;
    for (let i = 0; i < g.length; i++) g[i] *= c;
  }
  return norm;
}

/** Adam (Kingma & Ba) over a flat parameter vector of fixed length. */
export class Adam implements Optimizer {
  readonly name = 'adam';
  /** Adam never declares convergence: the session runs its step budget. */
  readonly converged = false;
  learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly clipNorm: number;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(size: number, opts: AdamOptions = {}) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`Adam: size must be an integer ≥ 1 (got ${size})`);
    this.learningRate = opts.learningRate ?? 1e-2;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.eps = opts.eps ?? 1e-8;
    this.clipNorm = opts.clipNorm ?? 1;
    if (!(this.learningRate > 0)) throw new RangeError('Adam: learningRate must be > 0');
    if (!(this.beta1 >= 0 && this.beta1 < 1)) throw new RangeError('Adam: beta1 must be in [0, 1)');
    if (!(this.beta2 >= 0 && this.beta2 < 1)) throw new RangeError('Adam: beta2 must be in [0, 1)');
    if (!(this.eps > 0)) throw new RangeError('Adam: eps must be > 0');
    if (!(this.clipNorm >= 0)) throw new RangeError('Adam: clipNorm must be ≥ 0 (0 disables)');
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }

  /** Number of updates applied since construction or the last reset. */
  get steps(): number {
    return this.t;
  }

  /** Clears the moment estimates and the bias-correction step count (the learning rate is kept). */
  reset(): void {
    this.m.fill(0);
    this.v.fill(0);
    this.t = 0;
  }

  /**
   * Clips `grads` in place (global norm), then updates `params` in place. Returns the gradient norm
   * before clipping; when it is not finite nothing is updated and NaN is returned.
   */
  step(params: Float64Array, grads: Float64Array, _loss?: number): number {
    if (params.length !== this.m.length || grads.length !== this.m.length) {
      throw new RangeError(`Adam.step: params and grads must have length ${this.m.length}`);
    }
    const norm = clipGlobalNorm(grads, this.clipNorm);
    if (Number.isNaN(norm)) return Number.NaN;
    this.t++;
    const { beta1: b1, beta2: b2, m, v } = this;
    const c1 = 1 / (1 - b1 ** this.t);
    const c2 = 1 / (1 - b2 ** this.t);
    const lr = this.learningRate;
    for (let i = 0; i < params.length; i++) {
      const g = grads[i];
      m[i] = b1 * m[i] + (1 - b1) * g;
      v[i] = b2 * v[i] + (1 - b2) * g * g;
      params[i] -= (lr * (m[i] * c1)) / (Math.sqrt(v[i] * c2) + this.eps);
    }
    return norm;
  }
}
