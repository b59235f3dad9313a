import type { CoefficientsFile } from '../core/api.js';
import { freqz } from '../core/lti/freqz.js';
import { reflectionToDirect } from '../core/params/reflection.js';
import { floorPow2, powerToDb, welchPower } from './spectrum.js';

/** `n` log-spaced frequencies (Hz) from 20 Hz (or fs/1000) to 0.98 × Nyquist. */
export function logFrequencies(sampleRate: number, n = 256): Float64Array {
  const lo = Math.max(20, sampleRate / 1000);
  const hi = 0.49 * sampleRate;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = lo * (hi / lo) ** (i / (n - 1));
  return f;
}

function magnitudeDb(b: ArrayLike<number>, a: ArrayLike<number>, w: Float64Array): Float64Array {
  const { re, im } = freqz(b, a, w);
  const db = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) db[i] = powerToDb(re[i] * re[i] + im[i] * im[i]);
  return db;
}

/**
 * Magnitude response (dB) of a time-invariant coefficients file at `freqHz`: gain · B(z) / A(z),
 * with A(z) = 1 + Σ a_i z^-i from the first frame (a reflection file: step-up of its first k row,
 * gain exp(logGain[0])) and B the numerator (polynomial or sections).
 */
export function responseDb(file: CoefficientsFile, freqHz: ArrayLike<number>): Float64Array {
  const w = Float64Array.from(freqHz, (f) => (2 * Math.PI * f) / file.sampleRate);
  if (file.domain === 'reflection') {
    const a = reflectionToDirect(file.k.slice(0, file.order));
    return magnitudeDb([Math.exp(file.logGain[0])], [1, ...a], w);
  }
  const db = magnitudeDb([file.gain], [1, ...file.coefficients[0]], w);
  const num = file.numerator;
  const parts = num === undefined ? [] : 'b' in num ? [num.b] : num.sections;
  for (const b of parts) {
    const s = magnitudeDb(b, [1], w);
    for (let i = 0; i < db.length; i++) db[i] += s[i];
  }
  return db;
}

/**
 * Measured response (dB) of the system that made `target` from `input`: the ratio of their
 * Welch power spectra, 10·log10(P_target / P_input), linearly interpolated at `freqHz`.
 */
export function measuredResponseDb(
  input: ArrayLike<number>,
  target: ArrayLike<number>,
  sampleRate: number,
  freqHz: ArrayLike<number>,
): Float64Array {
  const nfft = Math.min(2048, floorPow2(Math.max(4, Math.floor(input.length / 4))));
  const pin = welchPower(input, nfft);
  const pout = welchPower(target, nfft);
  const out = new Float64Array(freqHz.length);
  for (let i = 0; i < out.length; i++) {
    const pos = (freqHz[i] / sampleRate) * nfft;
    const k = Math.min(nfft / 2 - 1, Math.floor(pos));
    const t = pos - k;
    const ratio = (p: Float64Array) => (1 - t) * p[k] + t * p[k + 1];
    const d = ratio(pin);
    out[i] = d > 0 ? powerToDb(ratio(pout) / d) : Number.NaN;
  }
  return out;
}
