import { describe, expect, it } from 'vitest';
import {
  coefficientsToArray,
  parseCoefficientsFile,
  toCoefficientsFile,
} from '../../src/core/coefficients-file.js';
import { asDirect } from './cli-test-utils.js';

describe('coefficients file', () => {
  const base = toCoefficientsFile({ sampleRate: 48000, order: 2, coefficients: [-1.8, 0.81], gain: 0.5 });

  it('builds the documented schema and round-trips through JSON', () => {
    expect(base).toEqual({
      format: 'diffiir-coefficients',
      version: 1,
      convention: 'y[t] = x[t] - sum_i A[f][i-1] y[t-i]',
      sampleRate: 48000,
      order: 2,
      domain: 'direct',
      hop: 0,
      frames: 1,
      coefficients: [[-1.8, 0.81]],
      gain: 0.5,
    });
    expect(parseCoefficientsFile(JSON.stringify(base))).toEqual(base);
  });

  it('accepts a raw torchlpc-layout array and { A }', () => {
    const f = asDirect(
      parseCoefficientsFile(
        [
          [0.1, 0.2],
          [0.3, 0.4],
        ],
        { hop: 64, sampleRate: 16000 },
      ),
    );
    expect(f.frames).toBe(2);
    expect(f.hop).toBe(64);
    expect(f.sampleRate).toBe(16000);
    expect(Array.from(coefficientsToArray(f))).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(asDirect(parseCoefficientsFile({ A: [[-0.9]] })).coefficients).toEqual([[-0.9]]);
    expect(parseCoefficientsFile([-0.5, 0.25]).order).toBe(2);
  });

  it('keeps numerator sections and frame gains', () => {
    const f = asDirect(
      parseCoefficientsFile({
        ...base,
        numerator: { sections: [[1, 0.5, 0.25]] },
      }),
    );
    expect(f.numerator).toEqual({ sections: [[1, 0.5, 0.25]] });
    const tv = asDirect(
      parseCoefficientsFile({
        ...base,
        hop: 10,
        frames: 2,
        coefficients: [
          [0, 0],
          [0.1, 0],
        ],
        frameGains: [1, 2],
      }),
    );
    expect(tv.frameGains).toEqual([1, 2]);
  });

  it('rejects bad fields naming them', () => {
    expect(() => parseCoefficientsFile({ ...base, format: 'x' })).toThrow(TypeError);
    expect(() => parseCoefficientsFile({ ...base, format: 'x' })).toThrow(/format/);
    expect(() => parseCoefficientsFile({ ...base, version: 2 })).toThrow(/version/);
    expect(() => parseCoefficientsFile({ ...base, sampleRate: -1 })).toThrow(/sampleRate/);
    expect(() => parseCoefficientsFile({ ...base, coefficients: [[1, Number.NaN]] })).toThrow(
      /coefficients\[0\]\[1\]/,
    );
    expect(() => parseCoefficientsFile({ ...base, coefficients: [[1, 2, 3]] })).toThrow(/order/);
    expect(() =>
      parseCoefficientsFile({
        ...base,
        coefficients: [
          [1, 2],
          [3, 4],
        ],
      }),
    ).toThrow(/hop/);
    expect(() => parseCoefficientsFile({ ...base, frames: 3 })).toThrow(/frames/);
    expect(() => parseCoefficientsFile({ ...base, gain: 'x' })).toThrow(/gain/);
    expect(() => parseCoefficientsFile({ ...base, numerator: { sections: [[1, 2]] } })).toThrow(/numerator/);
    expect(() => parseCoefficientsFile({ ...base, frameGains: [1, 2] })).toThrow(/frameGains/);
    expect(() => parseCoefficientsFile('{oops')).toThrow(/JSON/);
    expect(() => parseCoefficientsFile(42)).toThrow(TypeError);
  });
});
