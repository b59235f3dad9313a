/**
 * Frequency response of `H(z) = B(z)/A(z)` on the unit circle, `z = e^{jw}` (w in rad/sample):
 * `H(e^{jw}) = Σ_k b[k] e^{-jwk} / Σ_k a[k] e^{-jwk}` (scipy.signal.freqz convention; a[0] is
 * not required to be 1). Polynomials are evaluated by complex Horner recursion; frequencies where
 * A vanishes give ±Infinity/NaN like scipy.
 */
import type { ComplexResponse, MagnitudePhase, NumericInput, RealArray } from '../api.js';
import { responseAt } from './unit-circle.js';
import { checkCoefficients, checkFilter, checkLength, checkSize } from './validate.js';

/** Scratch of responseAt: [Re H, Im H, Re A, Im A, |A|²]. */
const at = new Float64Array(5);

/**
 * Resolves scipy's `worN`: an integer N gives `w_k = π k / N` for k < N (whole=False), an array
 * is taken as explicit frequencies in rad/sample (copied into `w` when given).
 */
export function resolveFrequencies(fn: string, worN: number | NumericInput, w?: Float64Array): Float64Array {
  if (typeof worN === 'number') {
    const N = checkSize(fn, 'worN', worN, 1);
    const out = w ?? new Float64Array(N);
    checkLength(fn, 'out.w', out, N);
    for (let k = 0; k < N; k++) out[k] = (Math.PI * k) / N;
    return out;
  }
  checkCoefficients(fn, 'worN', worN);
  if (w === undefined) return Float64Array.from(worN);
  checkLength(fn, 'out.w', w, worN.length);
  if (w !== worN) for (let i = 0; i < w.length; i++) w[i] = worN[i];
  return w;
}

/**
 * Writes `H(e^{jw_i})` for every i into `re`/`im` (no validation, no allocation).
 */
export function evaluateResponse(
  b: NumericInput,
  a: NumericInput,
  w: ArrayLike<number>,
  re: RealArray,
  im: RealArray,
): void {
  for (let i = 0; i < w.length; i++) {
    responseAt(b, a, Math.cos(w[i]), Math.sin(w[i]), at);
    re[i] = at[0];
    im[i] = at[1];
  }
}

/**
 * Complex frequency response like `scipy.signal.freqz(b, a, worN)`.
 *
 * @param b numerator, @param a denominator (non-empty, finite, a[0] ≠ 0).
 * @param worN integer N → N frequencies `π k / N`, k < N, on [0, π); or explicit w (rad/sample).
 * @param out optional caller-owned `w`, `re`, `im` (length N each); nothing allocated when all given.
 * @returns `{ w, re, im }` with `re + j·im = H(e^{jw})`.
 */
export function freqz(
  b: NumericInput,
  a: NumericInput,
  worN: number | NumericInput,
  out?: { w?: Float64Array; re?: Float64Array; im?: Float64Array },
): ComplexResponse {
  checkFilter('freqz', b, a);
  const w = resolveFrequencies('freqz', worN, out?.w);
  const N = w.length;
  const re = out?.re ?? new Float64Array(N);
  const im = out?.im ?? new Float64Array(N);
  checkLength('freqz', 'out.re', re, N);
  checkLength('freqz', 'out.im', im, N);
  evaluateResponse(b, a, w, re, im);
  return { w, re, im };
}

/**
 * Magnitude `|H(e^{jw})|` and phase `arg H(e^{jw})` (radians, atan2 range) at the frequencies `w`
 * (rad/sample), for an AudioNode-style getFrequencyResponse. Outputs may be Float32Array; when
 * both are given nothing is allocated and they are returned.
 */
export function magnitudeResponse(
  b: NumericInput,
  a: NumericInput,
  w: NumericInput,
  outMag?: RealArray,
  outPhase?: RealArray,
): MagnitudePhase {
  checkFilter('magnitudeResponse', b, a);
  const N = w.length;
  const mag = outMag ?? new Float64Array(N);
  const phase = outPhase ?? new Float64Array(N);
  checkLength('magnitudeResponse', 'outMag', mag, N);
  checkLength('magnitudeResponse', 'outPhase', phase, N);
  evaluateResponse(b, a, w, mag, phase);
  for (let i = 0; i < N; i++) {
    const r = mag[i];
    const q = phase[i];
    mag[i] = Math.hypot(r, q);
    phase[i] = Math.atan2(q, r);
  }
  return { mag, phase };
}
