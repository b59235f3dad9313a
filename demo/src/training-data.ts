/**
 * What the training panel fits: an excitation `input` and a `target` of equal length, built from
 * the panel's choices (example targets, a decoded file; noise/saw/pulse sources from the CLI's
 * `makeSource`, the example's own excitation, or a microphone recording). When the target
 * was made by a known all-pole filter, its true response is returned too (for the plot).
 */

import { makeSource } from 'diffiir/core';
import { exampleEqPair, exampleSpeech, exampleVowel, normalise } from './examples.js';

export type TargetKind = 'example-eq' | 'example-vowel' | 'example-speech' | 'file' | 'mic';
export type SourceKind = 'noise' | 'saw' | 'pulse' | 'example' | 'mic';

/** Training signals (length T each) and, when known, the true filter `gain / A(z)`. */
export interface TrainingData {
  input: Float64Array;
  target: Float64Array;
  truth: { a: Float64Array; gain: number } | null;
  description: string;
}

/** Pitch of the example vowels, also used for the saw/pulse sources. */
export const EXAMPLE_F0 = 110;
/** Seed of the noise source (the example EQ pair uses the same generator and seed). */
const NOISE_SEED = 3;

/** Repeats or truncates `x` to length T. */
function fitLength(x: Float64Array, T: number): Float64Array {
  if (x.length === T) return x;
  const out = new Float64Array(T);
  for (let i = 0; i < T; i++) out[i] = x.length ? x[i % x.length] : 0;
  return out;
}

/** Signals the user brought: a decoded target file, and microphone takes for target and source. */
export interface UserSignals {
  file: Float64Array | null;
  targetRecording: Float64Array | null;
  recording: Float64Array | null;
}

/** Builds the training pair: `T` samples at `sampleRate`, from the panel's choices. */
export function buildTrainingData(
  target: TargetKind,
  source: SourceKind,
  T: number,
  sampleRate: number,
  user: UserSignals = { file: null, targetRecording: null, recording: null },
): TrainingData {
  const { file, recording, targetRecording } = user;
  const seconds = T / sampleRate;
  let tgt: Float64Array;
  let own: Float64Array;
  let truth: TrainingData['truth'] = null;
  if (target === 'example-eq') {
    const p = exampleEqPair(sampleRate, seconds, NOISE_SEED);
    tgt = p.target;
    own = p.input;
    truth = { a: p.a, gain: p.gain };
  } else if (target === 'example-vowel') {
    tgt = exampleVowel('a', sampleRate, seconds, EXAMPLE_F0);
    own = makeSource('pulse', T, sampleRate, 0, EXAMPLE_F0);
  } else if (target === 'example-speech') {
    tgt = exampleSpeech(sampleRate, Math.max(1, Math.round(seconds / 0.44)));
    own = makeSource('pulse', T, sampleRate, 0, EXAMPLE_F0);
  } else if (target === 'mic') {
    if (!targetRecording)
      throw new Error('Record the target first (Record target), or choose another target.');
    tgt = normalise(Float64Array.from(targetRecording), 0.5);
    own = makeSource('noise', T, sampleRate, NOISE_SEED);
  } else {
    if (!file) throw new Error('Choose a target audio file first (or drop a WAV on the page).');
    tgt = normalise(Float64Array.from(file), 0.5);
    own = makeSource('noise', T, sampleRate, NOISE_SEED);
  }
  let input: Float64Array;
  if (source === 'example') input = own;
  else if (source === 'mic') {
    if (!recording) throw new Error('Record the microphone first (or choose another source).');
    input = normalise(Float64Array.from(recording), 0.5);
  } else if (source === 'noise' && target === 'example-eq') input = own;
  else input = makeSource(source, T, sampleRate, NOISE_SEED, EXAMPLE_F0);
  const names = {
    noise: 'noise',
    saw: 'sawtooth',
    pulse: 'pulse train',
    example: "the example's own excitation",
    mic: 'the microphone recording',
  };
  return {
    input: fitLength(input, T),
    target: fitLength(tgt, T),
    truth: source === 'example' || (source === 'noise' && target === 'example-eq') ? truth : null,
    description: `${target} from ${names[source]}, ${T} samples`,
  };
}
