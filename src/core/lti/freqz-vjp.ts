/**
 * Gradient of the complex frequency response with respect to the coefficients.
 *
 * For `L = Σ_i gRe_i·Re H(e^{jw_i}) + gIm_i·Im H(e^{jw_i})` with `H = B/A` (no normalisation by
 * a[0]; H is homogeneous in (b, a) so scipy's convention needs none):
 * `∂H/∂b_k = e^{-jwk}/A`, `∂H/∂a_k = -H·e^{-jwk}/A`, and for a real parameter p
 * `∂L/∂p = Re(conj(G)·∂H/∂p)` with `G = gRe + j·gIm`.
 * Any real loss of the response (magnitude, log-magnitude, …) reaches b and a through this
 * function once its gradient with respect to Re H and Im H is known.
 */
import type { CoefficientGradients, NumericInput } from '../api.js';
import { resolveFrequencies } from './freqz.js';
import { responseAt } from './unit-circle.js';
import { checkFilter, checkLength } from './validate.js';

/** Scratch of responseAt: [Re H, Im H, Re A, Im A, |A|²]. */
const at = new Float64Array(5);

/**
 * Accumulates the gradient into `db`, `da` (not cleared first; no validation, no allocation).
 */
export function accumulateResponseVjp(
  b: NumericInput,
  a: NumericInput,
  w: ArrayLike<number>,
  gRe: ArrayLike<number>,
  gIm: ArrayLike<number>,
  db: Float64Array,
  da: Float64Array,
): void {
  const nb = b.length;
  const na = a.length;
  const nmax = Math.max(nb, na);
  for (let i = 0; i < w.length; i++) {
    const c = Math.cos(w[i]);
    const s = Math.sin(w[i]);
    responseAt(b, a, c, s, at);
    const hr = at[0];
    const hi = at[1];
    const ar = at[2];
    const ai = at[3];
    const d = at[4];
    // Q = conj(G) / A, P = -Q·H.
    const gr = gRe[i];
    const gi = gIm[i];
    const qr = (gr * ar - gi * ai) / d;
    const qi = (-gi * ar - gr * ai) / d;
    const pr = -(qr * hr - qi * hi);
    const pi = -(qr * hi + qi * hr);
    // Re(Q e^{-jwk}) = qr cos(wk) + qi sin(wk); e^{-jwk} is advanced by rotation (k ≤ order).
    let ck = 1;
    let sk = 0;
    for (let k = 0; k < nmax; k++) {
      if (k < nb) db[k] += qr * ck + qi * sk;
      if (k < na) da[k] += pr * ck + pi * sk;
      const t = ck * c - sk * s;
      sk = sk * c + ck * s;
      ck = t;
    }
  }
}

/**
 * Vector-Jacobian product of {@link freqz}: gradients of `L = Σ gRe·Re H + gIm·Im H` with respect
 * to b and a.
 *
 * @param worN same meaning as in freqz (integer N or explicit w in rad/sample).
 * @param gRe dL/d(Re H), @param gIm dL/d(Im H), one value per frequency.
 * @param out optional caller-owned `db` (len b), `da` (len a); overwritten.
 */
export function freqzVjp(
  b: NumericInput,
  a: NumericInput,
  worN: number | NumericInput,
  gRe: NumericInput,
  gIm: NumericInput,
  out?: { db?: Float64Array; da?: Float64Array },
): CoefficientGradients {
  const fn = 'freqzVjp';
  checkFilter(fn, b, a);
  const w = resolveFrequencies(fn, worN);
  checkLength(fn, 'gRe', gRe, w.length);
  checkLength(fn, 'gIm', gIm, w.length);
  const db = out?.db ?? new Float64Array(b.length);
  const da = out?.da ?? new Float64Array(a.length);
  checkLength(fn, 'out.db', db, b.length);
  checkLength(fn, 'out.da', da, a.length);
  db.fill(0);
  da.fill(0);
  accumulateResponseVjp(b, a, w, gRe, gIm, db, da);
  return { db, da };
}
