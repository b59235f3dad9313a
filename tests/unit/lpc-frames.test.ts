import { describe, expect, it } from 'vitest';
import { hannTrimmed } from '../../src/core/lpc/autocorr.js';
import { lpc } from '../../src/core/lpc/lpc.js';
import { lpcFrames } from '../../src/core/lpc/lpc-frames.js';
import { isStable } from '../../src/core/params/reflection.js';
import { gaussian, mulberry32 } from './helpers.js';

describe('lpcFrames', () => {
  it('centres frame f on sample f·hop with zero padding, and matches single-frame lpc', () => {
    const rnd = mulberry32(41);
    const T = 1000;
    const x = Float64Array.from({ length: T }, () => rnd() - 0.5);
    const N = 256;
    const hop = 128;
    const M = 10;
    const res = lpcFrames(x, M, { frameLength: N, hop });
    expect(res.frames).toBe(1 + Math.ceil((T - 1) / hop));
    expect((res.frames - 1) * hop).toBeGreaterThanOrEqual(T - 1);
    expect(res.A.length).toBe(res.frames * M);
    for (const f of [0, 3, res.frames - 1]) {
      const frame = new Float64Array(N);
      for (let n = 0; n < N; n++) {
        const t = f * hop - N / 2 + n;
        if (t >= 0 && t < T) frame[n] = x[t];
      }
      const ref = lpc(frame, M);
      for (let i = 0; i < M; i++) {
        expect(res.A[f * M + i]).toBe(ref.a[i]);
        expect(res.K[f * M + i]).toBe(ref.k[i]);
      }
      expect(res.error[f]).toBe(ref.error);
      let we = 0;
      for (const v of hannTrimmed(N)) we += v * v;
      expect(res.gain[f]).toBeCloseTo(Math.sqrt(ref.error / we), 14);
      expect(isStable(res.A.subarray(f * M, f * M + M))).toBe(true);
    }
  });
  it('recovers a known AR(2) process and its excitation level', () => {
    const rnd = mulberry32(42);
    const T = 16000;
    const a1 = -1.6;
    const a2 = 0.8;
    const sigma = 0.1;
    const x = new Float64Array(T);
    const normal = gaussian(rnd);
    for (let t = 0; t < T; t++) {
      x[t] = sigma * normal() - a1 * (t >= 1 ? x[t - 1] : 0) - a2 * (t >= 2 ? x[t - 2] : 0);
    }
    const res = lpcFrames(x, 2, { frameLength: 2048, hop: 1024 });
    // Interior frames (fully inside the signal).
    for (let f = 2; f < res.frames - 2; f++) {
      expect(Math.abs(res.A[2 * f] - a1)).toBeLessThan(0.06);
      expect(Math.abs(res.A[2 * f + 1] - a2)).toBeLessThan(0.06);
      expect(Math.abs(res.gain[f] / sigma - 1)).toBeLessThan(0.15);
    }
  });
  it('silent input gives zero coefficients and zero gain; rectangular window option', () => {
    const res = lpcFrames(new Float64Array(300), 4, { frameLength: 64, hop: 100 });
    expect(res.frames).toBe(4);
    expect(res.A.every((v) => v === 0)).toBe(true);
    expect(res.gain.every((v) => v === 0)).toBe(true);
    const rect = lpcFrames([1, 0.5, 0.25, 0.125], 1, { frameLength: 4, hop: 4, window: null });
    // Frame 0 covers x[-2..1] = [0, 0, 1, 0.5]: r0 = 1.25, r1 = 0.5, k = -0.4.
    expect(rect.K[0]).toBeCloseTo(-0.4, 15);
  });
  it('rejects bad input', () => {
    expect(() => lpcFrames([], 2, { frameLength: 4, hop: 2 })).toThrow(/x must not be empty/);
    expect(() => lpcFrames([1, 2], 0, { frameLength: 4, hop: 2 })).toThrow(/M/);
    expect(() => lpcFrames([1, 2], 1, { frameLength: 0, hop: 2 })).toThrow(/frameLength/);
    expect(() => lpcFrames([1, 2], 1, { frameLength: 4, hop: 1.5 })).toThrow(/hop/);
    expect(() => lpcFrames([1, Number.NaN], 1, { frameLength: 4, hop: 2 })).toThrow(/x\[1\]/);
    expect(() => lpcFrames([1, 2], 1, { frameLength: 4, hop: 2, window: [1, 1] })).toThrow(/window/);
  });
});
