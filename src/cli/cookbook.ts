/**
 * Audio-EQ-Cookbook biquads (R. Bristow-Johnson), each normalised to a0 = 1: the sections of
 * `diffiir example`'s known filter, and of the EQ chains the tests and `bench/eq-chains.ts`
 * identify. `f0` in Hz, `q` the quality, `gainDb` in dB, `fs` the sample rate in Hz.
 */

/** One section: `(b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²)`. */
export interface Biquad {
  b: [number, number, number];
  /** [a1, a2] of 1 + a1 z^-1 + a2 z^-2. */
  a: [number, number];
}

/** Divides the cookbook's b and a by a[0]. */
function normalise(b: number[], a: number[]): Biquad {
  return { b: [b[0] / a[0], b[1] / a[0], b[2] / a[0]], a: [a[1] / a[0], a[2] / a[0]] };
}

/** Peaking EQ: `gainDb` at `f0`. */
export function peakingEq(f0: number, q: number, gainDb: number, fs: number): Biquad {
  const A = 10 ** (gainDb / 40);
  const w0 = (2 * Math.PI * f0) / fs;
  const alpha = Math.sin(w0) / (2 * q);
  const a0 = 1 + alpha / A;
  return {
    b: [(1 + alpha * A) / a0, (-2 * Math.cos(w0)) / a0, (1 - alpha * A) / a0],
    a: [(-2 * Math.cos(w0)) / a0, (1 - alpha / A) / a0],
  };
}

/** 2-pole low-pass with cut-off `f0` (zeros at Nyquist). */
export function lowPass(f0: number, q: number, fs: number): Biquad {
  const w0 = (2 * Math.PI * f0) / fs;
  const alpha = Math.sin(w0) / (2 * q);
  const c = Math.cos(w0);
  const a0 = 1 + alpha;
  const g = (1 - c) / 2 / a0;
  return { b: [g, 2 * g, g], a: [(-2 * c) / a0, (1 - alpha) / a0] };
}

/** 2-pole high-pass with cut-off `f0` (zeros at DC). */
export function highPass(f0: number, q: number, fs: number): Biquad {
  const w0 = (2 * Math.PI * f0) / fs;
  const c = Math.cos(w0);
  const al = Math.sin(w0) / (2 * q);
  return normalise([(1 + c) / 2, -(1 + c), (1 + c) / 2], [1 + al, -2 * c, 1 - al]);
}

/** Notch at `f0` (zeros on the unit circle). */
export function notch(f0: number, q: number, fs: number): Biquad {
  const w0 = (2 * Math.PI * f0) / fs;
  const c = Math.cos(w0);
  const al = Math.sin(w0) / (2 * q);
  return normalise([1, -2 * c, 1], [1 + al, -2 * c, 1 - al]);
}

/** Low (`kind` 'low') or high shelf: `gainDb` below (above) `f0`. */
export function shelf(kind: 'low' | 'high', f0: number, q: number, gainDb: number, fs: number): Biquad {
  const A = 10 ** (gainDb / 40);
  const w0 = (2 * Math.PI * f0) / fs;
  const c = Math.cos(w0);
  const al = Math.sin(w0) / (2 * q);
  const s = kind === 'low' ? 1 : -1;
  const sq = 2 * Math.sqrt(A) * al;
  return normalise(
    [
      A * (A + 1 - s * (A - 1) * c + sq),
      s * 2 * A * (A - 1 - s * (A + 1) * c),
      A * (A + 1 - s * (A - 1) * c - sq),
    ],
    [A + 1 + s * (A - 1) * c + sq, -s * 2 * (A - 1 + s * (A + 1) * c), A + 1 + s * (A - 1) * c - sq],
  );
}
