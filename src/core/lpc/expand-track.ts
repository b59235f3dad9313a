/**
 * Frame-rate reflection coefficients → per-sample coefficient tracks.
 *
 * Layout: `K` is frames×M row-major, frame f applies at sample `f·hop` (frame centres, as
 * produced by `lpcFrames`). Sample t (absolute index `t0 + t`) uses
 * `k_t = (1-λ)·K[f] + λ·K[f+1]` with `f = ⌊(t0+t)/hop⌋`, `λ = ((t0+t) - f·hop)/hop`; samples at or
 * beyond the last centre hold the last frame. A convex combination of |k| < 1 stays inside
 * (-1, 1), so after step-up every per-sample `A(z)` is minimum phase (1/A stable) — unlike
 * interpolating direct-form coefficients. Outputs are T×M row-major (torchlpc layout).
 * `t0` lets a streaming caller expand block by block; blocks concatenate to the whole track.
 */
import type { NumericInput, RealArray } from '../api.js';
import { reflectionToDirectVjpCore, stepUpInPlace } from '../params/reflection.js';
import { interpolateFrameRow, scatterFrameRow } from '../track/frame-interpolation.js';

function checkTrack(fn: string, K: NumericInput, M: number, hop: number, T: number, t0: number): number {
  if (!Number.isInteger(M) || M < 1)
    throw new RangeError(`${fn}: M (order) must be an integer >= 1 (got ${M})`);
  const frames = K.length / M;
  if (!Number.isInteger(frames) || frames < 1) {
    throw new RangeError(`${fn}: K must hold frames >= 1 rows of M = ${M} (got length ${K.length})`);
  }
  if (!Number.isInteger(hop) || hop < 1)
    throw new RangeError(`${fn}: hop must be an integer >= 1 (got ${hop})`);
  if (!Number.isInteger(T) || T < 0) throw new RangeError(`${fn}: T must be an integer >= 0 (got ${T})`);
  if (!Number.isInteger(t0) || t0 < 0) throw new RangeError(`${fn}: t0 must be an integer >= 0 (got ${t0})`);
  for (let i = 0; i < K.length; i++) {
    const v = K[i];
    if (!(Math.abs(v) < 1)) throw new RangeError(`${fn}: K[${i}] must be finite with |k| < 1 (got ${v})`);
  }
  return frames;
}

/**
 * Per-sample reflection coefficients (T×M) by linear interpolation between frame centres
 * (module doc). `out` (length ≥ T·M) makes it allocation-free; must not alias `K`.
 * @throws RangeError naming `M`, `K` (length, non-finite, |k| ≥ 1), `hop`, `T`, `t0`, `out`.
 */
export function expandReflectionTrack(
  K: NumericInput,
  M: number,
  hop: number,
  T: number,
  out?: RealArray,
  t0 = 0,
): RealArray {
  const frames = checkTrack('expandReflectionTrack', K, M, hop, T, t0);
  const y = out ?? new Float64Array(T * M);
  if (y.length < T * M) throw new RangeError(`expandReflectionTrack: out must have length >= T*M = ${T * M}`);
  for (let t = 0; t < T; t++) interpolateFrameRow(K, M, hop, frames, t0 + t, y, t * M);
  return y;
}

/**
 * Per-sample direct-form coefficients A (T×M, torchlpc layout, rows `a_1..a_M` of
 * `A(z) = 1 + Σ a_i z^-i`): reflection interpolation (module doc) then step-up per sample, so
 * every row is minimum phase. `out` (length ≥ T·M, must not alias `K`) makes it allocation-free.
 * O(T·M²).
 * @throws RangeError naming `M`, `K` (length, non-finite, |k| ≥ 1), `hop`, `T`, `t0`, `out`.
 */
export function expandTrack(
  K: NumericInput,
  M: number,
  hop: number,
  T: number,
  out?: RealArray,
  t0 = 0,
): RealArray {
  const frames = checkTrack('expandTrack', K, M, hop, T, t0);
  const A = out ?? new Float64Array(T * M);
  if (A.length < T * M) throw new RangeError(`expandTrack: out must have length >= T*M = ${T * M}`);
  for (let t = 0; t < T; t++) {
    interpolateFrameRow(K, M, hop, frames, t0 + t, A, t * M);
    stepUpInPlace(A, t * M, M);
  }
  return A;
}

/**
 * VJP of {@link expandReflectionTrack}: `gKt = ∂L/∂k_t` (T×M) → `∂L/∂K` (frames×M), written to
 * `out` (overwritten, length ≥ K.length; allocation-free when given).
 * @throws RangeError as expandReflectionTrack, plus `gKt` (length ≠ T·M, non-finite) and `out`.
 */
export function expandReflectionTrackVjp(
  K: NumericInput,
  M: number,
  hop: number,
  T: number,
  gKt: NumericInput,
  out?: RealArray,
  t0 = 0,
): RealArray {
  const fn = 'expandReflectionTrackVjp';
  const frames = checkTrack(fn, K, M, hop, T, t0);
  checkGrad(fn, 'gKt', gKt, T * M);
  const gK = out ?? new Float64Array(K.length);
  if (gK.length < K.length) throw new RangeError(`${fn}: out must have length >= ${K.length}`);
  gK.fill(0, 0, K.length);
  for (let t = 0; t < T; t++) scatterFrameRow(gK, M, hop, frames, t0 + t, gKt, t * M);
  return gK;
}

function checkGrad(fn: string, name: string, g: NumericInput, n: number): void {
  if (g.length !== n) throw new RangeError(`${fn}: ${name} must have length T*M = ${n} (got ${g.length})`);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(g[i])) throw new RangeError(`${fn}: ${name}[${i}] must be finite`);
}

/** Scratch length needed by {@link expandTrackVjp} for order M: `M(M+1)/2 + 2M`. */
export function expandTrackVjpScratchLength(M: number): number {
  return (M * (M + 1)) / 2 + 2 * M;
}

/**
 * VJP of {@link expandTrack} with respect to K: `gA = ∂L/∂A` (T×M) → `∂L/∂K` (frames×M),
 * written to `out` (overwritten, length ≥ K.length). Per sample: re-interpolate k_t, step-up
 * VJP (params/reflection), scatter with the interpolation weights. `scratch` (length ≥
 * M(M+1)/2 + 2M, see {@link expandTrackVjpScratchLength}) with `out` makes it allocation-free.
 * O(T·M²).
 * @throws RangeError as expandTrack, plus `gA` (length ≠ T·M, non-finite), `out`, `scratch`.
 */
export function expandTrackVjp(
  K: NumericInput,
  M: number,
  hop: number,
  T: number,
  gA: NumericInput,
  out?: RealArray,
  scratch?: Float64Array,
  t0 = 0,
): RealArray {
  const fn = 'expandTrackVjp';
  const frames = checkTrack(fn, K, M, hop, T, t0);
  checkGrad(fn, 'gA', gA, T * M);
  const gK = out ?? new Float64Array(K.length);
  if (gK.length < K.length) throw new RangeError(`${fn}: out must have length >= ${K.length}`);
  const need = expandTrackVjpScratchLength(M);
  const S = scratch ?? new Float64Array(need);
  if (S.length < need) throw new RangeError(`${fn}: scratch must have length >= ${need}`);
  const kOff = (M * (M + 1)) / 2;
  const gOff = kOff + M;
  gK.fill(0, 0, K.length);
  for (let t = 0; t < T; t++) {
    interpolateFrameRow(K, M, hop, frames, t0 + t, S, kOff);
    reflectionToDirectVjpCore(S, kOff, gA, t * M, S, gOff, M, S);
    scatterFrameRow(gK, M, hop, frames, t0 + t, S, gOff);
  }
  return gK;
}
