/**
 * Excitations of the demo (seeded noise, naive sawtooth, unit pulse train), the same signals as
 * the CLI's `--source`. `diffiir/core` does not export its `makeSource` (src/core/signals) yet, and
 * the demo imports only public entry points, so this file builds them from the public
 * `gaussian`/`mulberry32`. Delete it once `makeSource` is public.
 */
import { gaussian, mulberry32 } from 'diffiir/core';

export type SourceName = 'noise' | 'saw' | 'pulse';

/**
 * `T` samples of `kind` at `sampleRate`: noise is Gaussian (std 0.1, seeded by `seed`); the saw
 * (peak 0.5, zero mean) and the pulse train (unit impulses) have fundamental `f0` Hz.
 */
export function makeSource(
  kind: SourceName,
  T: number,
  sampleRate: number,
  seed: number,
  f0 = 100,
): Float64Array {
  const out = new Float64Array(T);
  if (kind === 'noise') {
    const normal = gaussian(mulberry32(seed));
    for (let t = 0; t < T; t++) out[t] = 0.1 * normal();
    return out;
  }
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
