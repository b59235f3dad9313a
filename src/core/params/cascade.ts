/**
 * Cascade of second-order sections → one direct-form polynomial (polynomial product), + VJP.
 *
 * Sections come either as nested rows (`[[a1, a2], ...]` or `[[c0, c1, c2], ...]`, width taken
 * from the rows) or flat row-major (`Float64Array` of S×width, width passed explicitly, default 2):
 * - width 2: rows `[a1, a2]` of monic `1 + a1 z^-1 + a2 z^-2`; the product `1 + Σ_{i=1..2S} p_i z^-i`
 *   is returned WITHOUT its leading 1 (length 2S), the src/core convention for `a`.
 * - width 3: rows `[c0, c1, c2]` of `c0 + c1 z^-1 + c2 z^-2`; the full product (length 2S+1,
 *   leading coefficient Π c0 included) is returned.
 */
import type { NumericInput, RealArray } from '../api.js';

/** Nested rows or a flat row-major buffer. */
export type SectionsInput = NumericInput | ArrayLike<ArrayLike<number>>;

function flatten(fn: string, sections: SectionsInput, width: number): { flat: NumericInput; width: number } {
  if (sections.length >= 1 && typeof sections[0] !== 'number') {
    const rows = sections as ArrayLike<ArrayLike<number>>;
    const w = rows[0].length;
    if (w !== 2 && w !== 3) throw new RangeError(`${fn}: sections rows must have length 2 or 3 (got ${w})`);
    const flat = new Float64Array(rows.length * w);
    for (let s = 0; s < rows.length; s++) {
      if (rows[s].length !== w) throw new RangeError(`${fn}: sections[${s}] must have length ${w}`);
      for (let l = 0; l < w; l++) flat[s * w + l] = rows[s][l];
    }
    return { flat, width: w };
  }
  return { flat: sections as NumericInput, width };
}

function check(fn: string, flat: NumericInput, width: number): number {
  if (width !== 2 && width !== 3) throw new RangeError(`${fn}: width must be 2 or 3 (got ${width})`);
  const S = flat.length / width;
  if (!Number.isInteger(S) || S < 1) {
    throw new RangeError(`${fn}: sections must hold S >= 1 rows of ${width} (got length ${flat.length})`);
  }
  for (let i = 0; i < flat.length; i++) {
    if (!Number.isFinite(flat[i])) throw new RangeError(`${fn}: sections[${i}] must be finite`);
  }
  return S;
}

/**
 * Product of the sections (see module doc for layouts). `out` (length ≥ 2S for width 2,
 * ≥ 2S+1 for width 3) makes a flat-input call allocation-free; `out` must not alias `sections`.
 * O(S²).
 * @throws RangeError naming `sections` (empty, ragged, non-finite, length not a multiple of
 * width), `width` or `out`.
 */
export function cascadeToDirect(sections: SectionsInput, out?: RealArray, width = 2): RealArray {
  const fl = flatten('cascadeToDirect', sections, width);
  const S = check('cascadeToDirect', fl.flat, fl.width);
  const w = fl.width;
  const flat = fl.flat;
  const n = w === 2 ? 2 * S : 2 * S + 1;
  const p = out ?? new Float64Array(n);
  if (p.length < n) throw new RangeError(`cascadeToDirect: out must have length >= ${n}`);
  if (w === 2) {
    // p_j stored at p[j-1], p_0 = 1 implicit.
    for (let s = 0; s < S; s++) {
      const a1 = flat[2 * s];
      const a2 = flat[2 * s + 1];
      const d = 2 * s; // current degree
      for (let j = d + 2; j >= 1; j--) {
        const pj = j <= d ? p[j - 1] : 0;
        const pj1 = j - 1 === 0 ? 1 : j - 1 <= d ? p[j - 2] : 0;
        const pj2 = j - 2 === 0 ? 1 : j - 2 >= 1 && j - 2 <= d ? p[j - 3] : 0;
        p[j - 1] = pj + a1 * pj1 + a2 * pj2;
      }
    }
  } else {
    p[0] = 1;
    for (let s = 0; s < S; s++) {
      const c0 = flat[3 * s];
      const c1 = flat[3 * s + 1];
      const c2 = flat[3 * s + 2];
      const d = 2 * s;
      for (let j = d + 2; j >= 0; j--) {
        const pj = j <= d ? p[j] : 0;
        const pj1 = j >= 1 && j - 1 <= d ? p[j - 1] : 0;
        const pj2 = j >= 2 ? p[j - 2] : 0;
        p[j] = c0 * pj + c1 * pj1 + c2 * pj2;
      }
    }
  }
  return p;
}

/** Scratch length needed by {@link cascadeToDirectVjp} for S sections: `S² + 2S + 1`. */
export function cascadeToDirectVjpScratchLength(S: number): number {
  return S * S + 2 * S + 1;
}

/**
 * VJP of {@link cascadeToDirect}: `gp = ∂L/∂p` (same length as the forward output) →
 * `∂L/∂sections`, flat S×width row-major in `out` (same layout as a flat `sections`). Reverse
 * mode through the running product `P_{s+1} = P_s · S_s`:
 * `∂L/∂c_{s,l} = Σ_j g_{j+l} (P_s)_j`, `g ← correlate(g, S_s)`. The prefix products are kept in
 * `scratch` (length ≥ S² + 2S + 1, see {@link cascadeToDirectVjpScratchLength}); with flat
 * sections, `out` and `scratch` nothing is allocated. O(S²).
 * @throws RangeError naming `sections`, `gp` (wrong length / non-finite), `width`, `out`, `scratch`.
 */
export function cascadeToDirectVjp(
  sections: SectionsInput,
  gp: NumericInput,
  out?: RealArray,
  scratch?: Float64Array,
  width = 2,
): RealArray {
  const fn = 'cascadeToDirectVjp';
  const fl = flatten(fn, sections, width);
  const S = check(fn, fl.flat, fl.width);
  const w = fl.width;
  const flat = fl.flat;
  const n = w === 2 ? 2 * S : 2 * S + 1;
  if (gp.length !== n) throw new RangeError(`${fn}: gp must have length ${n} (got ${gp.length})`);
  for (let i = 0; i < n; i++)
    if (!Number.isFinite(gp[i])) throw new RangeError(`${fn}: gp[${i}] must be finite`);
  const gs = out ?? new Float64Array(S * w);
  if (gs.length < S * w) throw new RangeError(`${fn}: out must have length >= ${S * w}`);
  const need = cascadeToDirectVjpScratchLength(S);
  const P = scratch ?? new Float64Array(need);
  if (P.length < need) throw new RangeError(`${fn}: scratch must have length >= ${need}`);
  // Prefix products P_s (degree 2s, full with leading coefficient) at offset s².
  P[0] = 1;
  for (let s = 0; s + 1 < S; s++) {
    const src = s * s;
    const dst = (s + 1) * (s + 1);
    const c0 = w === 2 ? 1 : flat[3 * s];
    const c1 = flat[w * s + w - 2];
    const c2 = flat[w * s + w - 1];
    const d = 2 * s;
    for (let j = 0; j <= d + 2; j++) {
      const pj = j <= d ? P[src + j] : 0;
      const pj1 = j >= 1 && j - 1 <= d ? P[src + j - 1] : 0;
      const pj2 = j >= 2 ? P[src + j - 2] : 0;
      P[dst + j] = c0 * pj + c1 * pj1 + c2 * pj2;
    }
  }
  // Gradient work row g (full, length 2S+1) after the prefixes.
  const g0 = S * S;
  if (w === 2) {
    P[g0] = 0;
    for (let j = 1; j <= 2 * S; j++) P[g0 + j] = gp[j - 1];
  } else {
    for (let j = 0; j <= 2 * S; j++) P[g0 + j] = gp[j];
  }
  for (let s = S - 1; s >= 0; s--) {
    const base = s * s;
    const d = 2 * s;
    const c0 = w === 2 ? 1 : flat[3 * s];
    const c1 = flat[w * s + w - 2];
    const c2 = flat[w * s + w - 1];
    let gc0 = 0;
    let gc1 = 0;
    let gc2 = 0;
    for (let j = 0; j <= d; j++) {
      const pj = P[base + j];
      gc0 += P[g0 + j] * pj;
      gc1 += P[g0 + j + 1] * pj;
      gc2 += P[g0 + j + 2] * pj;
    }
    if (w === 3) gs[3 * s] = gc0;
    gs[w * s + w - 2] = gc1;
    gs[w * s + w - 1] = gc2;
    for (let j = 0; j <= d; j++) P[g0 + j] = c0 * P[g0 + j] + c1 * P[g0 + j + 1] + c2 * P[g0 + j + 2];
  }
  return gs;
}
