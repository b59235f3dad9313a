/**
 * The demo's own example sounds, generated reproducibly at runtime by the project's code, so
 * that every panel works without a microphone or a file:
 * - seeded white noise (the CLI's `makeSource`),
 * - vowels: a glottal pulse train through formant resonators built with core `sectionFromPole`
 *   and `cascadeToDirect`, filtered by core `allpole`,
 * - a "speech-like" phrase: a sequence of vowels with syllable envelopes, pitch glides and pauses,
 * - a system-identification target: noise through a known all-pole EQ.
 * Pure functions of (sampleRate, seed): no DOM, so tests can render them to WAV in Node.
 */

import { allpole, cascadeToDirect, makeSource, sectionFromPole } from 'diffiir/core';

/** Vowel names with formant tables. */
export const VOWELS = ['a', 'e', 'i', 'o', 'u'] as const;
export type Vowel = (typeof VOWELS)[number];

/** Formants (Hz) and bandwidths (Hz) of an adult male voice (Peterson & Barney averages). */
const FORMANTS: Record<Vowel, readonly [number, number][]> = {
  a: [
    [730, 90],
    [1090, 110],
    [2440, 160],
  ],
  e: [
    [530, 70],
    [1840, 100],
    [2480, 160],
  ],
  i: [
    [270, 60],
    [2290, 100],
    [3010, 200],
  ],
  o: [
    [570, 80],
    [840, 90],
    [2410, 160],
  ],
  u: [
    [300, 60],
    [870, 80],
    [2240, 160],
  ],
};

/** Radius of the glottal/lip double real pole shaping the source spectrum (≈ −12 dB/oct). */
const GLOTTAL_POLE = 0.97;

/** Pole radius of a resonance of bandwidth `bw` Hz. */
function radius(bw: number, sampleRate: number): number {
  return Math.exp((-Math.PI * bw) / sampleRate);
}

/**
 * Direct-form `a_1..a_M` of the vowel filter `1/A(z)`: three formant sections and the glottal
 * section (M = 8), built with core `sectionFromPole` and multiplied with `cascadeToDirect`.
 */
export function vowelPolynomial(v: Vowel, sampleRate: number): Float64Array {
  const sections: number[][] = FORMANTS[v].map(([f, bw]) =>
    Array.from(sectionFromPole(radius(bw, sampleRate), (2 * Math.PI * f) / sampleRate)),
  );
  sections.push(Array.from(sectionFromPole(GLOTTAL_POLE, 0)));
  return Float64Array.from(cascadeToDirect(sections));
}

/** Known EQ of the "system identification" example: resonances at 800 Hz and 2.5 kHz + a tilt. */
export function eqPolynomial(sampleRate: number): Float64Array {
  const sections = [
    Array.from(sectionFromPole(radius(250, sampleRate), (2 * Math.PI * 800) / sampleRate)),
    Array.from(sectionFromPole(radius(500, sampleRate), (2 * Math.PI * 2500) / sampleRate)),
    Array.from(sectionFromPole(0.5, 0)),
  ];
  return Float64Array.from(cascadeToDirect(sections));
}

/** Peak-normalises `x` in place to `peak`; returns it. */
export function normalise(x: Float64Array, peak = 0.5): Float64Array {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  if (m > 0) for (let i = 0; i < x.length; i++) x[i] *= peak / m;
  return x;
}

/** Seeded white noise, `seconds` long. */
export function exampleNoise(sampleRate: number, seconds = 2, seed = 1): Float64Array {
  return normalise(makeSource('noise', Math.round(seconds * sampleRate), sampleRate, seed), 0.5);
}

/** A sustained vowel at pitch `f0`, `seconds` long, peak 0.5. */
export function exampleVowel(v: Vowel, sampleRate: number, seconds = 1, f0 = 110): Float64Array {
  const pulses = makeSource('pulse', Math.round(seconds * sampleRate), sampleRate, 0, f0);
  const a = vowelPolynomial(v, sampleRate);
  return normalise(allpole(pulses, a, a.length).y, 0.5);
}

/**
 * A phrase of `syllables` vowels (seeded choice among a-e-i-o-u), each with a raised-cosine
 * envelope, a falling pitch glide and a short pause: a stand-in for speech whose loudness
 * envelope and spectrum both move. Each syllable is filtered by its vowel's all-pole filter,
 * streaming the filter state from one syllable to the next (allpole zi → zf).
 */
export function exampleSpeech(sampleRate: number, syllables = 10, seed = 7): Float64Array {
  const syl = Math.round(0.32 * sampleRate);
  const gap = Math.round(0.12 * sampleRate);
  const len = syl + gap;
  const y = new Float64Array(syllables * len);
  const x = new Float64Array(len);
  const state = new Float64Array(8);
  let phase = 0;
  let s = seed >>> 0;
  for (let n = 0; n < syllables; n++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const v = VOWELS[(s >>> 16) % VOWELS.length];
    const peak = 0.3 + 0.7 * (((s >>> 8) & 255) / 255);
    x.fill(0);
    for (let t = 0; t < syl; t++) {
      phase += (140 - (40 * t) / syl) / sampleRate;
      if (phase >= 1) {
        phase -= 1;
        x[t] = peak * 0.5 * (1 - Math.cos((2 * Math.PI * t) / syl));
      }
    }
    const a = vowelPolynomial(v, sampleRate);
    allpole(x, a, a.length, state, { y: y.subarray(n * len, (n + 1) * len), zf: state });
  }
  return normalise(y, 0.6);
}

/**
 * The system-identification pair: seeded noise `input` and `target` = gain · input through
 * eqPolynomial, with `gain` chosen so that the target peaks at 0.5. The true filter is gain/A(z).
 */
export function exampleEqPair(
  sampleRate: number,
  seconds = 1,
  seed = 3,
): { input: Float64Array; target: Float64Array; a: Float64Array; gain: number } {
  const input = exampleNoise(sampleRate, seconds, seed);
  const a = eqPolynomial(sampleRate);
  const y = allpole(input, a, a.length).y;
  let peak = 0;
  for (let i = 0; i < y.length; i++) peak = Math.max(peak, Math.abs(y[i]));
  const gain = 0.5 / peak;
  return { input, target: normalise(y, 0.5), a, gain };
}
