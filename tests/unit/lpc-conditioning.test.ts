/** LPC conditioning (lpc/lpc-conditioning.ts): lag window, white noise, bandwidth expansion, |k| bound. */
import { describe, expect, it } from 'vitest';
import { autocorr } from '../../src/core/lpc/autocorr.js';
import { levinson } from '../../src/core/lpc/levinson.js';
import { lpc } from '../../src/core/lpc/lpc.js';
import {
  applyLagWindow,
  quadraticErrorPower,
  SPEECH_K_MARGIN,
  speechLpcConditioning,
} from '../../src/core/lpc/lpc-conditioning.js';
import { lpcFrames } from '../../src/core/lpc/lpc-frames.js';
import { directToReflection, isStable, reflectionToDirect } from '../../src/core/params/reflection.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';

function voiced(T: number, seed = 3): Float64Array {
  const g = gaussian(mulberry32(seed));
  const x = new Float64Array(T);
  let y1 = 0;
  let y2 = 0;
  for (let t = 0; t < T; t++) {
    const e = (t % 400 === 0 ? 1 : 0) + 1e-3 * g();
    const y = e + 1.9 * y1 - 0.95 * y2;
    y2 = y1;
    y1 = y;
    x[t] = y;
  }
  return x;
}

describe('LPC conditioning', () => {
  it('the lag window multiplies r_i by exp(−½(2π·b·i)²)', () => {
    const r = Float64Array.from([4, 3, 2, 1]);
    applyLagWindow(r, 3, 60 / 8000);
    for (let i = 1; i <= 3; i++) {
      const w = Math.exp(-0.5 * ((2 * Math.PI * 60 * i) / 8000) ** 2);
      expect(r[i]).toBeCloseTo((4 - i) * w, 15);
    }
    expect(r[0]).toBe(4);
  });

  it('bandwidth expansion scales a_i by γ^i; the error is the quadratic form of the returned a', () => {
    const frame = voiced(1024).subarray(0, 1024);
    const plain = lpc(frame, 8);
    const gamma = 0.99;
    const exp = lpc(frame, 8, { bandwidthExpansion: gamma });
    for (let i = 0; i < 8; i++) expect(exp.a[i]).toBeCloseTo(plain.a[i] * gamma ** (i + 1), 12);
    const back = reflectionToDirect(exp.k);
    for (let i = 0; i < 8; i++) expect(back[i]).toBeCloseTo(exp.a[i], 12);
    expect(exp.error).toBeCloseTo(quadraticErrorPower(plain.r, exp.a, 8), 12);
    expect(exp.error).toBeGreaterThan(plain.error);
    // for the optimal a the quadratic form equals Levinson's stationary r0 + Σ a_i r_i
    expect(quadraticErrorPower(plain.r, plain.a, 8) / plain.error).toBeCloseTo(1, 8);
  });

  it('DC, a sine and a synthetic vowel at order 32 give |k| ≤ 1 − ε, stable a and finite gains', () => {
    const T = 4800;
    const signals = {
      dc: new Float64Array(T).fill(0.5),
      sine: Float64Array.from({ length: T }, (_, t) => Math.sin(0.05 * t)),
      vowel: voiced(T),
    };
    const c = speechLpcConditioning(48000);
    for (const [name, x] of Object.entries(signals)) {
      const r = lpcFrames(x, 32, { frameLength: 1920, hop: 480, ...c });
      for (let i = 0; i < r.K.length; i++) {
        expect(Math.abs(r.K[i]), `${name} k[${i}]`).toBeLessThanOrEqual(1 - SPEECH_K_MARGIN);
      }
      for (let f = 0; f < r.frames; f++) {
        expect(isStable(r.A.subarray(f * 32, (f + 1) * 32)), `${name} frame ${f}`).toBe(true);
        expect(Number.isFinite(r.gain[f])).toBe(true);
        // A and K describe the same filter
        const k = directToReflection(r.A.subarray(f * 32, (f + 1) * 32));
        for (let i = 0; i < 32; i++) expect(k[i]).toBeCloseTo(r.K[f * 32 + i], 6);
      }
    }
  });

  it('without conditioning options lpcFrames is unchanged (Levinson of the plain autocorrelation)', () => {
    const x = voiced(2000);
    const r = lpcFrames(x, 6, { frameLength: 400, hop: 200, window: null });
    // frame 1 is centred on sample 200: it covers x[0..400)
    const frame = x.slice(0, 400);
    const sol = levinson(autocorr(frame, 6, null), 6);
    expect(Array.from(r.K.subarray(6, 12))).toEqual(Array.from(sol.k));
  });

  it('names bad options', () => {
    const x = voiced(1000);
    expect(() => lpcFrames(x, 4, { frameLength: 100, hop: 50, lagWindow: -1 })).toThrow(/opts.lagWindow/);
    expect(() => lpcFrames(x, 4, { frameLength: 100, hop: 50, bandwidthExpansion: 1.5 })).toThrow(
      /opts.bandwidthExpansion/,
    );
    expect(() => lpc(x.subarray(0, 100), 4, { bandwidthExpansion: 0 })).toThrow(/opts.bandwidthExpansion/);
    expect(() => speechLpcConditioning(0)).toThrow(/sampleRate/);
  });
});
