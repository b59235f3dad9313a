import { describe, expect, it } from 'vitest';
import { freqz, magnitudeResponse } from '../../src/core/lti/freqz.js';
import { freqzVjp } from '../../src/core/lti/freqz-vjp.js';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { bump, loadReference, mulberry32, relErr } from './helpers.js';

const ref = loadReference('lfilter.json');

describe('freqz vs scipy.signal.freqz (reference vectors)', () => {
  for (const c of ref.cases) {
    it(`${c.name}: worN = 64 and explicit w both match at 1e-9`, () => {
      const h = freqz(c.b, c.a, 64);
      expect(relErr(h.w, c.freqz_w)).toBeLessThanOrEqual(1e-12);
      expect(relErr(h.re, c.freqz_re)).toBeLessThanOrEqual(1e-9);
      expect(relErr(h.im, c.freqz_im)).toBeLessThanOrEqual(1e-9);
      const h2 = freqz(c.b, c.a, c.freqz_w);
      expect(relErr(h2.re, c.freqz_re)).toBeLessThanOrEqual(1e-9);
      expect(relErr(h2.im, c.freqz_im)).toBeLessThanOrEqual(1e-9);
    });
  }

  it('is the DFT of the impulse response (long FIR check through lfilter)', () => {
    // For a stable filter, H(e^{jw}) = Σ_t h[t] e^{-jwt}; h from lfilter of an impulse.
    const b = [0.5, -0.2, 0.1];
    const a = [2, -1.2, 0.5];
    const T = 400;
    const imp = new Float64Array(T);
    imp[0] = 1;
    const { y: h } = lfilter(b, a, imp);
    const w = [0, 0.3, 1.1, 2.9, Math.PI];
    const r = freqz(b, a, w);
    for (let i = 0; i < w.length; i++) {
      let sr = 0;
      let si = 0;
      for (let t = 0; t < T; t++) {
        sr += h[t] * Math.cos(w[i] * t);
        si -= h[t] * Math.sin(w[i] * t);
      }
      expect(Math.abs(sr - r.re[i])).toBeLessThan(1e-12);
      expect(Math.abs(si - r.im[i])).toBeLessThan(1e-12);
    }
  });
});

describe('magnitudeResponse', () => {
  it('is |H| and arg H, into caller Float32Array outputs', () => {
    const c = ref.cases[1];
    const mag = new Float32Array(64);
    const phase = new Float32Array(64);
    const res = magnitudeResponse(c.b, c.a, c.freqz_w, mag, phase);
    expect(res.mag).toBe(mag);
    expect(res.phase).toBe(phase);
    for (let i = 0; i < 64; i++) {
      const m = Math.hypot(c.freqz_re[i], c.freqz_im[i]);
      expect(Math.abs(mag[i] - m)).toBeLessThan(1e-6 * Math.max(1, m));
      expect(Math.abs(phase[i] - Math.atan2(c.freqz_im[i], c.freqz_re[i]))).toBeLessThan(1e-6);
    }
    const r64 = magnitudeResponse([1, 1], [1], [0, Math.PI / 2]);
    expect(r64.mag[0]).toBeCloseTo(2, 14);
    expect(r64.mag[1]).toBeCloseTo(Math.SQRT2, 14);
    expect(r64.phase[1]).toBeCloseTo(-Math.PI / 4, 14);
  });
});

describe('freqzVjp vs finite differences', () => {
  for (const [nb, na] of [
    [1, 1],
    [3, 2],
    [6, 4],
    [2, 9],
  ]) {
    it(`nb=${nb}, na=${na}`, () => {
      const rand = mulberry32(31 * nb + na);
      const b = Array.from({ length: nb }, () => 2 * rand() - 1);
      // Denominator dominated by a[0] keeps A away from zero on the circle.
      const a = Array.from({ length: na }, (_, k) => (k === 0 ? 2 + rand() : (0.8 * (2 * rand() - 1)) / na));
      const w = Array.from({ length: 37 }, () => Math.PI * rand());
      const gRe = Array.from({ length: 37 }, () => 2 * rand() - 1);
      const gIm = Array.from({ length: 37 }, () => 2 * rand() - 1);
      const loss = (bb: number[], aa: number[]) => {
        const h = freqz(bb, aa, w);
        let s = 0;
        for (let i = 0; i < w.length; i++) s += gRe[i] * h.re[i] + gIm[i] * h.im[i];
        return s;
      };
      const { db, da } = freqzVjp(b, a, w, gRe, gIm);
      const h = 1e-6;
      const fdB = b.map((_, k) => (loss(bump(b, k, h), a) - loss(bump(b, k, -h), a)) / (2 * h));
      const fdA = a.map((_, k) => (loss(b, bump(a, k, h)) - loss(b, bump(a, k, -h))) / (2 * h));
      expect(relErr(db, fdB)).toBeLessThan(1e-7);
      expect(relErr(da, fdA)).toBeLessThan(1e-7);
    });
  }

  it('accepts worN as a count and caller buffers', () => {
    const out = { db: new Float64Array(2), da: new Float64Array(2) };
    const g = new Float64Array(8).fill(1);
    const r = freqzVjp([1, 0.5], [1, -0.5], 8, g, g, out);
    expect(r.db).toBe(out.db);
    const r2 = freqzVjp([1, 0.5], [1, -0.5], freqz([1], [1], 8).w, g, g);
    expect(relErr(r.da, r2.da)).toBe(0);
  });
});

describe('freqz validation', () => {
  it('names the offending argument', () => {
    expect(() => freqz([1], [0, 1], 8)).toThrow(/freqz: a\[0\] must be non-zero/);
    expect(() => freqz([], [1], 8)).toThrow(/freqz: b must not be empty/);
    expect(() => freqz([1], [1, Number.NaN], 8)).toThrow(/a\[1\] must be finite/);
    expect(() => freqz([1], [1], 2.5)).toThrow(/worN must be an integer/);
    expect(() => freqz([1], [1], 0)).toThrow(/worN must be >= 1/);
    expect(() => freqz([1], [1], [0, Number.NaN])).toThrow(/worN\[1\]/);
    expect(() => freqz([1], [1], 4, { re: new Float64Array(3) })).toThrow(/out\.re/);
    expect(() => freqzVjp([1], [1], 4, [1, 1, 1, 1], [1])).toThrow(/gIm must have length 4/);
    expect(() => magnitudeResponse([1], [1], [0, 1], new Float64Array(1))).toThrow(/outMag/);
  });
});
