/**
 * Real-signal DFT of any length n (numpy's rfft / irfft) on top of {@link DftPlan}.
 *
 * Even n packs the signal as n/2 complex samples `z_m = x_{2m} + j·x_{2m+1}` and does one complex
 * DFT of half the length, then separates even/odd parts:
 * `X_k = E_k + W^k O_k`, `E_k = (Z_k + conj Z_{N-k})/2`, `O_k = (Z_k - conj Z_{N-k})/(2j)`,
 * `W = e^{-2πj/n}`, N = n/2 (and the reverse for the inverse). Odd n uses a full complex DFT.
 *
 * - `forward(x, re, im)`: `X_k = Σ_t x_t e^{-2πj kt/n}` for k = 0..⌊n/2⌋ (length ⌊n/2⌋+1).
 * - `inverse(re, im, out)`: `out_t = Σ_{k<n} X_k e^{+2πj kt/n}` where the missing half is the
 *   Hermitian mirror; unnormalised (divide by n for irfft). Like irfft, the imaginary parts of
 *   X_0 and (n even) X_{n/2} are ignored.
 * Plans own scratch (not re-entrant) and allocate on construction only; cache with
 * {@link getRealDftPlan}.
 */
import { type DftPlan, getDftPlan } from './dft.js';

export class RealDftPlan {
  readonly n: number;
  /** Number of non-redundant bins, ⌊n/2⌋ + 1. */
  readonly bins: number;
  private readonly plan: DftPlan;
  private readonly wr: Float64Array;
  private readonly wi: Float64Array;
  private readonly zr: Float64Array;
  private readonly zi: Float64Array;
  private readonly sr: Float64Array;
  private readonly si: Float64Array;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`RealDftPlan: n must be an integer >= 1 (got ${n})`);
    this.n = n;
    this.bins = Math.floor(n / 2) + 1;
    const even = n % 2 === 0;
    const m = even ? n / 2 : n;
    this.plan = getDftPlan(m);
    this.zr = new Float64Array(m);
    this.zi = new Float64Array(m);
    this.sr = new Float64Array(m);
    this.si = new Float64Array(m);
    this.wr = new Float64Array(even ? m : 0);
    this.wi = new Float64Array(even ? m : 0);
    for (let k = 0; k < this.wr.length; k++) {
      this.wr[k] = Math.cos((2 * Math.PI * k) / n);
      this.wi[k] = -Math.sin((2 * Math.PI * k) / n);
    }
  }

  /** Half spectrum of the real signal x (length n) into re, im (length ≥ bins). */
  forward(x: ArrayLike<number>, re: Float64Array, im: Float64Array): void {
    const n = this.n;
    const zr = this.zr;
    const zi = this.zi;
    if (n % 2 === 1) {
      this.plan.forward(x, null, zr, zi);
      for (let k = 0; k < this.bins; k++) {
        re[k] = zr[k];
        im[k] = zi[k];
      }
      return;
    }
    const N = n / 2;
    const sr = this.sr;
    const si = this.si;
    for (let m = 0; m < N; m++) {
      sr[m] = x[2 * m];
      si[m] = x[2 * m + 1];
    }
    this.plan.forward(sr, si, zr, zi);
    for (let k = 0; k <= N; k++) {
      const a = k % N;
      const b = (N - k) % N;
      // E = (Z_a + conj Z_b)/2, O = (Z_a - conj Z_b)/(2j)
      const er = 0.5 * (zr[a] + zr[b]);
      const ei = 0.5 * (zi[a] - zi[b]);
      const or = 0.5 * (zi[a] + zi[b]);
      const oi = -0.5 * (zr[a] - zr[b]);
      const cr = k < N ? this.wr[k] : -1;
      const ci = k < N ? this.wi[k] : 0;
      re[k] = er + (cr * or - ci * oi);
      im[k] = ei + (cr * oi + ci * or);
    }
  }

  /** Unnormalised inverse of a half spectrum (length ≥ bins) into out (length n). */
  inverse(re: ArrayLike<number>, im: ArrayLike<number>, out: Float64Array): void {
    const n = this.n;
    const zr = this.zr;
    const zi = this.zi;
    const sr = this.sr;
    const si = this.si;
    const half = this.bins - 1;
    if (n % 2 === 1) {
      for (let k = 0; k < n; k++) {
        const j = k <= half ? k : n - k;
        sr[k] = re[j];
        si[k] = k === 0 ? 0 : k <= half ? im[j] : -im[j];
      }
      this.plan.inverse(sr, si, zr, zi);
      for (let t = 0; t < n; t++) out[t] = zr[t];
      return;
    }
    const N = n / 2;
    for (let k = 0; k < N; k++) {
      const xr = re[k];
      const xi = k === 0 ? 0 : im[k];
      const yr = re[N - k];
      const yi = k === 0 ? 0 : -im[N - k]; // conj(X_{N-k}); X_N's imaginary part is ignored
      const er = 0.5 * (xr + yr);
      const ei = 0.5 * (xi + yi);
      // O = (X_k - conj X_{N-k}) · conj(W^k) / 2
      const dr = 0.5 * (xr - yr);
      const di = 0.5 * (xi - yi);
      const cr = this.wr[k];
      const ci = -this.wi[k];
      const or = dr * cr - di * ci;
      const oi = dr * ci + di * cr;
      // Z = E + j·O
      sr[k] = er - oi;
      si[k] = ei + or;
    }
    this.plan.inverse(sr, si, zr, zi);
    for (let m = 0; m < N; m++) {
      out[2 * m] = 2 * zr[m];
      out[2 * m + 1] = 2 * zi[m];
    }
  }
}

const cache = new Map<number, RealDftPlan>();

/** A cached real plan for length n (keeps the 8 most recently created lengths). */
export function getRealDftPlan(n: number): RealDftPlan {
  let p = cache.get(n);
  if (p === undefined) {
    p = new RealDftPlan(n);
    if (cache.size >= 8) cache.delete(cache.keys().next().value as number);
    cache.set(n, p);
  }
  return p;
}
