/**
 * Windowed autocorrelation for LPC analysis (autocorrelation method).
 *
 * Convention (same as `shared/reference/lpc.json`):
 *   `r[k] = Σ_{n=0}^{N-1-k} w[n]x[n] · w[n+k]x[n+k]`, k = 0..M,
 * with the default window `w = numpy.hanning(N+2)[1:-1]` (see {@link hannTrimmed}).
 */
import type { NumericInput, RealArray } from '../api.js';
import { twoProductError, twoSumError } from './two-product.js';

/**
 * Symmetric Hann window of length N+2 with its two zero end points removed, computed exactly as
 * numpy does (`numpy.hanning(N+2)[1:-1]`): with L = N+2 and `n_i = 1 - L + 2i`,
 * `w[i-1] = 0.5 + 0.5·cos(π·n_i / (L-1))`, i = 1..N. Equal to `0.5 - 0.5·cos(2π(n+1)/(N+1))`
 * up to round-off; every sample is strictly positive. Writes into `out` (length ≥ N) when
 * given, else allocates.
 * @throws RangeError naming `N` unless N is an integer ≥ 1; naming `out` if too short.
 */
export function hannTrimmed(N: number, out?: RealArray): RealArray {
  if (!Number.isInteger(N) || N < 1)
    throw new RangeError(`hannTrimmed: N must be an integer >= 1 (got ${N})`);
  const w = out ?? new Float64Array(N);
  if (w.length < N) throw new RangeError(`hannTrimmed: out must have length >= ${N}`);
  for (let i = 1; i <= N; i++) w[i - 1] = hannTrimmedAt(N, i);
  return w;
}

/** `hannTrimmed(N)[i − 1]` (i = 1..N) by the same expression, for code that windows on the fly. */
export function hannTrimmedAt(N: number, i: number): number {
  const L = N + 2;
  return 0.5 + 0.5 * Math.cos((Math.PI * (1 - L + 2 * i)) / (L - 1));
}

/**
 * Σ_{n} u[n]·u[n+k] for n = 0..N-1-k, computed in twice the working precision (Ogita–Rump–Oishi
 * Dot2: error-free TwoProduct by Dekker splitting + TwoSum), so the result is as accurate as if
 * rounded once. LPC normal equations are ill-conditioned (κ up to ~1e9 for speech at order 32),
 * so ulp-level errors in r are visibly amplified in a; accurate r keeps the solve reproducible.
 */
function lagDot2(u: Float64Array, N: number, k: number): number {
  let s = 0;
  let c = 0;
  for (let n = 0; n + k < N; n++) {
    const x = u[n];
    const y = u[n + k];
    const p = x * y;
    const e = twoProductError(x, y, p); // p + e = x*y exactly
    const sn = s + p;
    c += twoSumError(s, p, sn) + e; // s + p = sn + q exactly
    s = sn;
  }
  return s + c;
}

/**
 * Autocorrelation `r_0..r_M` (length M+1) of `window ⊙ frame`.
 *
 * `window`: omitted/undefined → `hannTrimmed(N)` (allocates); `null` → rectangular (no window);
 * otherwise an array of length N = frame.length. Lags k ≥ N give r_k = 0.
 * `out` (length ≥ M+1) and `scratch` (length ≥ N, holds the windowed frame) make the call
 * allocation-free when a window array is also given. `out` must not alias `frame`. O(N·M);
 * each lag is summed in doubled precision (compensated dot product).
 * @throws RangeError naming `frame` (empty / non-finite), `M` (not an integer ≥ 1), `window`
 * (wrong length / non-finite), `out` or `scratch` (too short).
 */
export function autocorr(
  frame: NumericInput,
  M: number,
  window?: NumericInput | null,
  out?: RealArray,
  scratch?: Float64Array,
): RealArray {
  const N = frame.length;
  if (N < 1) throw new RangeError('autocorr: frame must not be empty');
  if (!Number.isInteger(M) || M < 1)
    throw new RangeError(`autocorr: M (order) must be an integer >= 1 (got ${M})`);
  const w = window === undefined ? hannTrimmed(N) : window;
  if (w !== null && w.length !== N) {
    throw new RangeError(`autocorr: window must have the frame's length ${N} (got ${w.length})`);
  }
  const r = out ?? new Float64Array(M + 1);
  if (r.length < M + 1) throw new RangeError(`autocorr: out must have length >= ${M + 1}`);
  const xw = scratch ?? new Float64Array(N);
  if (xw.length < N) throw new RangeError(`autocorr: scratch must have length >= ${N}`);
  for (let n = 0; n < N; n++) {
    const v = frame[n];
    if (!Number.isFinite(v)) throw new RangeError(`autocorr: frame[${n}] must be finite`);
    if (w === null) {
      xw[n] = v;
    } else {
      const wn = w[n];
      if (!Number.isFinite(wn)) throw new RangeError(`autocorr: window[${n}] must be finite`);
      xw[n] = v * wn;
    }
  }
  for (let k = 0; k <= M; k++) r[k] = lagDot2(xw, N, k);
  return r;
}
