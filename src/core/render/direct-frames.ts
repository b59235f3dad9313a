/**
 * How the frames of a direct-form coefficients file (core/api.ts `DirectCoefficientsFile`)
 * are played: the one rule that {@link renderCoefficients}, the node helpers
 * (`scheduleTrack` of diffiir/host) and the demo share.
 *
 * - One frame: time-invariant (`'constant'`), the row filters every sample.
 * - Several frames, hop 1 (torchlpc's per-sample `A`): row t filters sample t, unconverted
 *   (`'per-sample'`); beyond the last row the last row is held.
 * - Several frames, any other hop (≥ 2 in a file): a frame track (`'track'`): frame f sits at
 *   sample f·hop, every frame is converted to reflection coefficients by step-down
 *   ({@link directFramesToReflection}; each frame must be minimum phase) and k is interpolated
 *   linearly between frames (the reflection-track model, core/track).
 * - Frame f's linear gain on the excitation is `gain · frameGains[f]` ({@link directFrameGain}).
 */
import type { DirectCoefficientsFile } from '../api.js';
import { isStable } from '../params/reflection.js';

/** How direct-form frames are played (module doc). */
export type DirectFramePlayback = 'constant' | 'per-sample' | 'track';

/**
 * The playback of `frames` direct-form rows `hop` samples apart (module doc): 'constant' for
 * one frame, 'per-sample' for hop 1, else 'track'.
 */
export function directFramePlayback(frames: number, hop: number): DirectFramePlayback {
  if (frames === 1) return 'constant';
  return hop === 1 ? 'per-sample' : 'track';
}

/** Linear excitation gain of frame `f` of `file`: `gain · frameGains[f]` (frameGains default 1). */
export function directFrameGain(file: DirectCoefficientsFile, f: number): number {
  return file.gain * (file.frameGains?.[f] ?? 1);
}

/**
 * Reflection coefficients of direct-form rows (each of length M) by step-down, as a flat
 * `rows.length × M` Float64Array (row-major).
 * @param fn Caller's name, prefixed to the error.
 * @param name Name of frame f in the error (default `` `coefficients[${f}]` ``).
 * @throws RangeError naming the first frame that is not minimum phase (some |k| ≥ 1).
 */
export function directFramesToReflection(
  rows: readonly ArrayLike<number>[],
  M: number,
  fn: string,
  name: (f: number) => string = (f) => `coefficients[${f}]`,
): Float64Array {
  const k = new Float64Array(rows.length * M);
  for (let f = 0; f < rows.length; f++) {
    // isStable leaves the frame's reflection coefficients in its scratch (the row).
    if (!isStable(rows[f], k.subarray(f * M, (f + 1) * M))) {
      throw new RangeError(
        `${fn}: ${name(f)} is not minimum phase (unstable frame); a direct-form frame track is played as reflection coefficients, which needs every frame stable`,
      );
    }
  }
  return k;
}
