/**
 * Welch cross-spectral estimate of a transfer function from an input/output pair (test helper):
 * H1(f) = Pxy(f) / Pxx(f), with Pxy = mean over segments of conj(X)·Y and Pxx = mean |X|², segments of
 * `nperseg` samples, periodic Hann window, 50 % overlap, no detrending. Returns |H1| at f = k/nperseg
 * cycles/sample for k = 0..nperseg/2.
 */
import FFT from 'fft.js';

export function welchH1(
  x: Float64Array,
  y: Float64Array,
  nperseg: number,
): { freqs: Float64Array; mag: Float64Array } {
  const fft = new FFT(nperseg);
  const hop = nperseg >> 1;
  const bins = hop + 1;
  const win = Float64Array.from(
    { length: nperseg },
    (_, n) => 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / nperseg),
  );
  const pxxv = new Float64Array(bins);
  const pxyRe = new Float64Array(bins);
  const pxyIm = new Float64Array(bins);
  const fx = new Float64Array(2 * nperseg);
  const fy = new Float64Array(2 * nperseg);
  const bx = new Float64Array(nperseg);
  const by = new Float64Array(nperseg);
  for (let off = 0; off + nperseg <= x.length; off += hop) {
    for (let n = 0; n < nperseg; n++) {
      bx[n] = x[off + n] * win[n];
      by[n] = y[off + n] * win[n];
    }
    fft.realTransform(fx, bx);
    fft.realTransform(fy, by);
    for (let k = 0; k < bins; k++) {
      const xr = fx[2 * k];
      const xi = fx[2 * k + 1];
      const yr = fy[2 * k];
      const yi = fy[2 * k + 1];
      pxxv[k] += xr * xr + xi * xi;
      pxyRe[k] += xr * yr + xi * yi;
      pxyIm[k] += xr * yi - xi * yr;
    }
  }
  const mag = new Float64Array(bins);
  const freqs = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    mag[k] = Math.hypot(pxyRe[k], pxyIm[k]) / pxxv[k];
    freqs[k] = k / nperseg;
  }
  return { freqs, mag };
}
