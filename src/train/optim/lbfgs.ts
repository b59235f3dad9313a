/**
 * L-BFGS with a backtracking (Armijo) line search, for any differentiable loss (MR-STFT included).
 * The session evaluates the loss and gradient at the accepted point of the previous step, so each
 * step costs one gradient plus the loss-only trials of its line search; the curvature pair
 * (s, Δg) of the previous step is formed from that gradient. Trial points whose filter is not
 * stable (or whose loss is not finite) are rejected like a rise.
 *
 * Stopping (each test ends the run; the session keeps the best point):
 * - progress: the loss fell by at most `tolerance`·f per step on average over the last `patience`
 *   accepted steps, i.e. f(k−p) − f(k) ≤ p·tolerance·max(|f(k−p)|, |f(k)|) (scipy's `ftol` test, taken
 *   over a window so that one larger step in a zig-zag tail does not restart the count). At 1e-5 per
 *   step, 300 more steps at that rate would lower the loss by < 0.3 %.
 * - step size: the accepted step moved no parameter by more than `stepTolerance`·(1 + |θᵢ|);
 * - no descent: the line search failed along −g itself (or twice after restarting).
 */
import type { DifferentiableLoss, FilterModel } from '../../core/api.js';
import type { Optimizer } from './optimizer.js';

export interface LbfgsOptions {
  /** Curvature pairs kept (default 10). */
  memory?: number;
  /** Size of the very first trial step, in parameter units along −g/‖g‖ (default 0.1). */
  learningRate?: number;
  /** Window, in accepted steps, of the progress test (default 5; an integer ≥ 1). */
  patience?: number;
  /** Mean relative decrease per step over the window counted as no progress (default 1e-5; ≥ 0). */
  tolerance?: number;
  /** Largest relative parameter change, max |Δθᵢ|/(1 + |θᵢ|), counted as no move (default 1e-10; ≥ 0). */
  stepTolerance?: number;
}

/** L-BFGS {@link Optimizer} evaluating trial points through `model` and `loss`. */
export class Lbfgs implements Optimizer {
  readonly name = 'lbfgs';
  learningRate: number;
  private convergedFlag = false;
  private readonly m: number;
  private readonly s: Float64Array[] = [];
  private readonly y: Float64Array[] = [];
  private readonly rho: number[] = [];
  private readonly prevParams: Float64Array;
  private readonly prevGrad: Float64Array;
  private hasPrev = false;
  private readonly dir: Float64Array;
  private readonly alpha: Float64Array;
  private readonly p0: Float64Array;
  private failures = 0;
  private readonly patience: number;
  private readonly tol: number;
  private readonly xtol: number;
  /** Losses after the last `patience` + 1 accepted steps (ring buffer), `accepted` of them valid. */
  private readonly recent: Float64Array;
  private accepted = 0;

  constructor(
    private readonly model: FilterModel,
    private readonly input: Float64Array,
    private readonly loss: DifferentiableLoss,
    opts: LbfgsOptions = {},
  ) {
    const n = model.params.length;
    this.m = opts.memory ?? 10;
    this.learningRate = opts.learningRate ?? 0.1;
    this.patience = opts.patience ?? 5;
    this.tol = opts.tolerance ?? 1e-5;
    this.xtol = opts.stepTolerance ?? 1e-10;
    if (!Number.isInteger(this.patience) || this.patience < 1) {
      throw new RangeError(`Lbfgs: opts.patience must be an integer ≥ 1 (got ${this.patience})`);
    }
    if (!(this.tol >= 0)) throw new RangeError(`Lbfgs: opts.tolerance must be ≥ 0 (got ${this.tol})`);
    if (!(this.xtol >= 0)) throw new RangeError(`Lbfgs: opts.stepTolerance must be ≥ 0 (got ${this.xtol})`);
    this.recent = new Float64Array(this.patience + 1);
    this.prevParams = new Float64Array(n);
    this.prevGrad = new Float64Array(n);
    this.dir = new Float64Array(n);
    this.alpha = new Float64Array(this.m);
    this.p0 = new Float64Array(n);
  }

  get converged(): boolean {
    return this.convergedFlag;
  }

  reset(): void {
    this.s.length = 0;
    this.y.length = 0;
    this.rho.length = 0;
    this.hasPrev = false;
    this.accepted = 0;
    this.failures = 0;
    this.convergedFlag = false;
  }

  private evaluate(): number {
    if (!this.model.isStable()) return Number.NaN;
    try {
      return this.loss.compute(this.model.forward(this.input));
    } catch {
      return Number.NaN;
    }
  }

  /** The progress and step-size tests after an accepted step from loss `f0` to `f` (step `t`·dir). */
  private stopsAfter(f0: number, f: number, t: number, params: Float64Array): boolean {
    let dx = 0;
    for (let i = 0; i < params.length; i++) {
      dx = Math.max(dx, Math.abs(t * this.dir[i]) / (1 + Math.abs(this.p0[i])));
    }
    if (dx <= this.xtol) return true;
    const w = this.patience + 1;
    if (this.accepted === 0) this.recent[0] = f0;
    this.accepted = Math.max(this.accepted, 1);
    this.recent[this.accepted % w] = f;
    this.accepted++;
    if (this.accepted < w) return false;
    const old = this.recent[(this.accepted - w) % w];
    return old - f <= this.patience * this.tol * Math.max(Math.abs(old), Math.abs(f));
  }

  step(params: Float64Array, grad: Float64Array, loss: number): void {
    if (this.convergedFlag) return;
    const n = params.length;
    if (this.hasPrev) {
      const sv = new Float64Array(n);
      const yv = new Float64Array(n);
      let sy = 0;
      for (let i = 0; i < n; i++) {
        sv[i] = params[i] - this.prevParams[i];
        yv[i] = grad[i] - this.prevGrad[i];
        sy += sv[i] * yv[i];
      }
      if (sy > 1e-300) {
        this.s.push(sv);
        this.y.push(yv);
        this.rho.push(1 / sy);
        if (this.s.length > this.m) {
          this.s.shift();
          this.y.shift();
          this.rho.shift();
        }
      }
    }
    // two-loop recursion: dir = −H·g
    const q = this.dir;
    q.set(grad);
    const k = this.s.length;
    for (let j = k - 1; j >= 0; j--) {
      let a = 0;
      for (let i = 0; i < n; i++) a += this.s[j][i] * q[i];
      a *= this.rho[j];
      this.alpha[j] = a;
      for (let i = 0; i < n; i++) q[i] -= a * this.y[j][i];
    }
    let gamma: number;
    if (k > 0) {
      let yy = 0;
      for (let i = 0; i < n; i++) yy += this.y[k - 1][i] ** 2;
      gamma = 1 / (this.rho[k - 1] * yy);
    } else {
      let gg = 0;
      for (let i = 0; i < n; i++) gg += grad[i] * grad[i];
      gamma = this.learningRate / Math.max(Math.sqrt(gg), 1e-300);
    }
    for (let i = 0; i < n; i++) q[i] *= gamma;
    for (let j = 0; j < k; j++) {
      let b = 0;
      for (let i = 0; i < n; i++) b += this.y[j][i] * q[i];
      b *= this.rho[j];
      for (let i = 0; i < n; i++) q[i] += (this.alpha[j] - b) * this.s[j][i];
    }
    let slope = 0;
    for (let i = 0; i < n; i++) {
      q[i] = -q[i];
      slope += q[i] * grad[i];
    }
    if (!(slope < 0)) {
      // not a descent direction (non-smooth loss): fall back to steepest descent
      this.reset();
      let gg = 0;
      for (let i = 0; i < n; i++) gg += grad[i] * grad[i];
      const c = this.learningRate / Math.max(Math.sqrt(gg), 1e-300);
      for (let i = 0; i < n; i++) q[i] = -c * grad[i];
      slope = -c * gg;
    }
    this.p0.set(params);
    this.prevParams.set(params);
    this.prevGrad.set(grad);
    let t = 1;
    for (let trial = 0; trial < 10; trial++) {
      for (let i = 0; i < n; i++) params[i] = this.p0[i] + t * q[i];
      const f = this.evaluate();
      if (Number.isFinite(f) && f <= loss + 1e-4 * t * slope) {
        this.hasPrev = true;
        this.failures = 0;
        if (this.stopsAfter(loss, f, t, params)) this.convergedFlag = true;
        return;
      }
      t *= 0.5;
    }
    // no acceptable step along this direction: restart from steepest descent once, then stop
    params.set(this.p0);
    this.hasPrev = false;
    this.s.length = 0;
    this.y.length = 0;
    this.rho.length = 0;
    // a failed steepest-descent step (empty memory) already means no descent is possible
    if (k === 0 || ++this.failures >= 2) this.convergedFlag = true;
  }
}
