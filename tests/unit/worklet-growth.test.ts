/**
 * Safety of the direct-form processor (issue 11): slowly unstable filters (pole radius just above
 * 1) are caught by the growth detector long before their output reaches the output bound;
 * fast ones by the bound (default 4). Stable filters, even very resonant ones, with steady,
 * rising, falling or stopping input, never fault.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/random/mulberry32.js';
import { createGrowthState, growthQuantum, growthStep } from '../../src/worklet/growth.js';
import { DEFAULT_OUTPUT_LIMIT } from '../../src/worklet/protocol.js';
import { advanceFrame, createProcessor, loadProcessors } from './worklet-shim.js';

beforeAll(loadProcessors);

/** Direct-form a of a resonator with poles r·e^{±jθ}. */
const resonator = (r: number, theta = 0.3) => [-2 * r * Math.cos(theta), r * r];

interface Run {
  faults: string[];
  /** Seconds of audio until the first fault (Infinity if none). */
  faultAt: number;
  /** Largest |output| before the first fault. */
  peakBefore: number;
}

/** Plays `seconds` of input `amp(t)·noise` through a direct order-2 node with coefficients `a`. */
function play(a: number[], seconds: number, amp: (t: number) => number, seed = 1): Run {
  const proc = createProcessor('diffiir-allpole-d2', 1);
  const u = mulberry32(seed);
  const params = { a1: Float32Array.of(a[0]), a2: Float32Array.of(a[1]), gain: Float32Array.of(1) };
  const x = new Float32Array(128);
  const y = new Float32Array(128);
  const n = Math.round((seconds * 48000) / 128);
  let faultAt = Number.POSITIVE_INFINITY;
  let peakBefore = 0;
  for (let q = 0; q < n; q++) {
    for (let t = 0; t < 128; t++) x[t] = amp((q * 128 + t) / 48000) * (2 * u() - 1);
    proc.process([[x]], [[y]], params);
    advanceFrame(128);
    if (proc.port.sent.length > 0 && faultAt === Number.POSITIVE_INFINITY) faultAt = (q * 128) / 48000;
    if (faultAt === Number.POSITIVE_INFINITY)
      for (const v of y) peakBefore = Math.max(peakBefore, Math.abs(v));
  }
  return { faults: proc.port.sent.map((m) => (m as { code: string }).code), faultAt, peakBefore };
}

describe('growth detector: slowly unstable direct-form filters never reach the listener', () => {
  it('the default output bound is 4', () => {
    expect(DEFAULT_OUTPUT_LIMIT).toBe(4);
  });

  for (const [r, within] of [
    [1.095, 0.01],
    [1.0005, 0.5],
    [1.00005, 4],
  ] as const) {
    it(`pole radius ${r}, quiet noise input: fault within ${within} s, output stays below the bound`, () => {
      const res = play(resonator(r), within + 1, () => 1e-4);
      expect(res.faultAt).toBeLessThanOrEqual(within);
      expect(res.peakBefore).toBeLessThan(DEFAULT_OUTPUT_LIMIT);
      if (r < 1.01) {
        // Slow growth: caught by the detector, far below the bound.
        expect(res.faults[0]).toBe('growth');
        expect(res.peakBefore).toBeLessThan(0.5);
      }
    });
  }

  it('pole radius 1.00005 after a single impulse (no further input): growth fault', () => {
    const proc = createProcessor('diffiir-allpole-d2', 1);
    const a = resonator(1.00005);
    const params = { a1: Float32Array.of(a[0]), a2: Float32Array.of(a[1]), gain: Float32Array.of(1) };
    const x = new Float32Array(128);
    x[0] = 1e-3;
    const y = new Float32Array(128);
    let q = 0;
    let peak = 0;
    for (; q < 2000 && proc.port.sent.length === 0; q++) {
      proc.process([[q === 0 ? x : new Float32Array(128)]], [[y]], params);
      for (const v of y) peak = Math.max(peak, Math.abs(v));
    }
    expect(proc.port.sent.map((m) => (m as { code: string }).code)).toEqual(['growth']);
    expect((q * 128) / 48000).toBeLessThan(5);
    expect(peak).toBeLessThan(0.5);
    // After the fault: silence, state reset, the node keeps running.
    proc.process([[new Float32Array(128)]], [[y]], params);
    expect(y.every((v) => v === 0)).toBe(true);
  });
});

describe('growth detector: stable filters never fault', () => {
  const cases: [string, number, (t: number) => number][] = [
    ['steady noise', 0.9995, () => 1e-3],
    ['steady noise, very resonant', 0.99995, () => 1e-4],
    ['steady noise, extremely resonant', 0.99999, () => 1e-5],
    ['crescendo (linear fade-in over 4 s)', 0.9999, (t) => 1e-4 * Math.min(1, t / 4)],
    ['exponential crescendo (+40 dB over 4 s)', 0.9995, (t) => 1e-6 * 10 ** Math.min(2, t / 2)],
    ['fade-out to silence over 3 s', 0.99995, (t) => 1e-4 * Math.max(0, 1 - t / 3)],
    ['bursts and silences', 0.9999, (t) => (Math.floor(t * 2) % 2 === 0 ? 1e-4 : 0)],
  ];
  for (const [what, r, amp] of cases) {
    it(`pole radius ${r}, ${what}: no fault in 6 s`, () => {
      const res = play(resonator(r), 6, amp, 7);
      expect(res.faults).toEqual([]);
      expect(res.peakBefore).toBeGreaterThan(0);
    });
  }
});

describe('growthQuantum (the fused energy pass)', () => {
  it('equals growthStep on separately summed energies: same verdicts, bit-identical state', () => {
    const u = mulberry32(77);
    const a = createGrowthState(2);
    const b = createGrowthState(2);
    let trues = 0;
    for (let q = 0; q < 400; q++) {
      const n = q % 7 === 3 ? 37 : 128;
      // Input steady, output growing geometrically (a slowly unstable filter), then quiet.
      const grow = q < 300 ? 1.02 ** q : 0;
      const x = Float64Array.from({ length: n }, () => 2 * u() - 1);
      const y = Float32Array.from({ length: n }, () => grow * (2 * u() - 1));
      for (let c = 0; c < 2; c++) {
        let ei = 0;
        let eo = 0;
        for (let t = 0; t < n; t++) ei += x[t] * x[t];
        for (let t = 0; t < n; t++) eo += y[t] * y[t];
        const ref = growthStep(a, c, ei, eo, n);
        expect(growthQuantum(b, c, x, y, n)).toBe(ref);
        if (ref) trues++;
      }
      expect(Array.from(b)).toEqual(Array.from(a));
    }
    expect(trues).toBeGreaterThan(0);
  });
});
