/**
 * Welch's cross-spectral estimate of a transfer function from an input/output pair:
 * H1(f) = Pxy(f) / Pxx(f), with Pxy = Σ_segments conj(X)·Y and Pxx = Σ |X|² over segments of
 * `nperseg` samples (periodic Hann window, 50 % overlap, no detrending), at f = k/nperseg
 * cycles/sample for k = 0..⌊nperseg/2⌋ (scipy.signal.csd / welch conventions, which cancel in H1).
 */
import type { NumericInput } from '../api.js';
import { periodicHann } from '../spectral/hann.js';
import { getRealDftPlan } from '../spectral/real-dft.js';

/** Welch H1 estimate: frequencies (cycles/sample) and the complex H1 (re, im) and |H1| per bin. */
export interface WelchTransferFunction {
  freqs: Float64Array;
  re: Float64Array;
  im: Float64Array;
  mag: Float64Array;
}

/**
 * H1 estimate of the system that turned `x` into `y` (same length ≥ nperseg).
 * @throws RangeError naming `y` (length) or `nperseg` (< 2 or > length).
 */
export function welchTransferFunction(
  x: NumericInput,
  y: NumericInput,
  nperseg: number,
): WelchTransferFunction {
  if (y.length !== x.length)
    throw new RangeError(`welchTransferFunction: y length ${y.length} must equal x length ${x.length}`);
  if (!Number.isInteger(nperseg) || nperseg < 2 || nperseg > x.length) {
    throw new RangeError(
      `welchTransferFunction: nperseg must be an integer in [2, ${x.length}] (got ${nperseg})`,
    );
  }
  const plan = getRealDftPlan(nperseg);
  const bins = plan.bins;
  const hop = Math.max(1, nperseg >> 1);
  const win = periodicHann(nperseg);
  const pxx = new Float64Array(bins);
  const re = new Float64Array(bins);
  const im = new Float64Array(bins);
  const bx = new Float64Array(nperseg);
  const by = new Float64Array(nperseg);
  const xr = new Float64Array(bins);
  const xi = new Float64Array(bins);
  const yr = new Float64Array(bins);
  const yi = new Float64Array(bins);
  for (let off = 0; off + nperseg <= x.length; off += hop) {
    for (let n = 0; n < nperseg; n++) {
      bx[n] = x[off + n] * win[n];
      by[n] = y[off + n] * win[n];
    }
    plan.forward(bx, xr, xi);
    plan.forward(by, yr, yi);
    for (let k = 0; k < bins; k++) {
      pxx[k] += xr[k] * xr[k] + xi[k] * xi[k];
      re[k] += xr[k] * yr[k] + xi[k] * yi[k];
      im[k] += xr[k] * yi[k] - xi[k] * yr[k];
    }
  }
  const mag = new Float64Array(bins);
  const freqs = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    re[k] /= pxx[k];
    im[k] /= pxx[k];
    mag[k] = Math.hypot(re[k], im[k]);
    freqs[k] = k / nperseg;
  }
  return { freqs, re, im, mag };
}
