/**
 * One resolution of the multi-resolution STFT loss: the torch.stft analysis (center=True, reflect
 * padding, periodic Hann window of `winLength` zero-padded centred to `nFft`, onesided) and its
 * exact adjoint (inverse frame transform + overlap-add + reflect-padding fold).
 */
import FFT from 'fft.js';
import type { NumericInput } from '../api.js';

/** Floor of |STFT|² used by auraloss (`clamp(min=eps)` before the square root). */
export const MAG_EPS = 1e-8;

/** Precomputed window, FFT and buffers of one `[nFft, hop, winLength]` analysis of a length-T signal. */
export class StftResolutionPlan {
  readonly nFft: number;
  readonly hop: number;
  readonly winLength: number;
  /** Signal length. */
  readonly length: number;
  /** Reflect padding on each side (nFft/2). */
  readonly pad: number;
  readonly frames: number;
  /** Onesided bins nFft/2 + 1. */
  readonly bins: number;
  /** Periodic Hann of winLength, zero-padded centred to nFft. */
  readonly window: Float64Array;
  private readonly fft: FFT;
  /** Support of the window: [support0, support1). */
  private readonly support0: number;
  private readonly support1: number;
  private readonly padded: Float64Array;
  private readonly frame: Float64Array;
  private readonly spec: Float64Array;
  private readonly z: Float64Array;
  private readonly zt: Float64Array;

  constructor(nFft: number, hop: number, winLength: number, length: number) {
    if (!Number.isInteger(nFft) || nFft < 2 || (nFft & (nFft - 1)) !== 0) {
      throw new RangeError(`MrStftLoss: nFft must be a power of two ≥ 2 (got ${nFft})`);
    }
    if (!Number.isInteger(hop) || hop < 1) throw new RangeError(`MrStftLoss: hop must be an integer ≥ 1`);
    if (!Number.isInteger(winLength) || winLength < 1 || winLength > nFft) {
      throw new RangeError(`MrStftLoss: winLength must be an integer in [1, nFft] (got ${winLength})`);
    }
    const pad = nFft >> 1;
    if (length <= pad) {
      throw new RangeError(
        `MrStftLoss: signal length ${length} must exceed nFft/2 = ${pad} (reflect padding)`,
      );
    }
    this.nFft = nFft;
    this.hop = hop;
    this.winLength = winLength;
    this.length = length;
    this.pad = pad;
    this.frames = 1 + Math.floor(length / hop);
    this.bins = pad + 1;
    this.window = new Float64Array(nFft);
    const left = (nFft - winLength) >> 1;
    for (let n = 0; n < winLength; n++) {
      this.window[left + n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / winLength);
    }
    this.support0 = left;
    this.support1 = left + winLength;
    this.fft = new FFT(nFft);
    this.padded = new Float64Array(length + 2 * pad);
    this.frame = new Float64Array(nFft);
    this.spec = new Float64Array(2 * nFft);
    this.z = new Float64Array(2 * nFft);
    this.zt = new Float64Array(2 * nFft);
  }

  /**
   * Writes the onesided STFT of x into re/im (frames×bins row-major). Frames are transformed two at
   * a time: one complex FFT of (frame₁ + i·frame₂), then split by Hermitian symmetry.
   */
  analyse(x: NumericInput, re: Float64Array, im: Float64Array): void {
    const { pad, length: T, padded, window, nFft, hop, bins, frames, z, zt } = this;
    // only the window's support [w0, w1) is non-zero; z/frame stay zero outside it
    const w0 = this.support0;
    const w1 = this.support1;
    z.fill(0);
    for (let i = 0; i < T; i++) padded[pad + i] = x[i];
    for (let j = 1; j <= pad; j++) {
      padded[pad - j] = x[j];
      padded[pad + T - 1 + j] = x[T - 1 - j];
    }
    for (let m = 0; m < frames; m += 2) {
      const off1 = m * hop;
      const row1 = m * bins;
      if (m + 1 < frames) {
        const off2 = off1 + hop;
        for (let n = w0; n < w1; n++) {
          const w = window[n];
          z[2 * n] = padded[off1 + n] * w;
          z[2 * n + 1] = padded[off2 + n] * w;
        }
        this.fft.transform(zt, z);
        const row2 = row1 + bins;
        for (let k = 0; k < bins; k++) {
          const q = k === 0 ? 0 : nFft - k;
          const ar = zt[2 * k];
          const ai = zt[2 * k + 1];
          const br = zt[2 * q];
          const bi = zt[2 * q + 1];
          re[row1 + k] = 0.5 * (ar + br);
          im[row1 + k] = 0.5 * (ai - bi);
          re[row2 + k] = 0.5 * (ai + bi);
          im[row2 + k] = 0.5 * (br - ar);
        }
      } else {
        const { frame, spec } = this;
        for (let n = w0; n < w1; n++) frame[n] = padded[off1 + n] * window[n];
        this.fft.realTransform(spec, frame);
        for (let k = 0; k < bins; k++) {
          re[row1 + k] = spec[2 * k];
          im[row1 + k] = spec[2 * k + 1];
        }
      }
    }
  }

  /**
   * Adjoint of `analyse`: given dL/dre, dL/dim (frames×bins), ACCUMULATES dL/dx into `gx` (length T).
   * Frames are inverted two at a time with one complex inverse FFT (both results are real).
   */
  adjoint(gRe: Float64Array, gIm: Float64Array, gx: Float64Array): void {
    const { pad, length: T, nFft, hop, bins, window, z, zt, frames } = this;
    const gPad = this.padded;
    const w0 = this.support0;
    const w1 = this.support1;
    gPad.fill(0);
    const half = nFft >> 1;
    for (let m = 0; m < frames; m += 2) {
      const r1 = m * bins;
      const has2 = m + 1 < frames;
      const r2 = r1 + bins;
      // Z = H1 + i·H2, H the Hermitian extension whose DFT⁻¹·N is Re Σ_k G_k e^{iθkn}. Computed as
      // conj(FFT(conj Z)) with the unnormalised forward transform: z holds conj(Z).
      for (let k = 1; k < half; k++) {
        const a1 = gRe[r1 + k];
        const b1 = gIm[r1 + k];
        const a2 = has2 ? gRe[r2 + k] : 0;
        const b2 = has2 ? gIm[r2 + k] : 0;
        z[2 * k] = 0.5 * (a1 - b2);
        z[2 * k + 1] = -0.5 * (b1 + a2);
        const q = nFft - k;
        z[2 * q] = 0.5 * (a1 + b2);
        z[2 * q + 1] = -0.5 * (a2 - b1);
      }
      z[0] = gRe[r1];
      z[1] = has2 ? -gRe[r2] : 0;
      z[2 * half] = gRe[r1 + half];
      z[2 * half + 1] = has2 ? -gRe[r2 + half] : 0;
      this.fft.transform(zt, z);
      let off = m * hop;
      for (let n = w0; n < w1; n++) gPad[off + n] += window[n] * zt[2 * n];
      if (has2) {
        off += hop;
        for (let n = w0; n < w1; n++) gPad[off + n] -= window[n] * zt[2 * n + 1];
      }
    }
    for (let i = 0; i < T; i++) gx[i] += gPad[pad + i];
    for (let j = 1; j <= pad; j++) {
      gx[j] += gPad[pad - j];
      gx[T - 1 - j] += gPad[pad + T - 1 + j];
    }
  }
}
