/**
 * Equation-error (least-squares) fit of a pole-zero filter to an input/output pair:
 * minimises Σ_t (A(q)·y[t] − B(q)·x[t])² over b_0..b_nb and a_1..a_na (a_0 = 1). Linear in the
 * coefficients, so one least-squares solve (streamed Householder QR: {@link LeastSquaresQr}); exact
 * for noise-free data of a filter of that order. The first start of the pole-zero and all-pole
 * system-identification fits, refined by Steiglitz–McBride (src/train/fit/steiglitz-mcbride.ts).
 */
import type { NumericInput } from '../../core/api.js';
import { LeastSquaresQr } from '../fit/least-squares.js';

export interface EquationErrorFit {
  /** Numerator b_0..b_nb. */
  b: Float64Array;
  /** Denominator with leading 1: [1, a_1..a_na]. */
  a: Float64Array;
  /** Σ residual² / Σ y²: 0 for a perfect fit, ≈ 1 when x explains nothing of y. */
  relativeResidual: number;
}

/** Relative ridge (of each column's squared norm): a floor of 1e-12 on R's relative singular values. */
const RIDGE = 1e-24;

/**
 * Least-squares equation-error fit of orders (nb, na) from x to y (same length T > nb + na + 1),
 * over the samples t = max(nb, na) … T − 1. A tiny relative ridge keeps rank-deficient
 * (over-parameterised, noise-free) problems solvable.
 * @returns null when the system is singular (e.g. silent input) or y is silent.
 */
export function equationErrorFit(
  x: NumericInput,
  y: NumericInput,
  nb: number,
  na: number,
): EquationErrorFit | null {
  const T = x.length;
  if (y.length !== T) throw new RangeError(`equationErrorFit: y length ${y.length} must equal x length ${T}`);
  if (!Number.isInteger(nb) || nb < 0) throw new RangeError('equationErrorFit: nb must be an integer ≥ 0');
  if (!Number.isInteger(na) || na < 1) throw new RangeError('equationErrorFit: na must be an integer ≥ 1');
  const p = nb + 1 + na;
  if (T <= p) throw new RangeError(`equationErrorFit: need more than ${p} samples`);
  const ls = new LeastSquaresQr(p);
  const phi = new Float64Array(p);
  for (let t = Math.max(nb, na); t < T; t++) {
    for (let k = 0; k <= nb; k++) phi[k] = x[t - k];
    for (let k = 1; k <= na; k++) phi[nb + k] = -y[t - k];
    ls.addRow(phi, y[t]);
  }
  const sol = ls.solve(RIDGE);
  if (sol === null || !(sol.y2 > 0)) return null;
  const b = sol.s.slice(0, nb + 1);
  const a = new Float64Array(na + 1);
  a[0] = 1;
  a.set(sol.s.subarray(nb + 1), 1);
  return { b, a, relativeResidual: sol.residual2 / sol.y2 };
}
