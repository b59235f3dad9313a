/**
 * core/render/direct-frames: the one rule for how direct-form frames play, shared by
 * renderCoefficients, the host's scheduleTrack and the demo.
 */
import { describe, expect, it } from 'vitest';
import { toCoefficientsFile } from '../../src/core/coefficients-file.js';
import { reflectionToDirect } from '../../src/core/params/reflection.js';
import {
  coefficientsTrack,
  directFrameGain,
  directFramePlayback,
  directFramesToReflection,
  renderCoefficients,
} from '../../src/core/render/index.js';
import { createRenderer } from '../../src/core/render/render-coefficients.js';
import { scheduleTrack } from '../../src/host/controls.js';
import { mulberry32, randomReflection } from './helpers.js';

describe('direct-form frames', () => {
  it('one frame is constant, hop 1 per-sample, any other hop a track', () => {
    expect(directFramePlayback(1, 0)).toBe('constant');
    expect(directFramePlayback(1, 1)).toBe('constant');
    expect(directFramePlayback(1, 256)).toBe('constant');
    expect(directFramePlayback(2, 1)).toBe('per-sample');
    expect(directFramePlayback(2, 2)).toBe('track');
    expect(directFramePlayback(40, 480)).toBe('track');
  });

  it('frame gains multiply the gain (absent = 1)', () => {
    const rows = [
      [-0.5, 0.1],
      [-0.4, 0.1],
    ];
    const f = toCoefficientsFile({ sampleRate: 48000, order: 2, coefficients: rows, hop: 64, gain: 0.5 });
    expect([0, 1].map((i) => directFrameGain(f, i))).toEqual([0.5, 0.5]);
    const g = toCoefficientsFile({
      sampleRate: 48000,
      order: 2,
      coefficients: rows,
      hop: 64,
      gain: 0.5,
      frameGains: [2, 3],
    });
    expect([0, 1].map((i) => directFrameGain(g, i))).toEqual([1, 1.5]);
  });

  it('step-down of every frame recovers the k that made it (1e-12) and names an unstable frame', () => {
    const M = 6;
    const k = randomReflection(mulberry32(3), 3 * M, 0.9);
    const rows = [0, 1, 2].map((f) => Array.from(reflectionToDirect(k.subarray(f * M, (f + 1) * M))));
    const back = directFramesToReflection(rows, M, 'here');
    for (let i = 0; i < k.length; i++) expect(Math.abs(back[i] - k[i])).toBeLessThan(1e-12);
    const bad = [rows[0], [-2.2, 1.3, 0, 0, 0, 0], rows[2]];
    expect(() => directFramesToReflection(bad, M, 'here')).toThrow(
      /^here: coefficients\[1\] is not minimum phase/,
    );
    expect(() => directFramesToReflection(bad, M, 'here', (f) => `row ${f}`)).toThrow(/here: row 1 /);
  });

  it('coefficientsTrack follows the rule: only frame tracks become reflection tracks', () => {
    const rows = [
      [-0.9, 0.2],
      [-1.2, 0.5],
      [-0.5, 0.1],
    ];
    const base = { sampleRate: 48000, order: 2, coefficients: rows, gain: 2, frameGains: [1, 2, 4] };
    expect(coefficientsTrack(toCoefficientsFile({ ...base, hop: 1 }))).toBeNull();
    expect(
      coefficientsTrack(toCoefficientsFile({ ...base, coefficients: [rows[0]], frameGains: undefined })),
    ).toBeNull();
    const t = coefficientsTrack(toCoefficientsFile({ ...base, hop: 100 }));
    expect(t?.hop).toBe(100);
    expect(Array.from(t!.k)).toEqual(Array.from(directFramesToReflection(rows, 2, 'x')));
    expect(Array.from(t!.logGain as Float64Array)).toEqual([Math.log(2), Math.log(4), Math.log(8)]);
  });

  it("the host's scheduleTrack plays hop 1 unconverted and hop >= 2 through the frames' k", () => {
    const calls: { i: number; curve: number[]; start: number; dur: number }[] = [];
    const param = (i: number) => ({
      value: 0,
      setValueAtTime: () => {},
      linearRampToValueAtTime: () => {},
      setValueCurveAtTime: (c: Float32Array, start: number, dur: number) =>
        calls.push({ i, curve: Array.from(c), start, dur }),
      cancelScheduledValues: () => {},
    });
    const target = {
      coefficients: [param(0), param(1)],
      domain: 'direct' as const,
      context: { currentTime: 0, sampleRate: 100 },
    };
    const flat = [-0.9, 0.2, -1.2, 0.5, -0.5, 0.1];
    scheduleTrack(target, flat, 1, 1);
    expect(calls.map((c) => c.curve)).toEqual([
      Array.from(Float32Array.from([-0.9, -1.2, -0.5])),
      Array.from(Float32Array.from([0.2, 0.5, 0.1])),
    ]);
    calls.length = 0;
    scheduleTrack(target, flat, 1, 2);
    // Frame points of the step-up curves are the frames themselves (k round trip).
    expect(calls[0].curve[0]).toBeCloseTo(-0.9, 6);
    expect(calls[0].curve[2]).toBeCloseTo(-1.2, 6);
    expect(calls[1].curve[4]).toBeCloseTo(0.1, 6);
    expect(() => scheduleTrack(target, [-0.9, 0.2, -2.2, 1.3], 1, 2)).toThrow(/track row 1 /);
  });
});

describe('renderCoefficients follows the frame gains in every direct-form playback', () => {
  const x = Float64Array.from({ length: 50 }, (_, t) => Math.sin(0.7 * t) + (t === 0 ? 1 : 0));
  /** Independent reference: y[t] = g[t]·x[t] - Σ a_i[t] y[t-i], row min(t, last). */
  const reference = (rows: number[][], g: (t: number) => number) => {
    const y = new Float64Array(x.length);
    for (let t = 0; t < x.length; t++) {
      const a = rows[Math.min(t, rows.length - 1)];
      let v = g(t) * x[t];
      for (let i = 1; i <= a.length; i++) if (t - i >= 0) v -= a[i - 1] * y[t - i];
      y[t] = v;
    }
    return y;
  };

  it('per-sample rows (hop 1): sample t scaled by gain · frameGains[t], the last held', () => {
    const rows = [
      [-0.9, 0.2],
      [-1.2, 0.5],
      [-0.5, 0.1],
    ];
    const frameGains = [1, 2, 0.5];
    const f = toCoefficientsFile({
      sampleRate: 48000,
      order: 2,
      coefficients: rows,
      hop: 1,
      gain: 3,
      frameGains,
    });
    const ref = reference(rows, (t) => 3 * frameGains[Math.min(t, 2)]);
    const { y } = renderCoefficients(f, x);
    for (let t = 0; t < x.length; t++) expect(Math.abs(y[t] - ref[t])).toBeLessThan(1e-12);
    // Block by block (7 samples), the gains follow the stream position: the same samples.
    const r = createRenderer(f, x.length);
    const yb = new Float64Array(x.length);
    for (let t = 0; t < x.length; t += 7) {
      const n = Math.min(7, x.length - t);
      r.process(x.subarray(t, t + n), yb.subarray(t, t + n));
    }
    expect(Array.from(yb)).toEqual(Array.from(y));
  });

  it('one frame: scaled by gain · frameGains[0]', () => {
    const rows = [[-0.9, 0.2]];
    const f = toCoefficientsFile({
      sampleRate: 48000,
      order: 2,
      coefficients: rows,
      gain: 3,
      frameGains: [0.25],
    });
    const ref = reference(rows, () => 0.75);
    const { y } = renderCoefficients(f, x);
    for (let t = 0; t < x.length; t++) expect(Math.abs(y[t] - ref[t])).toBeLessThan(1e-12);
  });
});
