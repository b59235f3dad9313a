/**
 * Steiglitz–McBride identification of a pole-zero filter B(z)/A(z) from an input/output pair:
 * starting from the equation-error fit, each iteration prefilters input and target by 1/A of the
 * previous iterate and solves the equation-error least squares again, which converges to the
 * output-error fit (exactly the system, for noise-free data of a filter of that order). A is kept
 * stable by reflecting poles ({@link stabiliseDenominator}). On noisy (e.g. 16-bit quantised) data
 * the output error is not monotone over the iterations — it can rise for an iteration or two
 * before falling by orders of magnitude — so one rise does not stop the iteration: it stops when
 * the coefficients stop moving, when the best output error has not improved for `patience`
 * iterations in a row, or after `maxIterations`; the iterate with the smallest output error on the
 * data is returned.
 */
import type { NumericInput } from '../../core/api.js';
import { lfilter } from '../../core/lti/lfilter.js';
import { equationErrorFit } from '../models/equation-error.js';
import { stabiliseDenominator } from './stabilise.js';

export interface SteiglitzMcBrideOptions {
  /** Iterations after the equation-error start (default 20). */
  maxIterations?: number;
  /** Stop when max|Δa| ≤ tolerance·(1 + max|a|) (default 1e-10). */
  tolerance?: number;
  /** An iterate improves on the best when its output error is smaller by this fraction (default 1e-5). */
  minImprovement?: number;
  /** Stop after this many iterations in a row without an improvement on the best (default 3). */
  patience?: number;
  /** Largest pole radius (default 1 − 1e-9). */
  rmax?: number;
}

export interface PoleZeroFit {
  /** Numerator b_0..b_nb. */
  b: Float64Array;
  /** Stable monic denominator [1, a_1..a_na]. */
  a: Float64Array;
  /** Output error ‖y − (B/A)·x‖² / ‖y‖² of this fit. */
  outputError: number;
  /** Relative residual of the equation-error start (≈ 1 when x explains nothing of y). */
  equationError: number;
  /** Steiglitz–McBride iterations run (0: the equation-error fit). */
  iterations: number;
  /** Iteration whose fit is returned. */
  bestIteration: number;
}

function outputError(
  b: Float64Array,
  a: Float64Array,
  x: Float64Array,
  y: NumericInput,
  yHat: Float64Array,
): number {
  lfilter(b, a, x, null, { y: yHat });
  let e = 0;
  let s = 0;
  for (let t = 0; t < y.length; t++) {
    const d = y[t] - yHat[t];
    e += d * d;
    s += y[t] * y[t];
  }
  return e / s;
}

/**
 * Steiglitz–McBride fit of orders (nb, na) from x to y (same length). Returns null when even the
 * equation-error start is singular (e.g. silent input or target).
 */
export function steiglitzMcBride(
  x: NumericInput,
  y: NumericInput,
  nb: number,
  na: number,
  opts: SteiglitzMcBrideOptions = {},
): PoleZeroFit | null {
  const maxIterations = opts.maxIterations ?? 20;
  const tol = opts.tolerance ?? 1e-10;
  const rmax = opts.rmax ?? 1 - 1e-9;
  const minImprovement = opts.minImprovement ?? 1e-5;
  const patience = opts.patience ?? 3;
  if (!Number.isInteger(patience) || patience < 1)
    throw new RangeError(`steiglitzMcBride: patience must be an integer ≥ 1 (got ${patience})`);
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  const T = xs.length;
  const xf = new Float64Array(T);
  const yf = new Float64Array(T);
  const yHat = new Float64Array(T);
  let fit = equationErrorFit(xs, ys, nb, na);
  if (fit === null) return null;
  const equationError = fit.relativeResidual;
  let best: PoleZeroFit | null = null;
  let prev: Float64Array | null = null;
  let it = 0;
  let stale = 0;
  for (;;) {
    const st = stabiliseDenominator(fit.a, rmax);
    const b = fit.b.map((v) => v * st.gainFactor);
    const oe = outputError(b, st.a, xs, ys, yHat);
    const improved = best === null || oe < best.outputError * (1 - minImprovement);
    if (Number.isFinite(oe) && (best === null || oe < best.outputError)) {
      best = { b, a: st.a, outputError: oe, equationError, iterations: it, bestIteration: it };
    }
    stale = improved ? 0 : stale + 1;
    if (stale >= patience) break; // at the noise floor: the iterates only wander around it
    if (prev !== null) {
      let d = 0;
      let m = 0;
      for (let k = 1; k < st.a.length; k++) {
        d = Math.max(d, Math.abs(st.a[k] - prev[k]));
        m = Math.max(m, Math.abs(st.a[k]));
      }
      if (d <= tol * (1 + m)) break;
    }
    if (it >= maxIterations) break;
    prev = st.a;
    const one = [1];
    lfilter(one, st.a, xs, null, { y: xf });
    lfilter(one, st.a, ys, null, { y: yf });
    const next = equationErrorFit(xf, yf, nb, na);
    if (next === null) break;
    fit = next;
    it++;
  }
  if (best !== null) best.iterations = it;
  return best;
}
