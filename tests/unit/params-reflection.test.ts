import { describe, expect, it } from 'vitest';
import {
  directToReflection,
  isStable,
  reflectionToDirect,
  reflectionToDirectVjp,
  reflectionToDirectVjpScratchLength,
} from '../../src/core/params/reflection.js';
import { expectGradientClose, fdVjp, mulberry32, randomReflection } from './helpers.js';

/** Polynomial 1 + Σ a_i z^-i from its roots (complex pairs given as r·e^{±iθ}). */
function polyFromPoles(poles: [number, number][]): Float64Array {
  let p = [1];
  for (const [r, th] of poles) {
    const s = [1, -2 * r * Math.cos(th), r * r];
    const q = new Array(p.length + 2).fill(0);
    for (let i = 0; i < p.length; i++) for (let j = 0; j < 3; j++) q[i + j] += p[i] * s[j];
    p = q;
  }
  return Float64Array.from(p.slice(1));
}

describe('reflectionToDirect (step-up)', () => {
  it('matches the recursion a^(m) = [a^(m-1) + k_m reverse(a^(m-1)), k_m] on a small case', () => {
    const k = [0.5, -0.25, 0.1];
    // m=1: [0.5]; m=2: [0.5 - 0.25*0.5, -0.25] = [0.375, -0.25];
    // m=3: [0.375 + 0.1*(-0.25), -0.25 + 0.1*0.375, 0.1] = [0.35, -0.2125, 0.1]
    const a = reflectionToDirect(k);
    expect(a[0]).toBeCloseTo(0.35, 15);
    expect(a[1]).toBeCloseTo(-0.2125, 15);
    expect(a[2]).toBeCloseTo(0.1, 15);
  });
  it('converts in place when out aliases k', () => {
    const rnd = mulberry32(1);
    const k = randomReflection(rnd, 9, 0.95);
    const ref = reflectionToDirect(k);
    const buf = Float64Array.from(k);
    expect(reflectionToDirect(buf, buf)).toBe(buf);
    expect(Array.from(buf)).toEqual(Array.from(ref));
  });
  it('rejects bad input', () => {
    expect(() => reflectionToDirect([])).toThrow(/k must have length/);
    expect(() => reflectionToDirect([0.1, Number.NaN])).toThrow(/k\[1\]/);
    expect(() => reflectionToDirect([0.1, 0.2], new Float64Array(1))).toThrow(/out/);
  });
});

describe('directToReflection (step-down)', () => {
  it('round-trips random stable k for orders 1..48 (k → a → k, |k| ≤ 0.5: well conditioned)', () => {
    const rnd = mulberry32(2);
    for (let M = 1; M <= 48; M++) {
      const k = randomReflection(rnd, M, 0.5);
      const a = reflectionToDirect(k);
      const k2 = directToReflection(a);
      let err = 0;
      for (let i = 0; i < M; i++) err = Math.max(err, Math.abs(k2[i] - k[i]));
      expect(err).toBeLessThan(1e-9);
      expect(isStable(a)).toBe(true);
      // In place, aliasing a.
      const buf = Float64Array.from(a);
      directToReflection(buf, buf);
      expect(Array.from(buf)).toEqual(Array.from(k2));
    }
  });
  it('is backward stable for |k| ≤ 0.9 up to order 48 (a → k → a)', () => {
    // k(a) is ill-conditioned near |k| = 1 (errors grow like Π 1/(1-k²)), so the honest
    // float64 check for large |k| is that the recovered k reproduce a.
    const rnd = mulberry32(12);
    for (let M = 1; M <= 48; M++) {
      const a = reflectionToDirect(randomReflection(rnd, M, 0.9));
      const k2 = directToReflection(a);
      for (const v of k2) expect(Math.abs(v)).toBeLessThan(1);
      const a2 = reflectionToDirect(k2);
      let err = 0;
      let scale = 1;
      for (let i = 0; i < M; i++) {
        err = Math.max(err, Math.abs(a2[i] - a[i]));
        scale = Math.max(scale, Math.abs(a[i]));
      }
      expect(err).toBeLessThan(1e-12 * scale);
    }
  });
  it('agrees with the roots: poles inside ⇔ all |k| < 1', () => {
    const inside = polyFromPoles([
      [0.99, 0.1],
      [0.5, 2],
      [0.9, 1.2],
    ]);
    expect(isStable(inside)).toBe(true);
    const k = directToReflection(inside);
    for (const v of k) expect(Math.abs(v)).toBeLessThan(1);
    expect(Array.from(reflectionToDirect(k)).map((v, i) => Math.abs(v - inside[i]) < 1e-12)).not.toContain(
      false,
    );
    const outside = polyFromPoles([
      [0.5, 0.1],
      [1.01, 2],
    ]);
    expect(isStable(outside)).toBe(false);
    expect(() => directToReflection(outside)).toThrow(/directToReflection: a is not minimum phase/);
    const nan = directToReflection(outside, undefined, undefined, { onUnstable: 'nan' });
    expect(nan.some((v) => Number.isNaN(v))).toBe(true);
    // A root exactly on the unit circle is not stable.
    expect(isStable(polyFromPoles([[1, 0.7]]))).toBe(false);
    expect(isStable([1.5])).toBe(false);
    expect(isStable([Number.NaN])).toBe(false);
  });
  it('rejects bad input', () => {
    expect(() => directToReflection([])).toThrow(/a must have length/);
    expect(() => directToReflection([0.1, Number.POSITIVE_INFINITY])).toThrow(/a\[1\]/);
    expect(() => directToReflection([0.1, 0.2], new Float64Array(1))).toThrow(/out/);
    expect(() => isStable([])).toThrow(/a must have length/);
  });
});

describe('reflectionToDirectVjp', () => {
  it('matches central finite differences (float64, orders 1..20)', () => {
    const rnd = mulberry32(3);
    for (const M of [1, 2, 3, 5, 8, 13, 20]) {
      const k = randomReflection(rnd, M, 0.95);
      const ga = Float64Array.from({ length: M }, () => rnd() - 0.5);
      const gk = reflectionToDirectVjp(k, ga);
      expectGradientClose(
        gk,
        fdVjp((u) => reflectionToDirect(u), k, ga),
        1e-7,
      );
    }
  });
  it('satisfies the adjoint identity <ga, J v> = <J^T ga, v> with exact JVP by complex-step-free dual numbers', () => {
    // Forward-mode tangent of the step-up, computed independently.
    const rnd = mulberry32(4);
    const M = 24;
    const k = randomReflection(rnd, M, 0.95);
    const v = Float64Array.from({ length: M }, () => rnd() - 0.5);
    const ga = Float64Array.from({ length: M }, () => rnd() - 0.5);
    let a: number[] = [];
    let da: number[] = [];
    for (let m = 1; m <= M; m++) {
      const km = k[m - 1];
      const dk = v[m - 1];
      const na = a.map((ai, i) => ai + km * a[m - 2 - i]);
      const nda = da.map((di, i) => di + dk * a[m - 2 - i] + km * da[m - 2 - i]);
      a = [...na, km];
      da = [...nda, dk];
    }
    const gk = reflectionToDirectVjp(k, ga);
    let lhs = 0;
    let rhs = 0;
    for (let i = 0; i < M; i++) {
      lhs += ga[i] * da[i];
      rhs += gk[i] * v[i];
    }
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12 * Math.max(1, Math.abs(lhs)));
  });
  it('is allocation-free with caller buffers and may alias ga', () => {
    const rnd = mulberry32(5);
    const M = 7;
    const k = randomReflection(rnd, M, 0.95);
    const ga = Float64Array.from({ length: M }, () => rnd() - 0.5);
    const ref = reflectionToDirectVjp(k, ga);
    const scratch = new Float64Array(reflectionToDirectVjpScratchLength(M));
    const buf = Float64Array.from(ga);
    expect(reflectionToDirectVjp(k, buf, buf, scratch)).toBe(buf);
    expect(Array.from(buf)).toEqual(Array.from(ref));
  });
  it('rejects bad input', () => {
    expect(() => reflectionToDirectVjp([], [])).toThrow(/k must have length/);
    expect(() => reflectionToDirectVjp([0.1, 0.2], [1])).toThrow(/ga must have length 2/);
    expect(() => reflectionToDirectVjp([0.1], [Number.NaN])).toThrow(/ga\[0\]/);
    const k = Float64Array.from([0.1, 0.2]);
    expect(() => reflectionToDirectVjp(k, [1, 1], k)).toThrow(/alias/);
    expect(() => reflectionToDirectVjp([0.1, 0.2], [1, 1], undefined, new Float64Array(2))).toThrow(
      /scratch/,
    );
  });
});
