/**
 * Coefficient scheduling helpers against recording fake AudioParams: the events issued, and the
 * direct-domain curves being step-ups of reflection coefficients interpolated linearly.
 */
import { describe, expect, it } from 'vitest';
import { directToReflection, reflectionToDirect } from '../../src/core/params/reflection.js';
import {
  type AudioParamLike,
  type CoefficientTarget,
  rampCoefficients,
  scheduleTrack,
  setCoefficients,
} from '../../src/host/controls.js';
import type { AllPoleDomain } from '../../src/worklet/protocol.js';

type Call = [string, ...unknown[]];

/** A CoefficientTarget over fake params: domain, clock (now) and rate. */
function target(
  coefficients: AudioParamLike[],
  domain: AllPoleDomain,
  currentTime = 0,
  sampleRate = 48000,
): CoefficientTarget {
  return { coefficients, domain, context: { currentTime, sampleRate } };
}

function fakeParams(values: number[]): (AudioParamLike & { calls: Call[] })[] {
  return values.map((value) => {
    const calls: Call[] = [];
    return {
      value,
      calls,
      setValueAtTime: (v: number, t: number) => calls.push(['set', v, t]),
      linearRampToValueAtTime: (v: number, t: number) => calls.push(['ramp', v, t]),
      setValueCurveAtTime: (c: Float32Array, t: number, d: number) => calls.push(['curve', c, t, d]),
      cancelScheduledValues: (t: number) => calls.push(['cancel', t]),
    };
  });
}

describe('setCoefficients', () => {
  it('sets every param at the time; validates length, finiteness and |k| < 1', () => {
    const p = fakeParams([0, 0]);
    setCoefficients(target(p, 'reflection'), [0.5, -0.25], 1.5);
    expect(p.map((x) => x.calls)).toEqual([[['set', 0.5, 1.5]], [['set', -0.25, 1.5]]]);
    expect(() => setCoefficients(target(p, 'reflection'), [0.5], 0)).toThrow(/length order = 2/);
    expect(() => setCoefficients(target(p, 'reflection'), [0.5, 1], 0)).toThrow(/coeffs\[1\]/);
    expect(() => setCoefficients(target(p, 'direct'), [0.5, Number.NaN], 0)).toThrow(
      /coeffs\[1\] must be finite/,
    );
    expect(() => setCoefficients(target(p, 'direct'), [-1.5, 0.7], -1)).toThrow(/time/);
    // 1 + 1.5 z^-1 - 2 z^-2 has a root outside the unit circle: never reaches the params.
    expect(() => setCoefficients(target(p, 'direct'), [1.5, -2], 0)).toThrow(/coeffs is not minimum phase/);
    setCoefficients(target(p, 'direct'), [-1.5, 0.7], 0);
    expect(p[1].calls.at(-1)).toEqual(['set', 0.7, 0]);
  });
});

describe('rampCoefficients', () => {
  it('reflection: one linear ramp per k', () => {
    const p = fakeParams([0.1, 0.2, 0.3]);
    rampCoefficients(target(p, 'reflection', 1, 48000), [0.4, 0.5, 0.6], 2);
    expect(p.map((x) => x.calls)).toEqual([[['ramp', 0.4, 2]], [['ramp', 0.5, 2]], [['ramp', 0.6, 2]]]);
  });

  it('direct: curves of step-up(k interpolated), from the current values to the target', () => {
    const k0 = [0.5, -0.3, 0.2];
    const k1 = [-0.6, 0.4, 0.7];
    const a0 = Array.from(reflectionToDirect(k0));
    const a1 = Array.from(reflectionToDirect(k1));
    const p = fakeParams(a0);
    rampCoefficients(target(p, 'direct', 1, 48000), a1, 1.01, { pointsPerSecond: 1000 });
    const curves = p.map((x) => {
      expect(x.calls).toHaveLength(1);
      const [kind, c, t, d] = x.calls[0] as [string, Float32Array, number, number];
      expect(kind).toBe('curve');
      expect(t).toBe(1);
      expect(d).toBeCloseTo(0.01, 12);
      return c;
    });
    const L = curves[0].length;
    expect(L).toBe(11);
    for (let j = 0; j < L; j++) {
      const s = j / (L - 1);
      const a = reflectionToDirect(k0.map((v, i) => v + s * (k1[i] - v)));
      for (let i = 0; i < 3; i++) expect(curves[i][j]).toBeCloseTo(a[i], 6);
      // Every point is minimum phase (a stable filter all along the ramp).
      const k = directToReflection(
        Array.from(curves, (c) => c[j]),
        undefined,
        undefined,
        { onUnstable: 'nan' },
      );
      expect(Array.from(k).every((v) => Math.abs(v) < 1)).toBe(true);
    }
    for (let i = 0; i < 3; i++) expect(curves[i][L - 1]).toBeCloseTo(a1[i], 6);
  });

  it('direct: refuses non-minimum-phase ends and empty intervals', () => {
    const p = fakeParams([0, 0]);
    expect(() => rampCoefficients(target(p, 'direct', 1, 48000), [-2.5, 1.5], 2)).toThrow(
      /coeffs is not minimum phase/,
    );
    expect(() => rampCoefficients(target(p, 'direct', 1, 48000), [0.1, 0.1], 1)).toThrow(
      /endTime must be after/,
    );
    const q = fakeParams([-2.5, 1.5]);
    expect(() => rampCoefficients(target(q, 'direct', 1, 48000), [0.1, 0.1], 2)).toThrow(
      /current coefficient vector/,
    );
  });
});

describe('scheduleTrack', () => {
  it('reflection: set at start, then one linear ramp per frame at start + f·hop/sr', () => {
    const p = fakeParams([0, 0]);
    scheduleTrack(target(p, 'reflection', 0, 48000), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6], 1, 480);
    expect(p[0].calls).toEqual([
      ['set', 0.1, 1],
      ['ramp', 0.3, 1.01],
      ['ramp', 0.5, 1.02],
    ]);
    expect(p[1].calls.map((c) => c[1])).toEqual([0.2, 0.4, 0.6]);
  });

  it('direct, hop 1: the per-sample values themselves as one curve per coefficient', () => {
    const p = fakeParams([0, 0]);
    scheduleTrack(target(p, 'direct', 0, 48000), [-1.5, 0.7, -1.6, 0.71, -1.7, 0.72], 0.5, 1);
    const [kind, c, t, d] = p[1].calls[0] as [string, Float32Array, number, number];
    expect([kind, t]).toEqual(['curve', 0.5]);
    expect(Array.from(c)).toEqual([0.7, 0.71, 0.72].map(Math.fround));
    expect(d).toBeCloseTo(2 / 48000, 15);
  });

  it('direct, hop > 1: step-up of k interpolated between frames, min(hop, 32) points per hop', () => {
    const kf = [
      [0.2, 0.1],
      [-0.5, 0.6],
      [0.9, -0.2],
    ];
    const track = kf.flatMap((k) => Array.from(reflectionToDirect(k)));
    const p = fakeParams([0, 0]);
    scheduleTrack(target(p, 'direct', 0, 48000), track, 0, 4);
    const c0 = p[0].calls[0][1] as Float32Array;
    const c1 = p[1].calls[0][1] as Float32Array;
    expect(c0).toHaveLength(9);
    expect(p[0].calls[0][3]).toBeCloseTo(8 / 48000, 15);
    const mid = reflectionToDirect([(0.2 - 0.5) / 2, (0.1 + 0.6) / 2]); // halfway through frame 0→1
    expect(c0[2]).toBeCloseTo(mid[0], 6);
    expect(c1[2]).toBeCloseTo(mid[1], 6);
    expect(c0[8]).toBeCloseTo(track[4], 6);
  });

  it('validates shape, times and hop', () => {
    const p = fakeParams([0, 0]);
    expect(() => scheduleTrack(target(p, 'reflection', 0, 48000), [0.1, 0.2, 0.3], 0, 1)).toThrow(
      /multiple of order = 2/,
    );
    expect(() => scheduleTrack(target(p, 'reflection', 0, 48000), [0.1, 1.2], 0, 1)).toThrow(
      /track row 0\[1\]/,
    );
    expect(() => scheduleTrack(target(p, 'reflection', 0, 48000), [0.1, 0.2], -1, 1)).toThrow(/startTime/);
    expect(() => scheduleTrack(target(p, 'reflection', 0, 48000), [0.1, 0.2], 0, 0)).toThrow(/hop/);
    expect(() => scheduleTrack(target(p, 'direct', 0, 48000), [0.1, 0.2, -2.5, 1.5], 0, 8)).toThrow(
      /track row 1/,
    );
  });
});
