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
 * data is returned. Long signals (more than 2·`headSamples`) are iterated on their first
 * `headSamples` samples, where the iterates converge at a fraction of the cost, and the best of
 * those is then polished on the whole signal (iterated again until the best output error stops
 * improving, `polishPatience` iterations); memory stays O(signal).
 */
import type { NumericInput } from '../../core/api.js';
import { lfilter } from '../../core/lti/lfilter.js';
import type { Roots } from '../../core/params/polynomial-roots.js';
import { equationErrorFit } from '../models/equation-error.js';
import { allPoleCascade, poleZeroCascade, relativeError } from './cascade-filter.js';
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
  /** Samples of the head the iterations run on when the signal is longer than twice this (default 2¹⁶). */
  headSamples?: number;
  /** `patience` of the iterations on the whole signal after those on its head (default 1). */
  polishPatience?: number;
}

export interface PoleZeroFit {
  /** Numerator b_0..b_nb. */
  b: Float64Array;
  /** Stable monic denominator [1, a_1..a_na]. */
  a: Float64Array;
  /** Output error ‖y − (B/A)·x‖² / ‖y‖² of this fit. */
  outputError: number;
  /** Relative residual of the equation-error start (≈ 1 when x explains nothing of y; on the head of a long signal). */
  equationError: number;
  /** Steiglitz–McBride iterations run (0: the equation-error fit; head and whole signal together). */
  iterations: number;
  /** Iteration whose fit is returned. */
  bestIteration: number;
}

/**
 * ‖y − (B/A)·x‖² / ‖y‖², with B/A applied as a cascade of sections ({@link poleZeroCascade}; the
 * direct form when the split fails). `poles` are the roots of the stable monic `a`.
 */
function outputError(
  b: Float64Array,
  a: Float64Array,
  poles: Roots,
  x: Float64Array,
  y: NumericInput,
  yHat: Float64Array,
): number {
  if (poleZeroCascade(b, a, poles, x, yHat) === null) lfilter(b, a, x, null, { y: yHat });
  return relativeError(y, yHat);
}

interface IterateOptions {
  maxIterations: number;
  tol: number;
  rmax: number;
  minImprovement: number;
  patience: number;
}

/**
 * Steiglitz–McBride iterations on (xs, ys) from the fit `first` (iteration `it0`): the stopping rule
 * of the module comment. Returns the best iterate (null when none has a finite output error).
 */
function iterate(
  xs: Float64Array,
  ys: Float64Array,
  nb: number,
  na: number,
  first: { b: Float64Array; a: Float64Array },
  equationError: number,
  it0: number,
  o: IterateOptions,
): PoleZeroFit | null {
  const T = xs.length;
  const xf = new Float64Array(T);
  const yf = new Float64Array(T);
  const yHat = new Float64Array(T);
  let fit = first;
  let best: PoleZeroFit | null = null;
  let prev: Float64Array | null = null;
  let it = it0;
  let stale = 0;
  for (;;) {
    const st = stabiliseDenominator(fit.a, o.rmax);
    const b = fit.b.map((v) => v * st.gainFactor);
    const oe = outputError(b, st.a, st.roots, xs, ys, yHat);
    const improved = best === null || oe < best.outputError * (1 - o.minImprovement);
    if (Number.isFinite(oe) && (best === null || oe < best.outputError)) {
      best = { b, a: st.a, outputError: oe, equationError, iterations: it, bestIteration: it };
    }
    stale = improved ? 0 : stale + 1;
    if (stale >= o.patience) break; // at the noise floor: the iterates only wander around it
    if (prev !== null) {
      let d = 0;
      let m = 0;
      for (let k = 1; k < st.a.length; k++) {
        d = Math.max(d, Math.abs(st.a[k] - prev[k]));
        m = Math.max(m, Math.abs(st.a[k]));
      }
      if (d <= o.tol * (1 + m)) break;
    }
    if (it - it0 >= o.maxIterations) break;
    prev = st.a;
    allPoleCascade(st.roots, xs, xf);
    allPoleCascade(st.roots, ys, yf);
    const next = equationErrorFit(xf, yf, nb, na);
    if (next === null) break;
    fit = next;
    it++;
  }
  if (best !== null) best.iterations = it;
  return best;
}

/** One equation-error solve on (x, y) prefiltered by 1/A (roots `poles`). */
function prefilteredFit(xs: Float64Array, ys: Float64Array, nb: number, na: number, poles: Roots) {
  const xf = allPoleCascade(poles, xs, new Float64Array(xs.length));
  const yf = allPoleCascade(poles, ys, new Float64Array(ys.length));
  return equationErrorFit(xf, yf, nb, na);
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
  const patience = opts.patience ?? 3;
  const polishPatience = opts.polishPatience ?? 1;
  const headSamples = opts.headSamples ?? 2 ** 16;
  for (const [name, v] of [
    ['patience', patience],
    ['polishPatience', polishPatience],
  ] as const)
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`steiglitzMcBride: ${name} must be an integer ≥ 1 (got ${v})`);
  if (!Number.isInteger(headSamples) || headSamples <= nb + na + 1)
    throw new RangeError(
      `steiglitzMcBride: headSamples must be an integer > nb + na + 1 (got ${headSamples})`,
    );
  const o: IterateOptions = {
    maxIterations: opts.maxIterations ?? 20,
    tol: opts.tolerance ?? 1e-10,
    rmax: opts.rmax ?? 1 - 1e-9,
    minImprovement: opts.minImprovement ?? 1e-5,
    patience,
  };
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  const T = xs.length;
  // iterate on the head of a long signal (on the whole when the head is silent or no iteration is asked)
  let split = T > 2 * headSamples && o.maxIterations > 0;
  let start = split
    ? equationErrorFit(xs.subarray(0, headSamples), ys.subarray(0, headSamples), nb, na)
    : null;
  if (start === null) {
    split = false;
    start = equationErrorFit(xs, ys, nb, na);
  }
  if (start === null) return null;
  const xh = split ? xs.subarray(0, headSamples) : xs;
  const yh = split ? ys.subarray(0, headSamples) : ys;
  const coarse = iterate(xh, yh, nb, na, start, start.relativeResidual, 0, o);
  if (!split || coarse === null) return coarse;
  // the head's best, judged on the whole signal, then polished there: the first iterate is the
  // head's best prefiltered by its own 1/A
  const poles = stabiliseDenominator(coarse.a, o.rmax).roots;
  const whole: PoleZeroFit = {
    ...coarse,
    outputError: outputError(coarse.b, coarse.a, poles, xs, ys, new Float64Array(T)),
  };
  const first = prefilteredFit(xs, ys, nb, na, poles);
  if (first === null) return whole;
  const fine = iterate(xs, ys, nb, na, first, start.relativeResidual, coarse.iterations + 1, {
    ...o,
    patience: polishPatience,
  });
  if (fine === null || !(fine.outputError <= whole.outputError))
    return { ...whole, iterations: fine?.iterations ?? whole.iterations };
  return fine;
}
