import { describe, expect, it } from 'vitest';
import { cascadeToDirectVjpScratchLength } from '../../src/core/params/cascade.js';
import { directToReflection, isStable } from '../../src/core/params/reflection.js';
import {
  cascadeToDirect,
  cascadeToDirectVjp,
  logitFromRadius,
  radiusFromLogit,
  radiusFromLogitVjp,
  sectionFromPole,
  sectionFromPoleVjp,
  sectionsFromPoles,
  sectionsFromPolesVjp,
} from '../../src/core/params/sos.js';
import { expectGradientClose, fdVjp, mulberry32, uniformArray } from './helpers.js';

/** Naive full polynomial product (independent of the implementation under test). */
function polyMul(p: number[], q: number[]): number[] {
  const r = new Array(p.length + q.length - 1).fill(0);
  for (let i = 0; i < p.length; i++) for (let j = 0; j < q.length; j++) r[i + j] += p[i] * q[j];
  return r;
}

/** Evaluates 1 + Σ a_i z^-i at the complex point z = ρ e^{iφ}; returns |A(z)|. */
function absAt(a: ArrayLike<number>, rho: number, phi: number): number {
  let re = 1;
  let im = 0;
  for (let i = 1; i <= a.length; i++) {
    const m = rho ** -i;
    re += a[i - 1] * m * Math.cos(-i * phi);
    im += a[i - 1] * m * Math.sin(-i * phi);
  }
  return Math.hypot(re, im);
}

describe('sectionFromPole', () => {
  it('gives [-2 r cos θ, r²] whose roots are r e^{±iθ}', () => {
    const s = sectionFromPole(0.9, 0.7);
    expect(s[0]).toBeCloseTo(-1.8 * Math.cos(0.7), 15);
    expect(s[1]).toBeCloseTo(0.81, 15);
    expect(absAt(s, 0.9, 0.7)).toBeLessThan(1e-14);
    expect(absAt(s, 0.9, -0.7)).toBeLessThan(1e-14);
  });
  it('vjp matches finite differences (scalar and vectorised)', () => {
    const rnd = mulberry32(31);
    for (let t = 0; t < 5; t++) {
      const r = rnd();
      const th = 3 * rnd();
      const ga = [rnd() - 0.5, rnd() - 0.5];
      const g = sectionFromPoleVjp(r, th, ga);
      const h = 1e-6;
      const f = (rr: number, tt: number) => {
        const s = sectionFromPole(rr, tt);
        return ga[0] * s[0] + ga[1] * s[1];
      };
      expect(Math.abs(g[0] - (f(r + h, th) - f(r - h, th)) / (2 * h))).toBeLessThan(1e-9);
      expect(Math.abs(g[1] - (f(r, th + h) - f(r, th - h)) / (2 * h))).toBeLessThan(1e-9);
    }
    const r = [0.5, 0.9, 0.3];
    const th = [0.1, 1.5, 3];
    const gs = [0.3, -0.2, 0.1, 0.7, -0.4, 0.25];
    const vg = sectionsFromPolesVjp(r, th, gs);
    const s = sectionsFromPoles(r, th);
    for (let i = 0; i < 3; i++) {
      const gi = sectionFromPoleVjp(r[i], th[i], [gs[2 * i], gs[2 * i + 1]]);
      expect(vg.r[i]).toBe(gi[0]);
      expect(vg.theta[i]).toBe(gi[1]);
      expect(Array.from(s.subarray(2 * i, 2 * i + 2))).toEqual(Array.from(sectionFromPole(r[i], th[i])));
    }
  });
  it('rejects bad input', () => {
    expect(() => sectionFromPole(Number.NaN, 0)).toThrow(/r must be finite/);
    expect(() => sectionFromPole(0.5, 0, new Float64Array(1))).toThrow(/out/);
    expect(() => sectionFromPoleVjp(0.5, 0, [1])).toThrow(/ga must have length 2/);
    expect(() => sectionsFromPoles([0.5], [0, 1])).toThrow(/theta must have length 1/);
    expect(() => sectionsFromPoles([], [])).toThrow(/r must have length/);
  });
});

describe('radiusFromLogit', () => {
  it('maps into (0, rmax), inverts, vjp matches finite differences', () => {
    for (const rho of [-40, -3, 0, 2.5, 30]) {
      const r = radiusFromLogit(rho, 0.99);
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThan(0.99);
      if (Math.abs(rho) < 20) expect(logitFromRadius(r, 0.99)).toBeCloseTo(rho, 10);
      const h = 1e-6;
      const fd = (radiusFromLogit(rho + h, 0.99) - radiusFromLogit(rho - h, 0.99)) / (2 * h);
      expect(Math.abs(radiusFromLogitVjp(rho, 1.7, 0.99) - 1.7 * fd)).toBeLessThan(1e-9);
    }
    expect(radiusFromLogit(0)).toBe(0.5);
  });
  it('rejects bad input', () => {
    expect(() => radiusFromLogit(Number.NaN)).toThrow(/rho/);
    expect(() => radiusFromLogit(0, 1.5)).toThrow(/rmax/);
    expect(() => logitFromRadius(1, 1)).toThrow(/r must satisfy/);
  });
});

describe('cascadeToDirect', () => {
  it('equals the naive product; nested rows, flat width 2 and width 3 agree', () => {
    const rnd = mulberry32(32);
    for (const S of [1, 2, 3, 6]) {
      const rows = Array.from({ length: S }, () => [2 * rnd() - 1, 2 * rnd() - 1]);
      let full = [1];
      for (const [a1, a2] of rows) full = polyMul(full, [1, a1, a2]);
      const nested = cascadeToDirect(rows);
      const flat = cascadeToDirect(Float64Array.from(rows.flat()));
      expect(nested.length).toBe(2 * S);
      for (let i = 0; i < 2 * S; i++) {
        expect(Math.abs(nested[i] - full[i + 1])).toBeLessThan(1e-14);
        expect(flat[i]).toBe(nested[i]);
      }
      const rows3 = rows.map(([a1, a2]) => [0.5 + rnd(), a1, a2]);
      let full3 = [1];
      for (const r of rows3) full3 = polyMul(full3, r);
      const w3 = cascadeToDirect(Float64Array.from(rows3.flat()), undefined, 3);
      expect(w3.length).toBe(2 * S + 1);
      for (let i = 0; i <= 2 * S; i++) expect(Math.abs(w3[i] - full3[i])).toBeLessThan(1e-14);
      expect(Array.from(cascadeToDirect(rows3))).toEqual(Array.from(w3));
    }
  });
  it('sections from poles inside the unit circle give a stable product, one outside does not', () => {
    const inside = cascadeToDirect([
      sectionFromPole(0.99, 0.2),
      sectionFromPole(0.7, 2.1),
      sectionFromPole(0.95, 1),
    ]);
    expect(isStable(inside)).toBe(true);
    for (const k of directToReflection(inside)) expect(Math.abs(k)).toBeLessThan(1);
    expect(absAt(inside, 0.7, 2.1)).toBeLessThan(1e-12);
    const outside = cascadeToDirect([sectionFromPole(0.5, 0.2), sectionFromPole(1.02, 2.1)]);
    expect(isStable(outside)).toBe(false);
  });
  it('vjp matches finite differences (width 2 and 3) and is allocation-free with buffers', () => {
    const rnd = mulberry32(33);
    for (const width of [2, 3]) {
      for (const S of [1, 2, 4]) {
        const sec = uniformArray(rnd, S * width);
        const n = width === 2 ? 2 * S : 2 * S + 1;
        const gp = Float64Array.from({ length: n }, () => rnd() - 0.5);
        const gs = cascadeToDirectVjp(sec, gp, undefined, undefined, width);
        expectGradientClose(
          gs,
          fdVjp((u) => cascadeToDirect(u, undefined, width), sec, gp),
          1e-8,
        );
        const out = new Float64Array(S * width);
        const scratch = new Float64Array(cascadeToDirectVjpScratchLength(S));
        expect(cascadeToDirectVjp(sec, gp, out, scratch, width)).toBe(out);
        expect(Array.from(out)).toEqual(Array.from(gs));
      }
    }
  });
  it('rejects bad input', () => {
    expect(() => cascadeToDirect([])).toThrow(/sections must hold/);
    expect(() => cascadeToDirect([0.1, 0.2, 0.3])).toThrow(/sections must hold/);
    expect(() => cascadeToDirect([[0.1, 0.2], [0.3]])).toThrow(/sections\[1\] must have length 2/);
    expect(() => cascadeToDirect([[0.1, 0.2, 0.3, 0.4]])).toThrow(/rows must have length 2 or 3/);
    expect(() => cascadeToDirect([0.1, Number.NaN])).toThrow(/sections\[1\]/);
    expect(() => cascadeToDirect([0.1, 0.2], undefined, 4)).toThrow(/width/);
    expect(() => cascadeToDirect([0.1, 0.2], new Float64Array(1))).toThrow(/out/);
    expect(() => cascadeToDirectVjp([0.1, 0.2], [1])).toThrow(/gp must have length 2/);
    expect(() => cascadeToDirectVjp([0.1, 0.2], [1, 1], undefined, new Float64Array(2))).toThrow(/scratch/);
  });
});
