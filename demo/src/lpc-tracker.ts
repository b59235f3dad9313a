/**
 * LPC analysis of one frame for the talking synth (core `lpc`, Hann-free autocorrelation with a
 * little white-noise correction): reflection coefficients, the frame's excitation RMS, its RMS.
 * Used inside the LPC worker (lpc-worker.ts); pure, no DOM.
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

/** Analyses frames of `frameLength` samples at order `order`. */
export class LpcTracker {
  private readonly frame: Float64Array;
  private readonly windowEnergy: number;

  constructor(
    readonly order: number,
    readonly frameLength = 1024,
  ) {
    this.frame = new Float64Array(frameLength);
    const w = hannTrimmed(frameLength);
    let e = 0;
    for (let i = 0; i < frameLength; i++) e += w[i] * w[i];
    this.windowEnergy = e;
  }

  /** Analyses the last `frameLength` samples of `block`; null for a silent frame. */
  analyse(block: ArrayLike<number>): LpcFrame | null {
    const off = block.length - this.frameLength;
    if (off < 0) throw new RangeError('LpcTracker.analyse: block shorter than frameLength');
    let s = 0;
    for (let i = 0; i < this.frameLength; i++) {
      const v = block[off + i];
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
