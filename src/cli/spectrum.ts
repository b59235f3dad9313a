import { PowerSpectrogramStream } from '../core/spectral/power-spectrogram-stream.js';

/**
 * Welch power spectral density estimate: the mean of the rows of `powerSpectrogram(x, { nFft:
 * nfft, hop: nfft/2 })` (length nfft/2+1), accumulated row by row ({@link PowerSpectrogramStream}:
 * the rows are never stored together). `nfft` is a power of two ≥ 4.
 */
export function welchPower(x: ArrayLike<number>, nfft: number): Float64Array {
  const bins = nfft / 2 + 1;
  const mean = new Float64Array(bins);
  let frames = 0;
  const s = new PowerSpectrogramStream(x.length, { nFft: nfft, hop: nfft / 2 }, (_m, p) => {
    for (let k = 0; k < bins; k++) mean[k] += p[k] / frames;
  });
  frames = s.frames;
  s.push(x);
  return mean;
}

/** 10·log10(p) floored at `floorDb`. */
export function powerToDb(p: number, floorDb = -200): number {
  return p > 0 ? Math.max(floorDb, 10 * Math.log10(p)) : floorDb;
}

/** Largest power of two ≤ n (at least 4). */
export function floorPow2(n: number): number {
  let p = 4;
  while (p * 2 <= n) p *= 2;
  return p;
}
