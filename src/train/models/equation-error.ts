/**
 * Equation-error (least-squares) fit of a pole-zero filter to an input/output pair:
 * minimises Σ_t (A(q)·y[t] − B(q)·x[t])² over b_0..b_nb and a_1..a_na (a_0 = 1). Linear in the
 * coefficients, so one normal-equation solve; exact for noise-free data of a filter of that order.
 * Used to initialise the pole-zero cascade before output-error gradient descent.
 */
import type { NumericInput } from '../../core/api.js';

export interface EquationErrorFit {
  /** Numerator b_0..b_nb. */
  b: Float64Array;
  /** Denominator with leading 1: [1, a_1..a_na]. */
  a: Float64Array;
  /** Σ residual² / Σ y²: 0 for a perfect fit, ≈ 1 when x explains nothing of y. */
  relativeResidual: number;
}

/** Solves G·s = h in place (Gaussian elimination, partial pivoting); returns null if singular. */
function solve(G: Float64Array, h: Float64Array, p: number): Float64Array | null {
  for (let c = 0; c < p; c++) {
    let piv = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(G[r * p + c]) > Math.abs(G[piv * p + c])) piv = r;
    if (!(Math.abs(G[piv * p + c]) > 0)) return null;
    if (piv !== c) {
      for (let k = 0; k < p; k++) {
        const t = G[c * p + k];
        G[c * p + k] = G[piv * p + k];
        G[piv * p + k] = t;
      }
      const t = h[c];
      h[c] = h[piv];
      h[piv] = t;
    }
    for (let r = c + 1; r < p; r++) {
      const f = G[r * p + c] / G[c * p + c];
      if (f === 0) continue;
      for (let k = c; k < p; k++) G[r * p + k] -= f * G[c * p + k];
      h[r] -= f * h[c];
    }
  }
  const s = new Float64Array(p);
  for (let r = p - 1; r >= 0; r--) {
    let v = h[r];
    for (let k = r + 1; k < p; k++) v -= G[r * p + k] * s[k];
    s[r] = v / G[r * p + r];
  }
  return s;
}

/**
 * Least-squares equation-error fit of orders (nb, na) from x to y (same length T > nb + na + 1).
 * A tiny ridge (1e-12 of the mean diagonal) keeps the normal equations solvable.
 * @returns null when the system is singular (e.g. silent input).
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
  const G = new Float64Array(p * p);
  const h = new Float64Array(p);
  const phi = new Float64Array(p);
  const t0 = Math.max(nb, na);
  let yy = 0;
  for (let t = t0; t < T; t++) {
    for (let k = 0; k <= nb; k++) phi[k] = x[t - k];
    for (let k = 1; k <= na; k++) phi[nb + k] = -y[t - k];
    const yt = y[t];
    yy += yt * yt;
    for (let i = 0; i < p; i++) {
      const v = phi[i];
      h[i] += v * yt;
      for (let j = i; j < p; j++) G[i * p + j] += v * phi[j];
    }
  }
  let diag = 0;
  for (let i = 0; i < p; i++) {
    diag += G[i * p + i];
    for (let j = 0; j < i; j++) G[i * p + j] = G[j * p + i];
  }
  const ridge = (1e-12 * diag) / p;
  for (let i = 0; i < p; i++) G[i * p + i] += ridge;
  const hCopy = Float64Array.from(h);
  const Gcopy = Float64Array.from(G);
  const s = solve(G, h, p);
  if (s === null || !s.every(Number.isFinite) || !(yy > 0)) return null;
  // residual = yy − 2 sᵀh + sᵀ G s
  let sh = 0;
  let sGs = 0;
  for (let i = 0; i < p; i++) {
    sh += s[i] * hCopy[i];
    let gi = 0;
    for (let j = 0; j < p; j++) gi += Gcopy[i * p + j] * s[j];
    sGs += s[i] * gi;
  }
  const b = s.slice(0, nb + 1);
  const a = new Float64Array(na + 1);
  a[0] = 1;
  a.set(s.subarray(nb + 1), 1);
  return { b, a, relativeResidual: Math.max(0, yy - 2 * sh + sGs) / yy };
}
