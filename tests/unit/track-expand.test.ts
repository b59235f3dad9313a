import { describe, expect, it } from 'vitest';
import {
  expandReflectionTrack,
  expandReflectionTrackVjp,
  expandTrack,
  expandTrackVjp,
  expandTrackVjpScratchLength,
} from '../../src/core/lpc/expand-track.js';
import { directToReflection, isStable, reflectionToDirect } from '../../src/core/params/reflection.js';
import { expectGradientClose, fdVjp, mulberry32, randomReflection } from './helpers.js';

describe('expandTrack', () => {
  it('equals step-up of K at frame centres and of the interpolated k between them', () => {
    const rnd = mulberry32(51);
    const M = 6;
    const hop = 8;
    const frames = 4;
    const K = randomReflection(rnd, frames * M, 0.95);
    const T = 3 * hop + 5; // runs past the last centre (held)
    const A = expandTrack(K, M, hop, T);
    const Kt = expandReflectionTrack(K, M, hop, T);
    for (let t = 0; t < T; t++) {
      const f = Math.min(Math.floor(t / hop), frames - 1);
      const lam = f === frames - 1 ? 0 : (t - f * hop) / hop;
      const k = new Float64Array(M);
      for (let i = 0; i < M; i++) {
        k[i] = (1 - lam) * K[f * M + i] + (lam > 0 ? lam * K[(f + 1) * M + i] : 0);
        expect(Math.abs(Kt[t * M + i] - k[i])).toBeLessThan(1e-15);
      }
      const a = reflectionToDirect(k);
      for (let i = 0; i < M; i++) expect(Math.abs(A[t * M + i] - a[i])).toBeLessThan(1e-14);
    }
    for (let f = 0; f < frames; f++) {
      const a = reflectionToDirect(K.subarray(f * M, f * M + M));
      for (let i = 0; i < M; i++) expect(A[f * hop * M + i]).toBe(a[i]);
    }
  });
  it('keeps every sample stable, even where direct-form interpolation would not be', () => {
    const rnd = mulberry32(52);
    const M = 16;
    const hop = 32;
    const frames = 12;
    const K = randomReflection(rnd, frames * M, 0.99);
    const T = (frames - 1) * hop + 1;
    const A = expandTrack(K, M, hop, T);
    const scratch = new Float64Array(M);
    for (let t = 0; t < T; t++) {
      const row = A.subarray(t * M, t * M + M);
      expect(isStable(row, scratch)).toBe(true);
      const k = directToReflection(row, undefined, undefined, { onUnstable: 'nan' });
      for (const v of k) expect(Math.abs(v)).toBeLessThan(1);
    }
    // Contrast: the stable set is not convex in direct form (order ≥ 3), so interpolating A can
    // leave it; interpolating K cannot. Find such a pair (seeded) and check the expanded midpoint.
    let found = 0;
    for (let trial = 0; trial < 200 && found < 3; trial++) {
      const K2 = randomReflection(rnd, 2 * 6, 0.99);
      const a1 = reflectionToDirect(K2.subarray(0, 6));
      const a2 = reflectionToDirect(K2.subarray(6, 12));
      const direct = a1.map((v, i) => 0.5 * (v + a2[i]));
      if (isStable(direct)) continue;
      found++;
      const mid = expandTrack(K2, 6, 2, 1, undefined, 1);
      expect(isStable(mid)).toBe(true);
    }
    expect(found).toBe(3);
  });
  it('streams: blocks with t0 concatenate to the whole track', () => {
    const rnd = mulberry32(53);
    const M = 5;
    const K = randomReflection(rnd, 6 * M, 0.9);
    const T = 70;
    const whole = expandTrack(K, M, 13, T);
    const out = new Float64Array(T * M);
    let t0 = 0;
    for (const n of [1, 17, 3, 32, 17]) {
      expandTrack(K, M, 13, n, out.subarray(t0 * M, (t0 + n) * M), t0);
      t0 += n;
    }
    expect(Array.from(out)).toEqual(Array.from(whole));
  });
  it('vjp matches finite differences w.r.t. K (float64)', () => {
    const rnd = mulberry32(54);
    const M = 5;
    const hop = 4;
    const frames = 3;
    const T = 11;
    const K = randomReflection(rnd, frames * M, 0.9);
    const gA = Float64Array.from({ length: T * M }, () => rnd() - 0.5);
    const gK = expandTrackVjp(K, M, hop, T, gA);
    expectGradientClose(
      gK,
      fdVjp((u) => expandTrack(u, M, hop, T), K, gA),
      1e-8,
    );
    // Caller buffers: overwritten (not accumulated), same result.
    const out = new Float64Array(K.length).fill(7);
    const scratch = new Float64Array(expandTrackVjpScratchLength(M));
    expect(expandTrackVjp(K, M, hop, T, gA, out, scratch)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(gK));
  });
  it('reflection-track vjp is the exact adjoint of the interpolation', () => {
    const rnd = mulberry32(55);
    const M = 3;
    const K = randomReflection(rnd, 4 * M, 0.9);
    const V = randomReflection(rnd, 4 * M, 1);
    const T = 40;
    const g = Float64Array.from({ length: T * M }, () => rnd() - 0.5);
    // The interpolation is linear in K, so <g, J v> = <J^T g, v> with J v = expand(V) (affine part zero).
    const Jv = expandReflectionTrack(
      V.map((v) => 0.5 * v),
      M,
      10,
      T,
    );
    const JTg = expandReflectionTrackVjp(K, M, 10, T, g);
    let lhs = 0;
    for (let i = 0; i < Jv.length; i++) lhs += g[i] * Jv[i];
    let rhs = 0;
    for (let i = 0; i < V.length; i++) rhs += 0.5 * V[i] * JTg[i];
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12 * Math.max(1, Math.abs(lhs)));
  });
  it('rejects bad input', () => {
    const K = new Float64Array(6).fill(0.1);
    expect(() => expandTrack(K, 0, 4, 10)).toThrow(/M/);
    expect(() => expandTrack(K, 4, 4, 10)).toThrow(/K must hold/);
    expect(() => expandTrack([0.1, 1], 2, 4, 10)).toThrow(/K\[1\]/);
    expect(() => expandTrack([0.1, Number.NaN], 2, 4, 10)).toThrow(/K\[1\]/);
    expect(() => expandTrack(K, 2, 0, 10)).toThrow(/hop/);
    expect(() => expandTrack(K, 2, 4, -1)).toThrow(/T/);
    expect(() => expandTrack(K, 2, 4, 10, new Float64Array(5))).toThrow(/out/);
    expect(() => expandTrackVjp(K, 2, 4, 10, new Float64Array(19))).toThrow(/gA must have length/);
    expect(() => expandTrackVjp(K, 2, 4, 1, [0, 0], undefined, new Float64Array(2))).toThrow(/scratch/);
    expect(() => expandReflectionTrack(K, 2, 4, 3, undefined, -1)).toThrow(/t0/);
  });
});
