import type { RealArray } from '../api.js';
import { kernelIndex } from '../kernel-dispatch.js';
import { ALLPOLE_PARAMS } from './generated/allpole-params.js';
import { LATTICE_PARAMS } from './generated/lattice-params.js';

/**
 * Real-time all-pole filters that read the coefficients straight from AudioParam value arrays
 * (an AudioWorkletProcessor's `parameters[name]`, each of length 1 = constant over the quantum,
 * or T = per sample), so no T×M coefficient matrix is ever gathered. Order-specialised
 * generated kernels for M <= 32 (scripts/gen-allpole-kernels.ts), generic loops above.
 * Optional `columns` scratch (Float32Array, length >= M·T): when some array is per sample, the
 * arrays are packed into it (param-columns.ts) and read from there, which is faster (one typed
 * array instead of M, no masks) and bit-identical; the AudioWorklet processor always passes one.
 *
 * Result codes: {@link PARAMS_OK}; {@link PARAMS_NONFINITE_COEFFICIENT} when some coefficient
 * value is NaN/±Infinity; {@link PARAMS_NONFINITE_OUTPUT} when the state became non-finite for
 * another reason (non-finite input, or overflow of an unstable direct-form filter). Detection
 * costs nothing per sample: a non-finite coefficient always makes the output NaN/±Inf, and a
 * non-finite value never leaves the recursion's state, so the final state is probed once and
 * the params are scanned only when it is non-finite. After a non-OK code `out` and `state`
 * hold garbage: the caller resets the state (the worklet silences the quantum).
 */

/** Finite result. */
export const PARAMS_OK = 0;
/** Some coefficient value is NaN or ±Infinity. */
export const PARAMS_NONFINITE_COEFFICIENT = 1;
/** The state is non-finite although every coefficient is finite (input NaN/Inf, overflow). */
export const PARAMS_NONFINITE_OUTPUT = 2;

/**
 * True when the first M arrays of `params` hold only finite values (the whole arrays are
 * scanned). No allocation.
 */
export function paramsFinite(params: ArrayLike<Float32Array>, M: number): boolean {
  for (let i = 0; i < M; i++) {
    const p = params[i];
    for (let t = 0; t < p.length; t++) {
      const v = p[t];
      if (v - v !== 0) return false;
    }
  }
  return true;
}

/** O(M) argument checks shared by both entries (RangeError naming the argument). */
function check(
  fn: string,
  x: RealArray,
  params: ArrayLike<Float32Array>,
  M: number,
  state: Float64Array,
  out: RealArray,
  columns: Float32Array | undefined,
): void {
  const T = x.length;
  if (!Number.isInteger(M) || M < 1)
    throw new RangeError(`${fn}: order M must be an integer >= 1 (got ${M})`);
  if (params.length < M)
    throw new RangeError(`${fn}: params must hold M = ${M} arrays (got ${params.length})`);
  if (state.length !== M) throw new RangeError(`${fn}: state.length must be M = ${M} (got ${state.length})`);
  if (out.length !== T) throw new RangeError(`${fn}: out.length must be x.length = ${T} (got ${out.length})`);
  for (let i = 0; i < M; i++) {
    const n = params[i].length;
    if (n !== 1 && n !== T)
      throw new RangeError(`${fn}: params[${i}].length must be 1 or x.length = ${T} (got ${n})`);
  }
  if (columns !== undefined && !(columns instanceof Float32Array && columns.length >= M * T))
    throw new RangeError(`${fn}: columns must be a Float32Array of length >= M·T = ${M * T}`);
}

/** Result code from the final state (probed once) and, only if it is non-finite, the params. */
function resultCode(params: ArrayLike<Float32Array>, M: number, state: Float64Array): number {
  let probe = 0;
  for (let i = 0; i < M; i++) probe += state[i] * 0;
  if (probe === 0) return PARAMS_OK;
  return paramsFinite(params, M) ? PARAMS_NONFINITE_OUTPUT : PARAMS_NONFINITE_COEFFICIENT;
}

/**
 * `lattice` with the reflection coefficients taken from AudioParam arrays:
 * `params[i]` (i < M) holds k_{i+1}, of length 1 (constant) or T = x.length (per sample); each
 * value is clamped into [-limit, limit] (like `clampReflection`; default 0.999999) on
 * the fly. Same state layout as `lattice` (length M, updated in place, never reset here);
 * samples are bit-identical to `clampReflection` + `lattice` on the gathered T×M matrix.
 * `out` (length T) may alias `x`. `columns`: optional packing scratch (see above; its contents
 * are overwritten). Returns a PARAMS_* code (see above). Allocates nothing; O(M) argument
 * checks (RangeError naming the argument).
 */
export function latticeFromParams(
  x: RealArray,
  params: ArrayLike<Float32Array>,
  M: number,
  state: Float64Array,
  out: RealArray,
  limit = 0.999999,
  columns?: Float32Array,
): number {
  check('latticeFromParams', x, params, M, state, out, columns);
  if (!(limit > 0 && limit <= 1))
    throw new RangeError(`latticeFromParams: limit must be in (0, 1] (got ${limit})`);
  const k = LATTICE_PARAMS[kernelIndex(LATTICE_PARAMS, M)];
  k(x, params, state, out, x.length, M, limit, columns ?? null);
  return resultCode(params, M, state);
}

/**
 * {@link allpoleUnchecked} with the direct-form coefficients taken from AudioParam arrays:
 * `y[t] = x[t] - Σ_{i=1..M} params[i-1][t]·y[t-i]` (length-1 arrays broadcast), state
 * `state[i] = y[-1-i]` updated in place; bit-identical to `allpole` on the gathered matrix.
 * `out` may alias `x`; `columns` as for {@link latticeFromParams}. Returns a PARAMS_* code.
 * Allocates nothing; O(M) argument checks.
 */
export function allpoleFromParams(
  x: RealArray,
  params: ArrayLike<Float32Array>,
  M: number,
  state: Float64Array,
  out: RealArray,
  columns?: Float32Array,
): number {
  check('allpoleFromParams', x, params, M, state, out, columns);
  const k = ALLPOLE_PARAMS[kernelIndex(ALLPOLE_PARAMS, M)];
  k(x, params, state, out, x.length, M, columns ?? null);
  return resultCode(params, M, state);
}
