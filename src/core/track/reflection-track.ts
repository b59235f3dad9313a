/**
 * A reflection track: what the time-varying model learns, what the node plays and what a
 * coefficients file with `hop > 0` holds.
 *
 * - `k`: `frames × order` reflection coefficients, row-major, every |k| < 1 (stable lattice).
 * - `logGain`: one natural-log gain per frame (length `frames`), applied to the excitation.
 * - `hop`: samples between frames; frame f sits at sample `f·hop` of the track's time line.
 * Per sample, `k` and `logGain` are interpolated linearly between frames and the last frame is
 * held (track/frame-interpolation.ts); the gain `exp(logGain)` scales the input, then the
 * lattice (allpole/lattice.ts) filters it.
 */
import type { NumericInput } from '../api.js';

/** Frame-rate lattice coefficients and log-gains (see the module doc for the conventions). */
export interface ReflectionTrack {
  /** `frames × order` reflection coefficients, row-major; every |k| < 1. */
  readonly k: NumericInput;
  /** Natural-log gain per frame (length `frames`); omitted means 0 (unit gain). */
  readonly logGain?: NumericInput;
  /** Lattice order M ≥ 1. */
  readonly order: number;
  /** Samples between frames, integer ≥ 1. */
  readonly hop: number;
}

/**
 * Checks a track and returns its frame count.
 * @throws RangeError naming `order`, `hop`, `k` (shape, non-finite, |k| ≥ 1) or `logGain`
 *   (length, non-finite), prefixed by `fn`.
 */
export function checkReflectionTrack(fn: string, track: ReflectionTrack): number {
  const { k, logGain, order: M, hop } = track;
  if (!Number.isInteger(M) || M < 1) throw new RangeError(`${fn}: order must be an integer >= 1 (got ${M})`);
  if (!Number.isInteger(hop) || hop < 1)
    throw new RangeError(`${fn}: hop must be an integer >= 1 (got ${hop})`);
  const frames = k.length / M;
  if (!Number.isInteger(frames) || frames < 1) {
    throw new RangeError(`${fn}: k must hold frames >= 1 rows of order = ${M} (got length ${k.length})`);
  }
  for (let i = 0; i < k.length; i++) {
    const v = k[i];
    if (!(Math.abs(v) < 1)) throw new RangeError(`${fn}: k[${i}] must be finite with |k| < 1 (got ${v})`);
  }
  if (logGain !== undefined) {
    if (logGain.length !== frames) {
      throw new RangeError(`${fn}: logGain must have one value per frame (${frames}; got ${logGain.length})`);
    }
    for (let f = 0; f < frames; f++) {
      if (!Number.isFinite(logGain[f]))
        throw new RangeError(`${fn}: logGain[${f}] must be finite (got ${logGain[f]})`);
    }
  }
  return frames;
}
