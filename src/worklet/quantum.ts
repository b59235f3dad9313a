/**
 * Allocation-free per-quantum helpers of the all-pole processor: finiteness, output bound
 * checks, input gain, float32 output and state flushing (the coefficient AudioParams go straight to the core
 * `*FromParams` kernels). Real-time code:
 * no `new`, no literals, no closures; loops sized from the buffers they are given.
 */

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
 * some before the state is flushed). Each test is one compare of |v|, whose branch is
 * predictable: a pair of signed compares (`v < tiny && v > -tiny`) branches on the sign of the
 * audio and mispredicted about every other sample (~3.5 ns/sample in Chromium).
 */
export function boundAndFlush(y: Float32Array, limit: number, tiny: number): boolean {
  for (let t = 0; t < y.length; t++) {
    const a = Math.abs(y[t]);
    if (!(a <= limit)) return false;
    if (a < tiny) y[t] = 0;
  }
  return true;
}

/**
 * `xg[t] = x[t]·gain[t]` in float64 (gain of length 1 broadcasts; exactly 1 copies `x`).
 * `xg` has the quantum's length T = x.length.
 */
export function gainInput(x: Float32Array, gain: Float32Array, xg: Float64Array): void {
  const T = xg.length;
  if (gain.length > 1) {
    for (let t = 0; t < T; t++) xg[t] = x[t] * gain[t];
    return;
  }
  const g = gain[0];
  if (g === 1) {
    for (let t = 0; t < T; t++) xg[t] = x[t];
    return;
  }
  for (let t = 0; t < T; t++) xg[t] = x[t] * g;
}

/** `y[t] = src[t]` rounded to float32, for t < y.length. */
export function toFloat32(src: Float64Array, y: Float32Array): void {
  for (let t = 0; t < y.length; t++) y[t] = src[t];
}

/**
 * Sets state entries with |s| < threshold to exactly 0 (so a decaying tail ends in exact zeros
 * instead of denormals). Returns true when the whole state is then zero (the tail is over).
 * One compare of |s| per entry (see {@link boundAndFlush}: no branch on the sign).
 */
export function flushState(state: Float64Array, threshold: number): boolean {
  let silent = true;
  for (let i = 0; i < state.length; i++) {
    if (Math.abs(state[i]) < threshold) state[i] = 0;
    else silent = false;
  }
  return silent;
}

/** Fills every channel of `output` with zeros. */
export function silence(output: Float32Array[]): void {
  for (let c = 0; c < output.length; c++) output[c].fill(0);
}
