/**
 * Types of the training loop (src/train). Runs in Node, a Worker or a page: no DOM needed.
 */
import type { DifferentiableLoss, FilterModel, StftResolution } from '../core/api.js';
import type { OptimizerName } from './optim/optimizer.js';

/** Anything that accepts live coefficients, e.g. an AllPoleFilterNode (structural, no import). */
export interface CoefficientSink {
  setCoefficients(coeffs: Float64Array | number[], time?: number): void;
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

/** Options of `train` / `new TrainingSession`. */
export interface TrainOptions extends AdamOptions {
  model: FilterModel;
  /** Excitation fed to the model (length T). */
  input: Float64Array;
  /** Target output (length T). */
  target: Float64Array;
  /** 'mrstft' (default), 'mse', or a ready-made loss against `target`. */
  loss?: 'mrstft' | 'mse' | DifferentiableLoss;
  /** MR-STFT resolutions (default auraloss' [[1024,120,600],[2048,240,1200],[512,50,240]]). */
  resolutions?: readonly StftResolution[];
  /** Multiply the learning rate by this after every successful step (exponential decay; default 1). */
  learningRateDecay?: number;
  /**
   * 'adam' (default), 'lm' (Levenberg–Marquardt, loss 'mse', all-pole/pole-zero models), 'lbfgs', or
   * 'auto': LM for 'mse' on a time-invariant all-pole or pole-zero model, L-BFGS for other losses on
   * time-invariant models, Adam for time-varying models (the CLI's default). 'lm' and 'lbfgs' stop
   * early once converged. The Adam options (learningRate, betas, clipNorm) apply to 'adam' only.
   */
  optimizer?: OptimizerName;
  /** Number of optimisation steps for `run()` (default 500). */
  steps?: number;
  /** Seed of the session PRNG (mulberry32), default 0. */
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (p: TrainProgress) => void;
  /** Emit progress every N steps (default 10). */
  progressEvery?: number;
  /** Yield to the event loop every N steps (default 4). */
  yieldEvery?: number;
  /** Live playback binding: push `model.coefficients()` every `every` steps (default 10). */
  live?: LiveBinding;
  /** Sample rate written into the result's coefficients file (default 48000). */
  sampleRate?: number;
  /** Give up halving after this many consecutive rollbacks (default 20). */
  maxRollbacks?: number;
}

/**
 * A bound sink; only stable, finite coefficients are ever pushed. Default payload: the direct-form
 * denominator `model.coefficients()` (length order; for a pole-zero model the product of its
 * sections' denominators). Time-varying models push only through `map` (e.g. pick a frame).
 */
export interface LiveBinding {
  sink: CoefficientSink;
  every?: number;
  /** Transform before pushing (e.g. to Float32 or reflection domain); default identity. */
  map?: (directCoefficients: Float64Array, model: FilterModel) => Float64Array | number[];
}

export interface TrainResult {
  /** Copy of the best parameters seen (lowest finite loss with stable coefficients). */
  bestParams: Float64Array;
  bestLoss: number;
  bestStep: number;
  /** Steps actually run. */
  steps: number;
  aborted: boolean;
  rollbacks: number;
  /** Loss per step (NaN where a step diverged). */
  history: Float64Array;
  elapsedMs: number;
  /** The model, left holding bestParams. */
  model: FilterModel;
  /** The method that ran ('lm', 'lbfgs' or 'adam'). */
  optimizer: Exclude<OptimizerName, 'auto'>;
}
