import { describe, expect, it } from 'vitest';
import { larToReflection, larToReflectionVjp, reflectionToLar } from '../../src/core/params/lar.js';
import { reflectionToTanh, tanhToReflection, tanhToReflectionVjp } from '../../src/core/params/tanh.js';
import { expectGradientClose, fdVjp, mulberry32 } from './helpers.js';

function fdCheck(
  f: (u: Float64Array) => ArrayLike<number>,
  vjp: (u: Float64Array, g: Float64Array) => ArrayLike<number>,
  u: Float64Array,
  rnd: () => number,
): void {
  const g = Float64Array.from(u, () => rnd() - 0.5);
  expectGradientClose(vjp(u, g), fdVjp(f, u, g), 1e-8);
}

describe('log-area ratios', () => {
  it('follows g = log((1+k)/(1-k)) and inverts exactly', () => {
    const k = [-0.9, -0.3, 0, 0.5, 0.99];
    const g = reflectionToLar(k);
    for (let i = 0; i < k.length; i++) expect(g[i]).toBeCloseTo(Math.log((1 + k[i]) / (1 - k[i])), 12);
    const k2 = larToReflection(g);
    for (let i = 0; i < k.length; i++) expect(Math.abs(k2[i] - k[i])).toBeLessThan(1e-14);
  });
  it('maps any finite g into |k| < 1 (moderate g)', () => {
    const k = larToReflection([-30, -5, 5, 30]);
    for (const v of k) expect(Math.abs(v)).toBeLessThan(1);
  });
  it('vjp matches finite differences', () => {
    const rnd = mulberry32(21);
    const g = Float64Array.from({ length: 12 }, () => 6 * (rnd() - 0.5));
    fdCheck(
      (u) => larToReflection(u),
      (u, gk) => larToReflectionVjp(u, gk),
      g,
      rnd,
    );
  });
  it('works in place', () => {
    const buf = Float64Array.from([0.1, -0.7]);
    const ref = reflectionToLar(buf);
    expect(reflectionToLar(buf, buf)).toBe(buf);
    expect(Array.from(buf)).toEqual(Array.from(ref));
  });
  it('rejects bad input', () => {
    expect(() => reflectionToLar([0.5, 1])).toThrow(/k\[1\]/);
    expect(() => reflectionToLar([])).toThrow(/k must have length/);
    expect(() => larToReflection([Number.NaN])).toThrow(/g\[0\]/);
    expect(() => larToReflectionVjp([1, 2], [1])).toThrow(/gk must have length 2/);
    expect(() => larToReflection([1, 2], new Float64Array(1))).toThrow(/out/);
  });
});

describe('tanh reflection map', () => {
  it('k = limit·tanh(u), inverse, alias', () => {
    const u = [-2, 0, 0.3, 4];
    const k = tanhToReflection(u);
    for (let i = 0; i < u.length; i++) expect(k[i]).toBe(Math.tanh(u[i]));
    const kl = tanhToReflection(u, undefined, 0.5);
    for (let i = 0; i < u.length; i++) expect(kl[i]).toBe(0.5 * Math.tanh(u[i]));
    const u2 = reflectionToTanh(kl, undefined, 0.5);
    for (let i = 0; i < u.length; i++) expect(Math.abs(u2[i] - u[i])).toBeLessThan(1e-13);
    // Strict stability for huge u with limit < 1.
    for (const v of tanhToReflection([100, -100], undefined, 0.9999)) expect(Math.abs(v)).toBeLessThan(1);
  });
  it('vjp matches finite differences (limit 1 and 0.9)', () => {
    const rnd = mulberry32(22);
    const u = Float64Array.from({ length: 10 }, () => 3 * (rnd() - 0.5));
    fdCheck(
      (x) => tanhToReflection(x),
      (x, gk) => tanhToReflectionVjp(x, gk),
      u,
      rnd,
    );
    fdCheck(
      (x) => tanhToReflection(x, undefined, 0.9),
      (x, gk) => tanhToReflectionVjp(x, gk, undefined, 0.9),
      u,
      rnd,
    );
  });
  it('rejects bad input', () => {
    expect(() => tanhToReflection([])).toThrow(/u must have length/);
    expect(() => tanhToReflection([Number.POSITIVE_INFINITY])).toThrow(/u\[0\]/);
    expect(() => tanhToReflection([1], undefined, 1.5)).toThrow(/limit/);
    expect(() => reflectionToTanh([0.5], undefined, 0.4)).toThrow(/k\[0\]/);
    expect(() => tanhToReflectionVjp([1, 2], [1])).toThrow(/gk must have length 2/);
  });
});
