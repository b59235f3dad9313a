/**
 * Allocation-free per-quantum helpers of the all-pole processor: gathering AudioParam arrays
 * into a coefficient matrix, output bound checks, gain and state flushing. Real-time code:
 * no `new`, no literals, no closures; loops sized from the buffers they are given.
 */

/** Result of {@link gatherCoefficients}. */
export const COEFFS_CONSTANT = 0;
export const COEFFS_VARYING = 1;
export const COEFFS_NONFINITE = -1;

/**
 * Copies the first `M` AudioParam value arrays (each of length 1 or T) into `rows`.
 * - every array of length 1: `rows[0..M-1]` = the M values (one constant row), returns
 *   {@link COEFFS_CONSTANT};
 * - otherwise: row-major `rows[t*M + i] = params[i][t]` (length-1 arrays broadcast), T rows,
 *   returns {@link COEFFS_VARYING}. `rows` must hold at least T*M values.
 * Returns {@link COEFFS_NONFINITE} when any value is NaN/±Inf (rows are then undefined).
 * `stats[0]` receives max |value| (lets the caller skip a clamp that would change nothing).
 */
export function gatherCoefficients(
  params: Float32Array[],
  M: number,
  T: number,
  rows: Float64Array,
  stats: Float64Array,
): number {
  let varying = false;
  for (let i = 0; i < M; i++) if (params[i].length > 1) varying = true;
  // Finiteness by accumulating v·0 (NaN exactly when some v is NaN/±Inf): branch-free loops.
  let probe = 0;
  let peak = 0;
  if (!varying) {
    for (let i = 0; i < M; i++) {
      const v = params[i][0];
      probe += v * 0;
      peak = Math.max(peak, Math.abs(v));
      rows[i] = v;
    }
    stats[0] = peak;
    return probe === 0 ? COEFFS_CONSTANT : COEFFS_NONFINITE;
  }
  for (let i = 0; i < M; i++) {
    const p = params[i];
    if (p.length > 1) {
      for (let t = 0, j = i; t < T; t++, j += M) {
        const v = p[t];
        probe += v * 0;
        peak = Math.max(peak, Math.abs(v));
        rows[j] = v;
      }
    } else {
      const v = p[0];
      probe += v * 0;
      peak = Math.max(peak, Math.abs(v));
      for (let t = 0, j = i; t < T; t++, j += M) rows[j] = v;
    }
  }
  stats[0] = peak;
  return probe === 0 ? COEFFS_VARYING : COEFFS_NONFINITE;
}

/** True when every entry of `g` (an AudioParam array, length 1 or T) is finite. */
export function allFinite(g: Float32Array): boolean {
  for (let t = 0; t < g.length; t++) {
    const v = g[t];
    if (v - v !== 0) return false;
  }
  return true;
}

/**
 * True when every |y[t]| <= limit (false on NaN/±Inf). Also sets |y[t]| < tiny to exactly 0,
 * so no float32 denormal ever leaves the node (a fast decay inside one quantum could produce
 * some before the state is flushed).
 */
export function boundAndFlush(y: Float32Array, limit: number, tiny: number): boolean {
  for (let t = 0; t < y.length; t++) {
    const v = y[t];
    if (!(v <= limit && v >= -limit)) return false;
    if (v < tiny && v > -tiny) y[t] = 0;
  }
  return true;
}

/** `y[t] *= gain[t]` (gain of length 1 broadcasts; gain exactly 1 is skipped). */
export function applyGain(y: Float32Array, gain: Float32Array): void {
  if (gain.length > 1) {
    for (let t = 0; t < y.length; t++) y[t] *= gain[t];
    return;
  }
  const g = gain[0];
  if (g === 1) return;
  for (let t = 0; t < y.length; t++) y[t] *= g;
}

/**
 * Sets state entries with |s| < threshold to exactly 0 (so a decaying tail ends in exact zeros
 * instead of denormals). Returns true when the whole state is then zero (the tail is over).
 */
export function flushState(state: Float64Array, threshold: number): boolean {
  let silent = true;
  for (let i = 0; i < state.length; i++) {
    const v = state[i];
    if (v < threshold && v > -threshold) state[i] = 0;
    else silent = false;
  }
  return silent;
}

/** Fills every channel of `output` with zeros. */
export function silence(output: Float32Array[]): void {
  for (let c = 0; c < output.length; c++) output[c].fill(0);
}
