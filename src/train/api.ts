/**
 * Types of the training loop (src/train). Runs in Node, a Worker or a page: no DOM needed.
 */
import type { DifferentiableLoss, FilterModel, StftResolution } from '../core/api.js';
import type { OptimizerName } from './optim/optimizer.js';

/** A reflection track as pushed to a track-mode node's `playTrack` (frames × order `k`). */
export interface LiveTrack {
  k: Float64Array;
  logGain: Float64Array;
  hop: number;
}

/**
 * Anything that plays live coefficients, e.g. an AllPoleFilterNode (structural, no import). The
 * binding converts the model to what the sink plays (train/live-sink.ts):
 * `control: 'track'` → `playTrack({ k, logGain, hop })`; otherwise `setCoefficients` with the
 * reflection coefficients when `domain` is 'reflection', the direct-form `a` when 'direct' (default).
 */
export interface CoefficientSink {
  readonly domain?: 'direct' | 'reflection';
  readonly control?: 'params' | 'track';
  setCoefficients?(coeffs: Float64Array | number[], time?: number): void;
  playTrack?(track: LiveTrack, when?: number): unknown;
}

/** Adam hyper-parameters (defaults: lr 1e-2, betas 0.9/0.999, eps 1e-8, clipNorm 1). */
export interface AdamOptions {
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Global gradient-norm clip (0 or Infinity disables). */
  clipNorm?: number;
}

/** Progress report, emitted every `progressEvery` steps and at the end. */
export interface TrainProgress {
  /** Steps completed so far (1-based after the first step). */
  step: number;
  /** Loss of the latest step (NaN if it diverged). */
  loss: number;
  bestLoss: number;
  learningRate: number;
  elapsedMs: number;
  /** Number of rollbacks (divergence recoveries) so far. */
  rollbacks: number;
}

/**
 * Segment training, so training memory is proportional to the segments, not to the file (the
 * signals and the parameters aside). With Adam (and any time-varying model) each step runs the
 * model on one random segment of the signals; with a second-order method ('lm', 'lbfgs', or 'auto'
 * on a time-invariant model with a Steiglitz–McBride start) every step fits the same `fitSegments` segments, drawn once from the
 * seed apart from the evaluation segments when the signal leaves room (train/fit-set.ts). The model
 * runs `warmup` samples before a segment (at its place on the track, for time-varying models);
 * that prefix's output is excluded from the loss. The best parameters are judged on `evalSegments`
 * fixed segments spread over the file, evaluated before the first step, every `evalEvery` steps
 * (every step with a fitting set) and at the end. With a fitting set the result is the best of
 * those evaluations, the start included: such a run fails only when it diverges.
 */
export interface SegmentOptions {
  /** Samples per segment in the loss (integer ≥ 1; ≤ the signal length). */
  length: number;
  /** Warm-up samples run before the segment, excluded from the loss (integer ≥ 0, default 4096). */
  warmup?: number;
  /** Fixed evaluation segments (integer ≥ 1, default 4). */
  evalSegments?: number;
  /** Evaluate every N steps (integer ≥ 1, default 25; ignored with a fitting set: every step). */
  evalEvery?: number;
  /**
   * Segments of the fixed fitting set of a second-order method (integer ≥ 1, default 4). With
   * Levenberg–Marquardt it is capped so that its Jacobian (parameters × set samples) stays within
   * 256 MB (train/fit-set.ts `fitSetCount`), at least 1.
   */
  fitSegments?: number;
}

/** Options of `train` / `new TrainingSession`. */
export interface TrainOptions extends AdamOptions {
  model: FilterModel;
  /** Excitation fed to the model (length T ≥ 1, finite). Float32Array is read as is in segment mode. */
  input: Float64Array | Float32Array;
  /** Target output (length T, finite). */
  target: Float64Array | Float32Array;
  /** Train on random segments (memory bounded by the segment); default: the whole signal per step. */
  segment?: SegmentOptions;
  /** 'mrstft' (default), 'mse', or a ready-made loss against `target`. */
  loss?: 'mrstft' | 'mse' | DifferentiableLoss;
  /** MR-STFT resolutions (default auraloss' [[1024,120,600],[2048,240,1200],[512,50,240]]). */
  resolutions?: readonly StftResolution[];
  /** Multiply the learning rate by this after every successful step (exponential decay; default 1). */
  learningRateDecay?: number;
  /**
   * 'adam' (default), 'lm' (Levenberg–Marquardt, loss 'mse', all-pole/pole-zero models), 'lbfgs', or
   * 'auto': LM for 'mse' on a time-invariant all-pole or pole-zero model, L-BFGS for other losses on
   * time-invariant models, Adam for time-varying models (the CLI's default); with `segment`, 'lm' and
   * 'lbfgs' fit a fixed set of segments (see {@link SegmentOptions}). 'lm' and 'lbfgs' stop early
   * once converged. The Adam options (learningRate, betas, clipNorm) apply to 'adam' only.
   */
  optimizer?: OptimizerName;
  /** Number of optimisation steps for `run()` (default 500). */
  steps?: number;
  /** Seed of the session PRNG (mulberry32; draws the segments of segment training), default 0. */
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
  /** Emit progress every N steps (default 10). */
  progressEvery?: number;
  /** Yield to the event loop every N steps (default 1: an abort is seen within one step). */
  yieldEvery?: number;
  /** Live playback binding: push the model to a node every `every` steps (default 10). */
  live?: LiveBinding;
  /** Give up halving after this many consecutive rollbacks (default 20). */
  maxRollbacks?: number;
}

/**
 * A bound sink; only stable, finite payloads are ever pushed (direct `a` passing `isStable`,
 * every |k| < 1). The payload follows the sink (see {@link CoefficientSink}). A sink that throws
 * (or whose playTrack rejects) is unbound and reported in `TrainResult.liveError`; the run goes on.
 */
export interface LiveBinding {
  sink: CoefficientSink;
  every?: number;
  /**
   * For parameter-mode sinks: forms the vector to push, in the sink's domain, from the direct-form
   * `model.coefficients()` (frames × order for time-varying models, which need it to push at all).
   */
  map?: (directCoefficients: Float64Array, model: FilterModel) => Float64Array | number[];
}

/**
 * Outcome of a run. 'failed' when the loss was never finite, the run gave up after `maxRollbacks`
 * consecutive divergent steps, the loss exploded (above 1e3 × its start) or the run ended with a
 * loss above its start (except on a fixed fitting set, whose result is the best evaluation, start
 * included); 'aborted' when stopped by the signal; otherwise 'done'.
 */
export type TrainStatus = 'done' | 'failed' | 'aborted';

export interface TrainResult {
  status: TrainStatus;
  /** Why the run failed (or was aborted); absent when done. */
  reason?: string;
  /** Loss before the first step (segment mode: mean over the evaluation segments). */
  initialLoss: number;
  /** Loss of the parameters the optimiser ended with, before the best ones were restored. */
  endLoss: number;
  /** Message of a live sink's error, when it was unbound because of one. */
  liveError?: string;
  /** Copy of the best parameters seen (lowest finite loss with stable coefficients). */
  bestParams: Float64Array;
  /** Lowest loss seen (segment mode: of the evaluations). */
  bestLoss: number;
  /** 0-based step whose params were best (segment mode: the last step before the best evaluation; 0 = the start). */
  bestStep: number;
  /** Steps actually run. */
  steps: number;
  aborted: boolean;
  rollbacks: number;
  /** Loss per step (NaN where a step diverged; segment mode: of that step's segment, or of the fitting set). */
  history: Float64Array;
  elapsedMs: number;
  /** The model, left holding bestParams. */
  model: FilterModel;
  /** The method that ran ('lm', 'lbfgs' or 'adam'). */
  optimizer: Exclude<OptimizerName, 'auto'>;
}
