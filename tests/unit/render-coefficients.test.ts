/**
 * core/render: the one renderer of coefficients files, and the checked mode of allpole/lfilter.
 */
import { describe, expect, it } from 'vitest';
import { allpole } from '../../src/core/allpole/forward.js';
import {
  parseCoefficientsFile,
  toCoefficientsFile,
  toReflectionTrackFile,
} from '../../src/core/coefficients-file.js';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { directToReflection, reflectionToDirect } from '../../src/core/params/reflection.js';
import { coefficientsTrack, RENDER_LIMIT, renderCoefficients } from '../../src/core/render/index.js';
import { trackLattice, trackLatticeBlock } from '../../src/core/track/index.js';
import { gaussian, maxAbsDiff, mulberry32, randomReflection } from './helpers.js';

const normal = gaussian(mulberry32(5));
const x = Float64Array.from({ length: 3000 }, () => 0.1 * normal());

describe('renderCoefficients', () => {
  it('a reflection track renders bit for bit like the streaming kernel the node runs (128-sample quanta)', () => {
    const rand = mulberry32(9);
    const M = 12;
    const frames = 14;
    const k = randomReflection(rand, frames * M, 0.95);
    const logGain = Float64Array.from({ length: frames }, () => rand() - 0.5);
    const file = toReflectionTrackFile({ sampleRate: 48000, order: M, hop: 233, k, logGain });
    const { y, fault } = renderCoefficients(parseCoefficientsFile(JSON.stringify(file)), x);
    expect(fault).toBeNull();
    // the node: render quanta of 128 samples, float64 state carried, same kernel
    const node = new Float64Array(x.length);
    const state = new Float64Array(M);
    for (let t = 0; t < x.length; t += 128) {
      const n = Math.min(128, x.length - t);
      trackLatticeBlock(
        x.subarray(t, t + n),
        node.subarray(t, t + n),
        n,
        k,
        logGain,
        M,
        frames,
        233,
        t,
        state,
      );
    }
    expect(Array.from(y)).toEqual(Array.from(node));
  });

  it('a time-invariant reflection file equals the direct form of its step-up (1e-12)', () => {
    const k = [0.9, -0.5, 0.3];
    const file = toReflectionTrackFile({ sampleRate: 8000, order: 3, hop: 0, k, logGain: [Math.log(0.5)] });
    expect(file.hop).toBe(1);
    const ref = allpole(
      x.map((v) => 0.5 * v),
      reflectionToDirect(k) as Float64Array,
      3,
    ).y;
    expect(maxAbsDiff(renderCoefficients(file, x).y, ref)).toBeLessThan(1e-12);
  });

  it('a direct-form frame track plays as the reflection track of its frames (log-domain gains)', () => {
    const rows = [
      [-1.2, 0.72],
      [0.5, 0.3],
      [-0.3, 0.1],
    ];
    const file = toCoefficientsFile({
      sampleRate: 8000,
      order: 2,
      coefficients: rows,
      hop: 700,
      gain: 2,
      frameGains: [1, 0.5, 3],
    });
    const track = coefficientsTrack(file)!;
    const k = rows.flatMap((r) => Array.from(directToReflection(r)));
    expect(maxAbsDiff(track.k, k)).toBeLessThan(1e-15);
    expect(maxAbsDiff(track.logGain!, [Math.log(2), Math.log(1), Math.log(6)])).toBeLessThan(1e-15);
    expect(Array.from(renderCoefficients(file, x).y)).toEqual(Array.from(trackLattice(x, track)));
  });

  it('torchlpc per-sample rows (hop 1) are filtered unconverted, the last row held', () => {
    const rand = mulberry32(3);
    const T = 50;
    const A = Array.from({ length: T }, () => Array.from(reflectionToDirect(randomReflection(rand, 3, 0.9))));
    const file = parseCoefficientsFile(A, { hop: 1, sampleRate: 44100 });
    const xs = x.subarray(0, 80);
    const full = new Float64Array(80 * 3);
    for (let t = 0; t < 80; t++) full.set(A[Math.min(t, T - 1)], 3 * t);
    expect(Array.from(renderCoefficients(file, xs).y)).toEqual(Array.from(allpole(xs, full, 3).y));
  });

  it('refuses an unstable time-invariant direct form, or runs it with a fault: never a non-finite sample', () => {
    const file = toCoefficientsFile({ sampleRate: 48000, order: 2, coefficients: [-2.1, 1.1] }); // pole radius > 1
    expect(() => renderCoefficients(file, x)).toThrow(/coefficients is not minimum phase/);
    const { y, fault } = renderCoefficients(file, x, { unstable: 'run' });
    expect(fault).not.toBeNull();
    expect(fault!.limit).toBe(RENDER_LIMIT);
    expect(y.every((v) => Number.isFinite(v) && Math.abs(v) <= RENDER_LIMIT)).toBe(true);
    expect(y.subarray(fault!.sample).every((v) => v === 0)).toBe(true);
    expect(Math.abs(y[fault!.sample - 1])).toBeLessThanOrEqual(RENDER_LIMIT);
  });

  it('a stable filter louder than the limit is a fault too; the limit is settable and checked', () => {
    const file = toCoefficientsFile({ sampleRate: 48000, order: 1, coefficients: [-0.9999] }); // DC gain 10^4
    const loud = new Float64Array(5000).fill(1);
    expect(renderCoefficients(file, loud).fault?.sample).toBeGreaterThan(1000);
    expect(renderCoefficients(file, loud, { limit: 10 }).fault?.sample).toBe(10);
    expect(() => renderCoefficients(file, loud, { limit: 0 })).toThrow(/options\.limit/);
  });

  it('names the unstable frame of a direct-form frame track', () => {
    const file = toCoefficientsFile({ sampleRate: 8000, order: 1, coefficients: [[0.5], [1.5]], hop: 64 });
    expect(() => renderCoefficients(file, x)).toThrow(/coefficients\[1\] is not minimum phase/);
  });
});

describe("allpole / lfilter { check: 'stable' }", () => {
  const unstable = Float64Array.from([-2.1, 1.1]);
  it('default: documented unbounded output; checked: RangeError naming the coefficients', () => {
    const y = allpole(x, unstable, 2).y;
    expect(y.some((v) => !Number.isFinite(v) || Math.abs(v) > 1e100)).toBe(true);
    expect(() => allpole(x, unstable, 2, null, undefined, { check: 'stable' })).toThrow(RangeError);
    expect(() => allpole(x, unstable, 2, null, undefined, { check: 'stable' })).toThrow(
      /allpole: A is not minimum phase/,
    );
    expect(() => lfilter([1], [1, ...unstable], x, null, undefined, { check: 'stable' })).toThrow(
      /lfilter: a is not minimum phase/,
    );
    expect(() => lfilter([1], [2, -4.2, 2.2], x, null, undefined, { check: 'stable' })).toThrow(/lfilter: a/);
    expect(() => allpole(x, unstable, 2, null, undefined, { check: 'yes' as never })).toThrow(
      /options\.check/,
    );
  });

  it('passes stable filters unchanged and names the row of a time-varying A', () => {
    const a = Float64Array.from([-1.2, 0.72]);
    expect(Array.from(allpole(x, a, 2, null, undefined, { check: 'stable' }).y)).toEqual(
      Array.from(allpole(x, a, 2).y),
    );
    expect(
      lfilter([1], [2, -2.4, 1.44], x, null, undefined, { check: 'stable' }).y.every(Number.isFinite),
    ).toBe(true);
    const xs = x.subarray(0, 4);
    const A = Float64Array.from([...a, ...a, ...unstable, ...a]);
    expect(() => allpole(xs, A, 2, null, undefined, { check: 'stable' })).toThrow(
      /A row 2 is not minimum phase/,
    );
  });
});
