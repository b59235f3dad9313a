/**
 * The STFT of diffiir (the MR-STFT loss, spectrograms of the CLI and the demo) and its exact
 * adjoint. Frame m covers samples [m·hop − pad, m·hop − pad + nFft) of the signal, windowed by a
 * periodic Hann of `winLength` zero-padded centred to nFft, and gives one onesided row of
 * nFft/2 + 1 bins (frames×bins row-major re/im arrays).
 * - `center: true` (torch.stft center=True, pad_mode='reflect'): pad = nFft/2 with reflect padding,
 *   frames = 1 + ⌊T/hop⌋.
 * - `center: false`: pad = 0, samples past the end read as zeros, frames as given (default
 *   max(1, ⌈max(0, T − nFft)/hop⌉ + 1), so the last frame reaches the end).
 * Two frames per complex FFT ({@link RealPairFft}); a plan allocates on construction only. The
 * frame rule (geometry, window, pair transform) is `stft-frames.ts`, shared with the block-wise
 * `PowerSpectrogramStream`.
 */
import type { NumericInput } from '../api.js';
import { RealPairFft } from './real-pair-fft.js';
import { analyseFramePair, type StftFrames, type StftOptions, stftFrames } from './stft-frames.js';

export type { StftOptions } from './stft-frames.js';

/**
 * A planned STFT of signals of `length` samples (module doc: framing, window, centring) and its
 * exact adjoint; re/im are `frames × bins` row-major. Allocates on construction only.
 * @throws RangeError naming the option at fault (see {@link StftOptions}).
 */
export class StftPlan {
  readonly nFft: number;
  readonly hop: number;
  readonly length: number;
  readonly frames: number;
  /** Onesided bins nFft/2 + 1. */
  readonly bins: number;
  /** Samples before the signal in the padded domain (nFft/2 centred, else 0). */
  readonly pad: number;
  /** Periodic Hann of winLength zero-padded centred to nFft. */
  readonly win: Float64Array;
  private readonly fft: RealPairFft;
  /** The frame rule ({@link stftFrames}); frames are zero outside the window's support [w0, w1). */
  private readonly g: StftFrames;
  private readonly w0: number;
  private readonly w1: number;
  /** Padded signal (analysis) or padded-domain gradient (adjoint): T + 2·pad centred, else (frames − 1)·hop + nFft. */
  private readonly padded: Float64Array;

  /** @throws RangeError naming the option at fault. */
  constructor(options: StftOptions) {
    const g = stftFrames('StftPlan', options);
    this.g = g;
    this.fft = new RealPairFft(g.nFft);
    this.nFft = g.nFft;
    this.hop = g.hop;
    this.length = g.length;
    this.frames = g.frames;
    this.bins = g.bins;
    this.pad = g.pad;
    this.win = g.win;
    this.w0 = g.w0;
    this.w1 = g.w1;
    const { length, pad, frames, hop, nFft } = g;
    this.padded = new Float64Array(pad > 0 ? length + 2 * pad : (frames - 1) * hop + nFft);
  }

  /** Loads the padded copy of x (length T) read by `analysePair`. */
  loadSignal(x: NumericInput): void {
    const { pad, length: T, padded } = this;
    this.fft.input.fill(0); // analysePair writes only the window's support
    const end = Math.min(T, padded.length - pad);
    for (let i = 0; i < end; i++) padded[pad + i] = x[i];
    if (pad === 0) {
      padded.fill(0, end);
      return;
    }
    for (let j = 1; j <= pad; j++) {
      padded[pad - j] = x[j];
      padded[pad + T - 1 + j] = x[T - 1 - j];
    }
  }

  /** Writes rows m and m + 1 (m even; only m when m + 1 = frames) of the STFT into re/im. */
  analysePair(m: number, re: Float64Array, im: Float64Array): void {
    const { padded, hop } = this;
    const two = m + 1 < this.frames;
    analyseFramePair(this.g, this.fft, padded, m * hop, two ? padded : null, (m + 1) * hop, re, im, m);
  }

  /** Writes the STFT of x (length T) into re/im (frames×bins). */
  analyse(x: NumericInput, re: Float64Array, im: Float64Array): void {
    this.loadSignal(x);
    for (let m = 0; m < this.frames; m += 2) this.analysePair(m, re, im);
  }

  /** Starts an adjoint accumulation (clears the padded-domain gradient). */
  beginAdjoint(): void {
    this.padded.fill(0);
  }

  /** Adjoint of `analysePair` for rows m, m + 1 of dL/dre, dL/dim: overlap-adds into the padded domain. */
  adjointPair(m: number, gRe: Float64Array, gIm: Float64Array): void {
    const { padded, win, w1 } = this;
    const two = m + 1 < this.frames;
    this.fft.inverseAdjoint(gRe, gIm, m, two);
    const zt = this.fft.output;
    let off = m * this.hop;
    for (let n = this.w0; n < w1; n++) padded[off + n] += win[n] * zt[2 * n];
    if (two) {
      off += this.hop;
      for (let n = this.w0; n < w1; n++) padded[off + n] -= win[n] * zt[2 * n + 1];
    }
  }

  /** Ends an adjoint accumulation: folds the padding and ADDS dL/dx into `gx` (length T). */
  endAdjoint(gx: Float64Array): void {
    const { pad, length: T, padded } = this;
    const end = Math.min(T, padded.length - pad);
    for (let i = 0; i < end; i++) gx[i] += padded[pad + i];
    for (let j = 1; j <= pad; j++) {
      gx[j] += padded[pad - j];
      gx[T - 1 - j] += padded[pad + T - 1 + j];
    }
  }

  /** Adjoint of `analyse`: ACCUMULATES dL/dx into `gx` (length T); do not interleave with `analyse`. */
  adjoint(gRe: Float64Array, gIm: Float64Array, gx: Float64Array): void {
    this.beginAdjoint();
    for (let m = 0; m < this.frames; m += 2) this.adjointPair(m, gRe, gIm);
    this.endAdjoint(gx);
  }
}
