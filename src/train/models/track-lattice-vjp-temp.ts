/**
 * TEMPORARY (private to the training models): vector-Jacobian product of the frame-rate lattice
 * model (core/track `trackLattice`) until core's fused, checkpointed `trackLatticeVjp` lands;
 * then this file is deleted and the model calls the core function.
 *
 * Straightforward: the forward recursion is replayed storing every sample's lattice state (a
 * `T×M` tape, so memory is proportional to the block the model runs on), then the adjoint runs
 * backwards in time, recomputing each sample's stage errors from its state. Gradients of
 * `L = Σ g·y` w.r.t. the frame rows `Kf` (F×M), the frame log-gains (F) and `x`.
 */
import { interpolateFrameRow, interpolateFrameValue, scatterFrameRow } from '../../core/track/index.js';

/** Gradient buffers of {@link tempTrackLatticeVjp} (overwritten). */
export interface TempTrackVjpOut {
  dx: Float64Array;
  dK: Float64Array;
  /** null when the model has no gain. */
  dLogGain: Float64Array | null;
}

/** Work space: tape `T·M`, then `3M + 1` for one sample's rows. */
export function tempTrackVjpScratchLength(T: number, M: number): number {
  return T * M + 3 * M + 1;
}

export function tempTrackLatticeVjp(
  g: ArrayLike<number>,
  x: ArrayLike<number>,
  T: number,
  Kf: ArrayLike<number>,
  logGain: ArrayLike<number> | null,
  M: number,
  frames: number,
  hop: number,
  start: number,
  out: TempTrackVjpOut,
  w: Float64Array,
): void {
  const tape = w.subarray(0, T * M);
  const k = w.subarray(T * M, T * M + M);
  const f = w.subarray(T * M + M, T * M + 2 * M + 1);
  const s = w.subarray(T * M + 2 * M + 1, T * M + 3 * M + 1);
  s.fill(0);
  for (let t = 0; t < T; t++) {
    const st = start + t;
    const base = t * M;
    for (let j = 0; j < M; j++) tape[base + j] = s[j];
    interpolateFrameRow(Kf, M, hop, frames, st, k, 0);
    let fm = (logGain === null ? 1 : Math.exp(interpolateFrameValue(logGain, hop, frames, st))) * x[t];
    for (let m = M; m >= 1; m--) {
      const sm = s[m - 1];
      fm -= k[m - 1] * sm;
      if (m < M) s[m] = sm + k[m - 1] * fm;
    }
    s[0] = fm;
  }
  // Backward: s now holds the adjoint of the state after the current sample.
  out.dK.fill(0);
  out.dLogGain?.fill(0);
  s.fill(0);
  for (let t = T - 1; t >= 0; t--) {
    const st = start + t;
    const base = t * M;
    interpolateFrameRow(Kf, M, hop, frames, st, k, 0);
    const gain = logGain === null ? 1 : Math.exp(interpolateFrameValue(logGain, hop, frames, st));
    f[M] = gain * x[t];
    for (let m = M; m >= 1; m--) f[m - 1] = f[m] - k[m - 1] * tape[base + m - 1];
    let fb = g[t] + s[0];
    for (let m = 1; m <= M; m++) {
      const km = k[m - 1];
      const sm = tape[base + m - 1];
      const bb = m < M ? s[m] : 0;
      fb += km * bb;
      k[m - 1] = bb * f[m - 1] - fb * sm;
      s[m - 1] = bb - km * fb;
    }
    scatterFrameRow(out.dK, M, hop, frames, st, k, 0);
    out.dx[t] = fb * gain;
    if (out.dLogGain !== null) {
      f[0] = fb * gain * x[t];
      scatterFrameRow(out.dLogGain, 1, hop, frames, st, f, 0);
    }
  }
}
