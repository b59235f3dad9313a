/**
 * Roots of a real polynomial (Aberth–Ehrlich iteration), and the grouping of roots into real
 * second-order factors. Used to split a direct-form fit into cascade sections, to reflect unstable
 * poles, and to draw pole-zero plots (the poles of `A(z) = 1 + Σ a_i z^-i` are the roots of
 * `[1, a_1, …, a_M]`).
 */

/** Complex roots as parallel arrays. */
export interface Roots {
  re: Float64Array;
  im: Float64Array;
}

/**
 * Roots of `c[0] zⁿ + c[1] zⁿ⁻¹ + … + c[n]` (c[0] ≠ 0, n = c.length − 1 ≥ 1), by Aberth–Ehrlich
 * iteration from points on a circle (Cauchy bound radius). Accurate to round-off for well-separated
 * roots; clustered roots converge more slowly (capped at `maxIter`).
 */
export function polynomialRoots(c: ArrayLike<number>, maxIter = 500): Roots {
  const n = c.length - 1;
  if (n < 1) throw new RangeError('polynomialRoots: c must have degree ≥ 1');
  if (c[0] === 0 || !Number.isFinite(c[0]))
    throw new RangeError('polynomialRoots: c[0] must be finite and non-zero');
  const p = Float64Array.from(c, (v) => v / c[0]);
  let bound = 0;
  for (let k = 1; k <= n; k++) bound = Math.max(bound, Math.abs(p[k]) ** (1 / k));
  const radius = Math.max(bound, 1e-3);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n + 0.4;
    re[i] = radius * Math.cos(a);
    im[i] = radius * Math.sin(a);
  }
  for (let it = 0; it < maxIter; it++) {
    let maxStep = 0;
    for (let i = 0; i < n; i++) {
      // Horner for p and p'
      let pr = 1;
      let pi = 0;
      let dr = 0;
      let di = 0;
      const zr = re[i];
      const zi = im[i];
      for (let k = 1; k <= n; k++) {
        const ndr = dr * zr - di * zi + pr;
        const ndi = dr * zi + di * zr + pi;
        dr = ndr;
        di = ndi;
        const npr = pr * zr - pi * zi + p[k];
        const npi = pr * zi + pi * zr;
        pr = npr;
        pi = npi;
      }
      if (pr === 0 && pi === 0) continue;
      // ratio = p/p'
      const dd = dr * dr + di * di;
      if (dd === 0) continue;
      const rr = (pr * dr + pi * di) / dd;
      const ri = (pi * dr - pr * di) / dd;
      let sr = 0;
      let si = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const ur = zr - re[j];
        const ui = zi - im[j];
        const uu = ur * ur + ui * ui;
        if (uu === 0) continue;
        sr += ur / uu;
        si -= ui / uu;
      }
      // w = ratio / (1 - ratio·s)
      const den_r = 1 - (rr * sr - ri * si);
      const den_i = -(rr * si + ri * sr);
      const den = den_r * den_r + den_i * den_i;
      if (den === 0) continue;
      const wr = (rr * den_r + ri * den_i) / den;
      const wi = (ri * den_r - rr * den_i) / den;
      re[i] = zr - wr;
      im[i] = zi - wi;
      maxStep = Math.max(maxStep, Math.hypot(wr, wi) / Math.max(1, Math.hypot(zr, zi)));
    }
    if (maxStep < 1e-15) break;
  }
  return { re, im };
}

/**
 * Groups roots into real quadratic factors `[1, c1, c2]` = (1 − z₁z⁻¹)(1 − z₂z⁻¹): each
 * complex pair (Im > tol) forms one factor; the real roots are sorted and paired; an odd real root
 * left over becomes `[1, −z, 0]`. Returns ⌈n/2⌉ factors, complex pairs first (by angle).
 */
export function quadraticFactors(roots: Roots, tol = 1e-9): number[][] {
  const out: number[][] = [];
  const reals: number[] = [];
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < roots.re.length; i++) {
    const r = roots.re[i];
    const m = roots.im[i];
    if (Math.abs(m) <= tol * Math.max(1, Math.abs(r))) reals.push(r);
    else if (m > 0) pairs.push([r, m]);
  }
  pairs.sort((a, b) => Math.atan2(a[1], a[0]) - Math.atan2(b[1], b[0]));
  for (const [r, m] of pairs) out.push([1, -2 * r, r * r + m * m]);
  reals.sort((a, b) => b - a);
  for (let i = 0; i < reals.length; i += 2) {
    if (i + 1 < reals.length) out.push([1, -(reals[i] + reals[i + 1]), reals[i] * reals[i + 1]]);
    else out.push([1, -reals[i], 0]);
  }
  return out;
}
