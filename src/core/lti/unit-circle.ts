/**
 * `H(e^{jw}) = B(e^{jw}) / A(e^{jw})` at one frequency, shared by the frequency response and its
 * gradient: both polynomials by complex Horner recursion in `z^{-1} = cos w − j sin w`.
 */
import type { NumericInput, RealArray } from '../api.js';

/**
 * Evaluates `B/A` at `z = e^{jw}` given `c = cos w`, `s = sin w` (b, a non-empty; no validation,
 * no allocation). Writes into `out` (length ≥ 5): `[Re H, Im H, Re A, Im A, |A|²]`.
 * `|A|² = 0` gives ±Infinity/NaN in H, like scipy.
 */
export function responseAt(b: NumericInput, a: NumericInput, c: number, s: number, out: RealArray): void {
  const nb = b.length;
  const na = a.length;
  let br = b[nb - 1];
  let bi = 0;
  for (let k = nb - 2; k >= 0; k--) {
    const r = br * c + bi * s + b[k];
    bi = bi * c - br * s;
    br = r;
  }
  let ar = a[na - 1];
  let ai = 0;
  for (let k = na - 2; k >= 0; k--) {
    const r = ar * c + ai * s + a[k];
    ai = ai * c - ar * s;
    ar = r;
  }
  const d = ar * ar + ai * ai;
  out[0] = (br * ar + bi * ai) / d;
  out[1] = (bi * ar - br * ai) / d;
  out[2] = ar;
  out[3] = ai;
  out[4] = d;
}
