/**
 * What the training panel plots and plays, computed from models and files with the project's
 * code: magnitude responses (host allPoleFrequencyResponse), the target's envelope (core lpc)
 * or true filter, and a model's (middle-frame) response.
 */
import { hannTrimmed, lpc } from 'diffiir/core';
import { allPoleFrequencyResponse } from 'diffiir/host';
import { rms } from 'diffiir/train';
import { DEMO_SAMPLE_RATE } from './audio-context.js';
import { logFrequencies, type ResponseTrace } from './response-plot.js';
import type { ModelSnapshot } from './train-protocol.js';
import type { TrainingData } from './training-data.js';

/** Frequencies (Hz) of the panel's response plot. */
export const FREQS = logFrequencies(200, 30, 20000);
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
