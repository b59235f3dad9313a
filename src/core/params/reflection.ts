/**
 * Reflection coefficients ↔ direct-form polynomial (Levinson step-up / step-down).
 *
 * Convention (same as `shared/reference/lpc.json`): `A(z) = 1 + Σ_{i=1..M} a_i z^-i`, stored as
 * `a[0..M-1] = a_1..a_M` (no leading 1). The step-up recursion is
 *   `a^(m) = [a^(m-1) + k_m · reverse(a^(m-1)), k_m]`,  m = 1..M,
 * so `k_m = a^(m)_m`. `A(z)` has all roots strictly inside the unit circle (the all-pole
 * filter `1/A(z)` is stable) if and only if every `|k_m| < 1`.
 */
import type { DirectToReflectionOptions, NumericInput, RealArray } from '../api.js';

function checkFinite(fn: string, name: string, v: NumericInput): void {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new RangeError(`${fn}: ${name}[${i}] must be finite`);
  }
}

function checkOrder(fn: string, name: string, v: NumericInput): number {
  const M = v.length;
  if (M < 1) throw new RangeError(`${fn}: ${name} must have length (order) >= 1`);
  return M;
}

function checkOut(fn: string, name: string, out: RealArray, n: number): void {
  if (out.length < n) throw new RangeError(`${fn}: ${name} must have length >= ${n} (got ${out.length})`);
}

/**
 * One step-up stage in place on `buf[offset..offset+m-1)`: `a_i ← a_i + k_m·a_{m-i}` for
 * i = 1..m-1, pairs (i, m-i) updated together (the caller stores `a_m = k_m`). Unchecked.
 */
export function stepUpStage(buf: RealArray, offset: number, m: number, km: number): void {
  for (let i = 1, j = m - 1; i <= j; i++, j--) {
    const ai = buf[offset + i - 1];
    const aj = buf[offset + j - 1];
    if (i === j) {
      buf[offset + i - 1] = ai + km * ai;
    } else {
      buf[offset + i - 1] = ai + km * aj;
      buf[offset + j - 1] = aj + km * ai;
    }
  }
}

/**
 * One step-down stage in place on `buf[offset..offset+m-1)`: `a_i ← (a_i − k_m·a_{m-i})·inv` for
 * i = 1..m-1 with `inv = 1/(1 − k_m²)`, pairs (i, m-i) updated together. Unchecked.
 */
export function stepDownStage(buf: RealArray, offset: number, m: number, km: number, inv: number): void {
  for (let i = 1, j = m - 1; i <= j; i++, j--) {
    const ai = buf[offset + i - 1];
    const aj = buf[offset + j - 1];
    if (i === j) {
      buf[offset + i - 1] = (ai - km * ai) * inv;
    } else {
      buf[offset + i - 1] = (ai - km * aj) * inv;
      buf[offset + j - 1] = (aj - km * ai) * inv;
    }
  }
}

/**
 * In-place step-up of `buf[0..M-1]`: on entry `buf[m-1]` holds `k_m`; on exit `buf` holds `a`.
 * Allocation-free; used by the track expander for per-sample rows.
 */
export function stepUpInPlace(buf: RealArray, offset: number, M: number): void {
  for (let m = 2; m <= M; m++) stepUpStage(buf, offset, m, buf[offset + m - 1]);
}

/**
 * Step-up: reflection coefficients `k` (length M ≥ 1) → direct form `a` (length M).
 *
 * Any finite `k` is accepted (|k| ≥ 1 simply yields a non-minimum-phase polynomial).
 * `out` (length ≥ M) may alias `k`: the recursion runs in place in `out`, so
 * `reflectionToDirect(k, k)` converts in place. `_scratch` is accepted for API symmetry and not
 * needed. Allocates only when `out` is omitted. O(M²).
 * @throws RangeError naming `k` if M < 1 or an entry is non-finite; naming `out` if too short.
 */
export function reflectionToDirect(k: NumericInput, out?: RealArray, _scratch?: RealArray): RealArray {
  const M = checkOrder('reflectionToDirect', 'k', k);
  checkFinite('reflectionToDirect', 'k', k);
  const a = out ?? new Float64Array(M);
  checkOut('reflectionToDirect', 'out', a, M);
  if (a !== k) for (let i = 0; i < M; i++) a[i] = k[i];
  stepUpInPlace(a, 0, M);
  return a;
}

/**
 * Step-down: direct form `a` (length M ≥ 1) → reflection coefficients `k` (length M).
 *
 * `a^(m-1)_i = (a^(m)_i - k_m a^(m)_{m-i}) / (1 - k_m²)` with `k_m = a^(m)_m`.
 * When some `|k_m| ≥ 1` (A(z) is not minimum phase) the default is to throw; with
 * `opts.onUnstable = 'nan'` the offending `k_m` (and the higher ones) are returned as computed
 * and every lower coefficient `k_1..k_{m-1}` is set to NaN, so callers can test with
 * `Number.isNaN`. `out` (length ≥ M) may alias `a` (in-place conversion); `_scratch` is accepted
 * for API symmetry and not needed. Allocates only when `out` is omitted. O(M²).
 * Conditioning: the map a → k amplifies round-off roughly like Π 1/(1 - k_m²); the result is
 * backward stable (step-up of the returned k reproduces `a` to ~1e-14 relative) but for high
 * orders with |k| near 1 the k themselves can differ from the k that generated `a` far more.
 * @throws RangeError naming `a` if M < 1, an entry is non-finite, or (default) not minimum phase.
 */
export function directToReflection(
  a: NumericInput,
  out?: RealArray,
  _scratch?: RealArray,
  opts?: DirectToReflectionOptions,
): RealArray {
  const M = checkOrder('directToReflection', 'a', a);
  checkFinite('directToReflection', 'a', a);
  const k = out ?? new Float64Array(M);
  checkOut('directToReflection', 'out', k, M);
  if (k !== a) for (let i = 0; i < M; i++) k[i] = a[i];
  const throwing = opts?.onUnstable !== 'nan';
  for (let m = M; m >= 2; m--) {
    const km = k[m - 1];
    const den = 1 - km * km;
    if (!(Math.abs(km) < 1) || den <= 0) {
      if (throwing) {
        throw new RangeError(
          `directToReflection: a is not minimum phase (|k_${m}| = ${Math.abs(km)} >= 1); ` +
            "pass { onUnstable: 'nan' } to get NaN instead",
        );
      }
      for (let i = 0; i < m - 1; i++) k[i] = Number.NaN;
      return k;
    }
    stepDownStage(k, 0, m, km, 1 / den);
  }
  if (throwing && !(Math.abs(k[0]) < 1)) {
    throw new RangeError(`directToReflection: a is not minimum phase (|k_1| = ${Math.abs(k[0])} >= 1)`);
  }
  return k;
}

/**
 * True when `A(z) = 1 + Σ a_i z^-i` has every root strictly inside the unit circle, decided by
 * step-down (all `|k_m| < 1`). Non-finite entries give `false`. `scratch` (length ≥ M) makes it
 * allocation-free; `a` itself is never modified.
 * @throws RangeError naming `a` if M < 1.
 */
export function isStable(a: NumericInput, scratch?: Float64Array): boolean {
  const M = checkOrder('isStable', 'a', a);
  for (let i = 0; i < M; i++) if (!Number.isFinite(a[i])) return false;
  const w = scratch ?? new Float64Array(M);
  checkOut('isStable', 'scratch', w, M);
  directToReflection(a, w, undefined, NAN_OPTS);
  for (let i = 0; i < M; i++) if (!(Math.abs(w[i]) < 1)) return false;
  return true;
}
const NAN_OPTS: DirectToReflectionOptions = { onUnstable: 'nan' };

/** Scratch length needed by {@link reflectionToDirectVjp} for order M: `M(M+1)/2`. */
export function reflectionToDirectVjpScratchLength(M: number): number {
  return (M * (M + 1)) / 2;
}

/**
 * Vector-Jacobian product of the step-up: given `ga = ∂L/∂a` (length M) returns `∂L/∂k`
 * (length M). Reverse-mode through the recursion: at stage m,
 * `∂L/∂k_m = g_m + Σ_{i<m} g_i a^(m-1)_{m-i}` and `g^(m-1)_i = g_i + k_m g_{m-i}`.
 * The intermediate polynomials are kept in `scratch` (length ≥ M(M+1)/2, see
 * {@link reflectionToDirectVjpScratchLength}); with `out` and `scratch` given nothing is
 * allocated. `out` may alias `ga` but not `k`. O(M²) time.
 * @throws RangeError naming `k`/`ga`/`out`/`scratch` on bad lengths or non-finite input.
 */
export function reflectionToDirectVjp(
  k: NumericInput,
  ga: NumericInput,
  out?: RealArray,
  scratch?: Float64Array,
): RealArray {
  const M = checkOrder('reflectionToDirectVjp', 'k', k);
  if (ga.length !== M)
    throw new RangeError(`reflectionToDirectVjp: ga must have length ${M} (got ${ga.length})`);
  checkFinite('reflectionToDirectVjp', 'k', k);
  checkFinite('reflectionToDirectVjp', 'ga', ga);
  const gk = out ?? new Float64Array(M);
  checkOut('reflectionToDirectVjp', 'out', gk, M);
  if (gk === k) throw new RangeError('reflectionToDirectVjp: out must not alias k');
  const S = scratch ?? new Float64Array(reflectionToDirectVjpScratchLength(M));
  checkOut('reflectionToDirectVjp', 'scratch', S, reflectionToDirectVjpScratchLength(M));
  reflectionToDirectVjpCore(k, 0, ga, 0, gk, 0, M, S);
  return gk;
}

/**
 * Unchecked core of {@link reflectionToDirectVjp} on strided rows (used per sample by the track
 * expander): reads `k[ko..ko+M)`, `ga[go..go+M)`, writes `gk[outOff..outOff+M)`.
 * `S` must hold M(M+1)/2; its last M entries serve as the gradient work row.
 */
export function reflectionToDirectVjpCore(
  k: NumericInput,
  ko: number,
  ga: NumericInput,
  go: number,
  gk: RealArray,
  outOff: number,
  M: number,
  S: Float64Array,
): void {
  // Stage m's input polynomial a^(m-1) (length m-1) lives at S[(m-1)(m-2)/2 ..].
  // Build them forward: copy previous stage, step once.
  for (let m = 2; m <= M; m++) {
    const dst = ((m - 1) * (m - 2)) / 2;
    if (m === 2) {
      S[0] = k[ko];
      continue;
    }
    const src = ((m - 2) * (m - 3)) / 2;
    const km1 = k[ko + m - 2];
    // a^(m-1) from a^(m-2) (length m-2) and k_{m-1}.
    const p = m - 2;
    for (let i = 1; i <= p; i++) S[dst + i - 1] = S[src + i - 1] + km1 * S[src + p - i];
    S[dst + p] = km1;
  }
  // Gradient work row g (length M) at the tail of S: offset M(M-1)/2.
  const g0 = (M * (M - 1)) / 2;
  for (let i = 0; i < M; i++) S[g0 + i] = ga[go + i];
  for (let m = M; m >= 1; m--) {
    const km = k[ko + m - 1];
    const base = ((m - 1) * (m - 2)) / 2;
    let acc = S[g0 + m - 1];
    for (let i = 1; i < m; i++) acc += S[g0 + i - 1] * S[base + m - i - 1];
    gk[outOff + m - 1] = acc;
    stepUpStage(S, g0, m, km);
  }
}
