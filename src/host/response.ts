/**
 * `getFrequencyResponse` of the all-pole node, with the rules of the native filter nodes:
 * Float32Array arguments of one length (InvalidAccessError otherwise), NaN outside
 * [0, nyquist]. H(e^{jw}) = gain / A(e^{jw}) from the coefficients' current values.
 */
import { clampReflection } from '../core/allpole/clamp-reflection.js';
import { magnitudeResponse } from '../core/lti/freqz.js';
import { reflectionToDirect } from '../core/params/reflection.js';
import { type AllPoleDomain, REFLECTION_LIMIT } from '../worklet/protocol.js';

function invalidAccess(message: string): Error {
  if (typeof DOMException === 'function') return new DOMException(message, 'InvalidAccessError');
  const e = new Error(message);
  e.name = 'InvalidAccessError';
  return e;
}

/**
 * Fills `magResponse` (|H|) and `phaseResponse` (arg H, radians) at `frequencyHz` for the
 * filter `gain / A(z)`; `coeffs` are in `domain` (reflection values are clamped like the
 * processor does, then stepped up). Entries outside [0, sampleRate/2] (or NaN) give NaN.
 * @throws TypeError if an argument is not a Float32Array; InvalidAccessError (DOMException)
 * if the three lengths differ.
 */
export function allPoleFrequencyResponse(
  coeffs: ArrayLike<number>,
  domain: AllPoleDomain,
  gain: number,
  sampleRate: number,
  frequencyHz: Float32Array,
  magResponse: Float32Array,
  phaseResponse: Float32Array,
): void {
  const fn = 'getFrequencyResponse';
  if (!(frequencyHz instanceof Float32Array))
    throw new TypeError(`${fn}: frequencyHz must be a Float32Array`);
  if (!(magResponse instanceof Float32Array))
    throw new TypeError(`${fn}: magResponse must be a Float32Array`);
  if (!(phaseResponse instanceof Float32Array))
    throw new TypeError(`${fn}: phaseResponse must be a Float32Array`);
  const n = frequencyHz.length;
  if (magResponse.length !== n || phaseResponse.length !== n) {
    throw invalidAccess(`${fn}: frequencyHz, magResponse and phaseResponse must have the same length`);
  }
  const M = coeffs.length;
  const a = new Float64Array(M + 1);
  const c = new Float64Array(M);
  for (let i = 0; i < M; i++) c[i] = coeffs[i];
  if (domain === 'reflection') {
    clampReflection(c, REFLECTION_LIMIT);
    reflectionToDirect(c, c);
  }
  a[0] = 1;
  for (let i = 0; i < M; i++) a[i + 1] = c[i];
  const nyquist = sampleRate / 2;
  const w = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const f = frequencyHz[j];
    w[j] = f >= 0 && f <= nyquist ? (2 * Math.PI * f) / sampleRate : 0;
  }
  const mag = new Float64Array(n);
  const phase = new Float64Array(n);
  magnitudeResponse([gain], a, w, mag, phase);
  for (let j = 0; j < n; j++) {
    const f = frequencyHz[j];
    const inside = f >= 0 && f <= nyquist;
    magResponse[j] = inside ? mag[j] : Number.NaN;
    phaseResponse[j] = inside ? phase[j] : Number.NaN;
  }
}
