/**
 * Coefficient presets for the microphone panel: vowel envelopes obtained by core `lpc` of the
 * demo's own example vowels (so they are what an LPC analyser would say about those sounds),
 * plus a flat filter. Each preset carries both domains.
 */
import { lfilter, lpc } from 'diffiir/core';
import { exampleVowel, VOWELS } from './examples.js';

/** A preset of order M in both coefficient domains. */
export interface CoefficientPreset {
  name: string;
  /** Reflection coefficients k_1..k_M. */
  k: Float64Array;
  /** Direct form a_1..a_M of A(z) = 1 + Σ a_i z^-i. */
  a: Float64Array;
}

/** Analysis frame length (samples at 48 kHz): 40 ms, several pitch periods. */
const FRAME = 1920;
/** Pre-emphasis coefficient. */
const PRE_EMPHASIS = 0.97;
/** White-noise correction of the analysis. */
const WHITE_NOISE = 1e-3;

/** The flat (identity) preset of order `M`. */
export function flatPreset(M: number): CoefficientPreset {
  return { name: 'flat', k: new Float64Array(M), a: new Float64Array(M) };
}

/** Presets of order `M`: flat and one per example vowel (LPC of the vowel's middle frame). */
export function vowelPresets(M: number, sampleRate: number): CoefficientPreset[] {
  const out = [flatPreset(M)];
  for (const v of VOWELS) {
    const x = exampleVowel(v, sampleRate, 0.25);
    const start = Math.floor((x.length - FRAME) / 2);
    // Pre-emphasis (1 − 0.97 z⁻¹, core lfilter) removes the glottal tilt, as usual before LPC,
    // so the presets model the formants and stay away from |k| ≈ 1 at DC.
    const e = lfilter([1, -PRE_EMPHASIS], [1], x.subarray(start, start + FRAME)).y;
    // White-noise correction (r0 × 1.001, a −30 dB floor) keeps the envelope's dynamic range
    // near 50 dB; without it these synthetic vowels give 120+ dB peaks (|k| → 1).
    const r = lpc(e, M, { whiteNoise: WHITE_NOISE });
    out.push({ name: `vowel ${v}`, k: r.k, a: r.a });
  }
  return out;
}
