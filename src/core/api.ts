/**
 * Shared types of the diffiir core.
 *
 * Conventions used everywhere in `src/core`:
 * - All-pole, time-varying (torchlpc): `y[t] = x[t] - Σ_{i=1..M} A[t*M + (i-1)] · y[t-i]`.
 *   `A` is row-major `T × M`; a single row (`A.length === M`) means time-invariant.
 *   Initial state `zi[i] = y[-1-i]` (`zi[0]` is the most recent past output); the final
 *   state `zf` has the same layout, so `zf` of one block is `zi` of the next.
 * - LTI (scipy.signal.lfilter): `a[0]·y[t] = Σ_k b[k]·x[t-k] - Σ_{k≥1} a[k]·y[t-k]`.
 * - Polynomials `A(z) = 1 + Σ a_i z^-i` are stored without the leading 1 unless stated.
 * - Gradients are vector-Jacobian products (vjp) with the upstream gradient `g = dL/dy`.
 * - Every kernel accepts optional caller-owned output/scratch buffers; when they are given the
 *   kernel allocates nothing (real-time contract). When omitted, fresh Float64Arrays are returned.
 */

/** A real-valued signal or coefficient buffer accepted by the kernels. */
export type RealArray = Float64Array | Float32Array;

/** Read-only numeric input (plain arrays are accepted where a kernel does not need speed). */
export type NumericInput = ArrayLike<number>;

// ---- all-pole (src/core/allpole) -----------------------------------------------------------

/** Result of an all-pole forward pass. */
export interface AllPoleOutput<Y extends RealArray = RealArray> {
  /** Output signal, length T. */
  y: Y;
  /** Final state, `zf[i] = y[T-1-i]` (continuing from zi when T < M), length M. */
  zf: Float64Array;
}

/** Vector-Jacobian products of the all-pole filter for `L = Σ g·y`. */
export interface AllPoleGradients {
  /** dL/dx, length T. */
  dx: Float64Array;
  /** dL/dA, same shape as the A that was passed (T×M, or M when time-invariant: summed over t). */
  dA: Float64Array;
  /** dL/dzi, length M. */
  dzi: Float64Array;
}

// ---- LTI (src/core/lti) --------------------------------------------------------------------

/** Result of `lfilter`. */
export interface LfilterOutput {
  y: Float64Array;
  /** Final state in scipy's transposed direct form II layout, length max(len(a), len(b)) - 1. */
  zf: Float64Array;
}

/** Vector-Jacobian products of `lfilter` for `L = Σ g·y`. */
export interface LfilterGradients {
  db: Float64Array;
  da: Float64Array;
  dx: Float64Array;
}

/** A complex frequency response sampled at angular frequencies `w` (rad/sample). */
export interface ComplexResponse {
  w: Float64Array;
  re: Float64Array;
  im: Float64Array;
}

/** Magnitude `|H|` and phase `arg H` (radians) of a frequency response (`magnitudeResponse`). */
export interface MagnitudePhase {
  mag: RealArray;
  phase: RealArray;
}

/** Gradients of a real loss with respect to the coefficients b and a (`freqzVjp`, `firFromIirVjp`). */
export interface CoefficientGradients {
  db: Float64Array;
  da: Float64Array;
}

// ---- parameterisations and LPC (src/core/params, src/core/lpc) -----------------------------

/** Result of LPC analysis of one frame (autocorrelation method). */
export interface LpcResult {
  /** Direct-form coefficients a_1..a_M of `A(z) = 1 + Σ a_i z^-i`. */
  a: Float64Array;
  /** Reflection coefficients k_1..k_M (step-up convention, see params/reflection). */
  k: Float64Array;
  /** Prediction error power `r0 + Σ a_i r_i`. */
  error: number;
  /** Autocorrelation r_0..r_M of the windowed frame. */
  r: Float64Array;
}

/** Output of Levinson–Durbin (`levinson`): the part of {@link LpcResult} without `r`. */
export interface LevinsonResult {
  a: Float64Array;
  k: Float64Array;
  /**
   * Prediction error power E_M ≥ 0 of the returned `a` (`r0 + Σ a_i r_i`; equals the recursive
   * E_m = E_{m-1}(1 - k_m²), E_0 = r0, in exact arithmetic). See `levinson` for how it is computed.
   */
  error: number;
}

/** Options of `directToReflection`: what to do when A(z) is not minimum phase. */
export interface DirectToReflectionOptions {
  /** 'throw' (default): RangeError. 'nan': return; k below the offending order are NaN. */
  onUnstable?: 'throw' | 'nan';
}

/** Options of `lpc` (single frame). */
export interface LpcOptions {
  /** Analysis window (length = frame length). Default: `hannTrimmed(N)`; `null`: rectangular. */
  window?: NumericInput | null;
  /** White-noise correction: r0 ← r0·(1 + whiteNoise) before Levinson (default 0). */
  whiteNoise?: number;
  /** Largest |k| of the result (default 1 − 1e-12, round-off only); see lpc/lpc-conditioning. */
  kMax?: number;
  /** Gaussian lag window on r_1..r_M, bandwidth as a fraction of the sample rate (Hz / fs); 0 = none. */
  lagWindow?: number;
  /** Bandwidth expansion γ in (0, 1]: a_i ← γ^i·a_i after Levinson (default 1 = none). */
  bandwidthExpansion?: number;
}

/** Options of `lpcFrames`. */
export interface LpcFramesOptions extends LpcOptions {
  /** Samples per analysis frame (N ≥ 1). */
  frameLength: number;
  /** Samples between frame centres (integer ≥ 1). */
  hop: number;
}

/** Frame-wise LPC analysis: frame f is centred on sample f·hop (zero-padded at the edges). */
export interface LpcFramesResult {
  /** Direct form, frames×M row-major (torchlpc layout for a frame-rate track). */
  A: Float64Array;
  /** Reflection coefficients, frames×M row-major. */
  K: Float64Array;
  /** Prediction error power per frame. */
  error: Float64Array;
  /** sqrt(error / Σ w²): RMS excitation gain per frame (0 for silent frames). */
  gain: Float64Array;
  frames: number;
  hop: number;
  M: number;
  frameLength: number;
}

// ---- losses, models, coefficients file (src/core/loss, src/core/models) — owner TRAIN ------

/** One STFT resolution `[nFft, hop, winLength]` (auraloss order: fft size, hop, window). */
export type StftResolution = readonly [nFft: number, hop: number, winLength: number];

/**
 * A differentiable loss against a fixed target. `compute` returns the loss and, when `grad` (length
 * `length`) is given, OVERWRITES it with dLoss/dEstimate. The estimate is never modified.
 */
export interface DifferentiableLoss {
  /** Signal length the loss was built for (estimate and target length). */
  readonly length: number;
  compute(estimate: NumericInput, grad?: Float64Array): number;
}

/** Numerator of a coefficients file: `sections` (S×3, each [b0,b1,b2]) or one polynomial `b`. */
export type CoefficientsNumerator = { sections: number[][] } | { b: number[] };

/**
 * The JSON document shared by CLI, demo and node (`format: 'diffiir-coefficients'`, version 1),
 * in one of two forms told apart by `domain` (schema and examples: core/coefficients-file.ts):
 * - {@link DirectCoefficientsFile} (`domain: 'direct'`): direct-form denominator rows (torchlpc
 *   layout), optional gain, frame gains and FIR numerator;
 * - {@link ReflectionTrackFile} (`domain: 'reflection'`): a reflection track, `k` and `logGain`
 *   per frame, which is a `ReflectionTrack` (core/track) as it stands (`trackLattice(x, file)`,
 *   `node.playTrack(file)`).
 * How a file is played is written once: core/render/render-coefficients.ts.
 */
export type CoefficientsFile = DirectCoefficientsFile | ReflectionTrackFile;

/**
 * Direct form, torchlpc layout: `coefficients[f][i-1]` = A[f][i-1] in
 * `y[t] = x[t] - Σ_{i=1..order} A[f][i-1] y[t-i]` (then times `gain`, then numerator if any).
 * `hop` 0 or absent = time-invariant (`frames` = 1); otherwise frame f applies at sample f·hop
 * (frame centres; hop 1 = torchlpc's per-sample rows, played unconverted; hop ≥ 2 = a frame track,
 * played as the reflection track of its frames, see core/render/render-coefficients.ts).
 */
export interface DirectCoefficientsFile {
  format: 'diffiir-coefficients';
  version: 1;
  convention: 'y[t] = x[t] - sum_i A[f][i-1] y[t-i]';
  sampleRate: number;
  order: number;
  domain: 'direct';
  hop: number;
  frames: number;
  coefficients: number[][];
  /** Optional FIR numerator (pole-zero models). When sections are given, there are as many denominator
   * second-order sections; `coefficients` then holds their product polynomial (order 2·S). */
  numerator?: CoefficientsNumerator;
  /** Linear gain (1 = none), applied to the excitation (equivalently the output for LTI). */
  gain: number;
  /** Optional per-frame linear gains (time-varying models, length `frames`), multiplying `gain`;
   * interpolated linearly in the log domain between frame centres like the coefficients. */
  frameGains?: number[];
}

/**
 * A reflection track (what the time-varying model trains and the node's `playTrack` takes):
 * `k` is `frames × order` reflection coefficients, row-major and flat, every |k| < 1; `logGain`
 * one natural-log excitation gain per frame; frame f sits at sample f·`hop` (hop ≥ 1; one frame
 * is time-invariant). Per sample, k and logGain are interpolated linearly between frames and the
 * last frame is held; `y[t] = lattice(exp(logGain[t])·x[t], k[t])` (core/track).
 */
export interface ReflectionTrackFile {
  format: 'diffiir-coefficients';
  version: 1;
  convention: 'y[t] = lattice(exp(logGain[t]) x[t], k[t]), k and logGain linear between frames f*hop';
  sampleRate: number;
  order: number;
  domain: 'reflection';
  hop: number;
  frames: number;
  /** `frames × order` reflection coefficients, row-major (flat), every |k| < 1. */
  k: number[];
  /** Natural-log gain per frame (length `frames`). */
  logGain: number[];
}

/** How the all-pole denominator is parameterised (all but 'direct' are stable by construction). */
export type AllPoleParameterisation = 'direct' | 'reflection' | 'lar';

/**
 * A differentiable filter with a flat parameter vector. Contract:
 * - `params` is owned by the model and updated in place by the optimiser (length `params.length`).
 * - `forward(x)` reads the current params and returns y (length x.length; a buffer the model owns,
 *   valid until the next forward). It caches what `backward` needs.
 * - `backward(gy, gParams)` OVERWRITES gParams (length params.length) with dL/dparams for
 *   `L = Σ gy·y` of the latest forward.
 * - `isStable()` tells whether the current params give a stable filter (all poles |p| < 1).
 * - `coefficients()` returns the direct-form denominator, frames×order row-major (frames = 1 when
 *   time-invariant): what a live AllPoleFilterNode-like sink receives.
 */
export interface FilterModel {
  readonly kind: 'allpole' | 'polezero' | 'tv-allpole';
  readonly order: number;
  /** Samples between control frames (0 = time-invariant). */
  readonly hop: number;
  readonly params: Float64Array;
  /** `start`: track-time index of x[0] for time-varying models (default 0); LTI models ignore it. */
  forward(x: Float64Array, start?: number): Float64Array;
  backward(gy: Float64Array, gParams: Float64Array): void;
  isStable(): boolean;
  coefficients(): Float64Array;
  /** Linear output gain currently applied (1 when the model has no gain). */
  gain(): number;
  toCoefficientsFile(sampleRate: number): CoefficientsFile;
}

/** Declarative model description used by `createModel` (CLI and demo build models from this). */
export type ModelSpec =
  | { kind: 'allpole'; order: number; parameterisation?: AllPoleParameterisation; gain?: boolean }
  | {
      kind: 'polezero';
      sections: number;
      rmax?: number;
      gain?: boolean;
      /** Section poles: 'polar' (r = rmax·sigmoid(ρ), θ; default) or 'reflection' (per-section
       * reflection coefficients via tanh: every stable section, real pole pairs included). */
      poles?: 'polar' | 'reflection';
    }
  | {
      kind: 'tv-allpole';
      order: number;
      hop: number;
      /** LPC analysis frame length for initialisation (default 4·hop). */
      frameLength?: number;
      parameterisation?: Exclude<AllPoleParameterisation, 'direct'>;
      gain?: boolean;
    };
