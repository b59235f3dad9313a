/**
 * Output-error refinement of a pole-zero fit held as second-order sections: Levenberg–Marquardt on
 * `‖y − gain·Π_s (B_s/A_s)·x‖²` over every section's [a1, a2, b0, b1, b2] at once, in the sections
 * themselves, never through the expanded direct form. A direct-form Steiglitz–McBride fit of order 8
 * or more cannot resolve poles that cluster near z = 1 (an EQ chain with a highpass, a notch and a
 * peak below 200 Hz at 48 kHz): rounding the order-8 polynomial alone moves such poles by ~10⁻⁴,
 * a good part of their distance to the unit circle, and its iterations settle 10⁴× above the noise
 * floor. Per section, the Jacobian columns are `∂ŷ/∂b_sk = z⁻ᵏ·u_s/A_s` and
 * `∂ŷ/∂a_sk = −z⁻ᵏ·ŷ/A_s`, with u_s the input through the other sections; the damped Gauss–Newton
 * system is solved by the streamed QR ({@link LeastSquaresQr}, Marquardt damping as its relative
 * ridge; the factor is reused across dampings). Poles of the start beyond radius `rmax` are pulled
 * inside it first; a step is taken only when every section stays inside and the output error falls;
 * otherwise the damping grows tenfold. Memory: (5S + 3) signals of the data's length.
 */
import { biquadInPlace, relativeError } from './cascade-filter.js';
import { LeastSquaresQr } from './least-squares.js';
import type { SectionSplit } from './to-sections.js';

export interface RefineSectionsOptions {
  /** Accepted or rejected steps at most (default 30). */
  maxIterations?: number;
  /** Stop when an accepted step improves the output error by less than this fraction (default 1e-3). */
  minImprovement?: number;
  /** Largest pole radius of a section (default 1 − 1e-9). */
  rmax?: number;
}

export interface RefinedSections {
  /** The refined sections (gain 1: folded into the numerators). */
  split: SectionSplit;
  /** ‖y − ŷ‖² / ‖y‖² of the refined sections on the data. */
  outputError: number;
  /** Output error of the sections given, their poles pulled inside `rmax`. */
  startError: number;
  /** Steps tried. */
  iterations: number;
}

/** Section parameters p (5 per section: a1, a2, b0, b1, b2) through the cascade, skipping `skip`. */
function cascade(p: Float64Array, S: number, x: ArrayLike<number>, out: Float64Array, skip = -1): void {
  for (let t = 0; t < out.length; t++) out[t] = x[t];
  for (let s = 0; s < S; s++)
    if (s !== skip) biquadInPlace(out, p[5 * s + 2], p[5 * s + 3], p[5 * s + 4], p[5 * s], p[5 * s + 1]);
}

/** Largest root modulus of 1 + a1 z⁻¹ + a2 z⁻². */
function sectionRadius(a1: number, a2: number): number {
  const disc = a1 * a1 - 4 * a2;
  if (disc < 0) return Math.sqrt(a2);
  const sq = Math.sqrt(disc);
  return Math.max(Math.abs(-a1 + sq), Math.abs(-a1 - sq)) / 2;
}

/** [a1, a2] with its roots pulled inside radius rmax (complex pair: radius scaled; real roots: clamped). */
function withinRadius(a1: number, a2: number, rmax: number): [number, number] {
  const disc = a1 * a1 - 4 * a2;
  if (disc < 0) {
    const r = Math.sqrt(a2);
    return r <= rmax ? [a1, a2] : [(a1 * rmax) / r, rmax * rmax];
  }
  const sq = Math.sqrt(disc);
  const clamp = (v: number) => Math.max(-rmax, Math.min(rmax, v));
  const p = clamp((-a1 + sq) / 2);
  const q = clamp((-a1 - sq) / 2);
  return [-(p + q), p * q];
}

/**
 * Refines `start` (sections and gain) on x → y (same length) by Levenberg–Marquardt on the output
 * error (see the module comment). Returns the start (poles inside rmax, gain folded) when no step improves it.
 * @throws RangeError naming `y` when the lengths differ.
 */
export function refineSections(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  start: SectionSplit,
  opts: RefineSectionsOptions = {},
): RefinedSections {
  const T = x.length;
  if (y.length !== T) throw new RangeError(`refineSections: y length ${y.length} must equal x length ${T}`);
  const maxIterations = opts.maxIterations ?? 30;
  const minImprovement = opts.minImprovement ?? 1e-3;
  const rmax = opts.rmax ?? 1 - 1e-9;
  const S = start.a.length;
  const P = 5 * S;
  let p: Float64Array = new Float64Array(P);
  for (let s = 0; s < S; s++) {
    const g = s === 0 ? start.gain : 1;
    const [a1, a2] = withinRadius(start.a[s][0], start.a[s][1], rmax);
    p.set([a1, a2, g * start.b[s][0], g * start.b[s][1], g * start.b[s][2]], 5 * s);
  }
  let y2 = 0;
  for (let t = 0; t < T; t++) y2 += y[t] * y[t];
  const yHat = new Float64Array(T);
  const trial = new Float64Array(T);
  cascade(p, S, x, yHat);
  const startError = y2 > 0 ? relativeError(y, yHat, y2) : Number.NaN;
  let err = startError;
  const cols = Array.from({ length: 2 * S }, () => new Float64Array(T));
  const phi = new Float64Array(P);
  let lambda = 1e-6;
  let it = 0;
  let ls: LeastSquaresQr | null = null;
  while (Number.isFinite(err) && it < maxIterations) {
    if (ls === null) {
      // v_s = u_s / A_s (cols[2s]) and w_s = ŷ / A_s (cols[2s + 1])
      for (let s = 0; s < S; s++) {
        const v = cols[2 * s];
        const w = cols[2 * s + 1];
        cascade(p, S, x, v, s);
        biquadInPlace(v, 1, 0, 0, p[5 * s], p[5 * s + 1]);
        w.set(yHat);
        biquadInPlace(w, 1, 0, 0, p[5 * s], p[5 * s + 1]);
      }
      ls = new LeastSquaresQr(P);
      for (let t = 0; t < T; t++) {
        for (let s = 0; s < S; s++) {
          const v = cols[2 * s];
          const w = cols[2 * s + 1];
          const o = 5 * s;
          phi[o] = t >= 1 ? -w[t - 1] : 0;
          phi[o + 1] = t >= 2 ? -w[t - 2] : 0;
          phi[o + 2] = v[t];
          phi[o + 3] = t >= 1 ? v[t - 1] : 0;
          phi[o + 4] = t >= 2 ? v[t - 2] : 0;
        }
        ls.addRow(phi, y[t] - yHat[t]);
      }
    }
    // the same Gauss–Newton system with each damping tried (a rejected step costs one cascade)
    const sol = ls.clone().solve(lambda);
    it++;
    let next: Float64Array | null = null;
    if (sol !== null) {
      next = p.map((v, k) => v + sol.s[k]);
      for (let s = 0; s < S && next !== null; s++) {
        const o = 5 * s;
        if (!(sectionRadius(next[o], next[o + 1]) < rmax)) next = null;
      }
    }
    let e = Number.POSITIVE_INFINITY;
    if (next !== null) {
      cascade(next, S, x, trial);
      e = relativeError(y, trial, y2);
    }
    if (next !== null && e < err) {
      const gain = (err - e) / err;
      p = next;
      yHat.set(trial);
      err = e;
      ls = null;
      lambda = Math.max(1e-12, lambda / 10);
      if (gain < minImprovement) break;
    } else {
      lambda *= 10;
      if (lambda > 1e6) break;
    }
  }
  const split: SectionSplit = { a: [], b: [], gain: 1 };
  for (let s = 0; s < S; s++) {
    split.a.push([p[5 * s], p[5 * s + 1]]);
    split.b.push([p[5 * s + 2], p[5 * s + 3], p[5 * s + 4]]);
  }
  return { split, outputError: err, startError, iterations: it };
}
