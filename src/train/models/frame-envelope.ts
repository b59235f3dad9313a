/**
 * A scalar per-frame track (e.g. log-gain) interpolated to per-sample values: frame f sits at sample
 * f·hop, values in between are linear, beyond the last frame the last value is held (the same
 * frame-centre convention as lpcFrames / expandTrack). Plus the adjoint (vjp). Both apply the
 * one interpolation rule of core/track/frame-interpolation.ts (and its transpose), so an
 * expanded envelope holds the same numbers as the players of a track.
 */
import { interpolateFrameValue, scatterFrameRow } from '../../core/track/frame-interpolation.js';

/** out[t] = per-sample interpolation of `frames` (length F) at hop `hop`, for t in [0, out.length). */
export function expandEnvelope(frames: ArrayLike<number>, hop: number, out: Float64Array): Float64Array {
  const F = frames.length;
  for (let t = 0; t < out.length; t++) out[t] = interpolateFrameValue(frames, hop, F, t);
  return out;
}

/** Adjoint of {@link expandEnvelope}: OVERWRITES gFrames (length F) with Σ_t ∂out[t]/∂frames · g[t]. */
export function expandEnvelopeVjp(g: ArrayLike<number>, hop: number, gFrames: Float64Array): Float64Array {
  const F = gFrames.length;
  gFrames.fill(0);
  for (let t = 0; t < g.length; t++) scatterFrameRow(gFrames, 1, hop, F, t, g, t);
  return gFrames;
}
