/**
 * Steiglitz–McBride identification in the delta operator w = 1 − z⁻¹, straight into second-order
 * sections. At orders above 8 the direct form cannot hold an EQ chain's poles: rounding the order-16
 * polynomial of a chain with poles at 33, 129, 180, 538 and 578 Hz (48 kHz) to float64 alone moves
 * the 33 Hz pole to 3 Hz outside the unit circle, so the direct-form iterations settle far above the
 * noise floor. In the delta basis the same polynomial round-trips to 10⁻⁶ of every pole: poles near
 * z = 1 become small, well-separated roots w = 1 − 1/p. Each iteration solves the equation error
 * `y = −Σ_{k=1..n} α_k·wᵏy + Σ_{k=0..n} β_k·wᵏx` (α_0 = A(z = 1) = 1; wᵏ is the k-th difference)
 * by streamed QR on x and y prefiltered by 1/A of the previous iterate, and takes the roots of
 * A and B without ever forming their z⁻¹ coefficients. Poles beyond `rmax` are reflected; the
 * iterate with the smallest output error (sections cascaded, {@link sectionCascade}) is returned,
 * with the stopping rule of {@link steiglitzMcBride} (patience, iteration cap). Runs on the first
 * `headSamples` samples.
 */
import type { NumericInput } from '../../core/api.js';
import { polynomialRoots, type Roots } from '../../core/params/polynomial-roots.js';
import { allPoleCascade, relativeError, sectionCascade } from './cascade-filter.js';
import { LeastSquaresQr } from './least-squares.js';
import { reflectRoots } from './stabilise.js';
import { type SectionSplit, splitRoots } from './to-sections.js';

export interface DeltaSteiglitzMcBrideOptions {
  /** Iterations after the equation-error start (default 20). */
  maxIterations?: number;
  /** An iterate improves on the best when its output error is smaller by this fraction (default 1e-5). */
  minImprovement?: number;
  /** Stop after this many iterations in a row without an improvement on the best (default 3). */
  patience?: number;
  /** Largest pole radius (default 1 − 1e-9). */
  rmax?: number;
  /** Samples fitted: the first `headSamples` (default 2¹⁶). */
  headSamples?: number;
}

export interface DeltaFit {
  /** The sections and gain. */
  split: SectionSplit;
  /** ‖y − ŷ‖² / ‖y‖² of these sections on the samples fitted. */
  outputError: number;
  /** Iterations run (0: the equation-error fit). */
  iterations: number;
  /** Iteration whose fit is returned. */
  bestIteration: number;
}

/** Relative ridge of the least squares, as in the direct-form equation error. */
const RIDGE = 1e-24;

/** Equation-error fit in the delta basis (module comment): [α_0 = 1, α_1..α_n] and β_0..β_n. */
function deltaEquationError(x: Float64Array, y: Float64Array, n: number) {
  const ls = new LeastSquaresQr(2 * n + 1);
  const phi = new Float64Array(2 * n + 1);
  const dx = new Float64Array(n + 1); // wᵏx at t
  const dy = new Float64Array(n + 1);
  const px = new Float64Array(n + 1); // wᵏx at t − 1
  const py = new Float64Array(n + 1);
  for (let t = 0; t < x.length; t++) {
    dx[0] = x[t];
    dy[0] = y[t];
    for (let k = 1; k <= n; k++) {
      dx[k] = dx[k - 1] - px[k - 1];
      dy[k] = dy[k - 1] - py[k - 1];
    }
    px.set(dx);
    py.set(dy);
    if (t < n) continue;
    for (let k = 0; k <= n; k++) phi[k] = dx[k];
    for (let k = 1; k <= n; k++) phi[n + k] = -dy[k];
    ls.addRow(phi, dy[0]);
  }
  const sol = ls.solve(RIDGE);
  if (sol === null || !(sol.y2 > 0)) return null;
  const alpha = new Float64Array(n + 1);
  alpha[0] = 1;
  alpha.set(sol.s.subarray(n + 1), 1);
  return { alpha, beta: sol.s.slice(0, n + 1) };
}

/**
 * `Σ c_k wᵏ = scale · Π_i (1 − r_i z⁻¹)`: the z-plane roots r = v/(v − 1) from the roots v = 1/w of
 * c_m vᵈ + … + c_e (c_m, c_e its first and last non-zero coefficients), then m roots at z = 1 and
 * n − e at z = 0; scale = c_m·Π(1 − v). Null when c is zero or a root is not finite.
 */
function zPlaneRoots(c: Float64Array): { roots: Roots; scale: number } | null {
  const n = c.length - 1;
  let m = 0;
  while (m <= n && c[m] === 0) m++;
  if (m > n) return null;
  let e = n;
  while (e > m && c[e] === 0) e--;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  re.fill(1, 0, m);
  let sr = c[m];
  let si = 0;
  if (e > m) {
    const v = polynomialRoots(c.subarray(m, e + 1));
    for (let i = 0; i < e - m; i++) {
      const [vr, vi] = [v.re[i], v.im[i]];
      const d = (vr - 1) ** 2 + vi * vi;
      re[m + i] = (vr * (vr - 1) + vi * vi) / d;
      im[m + i] = -vi / d;
      [sr, si] = [sr * (1 - vr) + si * vi, si * (1 - vr) - sr * vi];
    }
  }
  for (let i = 0; i < n; i++) if (!Number.isFinite(re[i]) || !Number.isFinite(im[i])) return null;
  return Number.isFinite(sr) ? { roots: { re, im }, scale: sr } : null;
}

/**
 * Fits S sections from x to y (same length) by delta-operator Steiglitz–McBride (module comment).
 * Returns null when the equation-error start is singular (e.g. silent input or target).
 * @throws RangeError naming `S` when it is not an integer ≥ 1.
 */
export function deltaSteiglitzMcBride(
  x: NumericInput,
  y: NumericInput,
  S: number,
  opts: DeltaSteiglitzMcBrideOptions = {},
): DeltaFit | null {
  if (!Number.isInteger(S) || S < 1)
    throw new RangeError(`deltaSteiglitzMcBride: S must be an integer ≥ 1 (got ${S})`);
  const n = 2 * S;
  const T = Math.min(x.length, opts.headSamples ?? 2 ** 16);
  if (T <= 2 * n + 1) return null;
  const xs = Float64Array.from({ length: T }, (_, t) => x[t]);
  const ys = Float64Array.from({ length: T }, (_, t) => y[t]);
  const [xf, yf, yHat] = [new Float64Array(T), new Float64Array(T), new Float64Array(T)];
  let y2 = 0;
  for (let t = 0; t < T; t++) y2 += ys[t] * ys[t];
  const patience = opts.patience ?? 3;
  const minImprovement = opts.minImprovement ?? 1e-5;
  let fit = y2 > 0 ? deltaEquationError(xs, ys, n) : null;
  let best: DeltaFit | null = null;
  let [it, stale] = [0, 0];
  while (fit !== null) {
    const den = zPlaneRoots(fit.alpha);
    const num = zPlaneRoots(fit.beta);
    if (den === null || num === null) break;
    const { gainFactor } = reflectRoots(den.roots, opts.rmax ?? 1 - 1e-9);
    const split = splitRoots(den.roots, num.roots, 0, (gainFactor * num.scale) / den.scale, S);
    let oe = Number.NaN;
    if (split !== null) {
      oe = relativeError(ys, sectionCascade(split, xs, yHat), y2);
    }
    const improved = best === null || oe < best.outputError * (1 - minImprovement);
    if (split !== null && Number.isFinite(oe) && (best === null || oe < best.outputError))
      best = { split, outputError: oe, iterations: it, bestIteration: it };
    stale = improved ? 0 : stale + 1;
    if (stale >= patience || it >= (opts.maxIterations ?? 20)) break;
    allPoleCascade(den.roots, xs, xf);
    allPoleCascade(den.roots, ys, yf);
    fit = deltaEquationError(xf, yf, n);
    it++;
  }
  if (best !== null) best.iterations = it;
  return best;
}
