/**
 * Stabilising a denominator by reflecting its poles: every root p of A(z) with |p| ≥ 1 (or beyond
 * `rmax`) is replaced by 1/p̄ (radius then clamped to `rmax`), which keeps the magnitude response up
 * to a constant factor: |1 − p e^{−iω}| = |p|·|1 − e^{−iω}/p̄|. The factor is returned so a caller
 * can fold it into the numerator or the gain.
 */
import { polynomialRoots, type Roots } from '../../core/params/polynomial-roots.js';

export interface StabilisedDenominator {
  /** Monic denominator [1, a_1..a_n] with every root inside radius `rmax`. */
  a: Float64Array;
  /** Its roots. */
  roots: Roots;
  /** |H_new| = gainFactor·|H_old| is undone by multiplying the numerator by this. */
  gainFactor: number;
  /** Number of roots moved. */
  moved: number;
}

/** Monic real polynomial [1, c_1..c_n] with the given roots (conjugate-closed). */
export function polynomialFromRoots(roots: Roots): Float64Array {
  const n = roots.re.length;
  const re = new Float64Array(n + 1);
  const im = new Float64Array(n + 1);
  re[0] = 1;
  for (let i = 0; i < n; i++) {
    const zr = roots.re[i];
    const zi = roots.im[i];
    for (let k = i + 1; k >= 1; k--) {
      // c_k ← c_k − z·c_{k−1}
      re[k] -= zr * re[k - 1] - zi * im[k - 1];
      im[k] -= zr * im[k - 1] + zi * re[k - 1];
    }
  }
  return re;
}

/**
 * Reflects the roots of the monic `a` ([1, a_1..a_n]) that lie outside radius `rmax` (< 1; default
 * 1 − 1e-9) to 1/p̄, clamping the radius to `rmax`. Returns `a` unchanged (copied) when all roots
 * are inside.
 */
export function stabiliseDenominator(a: ArrayLike<number>, rmax = 1 - 1e-9): StabilisedDenominator {
  if (a.length < 2)
    return {
      a: Float64Array.from(a),
      roots: { re: new Float64Array(0), im: new Float64Array(0) },
      gainFactor: 1,
      moved: 0,
    };
  const roots = polynomialRoots(a);
  const { gainFactor, moved } = reflectRoots(roots, rmax);
  const out = moved > 0 ? polynomialFromRoots(roots) : Float64Array.from(a);
  return { a: out, roots, gainFactor, moved };
}

/**
 * Reflects, in place, every root of `roots` at radius ≥ `rmax` to 1/p̄ (radius then clamped to
 * `rmax`). Returns the factor that keeps |H| (see {@link StabilisedDenominator.gainFactor}) and the
 * number of roots moved.
 */
export function reflectRoots(roots: Roots, rmax: number): { gainFactor: number; moved: number } {
  let gainFactor = 1;
  let moved = 0;
  for (let i = 0; i < roots.re.length; i++) {
    const r = Math.hypot(roots.re[i], roots.im[i]);
    if (r < rmax) continue;
    moved++;
    let scale = 1 / (r * r); // 1/p̄ = p/|p|²
    if (r * scale > rmax) scale = rmax / r;
    // |1 − p e^{−iω}| ≈ |p|·|1 − e^{−iω}/p̄|: the new denominator is smaller by 1/|p| (exact for a
    // true reflection; the radius clamp makes it approximate)
    gainFactor /= r;
    roots.re[i] *= scale;
    roots.im[i] *= scale;
  }
  return { gainFactor, moved };
}
