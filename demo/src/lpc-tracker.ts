/**
 * Real-time LPC analysis of a live signal, frame by frame, for the talking synth: reads the
 * latest samples from an AnalyserNode (getFloatTimeDomainData on a timer; no ScriptProcessor),
 * and returns reflection coefficients and the frame's excitation RMS via core `lpc`.
 */
import { hannTrimmed, lpc } from 'diffiir/core';

/** One analysed frame. */
export interface LpcFrame {
  /** Reflection coefficients k_1..k_M (|k| < 1). */
  k: Float64Array;
  /** Prediction-error RMS per sample, sqrt(error / Σ w²): the excitation gain of the frame. */
  residualRms: number;
  /** Plain RMS of the (unwindowed) frame. */
  rms: number;
}

/** Frames quieter than this RMS are treated as silence (no coefficient update, gain 0). */
export const SILENCE_RMS = 1e-4;

/** Pulls frames of `frameLength` samples from `analyser` and analyses them at order `order`. */
export class LpcTracker {
  readonly order: number;
  readonly frameLength: number;
  private readonly analyser: AnalyserNode;
  private readonly block: Float32Array<ArrayBuffer>;
  private readonly frame: Float64Array;
  private readonly windowEnergy: number;

  constructor(analyser: AnalyserNode, order: number, frameLength = 1024) {
    if (frameLength > analyser.fftSize)
      throw new RangeError('LpcTracker: frameLength must be <= analyser.fftSize');
    this.analyser = analyser;
    this.order = order;
    this.frameLength = frameLength;
    this.block = new Float32Array(analyser.fftSize);
    this.frame = new Float64Array(frameLength);
    const w = hannTrimmed(frameLength);
    let e = 0;
    for (let i = 0; i < frameLength; i++) e += w[i] * w[i];
    this.windowEnergy = e;
  }

  /** Analyses the most recent `frameLength` samples; null for a silent frame. */
  analyse(): LpcFrame | null {
    this.analyser.getFloatTimeDomainData(this.block);
    const off = this.block.length - this.frameLength;
    let s = 0;
    for (let i = 0; i < this.frameLength; i++) {
      const v = this.block[off + i];
      this.frame[i] = v;
      s += v * v;
    }
    const rms = Math.sqrt(s / this.frameLength);
    if (!(rms > SILENCE_RMS)) return null;
    // A little white-noise correction keeps |k| away from 1 on very peaky frames.
    const r = lpc(this.frame, this.order, { whiteNoise: 1e-4 });
    return { k: r.k, residualRms: Math.sqrt(Math.max(0, r.error) / this.windowEnergy), rms };
  }
}
