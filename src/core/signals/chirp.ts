/**
 * Linear chirp exactly as the seed tutorial defines it:
 * `phase = cumsum(linspace(startFreq, endFreq, T) / fs)`, `x = sin(2π·phase)`.
 * Note the phase is a running sum starting at `startFreq/fs` (not 0), so x[0] = sin(2π f0/fs).
 */
import { checkSize } from '../lti/validate.js';

/**
 * Generates the seed's chirp of `T` samples sweeping linearly from `startFreq` to `endFreq` Hz
 * at sample rate `fs` (numpy.linspace semantics: the last frequency is exactly `endFreq`).
 *
 * @param T number of samples (integer ≥ 0).
 * @param startFreq first instantaneous frequency in Hz (finite).
 * @param endFreq last instantaneous frequency in Hz (finite).
 * @param fs sample rate in Hz (finite, > 0).
 * @returns a fresh Float64Array of length T.
 * @throws TypeError/RangeError naming the offending argument.
 */
export function chirp(T: number, startFreq: number, endFreq: number, fs: number): Float64Array {
  checkSize('chirp', 'T', T, 0);
  if (typeof startFreq !== 'number' || !Number.isFinite(startFreq)) {
    throw new RangeError('chirp: startFreq must be a finite number');
  }
  if (typeof endFreq !== 'number' || !Number.isFinite(endFreq)) {
    throw new RangeError('chirp: endFreq must be a finite number');
  }
  if (typeof fs !== 'number' || !Number.isFinite(fs) || fs <= 0) {
    throw new RangeError('chirp: fs must be a finite number > 0');
  }
  const x = new Float64Array(T);
  const step = T > 1 ? (endFreq - startFreq) / (T - 1) : 0;
  const twoPi = 2 * Math.PI;
  let phase = 0;
  for (let t = 0; t < T; t++) {
    const f = t === T - 1 && T > 1 ? endFreq : t * step + startFreq;
    phase += f / fs;
    x[t] = Math.sin(twoPi * phase);
  }
  return x;
}
