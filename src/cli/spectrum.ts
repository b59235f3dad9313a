import { periodicHann } from '../core/spectral/hann.js';
import { getRealDftPlan, type RealDftPlan } from '../core/spectral/real-dft.js';

/**
 * Short-time power spectra of a signal of `length` samples that arrives in consecutive blocks
 * (`push`): frames of `nfft` samples every `hop`, Hann-windowed, zero-padded at the end, each
 * handed to `onFrame(f, power)` (power: nfft/2+1 values, valid during the call) in frame order as
 * soon as its last sample arrived. Holds only the frames in progress (⌈nfft/hop⌉ at most), never
 * the signal. `nfft` must be a power of two ≥ 4.
 */
export class PowerFrameStream {
  /** Frames over the whole signal: ⌈max(0, length − nfft) / hop⌉ + 1. */
  readonly frames: number;
  private readonly fft: RealDftPlan;
  private readonly win: Float64Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly power: Float64Array;
  /** Frames in progress, by index (zero-filled when started: the end padding). */
  private readonly open = new Map<number, Float64Array>();
  private spare: Float64Array[] = [];
  private pos = 0;
  private done = 0;
  private peak = 0;

  constructor(
    readonly length: number,
    readonly nfft: number,
    readonly hop: number,
    private readonly onFrame: (f: number, power: Float64Array) => void,
  ) {
    this.frames = Math.max(1, Math.ceil(Math.max(0, length - nfft) / hop) + 1);
    this.fft = getRealDftPlan(nfft);
    this.win = periodicHann(nfft);
    this.re = new Float64Array(nfft / 2 + 1);
    this.im = new Float64Array(nfft / 2 + 1);
    this.power = new Float64Array(nfft / 2 + 1);
  }

  /** Most frames held in progress at once so far (⌈nfft/hop⌉ + 1 at most, whatever the blocks). */
  get peakOpen(): number {
    return this.peak;
  }

  /** The next `block.length` samples of the signal. */
  push(block: ArrayLike<number>): void {
    const { nfft, hop } = this;
    const a = this.pos;
    const b = a + block.length;
    const fLast = Math.min(this.frames - 1, Math.floor((b - 1) / hop));
    for (let f = Math.max(this.done, Math.ceil((a - nfft + 1) / hop)); f <= fLast; f++) {
      let frame = this.open.get(f);
      if (frame === undefined) {
        frame = this.spare.pop() ?? new Float64Array(nfft);
        frame.fill(0);
        this.open.set(f, frame);
        this.peak = Math.max(this.peak, this.open.size);
      }
      const start = f * hop;
      const i0 = Math.max(a, start);
      const i1 = Math.min(b, start + nfft);
      for (let i = i0; i < i1; i++) frame[i - start] = block[i - a] * this.win[i - start];
      this.flush(b, f);
    }
    this.pos = b;
    this.flush(b, this.frames - 1);
  }

  /** Emits, in order, the frames up to `last` whose last sample (or the signal's end) is before `end`. */
  private flush(end: number, last: number): void {
    const bins = this.nfft / 2 + 1;
    while (this.done <= last && Math.min(this.length, this.done * this.hop + this.nfft) <= end) {
      const f = this.done++;
      const frame = this.open.get(f) ?? new Float64Array(this.nfft);
      this.open.delete(f);
      const { re, im } = this;
      this.fft.forward(frame, re, im);
      for (let k = 0; k < bins; k++) this.power[k] = re[k] * re[k] + im[k] * im[k];
      this.onFrame(f, this.power);
      this.spare.push(frame);
    }
  }
}

/**
 * Welch power spectral density estimate (mean of the frame powers, 50 % overlap), length
 * nfft/2+1, accumulated frame by frame (the frames are never stored together).
 */
export function welchPower(x: ArrayLike<number>, nfft: number): Float64Array {
  const bins = nfft / 2 + 1;
  const mean = new Float64Array(bins);
  let frames = 0;
  const s = new PowerFrameStream(x.length, nfft, nfft / 2, (_f, p) => {
    for (let k = 0; k < bins; k++) mean[k] += p[k] / frames;
  });
  frames = s.frames;
  s.push(x);
  return mean;
}

/** 10·log10(p) floored at `floorDb`. */
export function powerToDb(p: number, floorDb = -200): number {
  return p > 0 ? Math.max(floorDb, 10 * Math.log10(p)) : floorDb;
}

/** Largest power of two ≤ n (at least 4). */
export function floorPow2(n: number): number {
  let p = 4;
  while (p * 2 <= n) p *= 2;
  return p;
}
