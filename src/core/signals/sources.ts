import { gaussian, mulberry32 } from '../random/mulberry32.js';

/**
 * Excitation signals for `train --source` and `example`: seeded white noise, a naive sawtooth
 * and a unit pulse train. All are deterministic for a given seed/length/rate.
 */

/** Names accepted by `--source`. */
export const SOURCE_KINDS = ['noise', 'saw', 'pulse'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Gaussian white noise (core mulberry32 + Box–Muller) with standard deviation `std`, length `T`. */
export function whiteNoise(T: number, seed: number, std = 0.1): Float64Array {
  const normal = gaussian(mulberry32(seed));
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = std * normal();
  return out;
}

/**
 * Generates a source of `kind`, length `T` at `sampleRate`. `f0` (Hz) sets the period of the
 * sawtooth (peak amplitude 0.5, zero mean) and of the pulse train (unit impulses).
 */
export function makeSource(
  kind: SourceKind,
  T: number,
  sampleRate: number,
  seed: number,
  f0 = 100,
): Float64Array {
  if (kind === 'noise') return whiteNoise(T, seed);
  const out = new Float64Array(T);
  const step = f0 / sampleRate;
  let phase = 0;
  for (let t = 0; t < T; t++) {
    if (kind === 'saw') out[t] = phase - 0.5;
    else if (phase < step) out[t] = 1;
    phase += step;
    if (phase >= 1) phase -= 1;
  }
  return out;
}
