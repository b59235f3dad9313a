/**
 * Power spectrogram: |STFT|² of non-centred periodic-Hann frames ({@link StftPlan} with
 * `center: false`), the analysis behind the CLI's spectra and the demo's spectrogram. For a
 * signal too long to hold, `PowerSpectrogramStream` gives the same rows block by block.
 */
import type { NumericInput } from '../api.js';
import { StftPlan } from './stft.js';

/** Options of {@link powerSpectrogram}. */
export interface PowerSpectrogramOptions {
  /** Frame length and Hann length, a power of two ≥ 2. */
  nFft: number;
  /** Frame step, an integer ≥ 1. */
  hop: number;
  /** Frame count (default: frames from 0 every `hop` until one reaches the end; zeros past it). */
  frames?: number;
}

/** Row-major `frames × bins` power values (bins = nFft/2 + 1); row m starts at sample m·hop. */
export interface PowerSpectrogram {
  power: Float64Array;
  frames: number;
  bins: number;
}

/**
 * |X_m[k]|² of frames x[m·hop + t]·w[t] (t < nFft, w the periodic Hann of nFft, zero past the
 * signal's end), k = 0..nFft/2 (bin k at k/nFft cycles/sample).
 * @throws TypeError naming `x`; RangeError naming `nFft`, `hop` or `frames`.
 */
export function powerSpectrogram(x: NumericInput, options: PowerSpectrogramOptions): PowerSpectrogram {
  if (x === null || typeof x !== 'object' || typeof x.length !== 'number' || x.length < 1) {
    throw new TypeError('powerSpectrogram: x must be a non-empty array of numbers');
  }
  const plan = new StftPlan({ ...options, length: x.length, center: false });
  const { frames, bins } = plan;
  const re = new Float64Array(frames * bins);
  const im = new Float64Array(frames * bins);
  plan.analyse(x, re, im);
  for (let i = 0; i < re.length; i++) re[i] = re[i] * re[i] + im[i] * im[i];
  return { power: re, frames, bins };
}
