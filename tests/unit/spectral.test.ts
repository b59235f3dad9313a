/**
 * The one FFT/STFT path of the core (src/core/spectral): the periodic Hann, two real frames per
 * complex FFT, the STFT (centred reflect-padded as torch.stft, or non-centred with zeros past the
 * end) against a direct O(N²) DFT of its definition, the adjoint identity, and the power
 * spectrogram.
 */
import { describe, expect, it } from 'vitest';
import { periodicHann } from '../../src/core/spectral/hann.js';
import { RealPairFft } from '../../src/core/spectral/real-pair-fft.js';
import { powerSpectrogram } from '../../src/core/spectral/spectrogram.js';
import { StftPlan } from '../../src/core/spectral/stft.js';
import { dot, expectClose, mulberry32, uniformArray } from './helpers.js';

/** Direct onesided DFT of the frame starting at padded index `off` (reads `sample(j)`). */
function directFrame(
  sample: (j: number) => number,
  off: number,
  w: Float64Array,
  re: number[],
  im: number[],
): void {
  const n = w.length;
  for (let k = 0; k <= n / 2; k++) {
    let a = 0;
    let b = 0;
    for (let t = 0; t < n; t++) {
      const v = sample(off + t) * w[t];
      a += v * Math.cos((2 * Math.PI * k * t) / n);
      b -= v * Math.sin((2 * Math.PI * k * t) / n);
    }
    re.push(a);
    im.push(b);
  }
}

describe('periodicHann', () => {
  it('is 0.5 − 0.5·cos(2πi/n), zero-padded centred to padTo', () => {
    const w = periodicHann(6, 10);
    expect(Array.from(w.slice(0, 2))).toEqual([0, 0]);
    expect(Array.from(w.slice(8))).toEqual([0, 0]);
    for (let i = 0; i < 6; i++) expect(w[2 + i]).toBeCloseTo(0.5 - 0.5 * Math.cos((2 * Math.PI * i) / 6), 15);
    expect(periodicHann(4)[2]).toBe(1);
  });
  it('names bad arguments', () => {
    expect(() => periodicHann(0)).toThrow(/n must/);
    expect(() => periodicHann(8, 4)).toThrow(/padTo/);
  });
});

describe('RealPairFft', () => {
  it('gives the onesided spectra of two real frames from one complex FFT', () => {
    const n = 16;
    const rand = mulberry32(3);
    const x1 = uniformArray(rand, n);
    const x2 = uniformArray(rand, n);
    const f = new RealPairFft(n);
    for (let t = 0; t < n; t++) {
      f.input[2 * t] = x1[t];
      f.input[2 * t + 1] = x2[t];
    }
    const re = new Float64Array(2 * f.bins);
    const im = new Float64Array(2 * f.bins);
    f.forward(re, im, 0, true);
    const ones = new Float64Array(n).fill(1);
    for (const [x, row] of [
      [x1, 0],
      [x2, 1],
    ] as const) {
      const r: number[] = [];
      const i: number[] = [];
      directFrame((j) => x[j], 0, ones, r, i);
      expectClose(re.subarray(row * f.bins, (row + 1) * f.bins), r, 1e-12);
      expectClose(im.subarray(row * f.bins, (row + 1) * f.bins), i, 1e-12);
    }
    expect(() => new RealPairFft(12)).toThrow(RangeError);
  });
});

describe('StftPlan', () => {
  const rand = mulberry32(11);
  const T = 100;
  const x = uniformArray(rand, T);

  it('centred: torch.stft(center=True, reflect) with a centred periodic Hann of winLength', () => {
    const plan = new StftPlan({ nFft: 32, hop: 7, winLength: 20, length: T });
    expect(plan.frames).toBe(1 + Math.floor(T / 7));
    const re = new Float64Array(plan.frames * plan.bins);
    const im = new Float64Array(plan.frames * plan.bins);
    plan.analyse(x, re, im);
    const reflect = (j: number) => {
      const i = j - 16;
      return x[i < 0 ? -i : i >= T ? 2 * (T - 1) - i : i];
    };
    const r: number[] = [];
    const i: number[] = [];
    for (let m = 0; m < plan.frames; m++) directFrame(reflect, m * 7, periodicHann(20, 32), r, i);
    expectClose(re, r, 1e-9);
    expectClose(im, i, 1e-9);
  });

  it('non-centred: frames from sample 0 every hop, zeros past the end', () => {
    const plan = new StftPlan({ nFft: 16, hop: 10, length: T, center: false });
    expect(plan.frames).toBe(Math.ceil((T - 16) / 10) + 1);
    const re = new Float64Array(plan.frames * plan.bins);
    const im = new Float64Array(plan.frames * plan.bins);
    plan.analyse(x, re, im);
    const r: number[] = [];
    const i: number[] = [];
    for (let m = 0; m < plan.frames; m++)
      directFrame((j) => (j < T ? x[j] : 0), m * 10, periodicHann(16), r, i);
    expectClose(re, r, 1e-9);
    expectClose(im, i, 1e-9);
  });

  it.each([
    [true, 32, 7, 20],
    [true, 16, 5, 16],
    [false, 16, 10, 9],
  ])(
    'adjoint identity <STFT x, G> = <x, STFTᵀ G> (center %s, nFft %i, hop %i, win %i)',
    (center, nFft, hop, winLength) => {
      const plan = new StftPlan({ nFft, hop, winLength, length: T, center });
      const size = plan.frames * plan.bins;
      const re = new Float64Array(size);
      const im = new Float64Array(size);
      plan.analyse(x, re, im);
      const gRe = uniformArray(rand, size);
      const gIm = uniformArray(rand, size);
      // imaginary parts of the DC and Nyquist bins are identically zero: their cotangents do not count
      for (let m = 0; m < plan.frames; m++) {
        gIm[m * plan.bins] = 0;
        gIm[m * plan.bins + plan.bins - 1] = 0;
      }
      const gx = new Float64Array(T);
      plan.adjoint(gRe, gIm, gx);
      const lhs = dot(re, gRe) + dot(im, gIm);
      expect(Math.abs(lhs - dot(x, gx))).toBeLessThan(1e-9 * Math.abs(lhs));
    },
  );

  it('names bad options', () => {
    expect(() => new StftPlan({ nFft: 24, hop: 1, length: T })).toThrow(/nFft/);
    expect(() => new StftPlan({ nFft: 16, hop: 0, length: T })).toThrow(/hop/);
    expect(() => new StftPlan({ nFft: 16, hop: 1, winLength: 17, length: T })).toThrow(/winLength/);
    expect(() => new StftPlan({ nFft: 256, hop: 1, length: T })).toThrow(/length/);
    expect(() => new StftPlan({ nFft: 16, hop: 1, length: T, center: false, frames: 0 })).toThrow(/frames/);
  });
});

describe('powerSpectrogram', () => {
  it('is |X|² of the non-centred Hann STFT, with the frame count given or until the end', () => {
    const x = uniformArray(mulberry32(5), 70);
    const s = powerSpectrogram(x, { nFft: 16, hop: 8 });
    expect(s.frames).toBe(Math.ceil((70 - 16) / 8) + 1);
    expect(s.bins).toBe(9);
    const r: number[] = [];
    const i: number[] = [];
    for (let m = 0; m < s.frames; m++) directFrame((j) => (j < 70 ? x[j] : 0), m * 8, periodicHann(16), r, i);
    expectClose(
      s.power,
      r.map((a, k) => a * a + i[k] * i[k]),
      1e-9,
    );
    const whole = powerSpectrogram(x, { nFft: 16, hop: 8, frames: 3 });
    expect(whole.frames).toBe(3);
    expectClose(whole.power, s.power.subarray(0, 3 * 9), 1e-15);
    expect(() => powerSpectrogram([], { nFft: 16, hop: 8 })).toThrow(/x must/);
  });
});
