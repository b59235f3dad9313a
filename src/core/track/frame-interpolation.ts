/**
 * The one rule that turns frame-rate values into per-sample values, shared by the reflection
 * track (`k`, `logGain`), its gradients, `expandTrack` and every player of a track.
 *
 * Frame f of a `frames × width` row-major array sits at sample `f·hop`. Sample s ≥ 0 uses
 * `v[s] = V[f] + w·(V[f+1] − V[f])` with `f = ⌊s/hop⌋` and `w = (s − f·hop)·(1/hop)` (the
 * reciprocal rounded once: a player computes it once per track and the difference once per
 * frame, leaving one multiply and one add per value and sample); at or beyond the last frame
 * (`s ≥ (frames−1)·hop`) the last frame is held. In exact arithmetic this is
 * `(1 − w)·V[f] + w·V[f+1]`, whose transpose {@link scatterFrameRow} applies.
 *
 * Stability: with |V[f]|, |V[f+1]| < 1 the rounded value stays inside (−1, 1) (so an
 * interpolated lattice is always stable) for any hop < 2^50 (745 years at 48 kHz). Say
 * a = V[f], c = V[f+1], d = fl(c − a) ≥ 0 (the case d < 0 is the mirror image). As 0 ≤ w < 1
 * (off ≤ hop − 1 and 1/hop is rounded by at most 2^-53 relative) and rounding is monotone,
 * fl(w·d) ≤ d; when d is exact (Sterbenz: a, c of one sign within a factor 2) the value is
 * then ≤ fl(a + d) = c < 1. Otherwise c − a > c/2 and d is within 2^-53 of it, so before the
 * last rounding a + fl(w·d) ≤ c + 2^-52 − (1 − w)(c − a), at most c + 2^-52 − c/(2·hop), which
 * stays below 1 − 2^-54 (it rounds to at most 1 − 2^-53) when c > 1 − 2^-20 and hop < 2^50, and
 * trivially when c is smaller. The bound from below is the same with signs exchanged.
 * The gain `exp` of the interpolated log-gain is computed by frame-gain.ts (one rule for the
 * model, its gradients and the node).
 */
import type { NumericInput, RealArray } from '../api.js';

/** Writes the interpolated row of sample `s` into `dst[off..off+width)` (unchecked, no allocation). */
export function interpolateFrameRow(
  V: NumericInput,
  width: number,
  hop: number,
  frames: number,
  s: number,
  dst: RealArray,
  off: number,
): void {
  let f = Math.floor(s / hop);
  if (f >= frames - 1) {
    f = frames - 1;
    const b = f * width;
    for (let i = 0; i < width; i++) dst[off + i] = V[b + i];
    return;
  }
  const w = (s - f * hop) * (1 / hop);
  const b0 = f * width;
  const b1 = b0 + width;
  for (let i = 0; i < width; i++) {
    const a = V[b0 + i];
    dst[off + i] = a + w * (V[b1 + i] - a);
  }
}

/** The interpolated scalar of sample `s` of a one-value-per-frame array (width 1). */
export function interpolateFrameValue(V: NumericInput, hop: number, frames: number, s: number): number {
  const f = Math.floor(s / hop);
  if (f >= frames - 1) return V[frames - 1];
  const w = (s - f * hop) * (1 / hop);
  const a = V[f];
  return a + w * (V[f + 1] - a);
}

/**
 * Transpose of {@link interpolateFrameRow}: adds the per-sample row gradient `g[go..go+width)` of
 * sample `s` onto the frame rows of `gV` (unchecked, no allocation).
 */
export function scatterFrameRow(
  gV: RealArray,
  width: number,
  hop: number,
  frames: number,
  s: number,
  g: NumericInput,
  go: number,
): void {
  const f = Math.floor(s / hop);
  if (f >= frames - 1) {
    const b = (frames - 1) * width;
    for (let i = 0; i < width; i++) gV[b + i] += g[go + i];
    return;
  }
  const w = (s - f * hop) * (1 / hop);
  const w0 = 1 - w;
  const b0 = f * width;
  const b1 = b0 + width;
  for (let i = 0; i < width; i++) {
    const v = g[go + i];
    gV[b0 + i] += w0 * v;
    gV[b1 + i] += w * v;
  }
}
