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
