import type { RealArray } from '../api.js';

/**
 * Forward all-pole kernel. Runs `y[t] = x[t] - Σ_{i=1..M} A[row(t) + i-1]·y[t-i]` for t in [0, T),
 * where `row(t) = t*M` (time-varying, `A` is T×M) or `0` (time-invariant, `A` has length M).
 * `s` holds the state `s[i] = y[-1-i]` on entry and `zf` on exit (updated in place, float64).
 * `y` may alias `x`. No validation, no allocation (generic kernels use a module-level scratch
 * that grows once per larger order).
 */
export type ForwardKernel = (
  x: RealArray,
  A: RealArray,
  y: RealArray,
  s: Float64Array,
  T: number,
  M: number,
) => void;

/**
 * Backward (adjoint) all-pole kernel for `L = Σ g·y`: writes `dx` (length T), `dA` (T×M when
 * time-varying; length M summed over t when time-invariant) and `dzi` (length M). `y` is the
 * forward output and `zi` the forward initial state (float64, length M).
 */
export type BackwardKernel = (
  g: RealArray,
  y: RealArray,
  A: RealArray,
  zi: Float64Array,
  dx: Float64Array,
  dA: Float64Array,
  dzi: Float64Array,
  T: number,
  M: number,
) => void;

/**
 * Lattice kernel (see lattice.ts): filters `x` into `y` (T samples, may alias) with reflection
 * coefficients `K` read at row `t*stride` (stride M: T×M per sample; stride 0: one row of M),
 * updating the backward-error state `s` (length M) in place. No validation, no allocation.
 */
export type LatticeKernel = (
  x: RealArray,
  K: RealArray,
  s: Float64Array,
  y: RealArray,
  T: number,
  stride: number,
) => void;

/**
 * Lattice kernel over coefficient AudioParam arrays (see from-params.ts): `P[i]` holds k_{i+1},
 * length 1 (constant) or T; each value is clamped into [-L, L] (±Infinity → NaN). Updates the
 * state `s` (length M) in place. `C`: null, or a column scratch (Float32Array, length >= M·T;
 * see param-columns.ts) that the order-specialised kernels pack the arrays into when some of
 * them are per sample (faster; bit-identical). No validation, no allocation.
 */
export type LatticeParamsKernel = (
  x: RealArray,
  P: ArrayLike<Float32Array>,
  s: Float64Array,
  y: RealArray,
  T: number,
  M: number,
  L: number,
  C: Float32Array | null,
) => void;

/**
 * Direct-form all-pole kernel over coefficient AudioParam arrays (see from-params.ts): `P[i]`
 * holds a_{i+1}, length 1 or T; state `s[i] = y[-1-i]` updated in place; `C` as for
 * {@link LatticeParamsKernel}. No validation.
 */
export type AllpoleParamsKernel = (
  x: RealArray,
  P: ArrayLike<Float32Array>,
  s: Float64Array,
  y: RealArray,
  T: number,
  M: number,
  C: Float32Array | null,
) => void;
