/**
 * Messages between the training panel (page) and its Worker (train-worker.ts). Typed arrays
 * are transferred, never shared.
 */
import type { CoefficientsFile } from 'diffiir/core';
import type { Spectrogram } from './spectrogram.js';

/** STFT of the spectrograms (computed in the worker for the output). */
export const SPECTROGRAM_STFT = { fftSize: 1024, hop: 256 } as const;

/** What defines a run (the controls locked while it runs). */
export interface TrainRequest {
  type: 'train';
  input: Float64Array;
  target: Float64Array;
  model: 'allpole' | 'tv-allpole';
  order: number;
  /** Control-frame hop of the time-varying model (samples). */
  hop: number;
  /** Time-invariant model: start from the LPC of the target (else flat, gain matched). */
  initLpc: boolean;
  steps: number;
  learningRate: number;
  sampleRate: number;
  /** Send a snapshot every this many steps. */
  snapshotEvery: number;
  /** …and include the model's output signal at most this often (ms). */
  outputEveryMs: number;
}

/** The model at one step: what the page plays, plots and downloads. */
export interface ModelSnapshot {
  step: number;
  order: number;
  /** Samples between frames (0: time-invariant, one frame). */
  hop: number;
  frames: number;
  stable: boolean;
  /** Direct-form a, frames×order. */
  a: Float64Array;
  /** Reflection k, frames×order (time-varying models; null for time-invariant ones). */
  k: Float64Array | null;
  /** Linear gain on the excitation per frame (time-invariant: one value). */
  gains: Float64Array;
  /** The CLI's coefficients file of this model. */
  file: CoefficientsFile;
  /** The model's output for the run's input (omitted when not due). */
  output: Float32Array | null;
  /** Spectrogram of `output` (computed in the worker; null with it). */
  spectrogram: Spectrogram | null;
}

/** Everything the worker sends. */
export type TrainReply =
  | { type: 'progress'; step: number; loss: number; bestLoss: number; rollbacks: number; elapsedMs: number }
  | { type: 'snapshot'; snapshot: ModelSnapshot }
  | {
      type: 'done';
      steps: number;
      bestLoss: number;
      bestStep: number;
      rollbacks: number;
      elapsedMs: number;
      history: Float64Array;
      snapshot: ModelSnapshot;
    }
  | { type: 'error'; message: string };
