import type { CoefficientsFile } from '../core/api.js';
import { toCoefficientsFile } from '../core/coefficients-file.js';
import { cascadeToDirect } from '../core/params/cascade.js';

/**
 * The known filter of `diffiir example`: a peaking EQ biquad followed by a 2-pole low-pass
 * biquad (the same kind of chain as the shared sox pair `equalizer 800 2q +8 lowpass -2 4000 0.7`),
 * designed with the Audio-EQ-Cookbook formulas. Each section is normalised to a0 = 1.
 */
export interface Biquad {
  b: [number, number, number];
  /** [a1, a2] of 1 + a1 z^-1 + a2 z^-2. */
  a: [number, number];
}

/** Peaking EQ: `gainDb` at `f0` Hz with quality `q`. */
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

/** 2-pole low-pass with cut-off `f0` Hz and quality `q` (zeros at Nyquist). */
export function lowPass(f0: number, q: number, fs: number): Biquad {
  const w0 = (2 * Math.PI * f0) / fs;
  const alpha = Math.sin(w0) / (2 * q);
  const c = Math.cos(w0);
  const a0 = 1 + alpha;
  const g = (1 - c) / 2 / a0;
  return { b: [g, 2 * g, g], a: [(-2 * c) / a0, (1 - alpha) / a0] };
}

/** The example's chain, described for the summary. */
export const EXAMPLE_FILTER_TEXT = 'peaking EQ (+8 dB at 800 Hz, Q 2) then low-pass (4 kHz, Q 0.7)';

/** The example's two sections at sample rate `fs`. */
export function exampleSections(fs: number): Biquad[] {
  return [peakingEq(800, 2, 8, fs), lowPass(4000, 0.7, fs)];
}

/** The cascade as a coefficients file: denominator = product of the sections' A(z), numerator = sections. */
export function sectionsToCoefficientsFile(sections: Biquad[], sampleRate: number): CoefficientsFile {
  const den = cascadeToDirect(sections.map((s) => s.a));
  return toCoefficientsFile({
    sampleRate,
    order: 2 * sections.length,
    coefficients: [den],
    numerator: { sections: sections.map((s) => [...s.b]) },
  });
}
