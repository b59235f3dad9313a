/**
 * Log-area ratios (LAR) ↔ reflection coefficients.
 *
 * Convention: `g = log((1 + k) / (1 - k)) = 2·atanh(k)`, inverse `k = tanh(g / 2)`, with k in the
 * step-up convention of params/reflection (`A(z) = 1 + Σ a_i z^-i`, `k_m = a^(m)_m`). In the
 * acoustic-tube picture the tube area ratio is `A_{m+1}/A_m = (1 - κ_m)/(1 + κ_m)` for PARCOR
 * κ of the `1 - Σ α_i z^-i` convention (Rabiner & Schafer); since κ = -k here, `g` is exactly
 * that log area ratio. Any real g maps to |k| < 1, so optimising g keeps 1/A(z) stable.
 */
import type { NumericInput, RealArray } from '../api.js';

function prepare(
  fn: string,
  name: string,
  v: NumericInput,
  out: RealArray | undefined,
  n = v.length,
): RealArray {
  if (v.length < 1) throw new RangeError(`${fn}: ${name} must have length (order) >= 1`);
  const o = out ?? new Float64Array(n);
  if (o.length < n) throw new RangeError(`${fn}: out must have length >= ${n} (got ${o.length})`);
  return o;
}

/**
 * LAR → reflection: `k_i = tanh(g_i / 2)`. `out` (length ≥ M) may alias `g`.
 * Note: |g| ≳ 38 rounds k to ±1 in float64; keep g bounded (or clamp k) when stability must be strict.
 * @throws RangeError naming `g` (empty / non-finite) or `out` (too short).
 */
export function larToReflection(g: NumericInput, out?: RealArray): RealArray {
  const k = prepare('larToReflection', 'g', g, out);
  for (let i = 0; i < g.length; i++) {
    const v = g[i];
    if (!Number.isFinite(v)) throw new RangeError(`larToReflection: g[${i}] must be finite`);
    k[i] = Math.tanh(0.5 * v);
  }
  return k;
}

/**
 * Reflection → LAR: `g_i = log((1 + k_i) / (1 - k_i))`, computed as `2·atanh(k_i)`.
 * `out` (length ≥ M) may alias `k`.
 * @throws RangeError naming `k` if empty, non-finite or some |k_i| ≥ 1; `out` if too short.
 */
export function reflectionToLar(k: NumericInput, out?: RealArray): RealArray {
  const g = prepare('reflectionToLar', 'k', k, out);
  for (let i = 0; i < k.length; i++) {
    const v = k[i];
    if (!(Math.abs(v) < 1))
      throw new RangeError(`reflectionToLar: k[${i}] must be finite with |k| < 1 (got ${v})`);
    g[i] = 2 * Math.atanh(v);
  }
  return g;
}

/**
 * VJP of {@link larToReflection}: `∂L/∂g_i = gk_i · (1 - k_i²) / 2` with `k_i = tanh(g_i/2)`.
 * `out` (length ≥ M) may alias `gk` (or `g`).
 * @throws RangeError naming `g`/`gk` (length mismatch, non-finite) or `out`.
 */
export function larToReflectionVjp(g: NumericInput, gk: NumericInput, out?: RealArray): RealArray {
  const gg = prepare('larToReflectionVjp', 'g', g, out);
  if (gk.length !== g.length) {
    throw new RangeError(`larToReflectionVjp: gk must have length ${g.length} (got ${gk.length})`);
  }
  for (let i = 0; i < g.length; i++) {
    const v = g[i];
    const w = gk[i];
    if (!Number.isFinite(v)) throw new RangeError(`larToReflectionVjp: g[${i}] must be finite`);
    if (!Number.isFinite(w)) throw new RangeError(`larToReflectionVjp: gk[${i}] must be finite`);
    const t = Math.tanh(0.5 * v);
    gg[i] = 0.5 * w * (1 - t * t);
  }
  return gg;
}
