/**
 * The seed tutorial's frequency-sampling approximation of an IIR filter.
 *
 * `freqSamplingFilter(b, a, x) = irfft(rfft(x) · H, n=T)` with `H_k = B(e^{jw_k})/A(e^{jw_k})`,
 * `w_k = 2πk/T`, T = x.length. Sampling the response at T points makes the impulse response
 * periodic (it is the IIR response h[t] folded modulo T), so the output is the *circular*
 * convolution of x with that folded response: the tail of the response wraps around onto the
 * first samples. It differs from lfilter most near t = 0 and the difference decays like the
 * impulse response does; it vanishes only when h has died out within T samples *and* the input's
 * end is quiet.
 *
 * Any T ≥ 1 works: real DFTs of half length (real-dft.ts) on a Bluestein transform on top of
 * fft.js when T/2 is not a power of two (dft.ts).
 * B and A are the polynomials evaluated exactly on the grid, which equals torch's
 * `rfft(b, n=T)` whenever len(b), len(a) ≤ T (longer ones are folded, not truncated).
 * Allocates O(T) scratch per call: an offline/training tool, not a real-time kernel.
 */
import type { NumericInput, RealArray } from '../api.js';
import { getRealDftPlan } from '../spectral/real-dft.js';
import { evaluateResponse } from './freqz.js';
import { checkFilter, checkLength, checkSignal, checkSize } from './validate.js';

/**
 * Grid `w_k = 2πk/n` for the non-redundant bins k = 0..⌊n/2⌋ and the sampled response H on it
 * (the other half is its conjugate mirror); throws if A vanishes on the grid.
 */
export function sampledResponse(
  fn: string,
  b: NumericInput,
  a: NumericInput,
  n: number,
): { w: Float64Array; re: Float64Array; im: Float64Array } {
  const bins = Math.floor(n / 2) + 1;
  const w = new Float64Array(bins);
  for (let k = 0; k < bins; k++) w[k] = (2 * Math.PI * k) / n;
  const re = new Float64Array(bins);
  const im = new Float64Array(bins);
  evaluateResponse(b, a, w, re, im);
  for (let k = 0; k < bins; k++) {
    if (!Number.isFinite(re[k]) || !Number.isFinite(im[k])) {
      throw new RangeError(`${fn}: A(e^{jw}) vanishes at frequency bin ${k} of ${n}`);
    }
  }
  return { w, re, im };
}

/**
 * Circularly filters `x` by the response of `b/a` sampled at T = x.length frequencies.
 *
 * @param b numerator, @param a denominator (non-empty, finite, a[0] ≠ 0, A ≠ 0 on the grid).
 * @param x input, length T ≥ 1.
 * @param out optional Float64Array of length T for the result (may be x itself).
 * @returns y (length T).
 */
export function freqSamplingFilter(
  b: NumericInput,
  a: NumericInput,
  x: RealArray,
  out?: Float64Array,
): Float64Array {
  const fn = 'freqSamplingFilter';
  checkFilter(fn, b, a);
  checkSignal(fn, 'x', x);
  const T = checkSize(fn, 'x.length', x.length, 1);
  const y = out ?? new Float64Array(T);
  checkLength(fn, 'out', y, T);
  const H = sampledResponse(fn, b, a, T);
  const plan = getRealDftPlan(T);
  const K = plan.bins;
  const xr = new Float64Array(K);
  const xi = new Float64Array(K);
  plan.forward(x, xr, xi);
  for (let k = 0; k < K; k++) {
    const r = xr[k] * H.re[k] - xi[k] * H.im[k];
    xi[k] = xr[k] * H.im[k] + xi[k] * H.re[k];
    xr[k] = r;
  }
  plan.inverse(xr, xi, y);
  for (let t = 0; t < T; t++) y[t] /= T;
  return y;
}

/**
 * FIR approximation of `b/a` by frequency sampling: the first `nTaps` samples of
 * `irfft(H, n=nfft)` with H sampled at `w_k = 2πk/nfft`, i.e. the impulse response folded
 * modulo nfft.
 *
 * @param nTaps number of taps returned, integer in [1, nfft].
 * @param nfft number of frequency samples (any integer ≥ 1).
 * @param out optional Float64Array of length nTaps.
 */
export function firFromIir(
  b: NumericInput,
  a: NumericInput,
  nTaps: number,
  nfft: number,
  out?: Float64Array,
): Float64Array {
  const fn = 'firFromIir';
  checkFilter(fn, b, a);
  checkSize(fn, 'nfft', nfft, 1);
  checkSize(fn, 'nTaps', nTaps, 1);
  if (nTaps > nfft) throw new RangeError(`${fn}: nTaps must be <= nfft (got ${nTaps} > ${nfft})`);
  const h = out ?? new Float64Array(nTaps);
  checkLength(fn, 'out', h, nTaps);
  const H = sampledResponse(fn, b, a, nfft);
  const hr = new Float64Array(nfft);
  getRealDftPlan(nfft).inverse(H.re, H.im, hr);
  for (let t = 0; t < nTaps; t++) h[t] = hr[t] / nfft;
  return h;
}
