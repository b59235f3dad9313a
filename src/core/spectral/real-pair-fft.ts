/**
 * Two real frames of a power-of-two length n per complex FFT: the forward packs frame₁ + i·frame₂
 * and splits the result by Hermitian symmetry into both onesided spectra; the inverse packs two
 * onesided spectra into one complex array whose transform yields both real frames. This is the
 * STFT's hot path (see `stft.ts`): half a complex FFT per real frame, no copies, no allocation.
 *
 * Conventions: spectra are onesided, `bins = n/2 + 1` per row, stored as rows of row-major
 * `re`/`im` arrays; the forward is `X_k = Σ_t x_t e^{-2πi kt/n}`; `inverseAdjoint` is the adjoint
 * of the forward (see its TSDoc), not the normalised inverse.
 */
import { DftPlan } from './dft.js';

/** Two real frames of length n per complex FFT (module doc): `forward` and `inverseAdjoint`, no allocation. */
export class RealPairFft {
  /** Frame length (a power of two ≥ 2). */
  readonly n: number;
  /** Onesided bins per frame, n/2 + 1. */
  readonly bins: number;
  /**
   * Interleaved complex buffer (length 2n) the caller fills before `forward`: frame₁ in the even
   * slots, frame₂ (or zeros) in the odd slots. Plain array on purpose (faster in fft.js).
   */
  readonly input: number[];
  /**
   * Interleaved complex result of `inverseAdjoint` (length 2n): frame₁ = output[2t],
   * frame₂ = −output[2t + 1].
   */
  readonly output: number[];
  private readonly plan: DftPlan;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 2 || (n & (n - 1)) !== 0) {
      throw new RangeError(`RealPairFft: n must be a power of two ≥ 2 (got ${n})`);
    }
    this.n = n;
    this.bins = (n >> 1) + 1;
    this.plan = new DftPlan(n);
    this.input = new Array<number>(2 * n).fill(0);
    this.output = new Array<number>(2 * n).fill(0);
  }

  /**
   * Transforms `input` and writes frame₁'s onesided spectrum to row `row1` of re/im (offset
   * row1·bins) and, when `two`, frame₂'s to row1 + 1; otherwise the odd slots must be zero.
   */
  forward(re: Float64Array, im: Float64Array, row1: number, two: boolean): void {
    const { n, input, output: zt } = this;
    this.plan.transformInterleaved(zt, input);
    const r1 = row1 * this.bins;
    const half = n >> 1;
    re[r1] = zt[0];
    im[r1] = 0;
    re[r1 + half] = zt[2 * half];
    im[r1 + half] = 0;
    if (!two) {
      for (let k = 1; k < half; k++) {
        re[r1 + k] = zt[2 * k];
        im[r1 + k] = zt[2 * k + 1];
      }
      return;
    }
    const r2 = r1 + this.bins;
    re[r2] = zt[1];
    im[r2] = 0;
    re[r2 + half] = zt[2 * half + 1];
    im[r2 + half] = 0;
    // frame₁ = (Z_k + conj Z_{n−k})/2, frame₂ = (Z_k − conj Z_{n−k})/(2i)
    for (let k = 1; k < half; k++) {
      const q = n - k;
      const ar = zt[2 * k];
      const ai = zt[2 * k + 1];
      const br = zt[2 * q];
      const bi = zt[2 * q + 1];
      re[r1 + k] = 0.5 * (ar + br);
      im[r1 + k] = 0.5 * (ai - bi);
      re[r2 + k] = 0.5 * (ai + bi);
      im[r2 + k] = 0.5 * (br - ar);
    }
  }

  /**
   * Adjoint of `forward`: given cotangents gRe/gIm of rows row1 (and row1 + 1 when `two`), writes
   * `output` so that dL/dframe₁[t] = output[2t] and dL/dframe₂[t] = −output[2t + 1], i.e.
   * Re Σ_k c_k G_k e^{+2πi kt/n} with the Hermitian weights of the onesided spectrum folded in.
   */
  inverseAdjoint(gRe: Float64Array, gIm: Float64Array, row1: number, two: boolean): void {
    const { n, input: z } = this;
    const half = n >> 1;
    const r1 = row1 * this.bins;
    // Z = H1 + i·H2 (H the Hermitian extension), computed as conj(FFT(conj Z)): z holds conj(Z).
    if (two) {
      const r2 = r1 + this.bins;
      for (let k = 1; k < half; k++) {
        const a1 = gRe[r1 + k];
        const b1 = gIm[r1 + k];
        const a2 = gRe[r2 + k];
        const b2 = gIm[r2 + k];
        z[2 * k] = 0.5 * (a1 - b2);
        z[2 * k + 1] = -0.5 * (b1 + a2);
        const q = n - k;
        z[2 * q] = 0.5 * (a1 + b2);
        z[2 * q + 1] = -0.5 * (a2 - b1);
      }
      z[1] = -gRe[r2];
      z[2 * half + 1] = -gRe[r2 + half];
    } else {
      for (let k = 1; k < half; k++) {
        const a1 = gRe[r1 + k];
        const b1 = gIm[r1 + k];
        z[2 * k] = 0.5 * a1;
        z[2 * k + 1] = -0.5 * b1;
        const q = n - k;
        z[2 * q] = 0.5 * a1;
        z[2 * q + 1] = 0.5 * b1;
      }
      z[1] = 0;
      z[2 * half + 1] = 0;
    }
    z[0] = gRe[r1];
    z[2 * half] = gRe[r1 + half];
    this.plan.transformInterleaved(this.output, z);
  }
}
