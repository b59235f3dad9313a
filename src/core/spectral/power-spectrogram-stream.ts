/**
 * `powerSpectrogram` of a signal that arrives in consecutive blocks, for signals too long
 * to hold (the CLI's 10-minute files): the same frame rule and pair FFT (`stft-frames.ts`), so
 * row m equals powerSpectrogram's row m bit for bit whatever the blocks. Frames are paired as
 * StftPlan pairs them (m, m + 1 for even m; the last alone when the count is odd) and handed out
 * in order once both are complete. Holds only the frames in progress, never the signal.
 */
import type { NumericInput } from '../api.js';
import { RealPairFft } from './real-pair-fft.js';
import type { PowerSpectrogramOptions } from './spectrogram.js';
import { analyseFramePair, type StftFrames, stftFrames } from './stft-frames.js';

/** Receives row m (0, 1, … in order) of the spectrogram: `bins` powers, valid during the call. */
export type PowerFrameCallback = (m: number, power: Float64Array) => void;

export class PowerSpectrogramStream {
  /** Frame count, as `powerSpectrogram` of `length` samples. */
  readonly frames: number;
  /** Onesided bins nFft/2 + 1 per row. */
  readonly bins: number;
  private readonly g: StftFrames;
  private readonly fft: RealPairFft;
  /** Two rows of the pair transform, and one row of powers. */
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly power: Float64Array;
  /** Raw samples of the frames in progress, by index (zero-filled when opened: zeros past the end). */
  private readonly open = new Map<number, Float64Array>();
  private readonly spare: Float64Array[] = [];
  private pos = 0;
  /** First frame not yet handed out (even). */
  private done = 0;
  private peak = 0;

  /**
   * @param length signal length T, an integer ≥ 1.
   * @param options frame length, hop and frame count, as `powerSpectrogram`.
   * @param onFrame called once per row, in row order.
   * @throws RangeError naming `nFft`, `hop`, `length` or `frames`.
   */
  constructor(
    length: number,
    options: PowerSpectrogramOptions,
    private readonly onFrame: PowerFrameCallback,
  ) {
    const { nFft, hop, frames } = options;
    this.g = stftFrames('PowerSpectrogramStream', { nFft, hop, frames, length, center: false });
    this.frames = this.g.frames;
    this.bins = this.g.bins;
    this.fft = new RealPairFft(nFft);
    this.re = new Float64Array(2 * this.bins);
    this.im = new Float64Array(2 * this.bins);
    this.power = new Float64Array(this.bins);
  }

  /** Most frames held at once so far: ⌈nFft/hop⌉ + 1 at most, whatever the blocks. */
  get peakOpen(): number {
    return this.peak;
  }

  /**
   * The next `block.length` samples of the signal.
   * @throws RangeError naming `block` when it passes the length.
   */
  push(block: NumericInput): void {
    const { nFft, hop, length } = this.g;
    const a = this.pos;
    const b = a + block.length;
    if (b > length)
      throw new RangeError(`PowerSpectrogramStream: block passes the length ${length} (to ${b})`);
    const fLast = Math.min(this.frames - 1, Math.floor((b - 1) / hop));
    for (let f = Math.max(this.done, Math.ceil((a - nFft + 1) / hop)); f <= fLast; f++) {
      const frame = this.frame(f);
      const start = f * hop;
      const i1 = Math.min(b, start + nFft);
      for (let i = Math.max(a, start); i < i1; i++) frame[i - start] = block[i - a];
      this.flush(b, f);
    }
    this.pos = b;
    this.flush(b, this.frames - 1);
  }

  /** Frame f's buffer, opened zero-filled if needed. */
  private frame(f: number): Float64Array {
    let frame = this.open.get(f);
    if (frame === undefined) {
      frame = this.spare.pop() ?? new Float64Array(this.g.nFft);
      frame.fill(0);
      this.open.set(f, frame);
      this.peak = Math.max(this.peak, this.open.size);
    }
    return frame;
  }

  /** Hands out, in order, the pairs of frames ≤ `last` complete once `end` samples arrived. */
  private flush(end: number, last: number): void {
    const { g, re, im, power, bins } = this;
    while (this.done < this.frames) {
      const m = this.done;
      const two = m + 1 < this.frames;
      const m2 = two ? m + 1 : m;
      if (m2 > last || Math.min(g.length, m2 * g.hop + g.nFft) > end) return;
      const fa = this.frame(m);
      const fb = two ? this.frame(m2) : null;
      analyseFramePair(g, this.fft, fa, 0, fb, 0, re, im, 0);
      for (let f = m; f <= m2; f++) {
        this.spare.push(this.open.get(f) as Float64Array);
        this.open.delete(f);
      }
      this.done = m2 + 1;
      for (let r = 0; r <= m2 - m; r++) {
        for (let k = 0; k < bins; k++) {
          const i = r * bins + k;
          power[k] = re[i] * re[i] + im[i] * im[i];
        }
        this.onFrame(m + r, power);
      }
    }
  }
}
