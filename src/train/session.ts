/**
 * The training loop: an optimiser (Levenberg–Marquardt, L-BFGS or Adam; src/train/optim) on a
 * `FilterModel` against a differentiable loss, with divergence
 * rollback, best-so-far tracking, progress callbacks, cancellation and live coefficient pushes.
 * Runs in Node, a Worker or a page (no DOM needed).
 */
import type { DifferentiableLoss, FilterModel } from '../core/api.js';
import { mulberry32 } from '../core/random/mulberry32.js';
import type { LiveBinding, TrainOptions, TrainProgress, TrainResult } from './api.js';
import { createMrStftLoss } from './loss/mrstft.js';
import { createMseLoss } from './loss/mse.js';
import { createOptimizer } from './optim/create-optimizer.js';
import type { Optimizer } from './optim/optimizer.js';
import { yieldToEventLoop } from './yield.js';

function buildLoss(opts: TrainOptions): DifferentiableLoss {
  const l = opts.loss ?? 'mrstft';
  if (l === 'mse') return createMseLoss(opts.target);
  if (l === 'mrstft') return createMrStftLoss(opts.target, opts.resolutions);
  if (typeof l === 'object' && l !== null && typeof l.compute === 'function') return l;
  throw new TypeError(`train: loss must be 'mrstft', 'mse' or an object with compute() (got ${String(l)})`);
}

function allFinite(v: Float64Array): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

/**
 * One optimisation run. `step()` performs one synchronous step; `run()` loops asynchronously,
 * yielding to the event loop every `yieldEvery` steps. After `run()` the model holds the best params.
 *
 * A step evaluates the loss at the current params. A non-finite loss/gradient or unstable
 * coefficients roll the params back to the last good ones, halve the learning rate and reset Adam's
 * moments. Otherwise the evaluation is recorded (best kept), pushed to a bound sink every
 * `live.every` steps (only ever stable, finite coefficients), and Adam updates the params.
 */
export class TrainingSession {
  readonly model: FilterModel;
  readonly loss: DifferentiableLoss;
  /** The optimiser (`options.optimizer`: default 'adam'; 'auto' picks LM, L-BFGS or Adam by model and loss). */
  readonly optimizer: Optimizer;
  /** Session PRNG (mulberry32 seeded by `options.seed`), for any randomness a caller needs. */
  readonly random: () => number;
  private readonly input: Float64Array;
  private readonly opts: TrainOptions;
  private readonly grad: Float64Array;
  private readonly gParams: Float64Array;
  private readonly lastGood: Float64Array;
  private readonly best: Float64Array;
  private bestLoss = Number.POSITIVE_INFINITY;
  private bestStep = -1;
  private history: number[] = [];
  private rollbacks = 0;
  private consecutiveRollbacks = 0;
  private live: LiveBinding | null;
  private elapsed = 0;
  private readonly decay: number;
  /** Test hook: when set, returns a replacement loss value for a step (e.g. NaN injection). */
  lossOverride: ((step: number, loss: number) => number) | null = null;

  constructor(options: TrainOptions) {
    const { model, input, target } = options;
    if (!model || typeof model.forward !== 'function')
      throw new TypeError('train: model must be a FilterModel');
    if (!(input instanceof Float64Array)) throw new TypeError('train: input must be a Float64Array');
    if (!(target instanceof Float64Array)) throw new TypeError('train: target must be a Float64Array');
    if (input.length !== target.length) {
      throw new RangeError(`train: input length ${input.length} must equal target length ${target.length}`);
    }
    this.opts = options;
    this.model = model;
    this.input = input;
    this.loss = buildLoss(options);
    if (this.loss.length !== target.length)
      throw new RangeError('train: loss length must equal target length');
    const n = model.params.length;
    const l = options.loss ?? 'mrstft';
    this.optimizer = createOptimizer(options.optimizer ?? 'adam', {
      model,
      input,
      target,
      lossKind: l === 'mse' || l === 'mrstft' ? l : 'custom',
      loss: this.loss,
      adam: options,
    });
    this.random = mulberry32(options.seed ?? 0);
    this.grad = new Float64Array(target.length);
    this.gParams = new Float64Array(n);
    this.lastGood = Float64Array.from(model.params);
    this.best = Float64Array.from(model.params);
    this.live = options.live ?? null;
    this.decay = options.learningRateDecay ?? 1;
    if (!(this.decay > 0 && this.decay <= 1))
      throw new RangeError('train: learningRateDecay must be in (0, 1]');
  }

  /** The optimiser (kept under its former name; it is Adam unless `options.optimizer` says otherwise). */
  get adam(): Optimizer {
    return this.optimizer;
  }

  /** Steps done so far. */
  get stepCount(): number {
    return this.history.length;
  }

  /** Binds a live sink (replaces any previous one); `every` defaults to 10 steps. */
  bind(live: LiveBinding): void {
    this.live = live;
  }

  unbind(): void {
    this.live = null;
  }

  private rollback(): number {
    this.model.params.set(this.lastGood);
    this.optimizer.learningRate *= 0.5;
    this.optimizer.reset();
    this.rollbacks++;
    this.consecutiveRollbacks++;
    this.history.push(Number.NaN);
    return Number.NaN;
  }

  /**
   * Pushes the model's current coefficients (`live.map` of `model.coefficients()`) to the bound sink
   * if they are stable and finite. A time-varying model (hop > 0) needs a `map` that picks/forms one
   * vector (a node takes one vector of length order); without it nothing is pushed.
   */
  pushLive(): boolean {
    const live = this.live;
    if (!live || (this.model.hop > 0 && !live.map) || !this.model.isStable()) return false;
    const c = this.model.coefficients();
    if (!allFinite(c)) return false;
    live.sink.setCoefficients(live.map ? live.map(c, this.model) : c);
    return true;
  }

  /** One synchronous step; returns the loss at the params it evaluated (NaN when rolled back). */
  step(): number {
    const t0 = performance.now();
    const { model, grad, gParams } = this;
    const stepIndex = this.history.length;
    let loss = Number.NaN;
    const stable = model.isStable();
    if (stable) {
      try {
        const y = model.forward(this.input);
        loss = this.loss.compute(y, grad);
      } catch {
        loss = Number.NaN; // kernels reject non-finite intermediates: treat as divergence
      }
      if (this.lossOverride) loss = this.lossOverride(stepIndex, loss);
    }
    if (!stable || !Number.isFinite(loss) || !allFinite(grad)) {
      const r = this.rollback();
      this.elapsed += performance.now() - t0;
      return r;
    }
    let backwardOk = true;
    try {
      model.backward(grad, gParams);
    } catch {
      backwardOk = false; // kernels reject non-finite intermediates: treat as divergence
    }
    if (!backwardOk || !allFinite(gParams)) {
      const r = this.rollback();
      this.elapsed += performance.now() - t0;
      return r;
    }
    this.consecutiveRollbacks = 0;
    this.lastGood.set(model.params);
    if (loss < this.bestLoss) {
      this.bestLoss = loss;
      this.bestStep = stepIndex;
      this.best.set(model.params);
    }
    this.history.push(loss);
    const every = this.live?.every ?? 10;
    if (this.live && stepIndex % every === 0) this.pushLive();
    this.optimizer.step(model.params, gParams, loss);
    this.optimizer.learningRate *= this.decay;
    this.elapsed += performance.now() - t0;
    return loss;
  }

  private progress(): TrainProgress {
    const h = this.history;
    return {
      step: h.length,
      loss: h.length ? h[h.length - 1] : Number.NaN,
      bestLoss: this.bestLoss,
      learningRate: this.optimizer.learningRate,
      elapsedMs: this.elapsed,
      rollbacks: this.rollbacks,
    };
  }

  /**
   * Runs `steps` more steps (default `options.steps` ?? 500), yielding to the event loop every
   * `yieldEvery` steps. Stops early on abort or after `maxRollbacks` consecutive rollbacks. Leaves the
   * model holding the best params (pushed once more to a bound sink) and returns the result.
   */
  async run(
    steps = this.opts.steps ?? 500,
    signal: AbortSignal | undefined = this.opts.signal,
  ): Promise<TrainResult> {
    if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`train: steps must be an integer ≥ 0`);
    const yieldEvery = Math.max(1, this.opts.yieldEvery ?? 4);
    const progressEvery = Math.max(1, this.opts.progressEvery ?? 10);
    const maxRollbacks = this.opts.maxRollbacks ?? 20;
    const onProgress = this.opts.onProgress;
    let aborted = false;
    for (let i = 0; i < steps; i++) {
      if (signal?.aborted) {
        aborted = true;
        break;
      }
      this.step();
      if (onProgress && this.history.length % progressEvery === 0) onProgress(this.progress());
      if (this.consecutiveRollbacks > maxRollbacks || this.optimizer.converged) break;
      if ((i + 1) % yieldEvery === 0) {
        await yieldToEventLoop();
        if (signal?.aborted) {
          aborted = true;
          break;
        }
      }
    }
    if (onProgress && this.history.length % progressEvery !== 0) onProgress(this.progress());
    return this.finish(aborted);
  }

  /** Loads the best params into the model, pushes them live, and returns the result so far. */
  finish(aborted = false): TrainResult {
    if (this.bestStep >= 0) this.model.params.set(this.best);
    else this.model.params.set(this.lastGood);
    if (this.live) this.pushLive();
    return {
      bestParams: Float64Array.from(this.model.params),
      bestLoss: this.bestLoss,
      bestStep: this.bestStep,
      steps: this.history.length,
      aborted,
      rollbacks: this.rollbacks,
      history: Float64Array.from(this.history),
      elapsedMs: this.elapsed,
      model: this.model,
      optimizer: this.optimizer.name,
    };
  }
}

/** Creates a `TrainingSession` and runs it (`options.steps`, default 500). */
export function train(options: TrainOptions): Promise<TrainResult> {
  return new TrainingSession(options).run();
}
