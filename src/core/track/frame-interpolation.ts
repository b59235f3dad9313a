/**
 * The one rule that turns frame-rate values into per-sample values, shared by the reflection
 * track (`k`, `logGain`), its gradients, `expandTrack` and every player of a track.
 *
 * Frame f of a `frames × width` row-major array sits at sample `f·hop`. Sample s ≥ 0 uses
 * `v[s] = (1 − w)·V[f] + w·V[f+1]` with `f = ⌊s/hop⌋`, `w = (s − f·hop)/hop`; at or beyond the
 * last frame (`s ≥ (frames−1)·hop`) the last frame is held. A convex combination of reflection
 * coefficients with |k| < 1 stays inside (−1, 1), so an interpolated lattice is always stable.
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
  const w = (s - f * hop) / hop;
  const w0 = 1 - w;
  const b0 = f * width;
  const b1 = b0 + width;
  for (let i = 0; i < width; i++) dst[off + i] = w0 * V[b0 + i] + w * V[b1 + i];
}

/** The interpolated scalar of sample `s` of a one-value-per-frame array (width 1). */
export function interpolateFrameValue(V: NumericInput, hop: number, frames: number, s: number): number {
  const f = Math.floor(s / hop);
  if (f >= frames - 1) return V[frames - 1];
  const w = (s - f * hop) / hop;
  return (1 - w) * V[f] + w * V[f + 1];
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
  const w = (s - f * hop) / hop;
  const w0 = 1 - w;
  const b0 = f * width;
  const b1 = b0 + width;
  for (let i = 0; i < width; i++) {
    const v = g[go + i];
    gV[b0 + i] += w0 * v;
    gV[b1 + i] += w * v;
  }
}
