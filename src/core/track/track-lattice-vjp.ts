/**
 * Reverse mode of the frame-rate lattice model (track-lattice.ts): gradients with respect to
 * the frames, fused with the interpolation and checkpointed, so that memory does not grow
 * with the signal beyond its inputs and outputs.
 */
import { latticeAdjoint, latticeRecord } from '../allpole/lattice-tape.js';
import { LATTICE_SEGMENT } from '../allpole/lattice-vjp.js';
import { checkFinite, checkLength, checkReal } from '../allpole/validate.js';
import type { RealArray } from '../api.js';
import { fillTrackGains } from './frame-gain.js';
import { scatterFrameRow } from './frame-interpolation.js';
import { checkReflectionTrack, type ReflectionTrack } from './reflection-track.js';
import { fillTrackChunk } from './track-lattice.js';

/** Gradients of the model for `L = Σ g·y`. */
export interface TrackLatticeGradients {
  /** ∂L/∂k, `frames × order` like `track.k`. */
  dKf: Float64Array;
  /** ∂L/∂logGain, length `frames` (at logGain = 0 when the track has none). */
  dlogGain: Float64Array;
  /** ∂L/∂x, length T. */
  dx: Float64Array;
  /** ∂L/∂state (initial lattice state, allpole/lattice.ts layout), length order. */
  dzi: Float64Array;
}

/** Options and caller buffers of {@link trackLatticeVjp}; every field is optional. */
export interface TrackLatticeVjpOptions {
  /** Track-time index of x[0] (integer ≥ 0), as in `trackLattice`. Default 0. */
  start?: number;
  /** Initial lattice state of the forward (length order; read only). Default rest. */
  state?: ArrayLike<number>;
  /** Output ∂L/∂k (frames × order). */
  dKf?: Float64Array;
  /** Output ∂L/∂logGain (frames). */
  dlogGain?: Float64Array;
  /** Output ∂L/∂x (T). */
  dx?: Float64Array;
  /** Output ∂L/∂state (order). */
  dzi?: Float64Array;
  /** Upstream gradient of the final lattice state (order), the `dzi` of the next block. Default 0. */
  dzf?: ArrayLike<number>;
  /** Work space, length ≥ {@link trackLatticeVjpScratchLength}(T, order, segment). */
  scratch?: Float64Array;
  /** Checkpoint spacing S in samples (integer ≥ 1). Default `LATTICE_SEGMENT` (4096). */
  segment?: number;
}

/**
 * Scratch length of {@link trackLatticeVjp}: `M·(⌈T/S'⌉ + 2·S' + 1) + S'`, `S' = min(S, max(T,1))`:
 * one state per checkpoint, one segment's state history ((S'+1)·M), its coefficient rows
 * (S'·M) and gained input (S'). At T = 10 min of 48 kHz, M = 16, S = 4096: about 1.9 MB.
 */
export function trackLatticeVjpScratchLength(T: number, M: number, segment = LATTICE_SEGMENT): number {
  const S = Math.min(segment, Math.max(T, 1));
  return M * (Math.ceil(T / S) + 2 * S + 1) + S;
}

/**
 * Vector-Jacobian product of the model `y = trackLattice(x, track)` for `L = Σ_t g[t]·y[t]`,
 * with respect to the frame reflection coefficients, the frame log-gains, x and the initial
 * state. Conventions of track-lattice.ts; the reference is `tv_lattice_model.json`.
 *
 * Fused and checkpointed: a first pass runs the model and keeps the lattice state every S
 * samples. Then, last segment first, each segment's per-sample rows and gained input are
 * rebuilt by the forward's own code (`fillTrackChunk`), its lattice is replayed into a state history
 * (`latticeRecord`) and differentiated (`latticeAdjoint`); the per-sample ∂L/∂k rows are
 * scattered into the frames at once through the transpose of the interpolation
 * (`scatterFrameRow`), so T×M is never held. The gain: with `u = e·x`, `e = exp(lg)`,
 * `∂L/∂x = e·∂L/∂u` and `∂L/∂lg = u·∂L/∂u`, scattered likewise. Cost about two model
 * forwards plus the adjoint; working memory `O(M·(T/S + S))` (see
 * {@link trackLatticeVjpScratchLength}), independent of T apart from x, g and dx.
 *
 * - Streaming: with `start`, `state` and `dzf` (the `dzi` of the next block) the backward of a
 *   signal cut into blocks, last block first, equals the whole signal's.
 * - `g`, `x`: Float64Array or Float32Array of equal length T.
 * - `track`: as `trackLattice` (checked the same way: RangeError naming the field).
 * - With `dKf`, `dlogGain`, `dx`, `dzi` and `scratch` given, nothing but the returned object is
 *   allocated; buffers must not alias the inputs; wrong lengths are RangeErrors naming them.
 */
export function trackLatticeVjp(
  g: RealArray,
  x: RealArray,
  track: ReflectionTrack,
  opts: TrackLatticeVjpOptions = {},
): TrackLatticeGradients {
  const fn = 'trackLatticeVjp';
  const frames = checkReflectionTrack(fn, track);
  const M = track.order;
  checkReal(fn, 'g', g);
  checkReal(fn, 'x', x);
  const T = g.length;
  checkLength(fn, 'x', x, T);
  const start = opts.start ?? 0;
  if (!Number.isInteger(start) || start < 0) {
    throw new RangeError(`${fn}: start must be an integer >= 0 (got ${start})`);
  }
  if (opts.state !== undefined) {
    checkLength(fn, 'state', opts.state, M);
    checkFinite(fn, 'state', opts.state);
  }
  if (opts.dzf !== undefined) {
    checkLength(fn, 'dzf', opts.dzf, M);
    checkFinite(fn, 'dzf', opts.dzf);
  }
  const seg = opts.segment ?? LATTICE_SEGMENT;
  if (!Number.isInteger(seg) || seg < 1) {
    throw new RangeError(`${fn}: segment must be an integer >= 1 (got ${seg})`);
  }
  const dKf = opts.dKf ?? new Float64Array(frames * M);
  const dlogGain = opts.dlogGain ?? new Float64Array(frames);
  const dx = opts.dx ?? new Float64Array(T);
  const dzi = opts.dzi ?? new Float64Array(M);
  const need = trackLatticeVjpScratchLength(T, M, seg);
  const w = opts.scratch ?? new Float64Array(need);
  checkLength(fn, 'dKf', dKf, frames * M);
  checkLength(fn, 'dlogGain', dlogGain, frames);
  checkLength(fn, 'dx', dx, T);
  checkLength(fn, 'dzi', dzi, M);
  if (w.length < need) throw new RangeError(`${fn}: scratch.length must be >= ${need} (got ${w.length})`);
  if (
    aliases(dKf, g, x, track) ||
    aliases(dlogGain, g, x, track) ||
    aliases(dx, g, x, track) ||
    aliases(dzi, g, x, track) ||
    aliases(w, g, x, track) ||
    dzi === opts.dzf
  ) {
    throw new RangeError(`${fn}: dKf, dlogGain, dx, dzi and scratch must not alias g, x or the track`);
  }
  const state = opts.state ?? null;
  const dzf = opts.dzf ?? null;
  const lg = track.logGain ?? null;
  vjpCore(g, x, track.k, lg, M, frames, track.hop, start, state, dzf, dKf, dlogGain, dx, dzi, w, T, seg);
  return { dKf, dlogGain, dx, dzi };
}

/** True when `b` is one of the inputs (same object). */
function aliases(b: object, g: object, x: object, track: ReflectionTrack): boolean {
  return b === g || b === x || b === track.k || b === track.logGain;
}

/**
 * Unchecked body of {@link trackLatticeVjp} (everything as plain arguments, so that the JIT
 * compiles it once). `w` holds the checkpoints (⌈T/S⌉ rows of M), one segment's state history
 * (S+1 rows), its coefficient rows (S rows, overwritten by their gradients) and gained input.
 */
function vjpCore(
  g: RealArray,
  x: RealArray,
  kf: ArrayLike<number>,
  lg: ArrayLike<number> | null,
  M: number,
  frames: number,
  hop: number,
  start: number,
  state: ArrayLike<number> | null,
  dzf: ArrayLike<number> | null,
  dKf: Float64Array,
  dlogGain: Float64Array,
  dx: Float64Array,
  dzi: Float64Array,
  w: Float64Array,
  T: number,
  seg: number,
): void {
  const S = Math.min(seg, Math.max(T, 1));
  const nSeg = Math.ceil(T / S);
  const hist = nSeg * M;
  const ks = hist + (S + 1) * M;
  const us = ks + S * M;
  // Forward: checkpoint c (row c of w) is the lattice state before segment c.
  for (let j = 0; j < M; j++) w[j] = state !== null ? state[j] : 0;
  for (let c = 0; c < nSeg; c++) {
    const t0 = c * S;
    const n = Math.min(S, T - t0);
    fillTrackChunk(x, t0, kf, lg, M, frames, hop, start + t0, n, w, ks, w, us);
    w.copyWithin(hist, c * M, c * M + M);
    latticeRecord(w, us, w, ks, M, w, hist, M, n);
    if (c + 1 < nSeg) w.copyWithin((c + 1) * M, hist + n * M, hist + n * M + M);
  }
  // Backward, segment by segment; the last segment's history and inputs are still in place.
  dKf.fill(0);
  dlogGain.fill(0);
  for (let j = 0; j < M; j++) dzi[j] = dzf !== null ? dzf[j] : 0;
  for (let c = nSeg - 1; c >= 0; c--) {
    const t0 = c * S;
    const n = Math.min(S, T - t0);
    if (c !== nSeg - 1) {
      fillTrackChunk(x, t0, kf, lg, M, frames, hop, start + t0, n, w, ks, w, us);
      w.copyWithin(hist, c * M, c * M + M);
      latticeRecord(w, us, w, ks, M, w, hist, M, n);
    }
    // ∂L/∂u into dx, per-sample ∂L/∂k over the rows (each read before it is overwritten).
    latticeAdjoint(g, t0, w, ks, M, w, hist, dzi, dx, t0, w, ks, M, n);
    scatterSegment(w, ks, us, dx, t0, lg, M, frames, hop, start + t0, n, dKf, dlogGain);
  }
}

/**
 * Transpose of the segment's inputs: per-sample ∂L/∂k rows (`w[ks..]`) into the frames, and
 * ∂L/∂u (in `dx[t0..]`) into ∂L/∂x = e·∂L/∂u (in place) and ∂L/∂lg = u·∂L/∂u, scattered into
 * the frame log-gains (`w[us..]`, holding u, is overwritten).
 */
function scatterSegment(
  w: Float64Array,
  ks: number,
  us: number,
  dx: Float64Array,
  t0: number,
  lg: ArrayLike<number> | null,
  M: number,
  frames: number,
  hop: number,
  s0: number,
  n: number,
  dKf: Float64Array,
  dlogGain: Float64Array,
): void {
  for (let i = 0; i < n; i++) {
    const s = s0 + i;
    scatterFrameRow(dKf, M, hop, frames, s, w, ks + i * M);
    w[us + i] *= dx[t0 + i];
    scatterFrameRow(dlogGain, 1, hop, frames, s, w, us + i);
  }
  // u is consumed: the segment's gains take its place.
  fillTrackGains(lg, hop, frames, s0, n, w, us);
  for (let i = 0; i < n; i++) dx[t0 + i] = w[us + i] * dx[t0 + i];
}
