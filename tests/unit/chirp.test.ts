import { describe, expect, it } from 'vitest';
import { chirp } from '../../src/core/signals/chirp.js';
import { loadReference } from './helpers.js';

const seed = loadReference('seed_chirp.json');

describe('chirp (seed definition)', () => {
  it("reproduces seed_chirp.json's x (1 Hz -> 1 kHz over 2 s at 16 kHz) at 1e-9", () => {
    const x = chirp(seed.T, 1, 1000, seed.fs);
    expect(x.length).toBe(seed.x.length);
    let e = 0;
    for (let t = 0; t < x.length; t++) e = Math.max(e, Math.abs(x[t] - seed.x[t]));
    expect(e).toBeLessThanOrEqual(1e-9);
  });

  it('phase is the running sum of linspace(f0, f1, T)/fs', () => {
    const x = chirp(5, 100, 500, 1000);
    const f = [100, 200, 300, 400, 500];
    let phase = 0;
    for (let t = 0; t < 5; t++) {
      phase += f[t] / 1000;
      expect(x[t]).toBeCloseTo(Math.sin(2 * Math.PI * phase), 14);
    }
    expect(Array.from(chirp(1, 250, 999, 1000))).toEqual([Math.sin((2 * Math.PI * 250) / 1000)]);
    expect(chirp(0, 1, 2, 3).length).toBe(0);
  });

  it('rejects bad arguments naming them', () => {
    expect(() => chirp(2.5, 1, 2, 10)).toThrow(/chirp: T must be an integer/);
    expect(() => chirp(-1, 1, 2, 10)).toThrow(RangeError);
    expect(() => chirp(4, Number.NaN, 2, 10)).toThrow(/startFreq/);
    expect(() => chirp(4, 1, Number.POSITIVE_INFINITY, 10)).toThrow(/endFreq/);
    expect(() => chirp(4, 1, 2, 0)).toThrow(/fs/);
  });
});
