/**
 * L-BFGS with a backtracking (Armijo) line search, for any differentiable loss (MR-STFT included).
 * The session evaluates the loss and gradient at the accepted point of the previous step, so each
 * step costs one gradient plus the loss-only trials of its line search; the curvature pair
 * (s, Δg) of the previous step is formed from that gradient. Trial points whose filter is not
 * stable (or whose loss is not finite) are rejected like a rise.
 */
import type { DifferentiableLoss, FilterModel } from '../../core/api.js';
import type { Optimizer } from './optimizer.js';

export interface LbfgsOptions {
  /** Curvature pairs kept (default 10). */
  memory?: number;
  /** Size of the very first trial step, in parameter units along −g/‖g‖ (default 0.1). */
  learningRate?: number;
  /** Converged after this many consecutive steps lowering the loss by < `tolerance`·loss (default 3). */
  patience?: number;
  /** Relative decrease counted as no progress (default 1e-9). */
  tolerance?: number;
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
  private stalls = 0;
  private failures = 0;
  private readonly patience: number;
  private readonly tol: number;

  constructor(
    private readonly model: FilterModel,
    private readonly input: Float64Array,
    private readonly loss: DifferentiableLoss,
    opts: LbfgsOptions = {},
  ) {
    const n = model.params.length;
    this.m = opts.memory ?? 10;
    this.learningRate = opts.learningRate ?? 0.1;
    this.patience = opts.patience ?? 3;
    this.tol = opts.tolerance ?? 1e-9;
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
    this.stalls = 0;
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
        this.stalls = loss - f <= this.tol * Math.abs(loss) ? this.stalls + 1 : 0;
        if (this.stalls >= this.patience) this.convergedFlag = true;
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
