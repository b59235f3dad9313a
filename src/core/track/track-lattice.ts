/**
 * The frame-rate lattice model: the time-varying filter that diffiir trains, plays and renders.
 *
 * For sample t of the track's time line (t = start + i for input sample i):
 *   `k[t]` and `lg[t]` interpolated from the frames (track/frame-interpolation.ts),
 *   `y[t] = lattice(exp(lg[t])·x[t], k[t])` (allpole/lattice.ts recursion and state layout).
 * Same as `tv_lattice_model.json` of the reference set (zero initial state, start 0).
 *
 * {@link trackLatticeBlock} is the streaming kernel that the AudioWorklet processor, the CLI's
 * `render` and the training model all run, so they compute the same numbers: one fused pass per
 * block (interpolate, gain, lattice; generated/lattice-track.ts, generic above order 32) that
 * allocates nothing. Its gain `exp(lg[t])` follows the rule of frame-gain.ts (an anchored
 * recursion, within ~1e-14 relative of `exp` per sample), like the gradients.
 */

import { LATTICE_TRACK } from '../allpole/generated/lattice-track.js';
import type { RealArray } from '../api.js';
import { kernelIndex } from '../kernel-dispatch.js';
import { fillTrackGains } from './frame-gain.js';
import { interpolateFrameRow } from './frame-interpolation.js';
import { checkReflectionTrack, type ReflectionTrack } from './reflection-track.js';

/** Samples per chunk of the reflection-track gradients (their per-sample inputs, {@link fillTrackChunk}). */
export const TRACK_CHUNK = 128;

/**
 * The model's per-sample inputs for n samples from track sample `s0` (unchecked, no
 * allocation): rows `k[s0+j]` into `ks[ksOff + j·M ..]` and the gained excitation
 * `e[s0+j]·x[xOff+j]` into `xs[xsOff + j]` (gains by frame-gain.ts). Shared by the gradients.
 */
export function fillTrackChunk(
  x: ArrayLike<number>,
  xOff: number,
  Kf: ArrayLike<number>,
  logGain: ArrayLike<number> | null,
  M: number,
  frames: number,
  hop: number,
  s0: number,
  n: number,
  ks: Float64Array,
  ksOff: number,
  xs: Float64Array,
  xsOff: number,
): void {
  fillTrackGains(logGain, hop, frames, s0, n, xs, xsOff);
  for (let j = 0; j < n; j++) {
    interpolateFrameRow(Kf, M, hop, frames, s0 + j, ks, ksOff + j * M);
    xs[xsOff + j] = xs[xsOff + j] * x[xOff + j];
  }
}

/**
 * Streaming kernel of the model (module doc), unchecked and allocation-free.
 * - `x`: input, samples `[0, n)` are read; `out`: output (may alias `x`), `[0, n)` written.
 * - `Kf` (`frames × M`), `logGain` (`frames`, or null for unit gain), `hop`: the track.
 * - `start`: track-time index of `x[0]` (integer ≥ 0); blocks with consecutive starts
 *   concatenate to the whole signal exactly (bit for bit).
 * - `state`: lattice state (length M, allpole/lattice.ts layout), updated in place.
 * - `gainTable`: null (default), or the per-frame table of `logGain` (frame-gain.ts
 *   `fillGainTable`, length 2·frames) for a player that keeps one: the same numbers with two
 *   `exp` calls fewer per frame interval.
 */
export function trackLatticeBlock(
  x: RealArray,
  out: RealArray,
  n: number,
  Kf: ArrayLike<number>,
  logGain: ArrayLike<number> | null,
  M: number,
  frames: number,
  hop: number,
  start: number,
  state: Float64Array,
  gainTable: Float64Array | null = null,
): void {
  // Orders 1..32: fused per order; above, the generic loop (the same operations, bit-identical).
  LATTICE_TRACK[kernelIndex(LATTICE_TRACK, M)](x, out, n, Kf, logGain, frames, hop, start, state, gainTable);
}

/** Options of {@link trackLattice}. */
export interface TrackLatticeOptions {
  /** Output buffer (length x.length; may alias x). Default: a new Float64Array. */
  out?: RealArray;
  /** Lattice state (length order), updated in place. Default: zeros (rest). */
  state?: Float64Array;
  /** Track-time index of x[0] (integer ≥ 0). Default 0. */
  start?: number;
}

/**
 * The model's forward pass over a whole signal (or one block of a stream, with `state` and
 * `start`): `y[t] = lattice(exp(lg[t])·x[t], k[t])`, conventions in the module doc.
 * @returns `out` (or a new Float64Array of length `x.length`).
 * @throws RangeError naming the track field, `out`, `state` or `start`.
 */
export function trackLattice(
  x: RealArray,
  track: ReflectionTrack,
  options: TrackLatticeOptions = {},
): RealArray {
  const frames = checkReflectionTrack('trackLattice', track);
  const M = track.order;
  const T = x.length;
  const out = options.out ?? new Float64Array(T);
  if (out.length !== T)
    throw new RangeError(`trackLattice: out.length must be x.length = ${T} (got ${out.length})`);
  const state = options.state ?? new Float64Array(M);
  if (state.length !== M)
    throw new RangeError(`trackLattice: state.length must be order = ${M} (got ${state.length})`);
  const start = options.start ?? 0;
  if (!Number.isInteger(start) || start < 0) {
    throw new RangeError(`trackLattice: start must be an integer >= 0 (got ${start})`);
  }
  const logGain = track.logGain ?? null;
  trackLatticeBlock(x, out, T, track.k, logGain, M, frames, track.hop, start, state);
  return out;
}
