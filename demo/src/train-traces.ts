/**
 * What the training panel plots and plays, computed from models and files with the project's
 * code: magnitude responses (host allPoleFrequencyResponse), the target's envelope (core lpc)
 * or true filter, a model's (middle-frame) response, and an imported track in the reflection
 * domain (core directToReflection).
 */
import type { CoefficientsFile } from 'diffiir/core';
import { directToReflection, hannTrimmed, lpc } from 'diffiir/core';
import { allPoleFrequencyResponse } from 'diffiir/host';
import { rms } from 'diffiir/train';
import { DEMO_SAMPLE_RATE } from './audio-context.js';
import { fileFrames } from './coefficients-io.js';
import { logFrequencies, type ResponseTrace } from './response-plot.js';
import type { ModelSnapshot } from './train-protocol.js';
import type { TrainingData } from './training-data.js';

/** Frequencies (Hz) of the panel's response plot. */
export const FREQS = logFrequencies(200, 30, 20000);
/** Reflection coefficients of every frame of `f` (frames×order), or null if one is not minimum phase. */
export function reflectionTrack(f: CoefficientsFile): Float64Array | null {
  const v = fileFrames(f);
  if (v.k) return v.k.every((x) => Math.abs(x) < 1) ? v.k : null;
  const K = new Float64Array(f.frames * f.order);
  for (let i = 0; i < f.frames; i++) {
    const k = K.subarray(i * f.order, (i + 1) * f.order);
    directToReflection(v.a[i], k, undefined, { onUnstable: 'nan' });
    if (!k.every((x) => Math.abs(x) < 1)) return null;
  }
  return K;
}

/** First frame (1-based) of `f` that is not minimum phase, or 0 when all are. */
export function unstableFrame(f: CoefficientsFile): number {
  const v = fileFrames(f);
  const k = new Float64Array(f.order);
  for (let i = 0; i < f.frames; i++) {
    if (v.k) {
      for (let j = 0; j < f.order; j++) if (!(Math.abs(v.k[i * f.order + j]) < 1)) return i + 1;
      continue;
    }
    directToReflection(v.a[i], k, undefined, { onUnstable: 'nan' });
    if (!k.every((x) => Math.abs(x) < 1)) return i + 1;
  }
  return 0;
}

/** Magnitudes of `gain / A(z)` (direct-form a) at the plot's frequencies. */
export function response(a: ArrayLike<number>, gain: number): Float32Array {
  const mag = new Float32Array(FREQS.length);
  allPoleFrequencyResponse(a, 'direct', gain, DEMO_SAMPLE_RATE, FREQS, mag, new Float32Array(FREQS.length));
  return mag;
}

/** Analysis frame of the target envelope: 40 ms around the middle of the target. */
const ENVELOPE_FRAME = 1920;

/**
 * Target trace: the true filter when known, else the LPC envelope (order 24, white-noise
 * correction 1e-3) of the middle 40 ms of the target — the same instant as the middle frame of a
 * time-varying model — scaled for an excitation as loud as the input (residual RMS / input RMS).
 */
export function targetTrace(d: TrainingData): ResponseTrace {
  if (d.truth)
    return {
      label: 'target (true filter)',
      color: '#7ee787',
      mag: response(d.truth.a, d.truth.gain),
      dashed: true,
    };
  const start = Math.max(0, Math.floor(d.target.length / 2 - ENVELOPE_FRAME / 2));
  const frame = d.target.subarray(start, start + ENVELOPE_FRAME);
  const w = hannTrimmed(frame.length);
  let we = 0;
  for (let i = 0; i < w.length; i++) we += w[i] * w[i];
  const r = lpc(frame, 24, { window: w, whiteNoise: 1e-3 });
  const g = Math.sqrt(Math.max(r.error, 0) / we) / Math.max(rms(d.input), 1e-12);
  return {
    label: 'target (LPC envelope, middle 40 ms)',
    color: '#7ee787',
    mag: response(r.a, g),
    dashed: true,
  };
}

/** The middle frame of a snapshot (the one plotted): direct-form a and its gain. */
export function middleFrame(s: ModelSnapshot): { a: Float64Array; gain: number; label: string } {
  const f = Math.floor(s.frames / 2);
  const M = s.order;
  return {
    a: s.a.subarray(f * M, (f + 1) * M),
    gain: s.gains[Math.min(f, s.gains.length - 1)],
    label: s.frames > 1 ? `learned (order ${M}, frame ${f + 1}/${s.frames})` : `learned (order ${M})`,
  };
}

/** The response shown for a model snapshot: its only frame, or the middle frame of a track. */
export function modelTrace(s: ModelSnapshot): ResponseTrace {
  const m = middleFrame(s);
  return { label: m.label, color: '#58a6ff', mag: response(m.a, m.gain) };
}
