/**
 * Second-order sections from pole pairs, and a stable pole-radius parameterisation.
 *
 * A section is the monic quadratic `1 + a1 z^-1 + a2 z^-2` with the complex-conjugate pole pair
 * `r·e^{±iθ}`: `a1 = -2 r cos θ`, `a2 = r²`, stored as the row `[a1, a2]` (no leading 1, like
 * every polynomial in src/core). 1/section is stable iff |r| < 1. Products of sections are
 * formed by `cascadeToDirect` (params/cascade, re-exported here).
 */
import type { NumericInput, RealArray } from '../api.js';

export { cascadeToDirect, cascadeToDirectVjp, cascadeToDirectVjpScratchLength } from './cascade.js';

function finite(fn: string, name: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${name} must be finite (got ${v})`);
}

/**
 * `[a1, a2] = [-2 r cos θ, r²]` written to `out[0..1]` (allocated when omitted).
 * @throws RangeError naming `r`/`theta` (non-finite) or `out` (length < 2).
 */
export function sectionFromPole(r: number, theta: number, out?: RealArray): RealArray {
  finite('sectionFromPole', 'r', r);
  finite('sectionFromPole', 'theta', theta);
  const s = out ?? new Float64Array(2);
  if (s.length < 2) throw new RangeError('sectionFromPole: out must have length >= 2');
  s[0] = -2 * r * Math.cos(theta);
  s[1] = r * r;
  return s;
}

/**
 * VJP of {@link sectionFromPole}: given `ga = [∂L/∂a1, ∂L/∂a2]` returns `[∂L/∂r, ∂L/∂θ]` =
 * `[-2 cos θ·ga1 + 2r·ga2, 2r sin θ·ga1]` in `out[0..1]`. `out` may alias `ga`.
 * @throws RangeError naming `r`, `theta`, `ga` (length ≠ 2 / non-finite) or `out`.
 */
export function sectionFromPoleVjp(r: number, theta: number, ga: NumericInput, out?: RealArray): RealArray {
  finite('sectionFromPoleVjp', 'r', r);
  finite('sectionFromPoleVjp', 'theta', theta);
  if (ga.length !== 2) throw new RangeError(`sectionFromPoleVjp: ga must have length 2 (got ${ga.length})`);
  const g1 = ga[0];
  const g2 = ga[1];
  finite('sectionFromPoleVjp', 'ga[0]', g1);
  finite('sectionFromPoleVjp', 'ga[1]', g2);
  const g = out ?? new Float64Array(2);
  if (g.length < 2) throw new RangeError('sectionFromPoleVjp: out must have length >= 2');
  g[0] = -2 * Math.cos(theta) * g1 + 2 * r * g2;
  g[1] = 2 * r * Math.sin(theta) * g1;
  return g;
}

/**
 * Vectorised {@link sectionFromPole}: rows `[a1, a2]` of S sections into `out` (S×2 row-major,
 * the layout `cascadeToDirect` takes). `r` and `theta` must have the same length S ≥ 1.
 * @throws RangeError naming `r`/`theta` (length mismatch, non-finite) or `out`.
 */
export function sectionsFromPoles(r: NumericInput, theta: NumericInput, out?: RealArray): RealArray {
  const S = r.length;
  if (S < 1) throw new RangeError('sectionsFromPoles: r must have length >= 1');
  if (theta.length !== S)
    throw new RangeError(`sectionsFromPoles: theta must have length ${S} (got ${theta.length})`);
  const s = out ?? new Float64Array(2 * S);
  if (s.length < 2 * S) throw new RangeError(`sectionsFromPoles: out must have length >= ${2 * S}`);
  for (let i = 0; i < S; i++) {
    const ri = r[i];
    const ti = theta[i];
    if (!Number.isFinite(ri)) throw new RangeError(`sectionsFromPoles: r[${i}] must be finite`);
    if (!Number.isFinite(ti)) throw new RangeError(`sectionsFromPoles: theta[${i}] must be finite`);
    s[2 * i] = -2 * ri * Math.cos(ti);
    s[2 * i + 1] = ri * ri;
  }
  return s;
}

/**
 * VJP of {@link sectionsFromPoles}: `gs` (S×2) → `∂L/∂r` into `outR` and `∂L/∂θ` into
 * `outTheta` (each length S, allocated when omitted). Returns `{ r, theta }`.
 * @throws RangeError naming `r`, `theta`, `gs` (wrong length / non-finite), `outR`, `outTheta`.
 */
export function sectionsFromPolesVjp(
  r: NumericInput,
  theta: NumericInput,
  gs: NumericInput,
  outR?: RealArray,
  outTheta?: RealArray,
): { r: RealArray; theta: RealArray } {
  const S = r.length;
  if (S < 1) throw new RangeError('sectionsFromPolesVjp: r must have length >= 1');
  if (theta.length !== S) throw new RangeError(`sectionsFromPolesVjp: theta must have length ${S}`);
  if (gs.length !== 2 * S) throw new RangeError(`sectionsFromPolesVjp: gs must have length ${2 * S}`);
  const gr = outR ?? new Float64Array(S);
  const gt = outTheta ?? new Float64Array(S);
  if (gr.length < S) throw new RangeError(`sectionsFromPolesVjp: outR must have length >= ${S}`);
  if (gt.length < S) throw new RangeError(`sectionsFromPolesVjp: outTheta must have length >= ${S}`);
  for (let i = 0; i < S; i++) {
    const ri = r[i];
    const ti = theta[i];
    const g1 = gs[2 * i];
    const g2 = gs[2 * i + 1];
    if (!Number.isFinite(ri) || !Number.isFinite(ti)) {
      throw new RangeError(`sectionsFromPolesVjp: r[${i}] and theta[${i}] must be finite`);
    }
    if (!Number.isFinite(g1) || !Number.isFinite(g2)) {
      throw new RangeError(`sectionsFromPolesVjp: gs[${2 * i}..${2 * i + 1}] must be finite`);
    }
    gr[i] = -2 * Math.cos(ti) * g1 + 2 * ri * g2;
    gt[i] = 2 * ri * Math.sin(ti) * g1;
  }
  return { r: gr, theta: gt };
}

function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function checkRmax(fn: string, rmax: number): void {
  if (!(rmax > 0 && rmax <= 1)) throw new RangeError(`${fn}: rmax must be in (0, 1] (got ${rmax})`);
}

/**
 * Stable pole radius from an unconstrained logit: `r = rmax · sigmoid(ρ)` ∈ (0, rmax).
 * With rmax = 1, ρ ≳ 36.7 rounds r to 1 in float64; use rmax < 1 (e.g. 0.999) for strict
 * stability. Scalar, allocation-free.
 * @throws RangeError naming `rho` (non-finite) or `rmax` (not in (0, 1]).
 */
export function radiusFromLogit(rho: number, rmax = 1): number {
  finite('radiusFromLogit', 'rho', rho);
  checkRmax('radiusFromLogit', rmax);
  return rmax * sigmoid(rho);
}

/**
 * VJP of {@link radiusFromLogit}: `∂L/∂ρ = gr · rmax · σ(ρ)(1 - σ(ρ))`.
 * @throws RangeError naming `rho`/`gr` (non-finite) or `rmax`.
 */
export function radiusFromLogitVjp(rho: number, gr: number, rmax = 1): number {
  finite('radiusFromLogitVjp', 'rho', rho);
  finite('radiusFromLogitVjp', 'gr', gr);
  checkRmax('radiusFromLogitVjp', rmax);
  const s = sigmoid(rho);
  return gr * rmax * s * (1 - s);
}

/**
 * Inverse of {@link radiusFromLogit}: `ρ = log(r / (rmax - r))`.
 * @throws RangeError naming `r` unless 0 < r < rmax; `rmax` if not in (0, 1].
 */
export function logitFromRadius(r: number, rmax = 1): number {
  checkRmax('logitFromRadius', rmax);
  if (!(r > 0 && r < rmax))
    throw new RangeError(`logitFromRadius: r must satisfy 0 < r < rmax = ${rmax} (got ${r})`);
  return Math.log(r / (rmax - r));
}
