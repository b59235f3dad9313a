/**
 * A scalar per-frame track (e.g. log-gain) interpolated to per-sample values: frame f sits at sample
 * f·hop, values in between are linear, beyond the last frame the last value is held (the same
 * frame-centre convention as lpcFrames / expandTrack). Plus the adjoint (vjp).
 */

/** out[t] = per-sample interpolation of `frames` (length F) at hop `hop`, for t in [0, out.length). */
export function expandEnvelope(frames: ArrayLike<number>, hop: number, out: Float64Array): Float64Array {
  const F = frames.length;
  for (let t = 0; t < out.length; t++) {
    const f = Math.floor(t / hop);
    if (f >= F - 1) {
      out[t] = frames[F - 1];
      continue;
    }
    const w = (t - f * hop) / hop;
    out[t] = (1 - w) * frames[f] + w * frames[f + 1];
  }
  return out;
}

/** Adjoint of {@link expandEnvelope}: OVERWRITES gFrames (length F) with Σ_t ∂out[t]/∂frames · g[t]. */
export function expandEnvelopeVjp(g: ArrayLike<number>, hop: number, gFrames: Float64Array): Float64Array {
  const F = gFrames.length;
  gFrames.fill(0);
  for (let t = 0; t < g.length; t++) {
    const f = Math.floor(t / hop);
    if (f >= F - 1) {
      gFrames[F - 1] += g[t];
      continue;
    }
    const w = (t - f * hop) / hop;
    gFrames[f] += (1 - w) * g[t];
    gFrames[f + 1] += w * g[t];
  }
  return gFrames;
}
