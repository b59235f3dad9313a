import FFT from 'fft.js';

/** Periodic Hann window of length n. */
export function hann(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}

/**
 * Short-time power spectra: frames of `nfft` samples every `hop`, Hann-windowed, zero-padded
 * at the end. Returns `frames × (nfft/2+1)` row-major power values and the frame count.
 * `nfft` must be a power of two ≥ 4.
 */
export function powerFrames(
  x: ArrayLike<number>,
  nfft: number,
  hop: number,
): { power: Float64Array; frames: number } {
  const bins = nfft / 2 + 1;
  const frames = Math.max(1, Math.ceil(Math.max(0, x.length - nfft) / hop) + 1);
  const fft = new FFT(nfft);
  const win = hann(nfft);
  const frame = new Float64Array(nfft);
  const spec = fft.createComplexArray();
  const power = new Float64Array(frames * bins);
  for (let f = 0; f < frames; f++) {
    const start = f * hop;
    for (let i = 0; i < nfft; i++) frame[i] = start + i < x.length ? x[start + i] * win[i] : 0;
    fft.realTransform(spec, frame);
    for (let k = 0; k < bins; k++) {
      power[f * bins + k] = spec[2 * k] * spec[2 * k] + spec[2 * k + 1] * spec[2 * k + 1];
    }
  }
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
