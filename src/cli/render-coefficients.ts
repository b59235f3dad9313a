import { allpole } from '../core/allpole/index.js';
import type { CoefficientsFile } from '../core/api.js';
import { expandTrack } from '../core/lpc/expand-track.js';
import { lfilter } from '../core/lti/lfilter.js';
import { directToReflection } from '../core/params/reflection.js';
import { expandEnvelope } from '../train/models/frame-envelope.js';

/**
 * Filters `x` with a coefficients file, the same computation as the worklet/core player, zero
 * initial state:
 * 1. excitation gain: `gain`, times the per-frame `frameGains` (if any) interpolated linearly in
 *    the log domain between frame centres (`expandEnvelope`);
 * 2. all-pole denominator: time-invariant → the single row; time-varying → each frame's
 *    reflection coefficients (`directToReflection`) expanded to per-sample rows by `expandTrack`
 *    (linear in the reflection domain between frame centres f·hop), then `allpole`;
 * 3. FIR numerator if present: polynomial `b`, or the cascade of [b0, b1, b2] sections (`lfilter`).
 * Returns a new Float64Array of length x.length; `x` is not modified.
 * @throws RangeError when a time-varying frame is not minimum phase (names the frame).
 */
export function renderCoefficients(file: CoefficientsFile, x: Float64Array): Float64Array {
  const T = x.length;
  const e = Float64Array.from(x);
  const frameGains = file.frameGains;
  if (frameGains && file.hop > 0) {
    const logGains = frameGains.map((g) => Math.log(g));
    const env = expandEnvelope(logGains, file.hop, new Float64Array(T));
    for (let t = 0; t < T; t++) e[t] *= file.gain * Math.exp(env[t]);
  } else if (file.gain !== 1) {
    for (let t = 0; t < T; t++) e[t] *= file.gain;
  }
  const y = allpole(e, denominatorTrack(file, T), file.order, null, { y: e }).y;
  return applyNumerator(file, y);
}

/** Denominator rows for `allpole`: one row (M) or per-sample rows (T×M). */
function denominatorTrack(file: CoefficientsFile, T: number): Float64Array {
  const M = file.order;
  if (file.hop === 0 || file.frames === 1) return Float64Array.from(file.coefficients[0]);
  const K = new Float64Array(file.frames * M);
  file.coefficients.forEach((row, f) => {
    try {
      directToReflection(row, K.subarray(f * M, (f + 1) * M));
    } catch (err) {
      throw new RangeError(
        `coefficients[${f}] is not minimum phase (unstable frame): ${(err as Error).message}`,
      );
    }
  });
  return expandTrack(K, M, file.hop, T) as Float64Array;
}

function applyNumerator(file: CoefficientsFile, y: Float64Array): Float64Array {
  const num = file.numerator;
  if (!num) return y;
  if ('b' in num) return lfilter(num.b, [1], y).y;
  let out = y;
  for (const s of num.sections) out = lfilter(s, [1], out).y;
  return out;
}
