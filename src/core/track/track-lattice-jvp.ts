/**
 * Forward mode of the frame-rate lattice model (track-lattice.ts): the tangent of y along a
 * direction in (frames, log-gains, x), e.g. one Jacobian column for Gauss–Newton.
 */
import { latticeTangent } from '../allpole/lattice-jvp.js';
import { checkFinite, checkLength, checkReal } from '../allpole/validate.js';
import type { NumericInput, RealArray } from '../api.js';
import { fillTrackGains } from './frame-gain.js';
import { interpolateFrameRow, interpolateFrameValue } from './frame-interpolation.js';
import { checkReflectionTrack, type ReflectionTrack } from './reflection-track.js';
import { fillTrackChunk, TRACK_CHUNK } from './track-lattice.js';

/** A tangent direction of the model; a missing field is a zero tangent. */
export interface TrackLatticeTangent {
  /** Tangent of `track.k` (frames × order). */
  k?: NumericInput | null;
  /** Tangent of the log-gains (frames). */
  logGain?: NumericInput | null;
  /** Tangent of x (T). */
  x?: NumericInput | null;
  /** Tangent of the initial lattice state (order). */
  state?: NumericInput | null;
}

/** Options and caller buffers of {@link trackLatticeJvp}; every field is optional. */
export interface TrackLatticeJvpOptions {
  /** Track-time index of x[0] (integer ≥ 0), as in `trackLattice`. Default 0. */
  start?: number;
  /** Initial lattice state (length order; read only). Default rest. */
  state?: NumericInput;
  /** Output tangent dy (T). */
  dy?: Float64Array;
  /** Output: the primal y (T), computed on the way. */
  y?: RealArray;
  /** Work space, length ≥ {@link trackLatticeJvpScratchLength}(order). */
  scratch?: Float64Array;
}

/** Scratch length of {@link trackLatticeJvp}: `2·C·(M + 1) + 2·M`, C = `TRACK_CHUNK`. */
export function trackLatticeJvpScratchLength(M: number): number {
  return 2 * TRACK_CHUNK * (M + 1) + 2 * M;
}

/**
 * Jacobian-vector product of `y = trackLattice(x, track)`: the tangent `dy` along `v`.
 * Per sample, `k̇[t]` and `l̇g[t]` are interpolated from `v.k`, `v.logGain` by the forward's rule,
 * the excitation tangent is `u̇ = e·ẋ + l̇g·u` (`u = e·x`, `e = exp(lg)`), and the primal lattice
 * runs alongside its tangent (`latticeTangent`) in chunks of `TRACK_CHUNK` samples: one pass,
 * memory O(M·C) whatever T. Linear in `v`; `<g, J·v> = <Jᵀ·g, v>` with `trackLatticeVjp`.
 *
 * - `x`: Float64Array or Float32Array (T); `track`: as `trackLattice` (checked the same way).
 * - With `opts.dy` and `opts.scratch` given nothing is allocated; wrong lengths are RangeErrors
 *   naming the argument. Returns dy.
 */
export function trackLatticeJvp(
  x: RealArray,
  track: ReflectionTrack,
  v: TrackLatticeTangent,
  opts: TrackLatticeJvpOptions = {},
): Float64Array {
  const fn = 'trackLatticeJvp';
  const frames = checkReflectionTrack(fn, track);
  const M = track.order;
  checkReal(fn, 'x', x);
  const T = x.length;
  const start = opts.start ?? 0;
  if (!Number.isInteger(start) || start < 0) {
    throw new RangeError(`${fn}: start must be an integer >= 0 (got ${start})`);
  }
  const tk = v.k ?? null;
  const tlg = v.logGain ?? null;
  const tx = v.x ?? null;
  const tst = v.state ?? null;
  if (tk !== null) checkTangent(fn, 'v.k', tk, frames * M);
  if (tlg !== null) checkTangent(fn, 'v.logGain', tlg, frames);
  if (tx !== null) checkTangent(fn, 'v.x', tx, T);
  if (tst !== null) checkTangent(fn, 'v.state', tst, M);
  if (opts.state !== undefined) checkTangent(fn, 'state', opts.state, M);
  const dy = opts.dy ?? new Float64Array(T);
  checkLength(fn, 'dy', dy, T);
  if (opts.y !== undefined) checkLength(fn, 'y', opts.y, T);
  const need = trackLatticeJvpScratchLength(M);
  const w = opts.scratch ?? new Float64Array(need);
  if (w.length < need) throw new RangeError(`${fn}: scratch.length must be >= ${need} (got ${w.length})`);
  const C = TRACK_CHUNK;
  const ks = 0;
  const tks = C * M;
  const us = 2 * C * M;
  const tus = us + C;
  const st = tus + C;
  const dst = st + M;
  for (let j = 0; j < M; j++) {
    w[st + j] = opts.state !== undefined ? opts.state[j] : 0;
    w[dst + j] = tst !== null ? tst[j] : 0;
  }
  const lg = track.logGain ?? null;
  const hop = track.hop;
  for (let t0 = 0; t0 < T; t0 += C) {
    const n = Math.min(C, T - t0);
    fillTrackChunk(x, t0, track.k, lg, M, frames, hop, start + t0, n, w, ks, w, us);
    if (tx !== null) fillTrackGains(lg, hop, frames, start + t0, n, w, tus);
    for (let i = 0; i < n; i++) {
      const s = start + t0 + i;
      if (tk !== null) interpolateFrameRow(tk, M, hop, frames, s, w, tks + i * M);
      else w.fill(0, tks + i * M, tks + (i + 1) * M);
      let du = 0;
      if (tx !== null) du = w[tus + i] * tx[t0 + i];
      if (tlg !== null) du += interpolateFrameValue(tlg, hop, frames, s) * w[us + i];
      w[tus + i] = du;
    }
    latticeTangent(w, us, w, ks, M, w, tus, 1, w, tks, M, w, st, w, dst, opts.y ?? null, t0, dy, t0, M, n);
  }
  return dy;
}

function checkTangent(fn: string, name: string, v: NumericInput, n: number): void {
  checkLength(fn, name, v, n);
  checkFinite(fn, name, v);
}
