/**
 * The one FFT of diffiir (every spectral path of the core, the loss, the CLI and the demo ends
 * here): a complex DFT of any length n on top of fft.js (which only does powers of two).
 *
 * - n a power of two: fft.js directly.
 * - otherwise: Bluestein's chirp-z identity `kt = (k² + t² - (k-t)²)/2`, i.e.
 *   `X_k = w_k Σ_t (x_t w_t) conj(w_{k-t})` with `w_t = exp(-iπ t²/n)`: one circular
 *   convolution of length M = nextpow2(2n-1), done with fft.js (two FFTs per transform, the
 *   chirp's spectrum is precomputed). Chirp angles use `t² mod 2n` (exact integers) so they stay
 *   accurate for large n.
 *
 * Conventions: `forward` computes `X_k = Σ_t x_t e^{-2πi kt/n}`, `inverse` computes
 * `x_t = Σ_k X_k e^{+2πi kt/n}` (unnormalised: divide by n yourself). Plans own their scratch, so
 * a plan is not re-entrant (fine in single-threaded JS). Not for real-time paths (allocates on
 * construction; use {@link getDftPlan} to reuse plans).
 */
import FFT from 'fft.js';

export class DftPlan {
  /** Transform length. */
  readonly n: number;
  private readonly fft: FFT | null;
  private readonly m: number;
  private readonly chirpRe: Float64Array;
  private readonly chirpIm: Float64Array;
  private readonly kernel: Float64Array;
  private readonly bufA: Float64Array;
  private readonly bufB: Float64Array;

  constructor(n: number) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`DftPlan: n must be an integer >= 1 (got ${n})`);
    this.n = n;
    const pow2 = n >= 2 && (n & (n - 1)) === 0;
    this.m = pow2 || n === 1 ? n : 2 ** Math.ceil(Math.log2(2 * n - 1));
    this.fft = n >= 2 ? new FFT(this.m) : null;
    this.bufA = new Float64Array(2 * this.m);
    this.bufB = new Float64Array(2 * this.m);
    this.chirpRe = new Float64Array(pow2 ? 0 : n);
    this.chirpIm = new Float64Array(pow2 ? 0 : n);
    this.kernel = new Float64Array(pow2 ? 0 : 2 * this.m);
    if (!pow2 && n >= 2) {
      const twoN = 2 * n;
      for (let t = 0; t < n; t++) {
        const ang = (Math.PI * ((t * t) % twoN)) / n;
        this.chirpRe[t] = Math.cos(ang);
        this.chirpIm[t] = -Math.sin(ang);
      }
      // b[m] = conj(w_m) for |m| < n, stored circularly, then transformed once.
      const b = this.bufA;
      b.fill(0);
      for (let t = 0; t < n; t++) {
        b[2 * t] = this.chirpRe[t];
        b[2 * t + 1] = -this.chirpIm[t];
        if (t > 0) {
          b[2 * (this.m - t)] = this.chirpRe[t];
          b[2 * (this.m - t) + 1] = -this.chirpIm[t];
        }
      }
      this.fft!.transform(this.kernel, b);
    }
  }

  /**
   * Raw unnormalised forward DFT of an interleaved complex array `[re₀, im₀, re₁, …]` (length 2n)
   * into `out` (length 2n, distinct from `inp`), for n a power of two ≥ 2 only: fft.js directly,
   * no copies, no checks (the hot path of {@link RealPairFft}). Plain arrays run faster than
   * Float64Array in fft.js.
   */
  transformInterleaved(out: number[], inp: number[]): void {
    (this.fft as FFT).transform(out, inp);
  }

  /** `X = DFT(x)`; `inIm` null means a real input. Outputs must not alias inputs' storage of the plan. */
  forward(
    inRe: ArrayLike<number>,
    inIm: ArrayLike<number> | null,
    outRe: Float64Array,
    outIm: Float64Array,
  ): void {
    this.run(inRe, inIm, outRe, outIm, 1);
  }

  /** Unnormalised inverse `x_t = Σ_k X_k e^{+2πi kt/n}`; `inIm` null means a real spectrum. */
  inverse(
    inRe: ArrayLike<number>,
    inIm: ArrayLike<number> | null,
    outRe: Float64Array,
    outIm: Float64Array,
  ): void {
    this.run(inRe, inIm, outRe, outIm, -1);
  }

  /** sign = +1 forward; -1 inverse via conj(DFT(conj(X))). */
  private run(
    inRe: ArrayLike<number>,
    inIm: ArrayLike<number> | null,
    outRe: Float64Array,
    outIm: Float64Array,
    sign: number,
  ): void {
    const n = this.n;
    if (n === 1) {
      outRe[0] = inRe[0];
      outIm[0] = inIm ? inIm[0] : 0;
      return;
    }
    const a = this.bufA;
    const f = this.bufB;
    const fft = this.fft!;
    if (this.kernel.length === 0) {
      for (let t = 0; t < n; t++) {
        a[2 * t] = inRe[t];
        a[2 * t + 1] = inIm ? sign * inIm[t] : 0;
      }
      fft.transform(f, a);
      for (let k = 0; k < n; k++) {
        outRe[k] = f[2 * k];
        outIm[k] = sign * f[2 * k + 1];
      }
      return;
    }
    const cr = this.chirpRe;
    const ci = this.chirpIm;
    a.fill(0);
    for (let t = 0; t < n; t++) {
      const xr = inRe[t];
      const xi = inIm ? sign * inIm[t] : 0;
      a[2 * t] = xr * cr[t] - xi * ci[t];
      a[2 * t + 1] = xr * ci[t] + xi * cr[t];
    }
    fft.transform(f, a);
    const kr = this.kernel;
    for (let j = 0; j < 2 * this.m; j += 2) {
      const pr = f[j];
      const pi = f[j + 1];
      f[j] = pr * kr[j] - pi * kr[j + 1];
      f[j + 1] = pr * kr[j + 1] + pi * kr[j];
    }
    fft.inverseTransform(a, f);
    for (let k = 0; k < n; k++) {
      const pr = a[2 * k];
      const pi = a[2 * k + 1];
      outRe[k] = pr * cr[k] - pi * ci[k];
      outIm[k] = sign * (pr * ci[k] + pi * cr[k]);
    }
  }
}

const cache = new Map<number, DftPlan>();

/** A cached plan for length n (keeps the 8 most recently created lengths). */
export function getDftPlan(n: number): DftPlan {
  let p = cache.get(n);
  if (p === undefined) {
    p = new DftPlan(n);
    if (cache.size >= 8) cache.delete(cache.keys().next().value as number);
    cache.set(n, p);
  }
  return p;
}
