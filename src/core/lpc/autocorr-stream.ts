/**
 * The autocorrelation of lpc/autocorr.ts for a whole long signal, without its windowed copy:
 * the window is evaluated per sample and each lag is accumulated as the samples pass, holding only
 * the last M windowed samples. Memory O(M) whatever the length, the same numbers bit for bit.
 */
import type { NumericInput } from '../api.js';
import { hannTrimmedAt } from './autocorr.js';
import { twoProductError, twoSumError } from './two-product.js';

/**
 * `r_0..r_M` of `w ⊙ x` for a signal `x` of N samples pushed in consecutive pieces, with
 * `w = hannTrimmed(N)` (`window: 'hann'`, the default) or rectangular (`null`); see autocorr for
 * the convention. Each lag is summed in the same order and the same doubled precision (Dot2) as
 * `autocorr(x, M, window)`, so `result()` equals it bit for bit.
 */
export class AutocorrStream {
  private readonly s: Float64Array;
  private readonly c: Float64Array;
  /** Ring of the last M windowed samples: u[m] at ring[m % M]. */
  private readonly ring: Float64Array;
  private n = 0;

  /**
   * @throws RangeError naming `N` (not an integer ≥ 1), `M` (not an integer ≥ 1) or `window`.
   */
  constructor(
    readonly N: number,
    readonly M: number,
    private readonly window: 'hann' | null = 'hann',
  ) {
    if (!Number.isInteger(N) || N < 1)
      throw new RangeError(`AutocorrStream: N must be an integer >= 1 (got ${N})`);
    if (!Number.isInteger(M) || M < 1)
      throw new RangeError(`AutocorrStream: M (order) must be an integer >= 1 (got ${M})`);
    if (window !== 'hann' && window !== null)
      throw new RangeError(`AutocorrStream: window must be 'hann' or null (got ${String(window)})`);
    this.s = new Float64Array(M + 1);
    this.c = new Float64Array(M + 1);
    this.ring = new Float64Array(M);
  }

  /**
   * The next samples `x[start..end)` of the signal.
   * @throws RangeError naming the first non-finite sample (`frame[n]`, n its index in the signal),
   * or the piece that passes N.
   */
  push(x: NumericInput, start = 0, end = x.length): void {
    const { M, N, s, c, ring } = this;
    if (this.n + (end - start) > N) throw new RangeError(`AutocorrStream: more than N = ${N} samples pushed`);
    for (let j = start; j < end; j++) {
      const m = this.n++;
      const v = x[j];
      if (!Number.isFinite(v)) throw new RangeError(`autocorr: frame[${m}] must be finite`);
      const u = this.window === null ? v : v * hannTrimmedAt(N, m + 1);
      const top = Math.min(M, m);
      for (let k = 0; k <= top; k++) {
        const a = k === 0 ? u : ring[(m - k) % M];
        const p = a * u;
        const e = twoProductError(a, u, p);
        const sk = s[k];
        const sn = sk + p;
        s[k] = sn;
        c[k] += twoSumError(sk, p, sn) + e;
      }
      ring[m % M] = u;
    }
  }

  /** r_0..r_M (length M+1) of everything pushed so far (lags ≥ the samples pushed are 0). */
  result(): Float64Array {
    const r = new Float64Array(this.M + 1);
    for (let k = 0; k <= this.M; k++) r[k] = this.s[k] + this.c[k];
    return r;
  }
}
