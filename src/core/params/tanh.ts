/**
 * Unconstrained → reflection coefficients by `k = limit · tanh(u)` (stable training).
 *
 * Any real u gives |k| < limit ≤ 1, so an optimiser can move u freely and 1/A(z) stays stable.
 * `limit` defaults to 1; in float64 tanh(u) rounds to ±1 for |u| ≳ 19.1, so pass e.g.
 * `limit = 0.9999` when strict |k| < 1 must hold for any u. (LAR is the same map with u = g/2.)
 */
import type { NumericInput, RealArray } from '../api.js';

function checkLimit(fn: string, limit: number): void {
  if (!(limit > 0 && limit <= 1)) throw new RangeError(`${fn}: limit must be in (0, 1] (got ${limit})`);
}

/**
 * `k_i = limit · tanh(u_i)`. `out` (length ≥ M) may alias `u`.
 * @throws RangeError naming `u` (empty / non-finite), `out` (too short) or `limit`.
 */
export function tanhToReflection(u: NumericInput, out?: RealArray, limit = 1): RealArray {
  checkLimit('tanhToReflection', limit);
  if (u.length < 1) throw new RangeError('tanhToReflection: u must have length (order) >= 1');
  const k = out ?? new Float64Array(u.length);
  if (k.length < u.length) throw new RangeError(`tanhToReflection: out must have length >= ${u.length}`);
  for (let i = 0; i < u.length; i++) {
    const v = u[i];
    if (!Number.isFinite(v)) throw new RangeError(`tanhToReflection: u[${i}] must be finite`);
    k[i] = limit * Math.tanh(v);
  }
  return k;
}

/**
 * Inverse of {@link tanhToReflection}: `u_i = atanh(k_i / limit)`. `out` may alias `k`.
 * @throws RangeError naming `k` if empty or some |k_i| ≥ limit (or non-finite); `out`; `limit`.
 */
export function reflectionToTanh(k: NumericInput, out?: RealArray, limit = 1): RealArray {
  checkLimit('reflectionToTanh', limit);
  if (k.length < 1) throw new RangeError('reflectionToTanh: k must have length (order) >= 1');
  const u = out ?? new Float64Array(k.length);
  if (u.length < k.length) throw new RangeError(`reflectionToTanh: out must have length >= ${k.length}`);
  for (let i = 0; i < k.length; i++) {
    const v = k[i];
    if (!(Math.abs(v) < limit)) {
      throw new RangeError(`reflectionToTanh: k[${i}] must be finite with |k| < ${limit} (got ${v})`);
    }
    u[i] = Math.atanh(v / limit);
  }
  return u;
}

/**
 * VJP of {@link tanhToReflection}: `∂L/∂u_i = gk_i · limit · (1 - tanh²(u_i))`.
 * `out` (length ≥ M) may alias `gk` or `u`.
 * @throws RangeError naming `u`/`gk` (length mismatch, non-finite), `out` or `limit`.
 */
export function tanhToReflectionVjp(
  u: NumericInput,
  gk: NumericInput,
  out?: RealArray,
  limit = 1,
): RealArray {
  checkLimit('tanhToReflectionVjp', limit);
  if (u.length < 1) throw new RangeError('tanhToReflectionVjp: u must have length (order) >= 1');
  if (gk.length !== u.length) {
    throw new RangeError(`tanhToReflectionVjp: gk must have length ${u.length} (got ${gk.length})`);
  }
  const gu = out ?? new Float64Array(u.length);
  if (gu.length < u.length) throw new RangeError(`tanhToReflectionVjp: out must have length >= ${u.length}`);
  for (let i = 0; i < u.length; i++) {
    const v = u[i];
    const w = gk[i];
    if (!Number.isFinite(v)) throw new RangeError(`tanhToReflectionVjp: u[${i}] must be finite`);
    if (!Number.isFinite(w)) throw new RangeError(`tanhToReflectionVjp: gk[${i}] must be finite`);
    const t = Math.tanh(v);
    gu[i] = w * limit * (1 - t * t);
  }
  return gu;
}
