/**
 * The STFT's frame rule, written once for the whole-signal `StftPlan` and the block-wise
 * `PowerSpectrogramStream`: the validated geometry (frame count, frame starts m·hop − pad,
 * the periodic Hann and its support) and the windowed pair transform (two frames per complex
 * FFT, {@link RealPairFft}), so both paths give the same numbers bit for bit.
 */
import { periodicHann } from './hann.js';
import type { RealPairFft } from './real-pair-fft.js';

/** Shape of an `StftPlan`. */
export interface StftOptions {
  /** Frame (FFT) length, a power of two ≥ 2. */
  nFft: number;
  /** Frame step, an integer ≥ 1. */
  hop: number;
  /** Hann length in [1, nFft] (default nFft). */
  winLength?: number;
  /** Signal length T (with `center`, T > nFft/2). */
  length: number;
  /** torch.stft's centred reflect-padded frames (default true). */
  center?: boolean;
  /** Frame count when `center` is false (default: frames until the signal's end). */
  frames?: number;
}

/** Frame m covers samples [m·hop − pad, m·hop − pad + nFft), windowed by `win` (zero outside [w0, w1)). */
export interface StftFrames {
  nFft: number;
  hop: number;
  length: number;
  frames: number;
  /** Onesided bins nFft/2 + 1. */
  bins: number;
  /** Samples before the signal in the padded domain (nFft/2 centred, else 0). */
  pad: number;
  /** Periodic Hann of winLength zero-padded centred to nFft. */
  win: Float64Array;
  w0: number;
  w1: number;
}

/**
 * Validates `options` and gives the frame geometry: centred, pad = nFft/2 and frames =
 * 1 + ⌊T/hop⌋; otherwise pad = 0 and frames = `options.frames` or max(1, ⌈max(0, T − nFft)/hop⌉ + 1)
 * (the last frame reaches the end; samples past it read as zeros).
 * @param who the caller's name, prefixed to error messages.
 * @throws RangeError naming `nFft`, `hop`, `winLength`, `length` or `frames`.
 */
export function stftFrames(who: string, options: StftOptions): StftFrames {
  const { nFft, hop, length, center = true } = options;
  const winLength = options.winLength ?? nFft;
  if (!Number.isInteger(nFft) || nFft < 2 || (nFft & (nFft - 1)) !== 0) {
    throw new RangeError(`${who}: nFft must be a power of two ≥ 2 (got ${nFft})`);
  }
  if (!Number.isInteger(hop) || hop < 1)
    throw new RangeError(`${who}: hop must be an integer ≥ 1 (got ${hop})`);
  if (!Number.isInteger(winLength) || winLength < 1 || winLength > nFft) {
    throw new RangeError(`${who}: winLength must be an integer in [1, nFft] (got ${winLength})`);
  }
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`${who}: length must be an integer ≥ 1`);
  const pad = center ? nFft >> 1 : 0;
  if (center && length <= pad) {
    throw new RangeError(`${who}: length ${length} must exceed nFft/2 = ${pad} (reflect padding)`);
  }
  let frames = center
    ? 1 + Math.floor(length / hop)
    : Math.max(1, Math.ceil(Math.max(0, length - nFft) / hop) + 1);
  if (!center && options.frames !== undefined) {
    if (!Number.isInteger(options.frames) || options.frames < 1) {
      throw new RangeError(`${who}: frames must be an integer ≥ 1 (got ${options.frames})`);
    }
    frames = options.frames;
  }
  const w0 = (nFft - winLength) >> 1;
  const win = periodicHann(winLength, nFft);
  return { nFft, hop, length, frames, bins: (nFft >> 1) + 1, pad, win, w0, w1: w0 + winLength };
}

/**
 * Rows `row` and row + 1 (only `row` when `b` is null) of an STFT into re/im: frame₁[n] =
 * a[offA + n]·win[n] and frame₂[n] = b[offB + n]·win[n] for n in [w0, w1), one complex FFT.
 * Writes only the support of `fft.input`: the rest must be zero.
 */
export function analyseFramePair(
  g: StftFrames,
  fft: RealPairFft,
  a: Float64Array,
  offA: number,
  b: Float64Array | null,
  offB: number,
  re: Float64Array,
  im: Float64Array,
  row: number,
): void {
  const { win, w0, w1 } = g;
  const z = fft.input;
  if (b !== null) {
    for (let n = w0; n < w1; n++) {
      const w = win[n];
      z[2 * n] = a[offA + n] * w;
      z[2 * n + 1] = b[offB + n] * w;
    }
  } else {
    for (let n = w0; n < w1; n++) {
      z[2 * n] = a[offA + n] * win[n];
      z[2 * n + 1] = 0;
    }
  }
  fft.forward(re, im, row, b !== null);
}
