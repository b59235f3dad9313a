import { powerSpectrogram } from '../core/spectral/spectrogram.js';

/**
 * Short-time power spectra: frames of `nfft` samples every `hop`, Hann-windowed, zero-padded
 * at the end (the core's {@link powerSpectrogram}). Returns `frames × (nfft/2+1)` row-major power
 * values and the frame count. `nfft` must be a power of two ≥ 4.
 */
export function powerFrames(
  x: ArrayLike<number>,
  nfft: number,
  hop: number,
): { power: Float64Array; frames: number } {
  const { power, frames } = powerSpectrogram(x, { nFft: nfft, hop });
  return { power, frames };
}

/** Welch power spectral density estimate (mean of `powerFrames`, 50 % overlap), length nfft/2+1. */
export function welchPower(x: ArrayLike<number>, nfft: number): Float64Array {
  const { power, frames } = powerFrames(x, nfft, nfft / 2);
  const bins = nfft / 2 + 1;
  const mean = new Float64Array(bins);
  for (let f = 0; f < frames; f++) for (let k = 0; k < bins; k++) mean[k] += power[f * bins + k] / frames;
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
