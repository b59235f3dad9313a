/**
 * Splitting a direct-form pole-zero fit B(z)/A(z) into second-order sections: poles and zeros are
 * grouped into real quadratic factors (complex-conjugate pairs, or two real roots), and each pole
 * section takes the zero factor nearest to its poles (scipy's zpk2sos 'nearest' idea), starting from
 * the poles closest to the unit circle, so that every section is a well-scaled near-cancellation
 * pair. Numerator zeros at z⁻¹ → ∞ (a leading delay, b_0 = 0) become the factor z⁻¹.
 */
import { polynomialRoots, type Roots } from '../../core/params/polynomial-roots.js';

/** Sections of a pole-zero fit: `H(z) = gain · Π_s (b_s0 + b_s1 z⁻¹ + b_s2 z⁻²) / (1 + a_s1 z⁻¹ + a_s2 z⁻²)`. */
export interface SectionSplit {
  /** S rows [a1, a2]. */
  a: number[][];
  /** S rows [b0, b1, b2] (monic in the first non-zero coefficient, except for the gain). */
  b: number[][];
  gain: number;
}

/** A real quadratic (or linear) factor and the root that represents it (Im ≥ 0). */
export interface Factor {
  poly: [number, number, number];
  re: number;
  im: number;
}

/** Groups roots into real factors [1, c1, c2]; `delays` factors z⁻¹ are appended ([0, 1, 0] / [0, 0, 1]). */
export function groupRoots(roots: Roots, delays: number, tol = 1e-9): Factor[] {
  const out: Factor[] = [];
  const reals: number[] = [];
  for (let i = 0; i < roots.re.length; i++) {
    const r = roots.re[i];
    const m = roots.im[i];
    if (Math.abs(m) <= tol * Math.max(1, Math.abs(r))) reals.push(r);
    else if (m > 0) out.push({ poly: [1, -2 * r, r * r + m * m], re: r, im: m });
  }
  reals.sort((p, q) => Math.abs(q) - Math.abs(p));
  let i = 0;
  for (; i + 1 < reals.length; i += 2) {
    const [p, q] = [reals[i], reals[i + 1]];
    out.push({ poly: [1, -(p + q), p * q], re: p, im: 0 });
  }
  let d = delays;
  if (i < reals.length) {
    const p = reals[i];
    if (d > 0) {
      d--;
      out.push({ poly: [0, 1, -p], re: p, im: 0 }); // (1 − p z⁻¹)·z⁻¹
    } else out.push({ poly: [1, -p, 0], re: p, im: 0 });
  }
  for (; d >= 2; d -= 2) out.push({ poly: [0, 0, 1], re: Number.POSITIVE_INFINITY, im: 0 });
  if (d === 1) out.push({ poly: [0, 1, 0], re: Number.POSITIVE_INFINITY, im: 0 });
  return out;
}

/**
 * Splits `b` (length ≤ 2S + 1) over a stable monic `a` (length ≤ 2S + 1, roots `poles` when already
 * known) into S sections. Returns null when the roots are not finite.
 */
export function splitSections(
  b: ArrayLike<number>,
  a: ArrayLike<number>,
  S: number,
  poles?: Roots,
): SectionSplit | null {
  const pr =
    poles ?? (a.length > 1 ? polynomialRoots(a) : { re: new Float64Array(0), im: new Float64Array(0) });
  let bmax = 0;
  for (let k = 0; k < b.length; k++) bmax = Math.max(bmax, Math.abs(b[k]));
  if (!(bmax > 0) || !Number.isFinite(bmax)) return null;
  let k0 = 0;
  while (k0 < b.length - 1 && Math.abs(b[k0]) <= 1e-14 * bmax) k0++;
  let kn = b.length - 1;
  while (kn > k0 && b[kn] === 0) kn--;
  const trimmed = Array.from({ length: kn - k0 + 1 }, (_, k) => b[k0 + k]);
  const zr =
    trimmed.length > 1 ? polynomialRoots(trimmed) : { re: new Float64Array(0), im: new Float64Array(0) };
  for (let i = 0; i < zr.re.length; i++)
    if (!Number.isFinite(zr.re[i]) || !Number.isFinite(zr.im[i])) return null;
  return splitRoots(pr, zr, k0, trimmed[0], S);
}

/**
 * Sections of `gain · z^−delays · Π (1 − ζ_j z⁻¹) / Π (1 − p_i z⁻¹)` from its pole roots p (inside
 * the unit circle) and zero roots ζ (both conjugate-closed): each pole factor, closest to the unit
 * circle first, takes the nearest unused zero factor. Returns null when either needs more than S
 * factors.
 */
export function splitRoots(
  poles: Roots,
  zeros: Roots,
  delays: number,
  gain: number,
  S: number,
): SectionSplit | null {
  const den = groupRoots(poles, 0);
  const num = groupRoots(zeros, delays);
  if (den.length > S || num.length > S) return null;
  // poles closest to the unit circle first; each takes the nearest unused zero factor
  den.sort((p, q) => Math.hypot(q.re, q.im) - Math.hypot(p.re, p.im));
  const used = new Array(num.length).fill(false);
  const sections = { a: [] as number[][], b: [] as number[][], gain };
  for (let s = 0; s < S; s++) {
    const d = den[s];
    let pick = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let j = 0; j < num.length; j++) {
      if (used[j]) continue;
      const dist = d === undefined ? 0 : Math.hypot(num[j].re - d.re, num[j].im - d.im);
      if (pick < 0 || dist < best) {
        pick = j;
        best = dist;
      }
    }
    if (pick >= 0) used[pick] = true;
    sections.a.push(d === undefined ? [0, 0] : [d.poly[1], d.poly[2]]);
    sections.b.push(pick >= 0 ? [...num[pick].poly] : [1, 0, 0]);
  }
  return sections;
}
