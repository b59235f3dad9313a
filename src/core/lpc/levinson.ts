/**
 * Levinson–Durbin recursion for the autocorrelation normal equations.
 *
 * Solves `Σ_j a_j r_|i-j| = -r_i` (i = 1..M) for `A(z) = 1 + Σ a_i z^-i`, i.e. the same `a` as
 * `scipy.linalg.solve_toeplitz(r[:M], -r[1:])`, together with the reflection coefficients of the
 * step-up convention `a^(m) = [a^(m-1) + k_m·reverse(a^(m-1)), k_m]` (params/reflection):
 *   `k_m = -(r_m + Σ_{i<m} a^(m-1)_i r_{m-i}) / E_{m-1}`,  `E_m = E_{m-1}(1 - k_m²)`,  E_0 = r_0.
 */
import type { LevinsonResult, NumericInput } from '../api.js';

/** Default bound on |k| under round-off (keeps every pole strictly inside the unit circle). */
export const LEVINSON_K_MAX = 1 - 1e-12;

/**
 * Levinson–Durbin on `r` (length ≥ M+1; only r_0..r_M are read).
 *
 * Robustness: r_0 = 0 (silent frame) → a = k = 0, error 0. When round-off (or a numerically
 * singular, perfectly predictable frame) yields |k_m| ≥ kMax, k_m is clamped to ±kMax so the
 * result is always minimum phase; if E_m reaches 0 the remaining k (and their a) stay 0. `error` is the recursive E_M (≥ 0), which equals `r0 + Σ a_i r_i` in exact arithmetic.
 * `out.a`/`out.k` (length ≥ M, distinct) make the call allocation-free except for the result
 * object. O(M²).
 * @throws RangeError naming `M` (not an integer ≥ 1), `r` (too short, non-finite, r_0 < 0),
 * `kMax` (not in (0, 1]) or `out.a`/`out.k` (too short).
 */
export function levinson(
  r: NumericInput,
  M: number,
  out?: { a?: Float64Array; k?: Float64Array },
  kMax: number = LEVINSON_K_MAX,
): LevinsonResult {
  if (!Number.isInteger(M) || M < 1)
    throw new RangeError(`levinson: M (order) must be an integer >= 1 (got ${M})`);
  if (r.length < M + 1)
    throw new RangeError(`levinson: r must have length >= M+1 = ${M + 1} (got ${r.length})`);
  for (let i = 0; i <= M; i++) {
    if (!Number.isFinite(r[i])) throw new RangeError(`levinson: r[${i}] must be finite`);
  }
  if (r[0] < 0) throw new RangeError(`levinson: r[0] must be >= 0 (got ${r[0]})`);
  if (!(kMax > 0 && kMax <= 1)) throw new RangeError(`levinson: kMax must be in (0, 1] (got ${kMax})`);
  const a = out?.a ?? new Float64Array(M);
  const k = out?.k ?? new Float64Array(M);
  if (a.length < M) throw new RangeError(`levinson: out.a must have length >= ${M}`);
  if (k.length < M) throw new RangeError(`levinson: out.k must have length >= ${M}`);
  if (a === k) throw new RangeError('levinson: out.a and out.k must be distinct buffers');
  a.fill(0, 0, M);
  k.fill(0, 0, M);
  let E = r[0];
  for (let m = 1; m <= M && E > 0; m++) {
    let acc = r[m];
    for (let i = 1; i < m; i++) acc += a[i - 1] * r[m - i];
    let km = -acc / E;
    if (!Number.isFinite(km)) break;
    if (km >= kMax) km = kMax;
    else if (km <= -kMax) km = -kMax;
    // a^(m) = [a^(m-1) + k_m·reverse(a^(m-1)), k_m], pairwise in place.
    for (let i = 1, j = m - 1; i <= j; i++, j--) {
      const ai = a[i - 1];
      const aj = a[j - 1];
      if (i === j) {
        a[i - 1] = ai + km * ai;
      } else {
        a[i - 1] = ai + km * aj;
        a[j - 1] = aj + km * ai;
      }
    }
    a[m - 1] = km;
    k[m - 1] = km;
    E *= 1 - km * km;
  }
  return { a, k, error: Math.max(E, 0) };
}
