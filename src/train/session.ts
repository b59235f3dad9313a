/**
 * The training loop: an optimiser (Levenberg–Marquardt, L-BFGS or Adam; src/train/optim) on a
 * `FilterModel` against a differentiable loss, with divergence rollback, best-so-far tracking,
 * progress callbacks, cancellation, live pushes to a node and an honest outcome (`status`).
 * Optionally on segments (memory bounded by the segments, not the file): random segments per step
 * for Adam; a fixed fitting set of segments (train/fit-set.ts) for the second-order methods of a
 * time-invariant model. Runs in Node, a Worker or a page (no DOM needed).
 */
import type { DifferentiableLoss, FilterModel } from '../core/api.js';
import { mulberry32 } from '../core/random/mulberry32.js';
import type {
  LiveBinding,
  SegmentOptions,
  TrainOptions,
  TrainProgress,
  TrainResult,
  TrainStatus,
} from './api.js';
import { buildFitSet, drawFitStarts, type FitSet, fitSetCount } from './fit-set.js';
import { livePayload, sendPayload } from './live-sink.js';
import { createMrStftLoss } from './loss/mrstft.js';
import { createMseLoss } from './loss/mse.js';
import { Adam } from './optim/adam.js';
import { chooseOptimizer, createOptimizer } from './optim/create-optimizer.js';
import type { Optimizer } from './optim/optimizer.js';
import { yieldToEventLoop } from './yield.js';

/** A run whose loss rises above this multiple of its start has exploded (status 'failed'). */
export const EXPLODE_FACTOR = 1e3;

type Signal = Float64Array | Float32Array;

function lossFactory(opts: TrainOptions): ((target: Float64Array) => DifferentiableLoss) | null {
  const l = opts.loss ?? 'mrstft';
  if (l === 'mse') return (t) => createMseLoss(t);
  if (l === 'mrstft') return (t) => createMrStftLoss(t, opts.resolutions);
  if (typeof l === 'object' && l !== null && typeof l.compute === 'function') return null;
  throw new TypeError(`train: loss must be 'mrstft', 'mse' or an object with compute() (got ${String(l)})`);
}

/** True when the model starts from a system-identification fit of the pair (Steiglitz–McBride). */
function classicalStart(model: FilterModel): boolean {
  return (model as { start?: string }).start === 'steiglitz-mcbride';
}

function allFinite(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

function checkSignal(name: string, v: unknown): Signal {
  if (!(v instanceof Float64Array || v instanceof Float32Array))
    throw new TypeError(`train: ${name} must be a Float64Array or Float32Array`);
  if (v.length === 0) throw new RangeError(`train: ${name} must not be empty`);
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new RangeError(`train: ${name}[${i}] must be finite (got ${v[i]})`);
  }
  return v;
}

function nonNegInt(name: string, v: number | undefined, def: number, min = 0): number {
  const n = v ?? def;
  if (!Number.isInteger(n) || n < min)
    throw new RangeError(`train: ${name} must be an integer ≥ ${min} (got ${n})`);
  return n;
}

/**
 * Segment-mode state: buffers of one warm-up + segment, the evaluation segments and their losses,
 * and the fixed fitting set when a second-order method runs (null: random segments, Adam).
 */
interface Segmenter {
  fixed: FitSet | null;
  length: number;
  warmup: number;
  evalEvery: number;
  x: Float64Array;
  g: Float64Array;
  make: (target: Float64Array) => DifferentiableLoss;
  evalStarts: number[];
  evalLosses: DifferentiableLoss[];
}

/**
 * One optimisation run. `step()` performs one synchronous step; `run()` loops asynchronously,
 * yielding to the event loop every `yieldEvery` steps. After `run()` the model holds the best params.
 *
 * A step evaluates the loss at the current params (whole signal, or one random segment). A
 * non-finite loss/gradient or unstable coefficients roll the params back to the last good ones,
 * halve the learning rate and reset Adam's moments. Otherwise the evaluation is recorded (best
 * kept), pushed to a bound sink every `live.every` steps (only ever stable, finite payloads in the
 * sink's domain), and Adam updates the params (in segment mode only those the segment's loss
 * depends on: a frame of a time-varying model outside the segment keeps its value).
 */
export class TrainingSession {
  readonly model: FilterModel;
  /** The loss of a step: whole signal, or the fixed fitting set (null with random segments, each with its own). */
  readonly loss: DifferentiableLoss | null;
  /** The optimiser (`options.optimizer`: default 'adam'; 'auto' picks LM, L-BFGS or Adam by model and loss). */
  readonly optimizer: Optimizer;
  /** Session PRNG (mulberry32 seeded by `options.seed`): draws the training segments. */
  readonly random: () => number;
  /** What a step's forward runs on: the whole input, the fitting set, or (random segments) the input. */
  private readonly input: Signal;
  /** The whole input (segments and evaluation segments are read from it). */
  private readonly signal: Signal;
  private readonly target: Signal;
  private readonly opts: TrainOptions;
  private readonly grad: Float64Array;
  private readonly gParams: Float64Array;
  private readonly lastGood: Float64Array;
  private readonly best: Float64Array;
  private readonly seg: Segmenter | null;
  private bestLoss = Number.POSITIVE_INFINITY;
  private bestStep = -1;
  private haveBest = false;
  private history: number[] = [];
  private evals: number[] = [];
  private initialLoss = Number.NaN;
  private rollbacks = 0;
  private consecutiveRollbacks = 0;
  private live: LiveBinding | null;
  private liveError: string | undefined;
  private elapsed = 0;
  private readonly decay: number;

  constructor(options: TrainOptions) {
    if (options === null || typeof options !== 'object')
      throw new TypeError('train: options must be an object');
    const { model } = options;
    if (!model || typeof model.forward !== 'function')
      throw new TypeError('train: model must be a FilterModel');
    const input = checkSignal('input', options.input);
    const target = checkSignal('target', options.target);
    if (input.length !== target.length) {
      throw new RangeError(`train: input length ${input.length} must equal target length ${target.length}`);
    }
    this.opts = options;
    this.model = model;
    this.target = target;
    this.signal = input;
    this.random = mulberry32(options.seed ?? 0);
    const make = lossFactory(options);
    const n = model.params.length;
    const l = options.loss ?? 'mrstft';
    const lossKind = l === 'mse' || l === 'mrstft' ? l : 'custom';
    const name = options.optimizer ?? 'adam';
    if (options.segment !== undefined) {
      if (make === null) throw new TypeError("train: loss must be 'mrstft' or 'mse' with segment training");
      const seg = this.buildSegmenter(options.segment, make, target.length);
      this.seg = seg;
      if (name !== 'adam' && model.hop === 0 && (name !== 'auto' || classicalStart(model))) {
        // A time-invariant model's second-order method on a fixed fitting set drawn from the seed,
        // judged (and its best kept) on the held-out evaluation segments after every step.
        const method = name === 'auto' ? chooseOptimizer(model, lossKind) : name;
        const requested = nonNegInt('segment.fitSegments', options.segment.fitSegments, 4, 1);
        const count = fitSetCount(requested, n, seg.length + seg.warmup, method === 'lm');
        const starts = drawFitStarts(target.length, seg.length, count, seg.evalStarts, this.random);
        const set = buildFitSet(input, target, starts, seg.length, seg.warmup, make);
        seg.fixed = set;
        seg.evalEvery = 1;
        this.input = set.input;
        this.loss = set.loss;
        this.grad = new Float64Array(set.input.length);
        this.optimizer = createOptimizer(name, {
          model,
          input: set.input,
          target: set.target,
          mask: set.mask,
          lossKind,
          loss: set.loss,
          adam: options,
        });
      } else {
        // Random segments per step (a time-varying model, Adam, or 'auto' without a classical
        // start): first-order steps only.
        if (name !== 'adam' && name !== 'auto') {
          throw new RangeError(
            `train: optimizer '${name}' needs whole-signal training or a time-invariant model (no segment option)`,
          );
        }
        this.input = input;
        this.loss = null;
        this.grad = new Float64Array(0);
        this.optimizer = new Adam(n, options);
      }
    } else {
      this.seg = null;
      this.input = input instanceof Float64Array ? input : Float64Array.from(input);
      const t64 = target instanceof Float64Array ? target : Float64Array.from(target);
      this.loss = make === null ? (options.loss as DifferentiableLoss) : make(t64);
      if (this.loss.length !== target.length)
        throw new RangeError('train: loss length must equal target length');
      this.grad = new Float64Array(target.length);
      this.optimizer = createOptimizer(name, {
        model,
        input: this.input as Float64Array,
        target: t64,
        lossKind,
        loss: this.loss,
        adam: options,
      });
    }
    this.gParams = new Float64Array(n);
    this.lastGood = Float64Array.from(model.params);
    this.best = Float64Array.from(model.params);
    this.live = options.live ?? null;
    this.decay = options.learningRateDecay ?? 1;
    if (!(this.decay > 0 && this.decay <= 1))
      throw new RangeError('train: learningRateDecay must be in (0, 1]');
  }

  private buildSegmenter(o: SegmentOptions, make: Segmenter['make'], T: number): Segmenter {
    if (o === null || typeof o !== 'object') throw new TypeError('train: segment must be an object');
    const length = nonNegInt('segment.length', o.length, 0, 1);
    if (length > T)
      throw new RangeError(`train: segment.length must be ≤ the signal length ${T} (got ${length})`);
    const warmup = nonNegInt('segment.warmup', o.warmup, 4096);
    const nEval = nonNegInt('segment.evalSegments', o.evalSegments, 4, 1);
    const evalEvery = nonNegInt('segment.evalEvery', o.evalEvery, 25, 1);
    const evalStarts: number[] = [];
    const evalLosses: DifferentiableLoss[] = [];
    for (let e = 0; e < nEval; e++) {
      const s = nEval === 1 ? 0 : Math.round((e * (T - length)) / (nEval - 1));
      evalStarts.push(s);
      evalLosses.push(make(Float64Array.from(this.target.subarray(s, s + length))));
    }
    return {
      fixed: null,
      length,
      warmup,
      evalEvery,
      x: new Float64Array(warmup + length),
      g: new Float64Array(warmup + length),
      make,
      evalStarts,
      evalLosses,
    };
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

  private sinkFailed(live: LiveBinding, e: unknown): void {
    this.liveError ??= e instanceof Error ? e.message : String(e);
    if (this.live === live) this.live = null;
  }

  /**
   * Pushes the model to the bound sink in the sink's terms (train/live-sink.ts) if the payload is
   * stable and finite. A sink that throws (or rejects) is unbound and reported in the result.
   * Returns whether something was sent.
   */
  pushLive(): boolean {
    const live = this.live;
    if (!live) return false;
    try {
      const payload = livePayload(this.model, live);
      if (payload === null) return false;
      const pending = sendPayload(live.sink, payload);
      pending?.then(undefined, (e: unknown) => this.sinkFailed(live, e));
      return true;
    } catch (e) {
      this.sinkFailed(live, e);
      return false;
    }
  }

  /** Copies `[w0, s + L)` of the input into the segment buffer; returns the warm-up length. */
  private loadSegment(seg: Segmenter, s: number): { x: Float64Array; off: number; w0: number } {
    const w0 = Math.max(0, s - seg.warmup);
    const n = s + seg.length - w0;
    const x = seg.x.subarray(0, n);
    for (let i = 0; i < n; i++) x[i] = this.signal[w0 + i];
    return { x, off: s - w0, w0 };
  }

  /** Mean loss of the current params over the evaluation segments (no gradient). */
  private evaluate(): number {
    const seg = this.seg;
    if (seg === null) return Number.NaN;
    if (!this.model.isStable()) return Number.NaN;
    let sum = 0;
    for (let e = 0; e < seg.evalStarts.length; e++) {
      const { x, off, w0 } = this.loadSegment(seg, seg.evalStarts[e]);
      let l = Number.NaN;
      try {
        const y = this.model.forward(x, w0);
        l = seg.evalLosses[e].compute(y.subarray(off));
      } catch {
        l = Number.NaN;
      }
      sum += l;
    }
    return sum / seg.evalStarts.length;
  }

  /** Segment mode: records an evaluation of the current params (best kept). */
  private recordEvaluation(): number {
    const l = this.evaluate();
    this.evals.push(l);
    if (Number.isNaN(this.initialLoss) && this.evals.length === 1) this.initialLoss = l;
    if (Number.isFinite(l) && l < this.bestLoss) {
      this.bestLoss = l;
      // evaluated after n steps: reported as step n − 1 (0-based; the start is step 0)
      this.bestStep = Math.max(0, this.history.length - 1);
      this.haveBest = true;
      this.best.set(this.model.params);
    }
    return l;
  }

  /** Forward, loss and gradient of one step; returns the loss (NaN on failure). */
  private evaluateStep(stepIndex: number): { loss: number; grad: Float64Array } {
    const { model } = this;
    const seg = this.seg;
    if (seg === null || seg.fixed !== null) {
      const y = model.forward(this.input as Float64Array);
      return { loss: (this.loss as DifferentiableLoss).compute(y, this.grad), grad: this.grad };
    }
    const T = this.signal.length;
    const s = Math.min(T - seg.length, Math.floor(this.random() * (T - seg.length + 1)));
    const { x, off, w0 } = this.loadSegment(seg, s);
    const y = model.forward(x, w0);
    const g = seg.g.subarray(0, x.length);
    g.fill(0, 0, off);
    const loss = seg.make(Float64Array.from(this.target.subarray(s, s + seg.length)));
    void stepIndex;
    return { loss: loss.compute(y.subarray(off), g.subarray(off)), grad: g };
  }

  /** One synchronous step; returns the loss at the params it evaluated (NaN when rolled back). */
  step(): number {
    const t0 = performance.now();
    const { model, gParams } = this;
    const stepIndex = this.history.length;
    if (this.seg !== null && this.evals.length === 0) this.recordEvaluation();
    let loss = Number.NaN;
    let grad: Float64Array = this.grad;
    const stable = model.isStable();
    if (stable) {
      try {
        const r = this.evaluateStep(stepIndex);
        loss = r.loss;
        grad = r.grad;
      } catch {
        loss = Number.NaN; // kernels reject non-finite intermediates: treat as divergence
      }
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
    if (this.seg === null) {
      if (stepIndex === 0) this.initialLoss = loss;
      if (loss < this.bestLoss) {
        this.bestLoss = loss;
        this.bestStep = stepIndex;
        this.haveBest = true;
        this.best.set(model.params);
      }
    }
    this.history.push(loss);
    const every = this.live?.every ?? 10;
    if (this.live && stepIndex % every === 0) this.pushLive();
    this.optimizer.step(model.params, gParams, loss);
    if (this.seg !== null && this.seg.fixed === null) {
      // Lazy update: frames outside this segment (zero gradient) keep their values, so Adam's
      // momentum does not drag frames the step never saw.
      const p = model.params;
      const prev = this.lastGood;
      for (let i = 0; i < p.length; i++) if (gParams[i] === 0) p[i] = prev[i];
    }
    this.optimizer.learningRate *= this.decay;
    if (this.seg !== null && this.history.length % this.seg.evalEvery === 0) this.recordEvaluation();
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
   * `yieldEvery` steps (default 1, so an abort is seen within one step). Stops early on abort or
   * after `maxRollbacks` consecutive rollbacks. Leaves the model holding the best params (pushed
   * once more to a bound sink) and returns the result with its `status`.
   */
  async run(
    steps = this.opts.steps ?? 500,
    signal: AbortSignal | undefined = this.opts.signal,
  ): Promise<TrainResult> {
    if (!Number.isInteger(steps) || steps < 0) throw new RangeError(`train: steps must be an integer ≥ 0`);
    const yieldEvery = Math.max(1, this.opts.yieldEvery ?? 1);
    const progressEvery = Math.max(1, this.opts.progressEvery ?? 10);
    const maxRollbacks = this.opts.maxRollbacks ?? 20;
    const onProgress = this.opts.onProgress;
    let aborted = false;
    let gaveUp = false;
    for (let i = 0; i < steps; i++) {
      if (signal?.aborted) {
        aborted = true;
        break;
      }
      this.step();
      if (onProgress && this.history.length % progressEvery === 0) onProgress(this.progress());
      if (this.consecutiveRollbacks > maxRollbacks) {
        gaveUp = true;
        break;
      }
      if (this.optimizer.converged) break;
      if ((i + 1) % yieldEvery === 0) {
        await yieldToEventLoop();
        if (signal?.aborted) {
          aborted = true;
          break;
        }
      }
    }
    if (onProgress && this.history.length % progressEvery !== 0) onProgress(this.progress());
    return this.finish(aborted, gaveUp);
  }

  /** The loss of the params the optimiser ends with (segment mode: a final evaluation). */
  private endLoss(): number {
    if (this.seg !== null) {
      const last = this.evals.length ? this.evals[this.evals.length - 1] : Number.NaN;
      const fresh = this.history.length % this.seg.evalEvery !== 0 || this.evals.length === 0;
      return fresh ? this.recordEvaluation() : last;
    }
    for (let i = this.history.length - 1; i >= 0; i--)
      if (Number.isFinite(this.history[i])) return this.history[i];
    return Number.NaN;
  }

  private judge(aborted: boolean, gaveUp: boolean, end: number): { status: TrainStatus; reason?: string } {
    const start = this.initialLoss;
    if (aborted) return { status: 'aborted', reason: 'stopped by the abort signal' };
    if (!Number.isFinite(this.bestLoss) || !Number.isFinite(start))
      return { status: 'failed', reason: 'the loss at the start was not finite' };
    if (gaveUp) {
      return {
        status: 'failed',
        reason: `diverged: ${this.consecutiveRollbacks} consecutive steps were non-finite or unstable`,
      };
    }
    // A fixed fitting set: the result is the best params by the held-out evaluation (the start
    // included), never worse than the start. Its second-order steps only ever lower the fitting
    // set's loss; a held-out loss that rises (even far above a start at the noise floor) is
    // overfitting, not divergence.
    if (this.seg?.fixed) return { status: 'done' };
    const seen = this.seg !== null ? this.evals : this.history;
    let worst = -Infinity;
    for (const l of seen) if (Number.isFinite(l) && l > worst) worst = l;
    if (worst > EXPLODE_FACTOR * start)
      return {
        status: 'failed',
        reason: `the loss exploded to ${worst.toPrecision(4)} (start ${start.toPrecision(4)})`,
      };
    if (end > start)
      return {
        status: 'failed',
        reason: `the loss ended at ${end.toPrecision(4)}, above its start ${start.toPrecision(4)}`,
      };
    return { status: 'done' };
  }

  /** Loads the best params into the model, pushes them live, and returns the result so far. */
  finish(aborted = false, gaveUp = false): TrainResult {
    const end = this.history.length === 0 && this.seg === null ? Number.NaN : this.endLoss();
    const verdict = this.judge(aborted, gaveUp, end);
    if (this.haveBest) this.model.params.set(this.best);
    else this.model.params.set(this.lastGood);
    if (this.live) this.pushLive();
    return {
      ...verdict,
      initialLoss: this.initialLoss,
      endLoss: end,
      ...(this.liveError === undefined ? {} : { liveError: this.liveError }),
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
