/**
 * The known filter of `diffiir example`: a peaking EQ biquad followed by a 2-pole low-pass
 * biquad (the same kind of chain as the shared sox pair `equalizer 800 2q +8 lowpass -2 4000 0.7`),
 * designed with the Audio-EQ-Cookbook formulas (cookbook.ts).
 */
import type { CoefficientsFile } from '../core/api.js';
import { toCoefficientsFile } from '../core/coefficients-file.js';
import { cascadeToDirect } from '../core/params/cascade.js';
import { type Biquad, lowPass, peakingEq } from './cookbook.js';

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
