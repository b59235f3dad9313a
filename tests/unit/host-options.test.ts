/**
 * Host-side pure parts of the all-pole node: option resolution, fault message parsing and the
 * frequency response (native filter-node rules).
 */
import { describe, expect, it } from 'vitest';
import { parseFaultMessage } from '../../src/host/fault.js';
import { resolveAllPoleOptions } from '../../src/host/options.js';
import { allPoleFrequencyResponse } from '../../src/host/response.js';

describe('resolveAllPoleOptions', () => {
  it('builds AudioWorkletNodeOptions with a fixed outputChannelCount and parameterData', () => {
    const r = resolveAllPoleOptions({ order: 3, coefficients: [0.1, -0.2], gain: 0.5, channelCount: 1 });
    expect(r).toEqual({
      order: 3,
      domain: 'reflection',
      control: 'params',
      processorName: 'diffiir-allpole-r3',
      node: {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        outputChannelCount: [1],
        channelCount: 1,
        channelCountMode: 'explicit',
        channelInterpretation: 'speakers',
        parameterData: { k1: 0.1, k2: -0.2, gain: 0.5 },
        processorOptions: {},
      },
    });
    const d = resolveAllPoleOptions({ domain: 'direct', coefficients: [-1.8, 0.9], outputLimit: 100 });
    expect(d.order).toBe(2);
    expect(d.processorName).toBe('diffiir-allpole-d2');
    expect(d.node.outputChannelCount).toEqual([2]);
    expect(d.node.parameterData).toEqual({ a1: -1.8, a2: 0.9 });
    expect(d.node.processorOptions).toEqual({ outputLimit: 100 });
  });

  it('rejects bad options naming them', () => {
    expect(() => resolveAllPoleOptions({})).toThrow(/options.order/);
    expect(() => resolveAllPoleOptions({ order: 0 })).toThrow(RangeError);
    expect(() => resolveAllPoleOptions({ order: 49 })).toThrow(/1\.\.48/);
    expect(() => resolveAllPoleOptions({ order: 2.5 })).toThrow(/options.order/);
    expect(() => resolveAllPoleOptions({ order: 2, domain: 'lattice' as never })).toThrow(/options.domain/);
    expect(() => resolveAllPoleOptions({ order: 1, coefficients: [0.1, 0.2] })).toThrow(
      /options.coefficients/,
    );
    expect(() => resolveAllPoleOptions({ coefficients: [Number.NaN] })).toThrow(/coefficients\[0\]/);
    expect(() => resolveAllPoleOptions({ coefficients: [0.1, 1] })).toThrow(/coefficients\[1\].*\(-1, 1\)/);
    // Direct-form coefficients must be minimum phase (a1 = 1.5: pole at -1.5).
    expect(() => resolveAllPoleOptions({ domain: 'direct', coefficients: [1.5] })).toThrow(
      /options.coefficients are not minimum phase/,
    );
    expect(() => resolveAllPoleOptions({ domain: 'direct', coefficients: [0.5] })).not.toThrow();
    expect(() => resolveAllPoleOptions({ order: 2, gain: Number.POSITIVE_INFINITY })).toThrow(/options.gain/);
    expect(() => resolveAllPoleOptions({ order: 2, channelCount: 33 })).toThrow(/channelCount/);
    // Channel mixing options: Web Audio's values only, a TypeError naming the option.
    for (const bad of ['Explicit', 'clamped', '', 2, null]) {
      expect(() => resolveAllPoleOptions({ order: 2, channelCountMode: bad as never })).toThrow(TypeError);
      expect(() => resolveAllPoleOptions({ order: 2, channelCountMode: bad as never })).toThrow(
        /options.channelCountMode must be 'max', 'clamped-max' or 'explicit'/,
      );
      expect(() => resolveAllPoleOptions({ order: 2, channelInterpretation: bad as never })).toThrow(
        TypeError,
      );
      expect(() => resolveAllPoleOptions({ order: 2, channelInterpretation: bad as never })).toThrow(
        /options.channelInterpretation must be 'speakers' or 'discrete'/,
      );
    }
    for (const mode of ['max', 'clamped-max', 'explicit'] as const) {
      expect(resolveAllPoleOptions({ order: 2, channelCountMode: mode }).node.channelCountMode).toBe(mode);
    }
    for (const ci of ['speakers', 'discrete'] as const) {
      expect(resolveAllPoleOptions({ order: 2, channelInterpretation: ci }).node.channelInterpretation).toBe(
        ci,
      );
    }
    expect(() => resolveAllPoleOptions({ order: 2, outputLimit: 0 })).toThrow(/outputLimit/);
    // Too small to be a level (issue 11): refused with the documented minimum.
    expect(() => resolveAllPoleOptions({ order: 2, outputLimit: 1e-30 })).toThrow(
      /options.outputLimit must be a finite number >= 0.000001/,
    );
    expect(() => resolveAllPoleOptions({ order: 2, outputLimit: Number.NaN })).toThrow(RangeError);
    expect(() => resolveAllPoleOptions({ order: 2, outputLimit: 1e-6 })).not.toThrow();
    // null options: a TypeError naming options (not a generic property-access error).
    expect(() => resolveAllPoleOptions(null as never)).toThrow(TypeError);
    expect(() => resolveAllPoleOptions(null as never)).toThrow(
      /AllPoleFilterNode: options must be an object/,
    );
    expect(() => resolveAllPoleOptions(16 as never)).toThrow(/options must be an object/);
    expect(() => resolveAllPoleOptions({ order: 2, coefficients: null as never })).toThrow(TypeError);
  });

  it('track mode: reflection only, no coefficient params, initial k in processorOptions', () => {
    const r = resolveAllPoleOptions({ order: 3, control: 'track', coefficients: [0.5, -0.2], gain: 2 });
    expect(r.processorName).toBe('diffiir-allpole-t3');
    expect(r.control).toBe('track');
    expect(r.node.parameterData).toEqual({ gain: 2 });
    expect(r.node.processorOptions).toEqual({ coefficients: [0.5, -0.2] });
    expect(resolveAllPoleOptions({ order: 3 }).control).toBe('params');
    expect(() => resolveAllPoleOptions({ order: 3, control: 'track', domain: 'direct' })).toThrow(
      /options.control 'track' needs options.domain 'reflection'/,
    );
    expect(() => resolveAllPoleOptions({ order: 3, control: 'tracks' as never })).toThrow(/options.control/);
    expect(() => resolveAllPoleOptions({ order: 2, control: 'track', coefficients: [1, 0] })).toThrow(
      /coefficients\[0\]/,
    );
  });
});

describe('parseFaultMessage', () => {
  it('accepts processor faults and nothing else', () => {
    expect(parseFaultMessage({ type: 'fault', code: 'growth', message: 'g', frame: 1 })?.code).toBe('growth');
    expect(parseFaultMessage({ type: 'fault', code: 'output-bound', message: 'm', frame: 256 })).toEqual({
      code: 'output-bound',
      message: 'm',
      frame: 256,
    });
    for (const bad of [
      null,
      1,
      'fault',
      {},
      { type: 'fault', code: 'nope' },
      { type: 'other', code: 'bad-message' },
    ]) {
      expect(parseFaultMessage(bad)).toBeNull();
    }
  });
});

describe('allPoleFrequencyResponse', () => {
  const sr = 48000;

  it('first order: |H| = |g| / |1 + a e^{-jw}| and its phase, both domains', () => {
    const f = Float32Array.from([0, 100, 1000, 12000, 24000]);
    for (const domain of ['reflection', 'direct'] as const) {
      const mag = new Float32Array(f.length);
      const phase = new Float32Array(f.length);
      allPoleFrequencyResponse([-0.9], domain, 2, sr, f, mag, phase);
      for (let i = 0; i < f.length; i++) {
        const w = (2 * Math.PI * f[i]) / sr;
        const re = 1 - 0.9 * Math.cos(w);
        const im = 0.9 * Math.sin(w); // 1 + a e^{-jw} with a = -0.9: 1 - 0.9 cos w + j 0.9 sin w
        expect(mag[i]).toBeCloseTo(2 / Math.hypot(re, im), 4);
        expect(phase[i]).toBeCloseTo(-Math.atan2(im, re), 5);
      }
    }
  });

  it('reflection coefficients are stepped up (order 2)', () => {
    const f = Float32Array.from([0, 24000]);
    const magK = new Float32Array(2);
    const magA = new Float32Array(2);
    const ph = new Float32Array(2);
    // k = [0.5, 0.25] → a = [0.5 + 0.25·0.5, 0.25] = [0.625, 0.25]
    allPoleFrequencyResponse([0.5, 0.25], 'reflection', 1, sr, f, magK, ph);
    allPoleFrequencyResponse([0.625, 0.25], 'direct', 1, sr, f, magA, ph);
    expect(magK[0]).toBeCloseTo(1 / (1 + 0.625 + 0.25), 6);
    expect(magK[1]).toBeCloseTo(1 / (1 - 0.625 + 0.25), 6);
    expect(Array.from(magK)).toEqual(Array.from(magA));
  });

  it('NaN outside [0, nyquist]; Float32Array arguments of one length', () => {
    const f = Float32Array.from([-1, 0, 24000, 24001, Number.NaN]);
    const mag = new Float32Array(5);
    const phase = new Float32Array(5);
    allPoleFrequencyResponse([0.3], 'direct', 1, sr, f, mag, phase);
    expect([mag[0], mag[3], mag[4], phase[0], phase[3]].every(Number.isNaN)).toBe(true);
    expect(Number.isFinite(mag[1]) && Number.isFinite(mag[2])).toBe(true);
    expect(() => allPoleFrequencyResponse([0.3], 'direct', 1, sr, f, new Float32Array(4), phase)).toThrow(
      expect.objectContaining({ name: 'InvalidAccessError' }),
    );
    expect(() =>
      allPoleFrequencyResponse([0.3], 'direct', 1, sr, [1] as unknown as Float32Array, mag, phase),
    ).toThrow(TypeError);
    expect(() =>
      allPoleFrequencyResponse([0.3], 'direct', 1, sr, f, new Float64Array(5) as never, phase),
    ).toThrow(/magResponse/);
  });
});
