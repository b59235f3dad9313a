/**
 * The block-wise power spectrogram (PowerSpectrogramStream) is powerSpectrogram of the whole
 * signal bit for bit, for any split into blocks (one sample, several frames, random, empty
 * blocks), even and odd frame counts, signals shorter than a frame, hops past a frame and a given
 * frame count; and it holds only the frames in progress.
 */
import { describe, expect, it } from 'vitest';
import { PowerSpectrogramStream } from '../../src/core/spectral/power-spectrogram-stream.js';
import { type PowerSpectrogramOptions, powerSpectrogram } from '../../src/core/spectral/spectrogram.js';
import { gaussian, mulberry32 } from './helpers.js';

const normal = gaussian(mulberry32(29));

/** Rows of the stream fed `x` in blocks of the given lengths (cycled), checking the row order. */
function streamed(x: Float32Array, options: PowerSpectrogramOptions, blocks: number[]): number[] {
  const rows: number[] = [];
  let next = 0;
  const s = new PowerSpectrogramStream(x.length, options, (m, p) => {
    expect(m).toBe(next++);
    rows.push(...p);
  });
  for (let a = 0, i = 0; a < x.length; i++) {
    const b = Math.min(x.length, a + blocks[i % blocks.length]);
    s.push(x.subarray(a, b));
    a = b;
  }
  expect(next).toBe(s.frames);
  return rows;
}

describe('PowerSpectrogramStream', () => {
  const cases: [string, number, PowerSpectrogramOptions][] = [
    ['even frame count', 70, { nFft: 16, hop: 8 }], // 8 frames
    ['odd frame count', 62, { nFft: 16, hop: 8 }], // 7 frames
    ['shorter than nFft (one frame)', 10, { nFft: 16, hop: 8 }],
    ['hop 5 (does not divide nFft)', 203, { nFft: 16, hop: 5 }],
    ['hop 15 (divides nFft − 1)', 200, { nFft: 16, hop: 15 }],
    ['hop 1', 40, { nFft: 8, hop: 1 }],
    ['hop past the frame (gaps)', 130, { nFft: 16, hop: 40 }],
    ['last frame starts past the end', 300, { nFft: 256, hop: 1000 }],
    ['fewer frames given', 300, { nFft: 32, hop: 16, frames: 5 }],
    ['more frames given (zeros past the end)', 100, { nFft: 32, hop: 16, frames: 11 }],
    ['report-size frames', 5000, { nFft: 256, hop: 128 }],
  ];
  const rand = mulberry32(7);
  const randomBlocks = Array.from({ length: 40 }, () => Math.floor(rand() * 60));
  it.each(cases)('%s: any blocks give powerSpectrogram of the whole signal bit for bit', (_n, T, options) => {
    const x = Float32Array.from({ length: T }, () => normal());
    const whole = powerSpectrogram(x, options);
    expect(whole.frames * whole.bins).toBe(whole.power.length);
    for (const blocks of [
      [T],
      [1],
      [3],
      [options.nFft],
      [2 * options.nFft + 3],
      [0, 7, 0, 2],
      randomBlocks,
    ]) {
      expect(streamed(x, options, blocks)).toEqual(Array.from(whole.power));
    }
  });

  it('holds at most ⌈nFft/hop⌉ + 1 frames, in one block or sample by sample', () => {
    const x = Float32Array.from({ length: 20_000 }, () => normal());
    for (const [nFft, hop] of [
      [256, 128],
      [256, 1000],
      [1024, 100],
      [16, 15],
      [16, 5],
    ]) {
      for (const block of [x.length, 1, 333]) {
        let n = 0;
        const s = new PowerSpectrogramStream(x.length, { nFft, hop }, () => n++);
        for (let a = 0; a < x.length; a += block) s.push(x.subarray(a, Math.min(x.length, a + block)));
        expect(n).toBe(s.frames);
        expect(s.peakOpen).toBeGreaterThan(0);
        expect(s.peakOpen).toBeLessThanOrEqual(Math.ceil(nFft / hop) + 1);
      }
    }
  });

  it('names bad options and a block past the length', () => {
    expect(() => new PowerSpectrogramStream(10, { nFft: 12, hop: 4 }, () => {})).toThrow(/nFft/);
    expect(() => new PowerSpectrogramStream(10, { nFft: 16, hop: 0 }, () => {})).toThrow(/hop/);
    expect(() => new PowerSpectrogramStream(0, { nFft: 16, hop: 4 }, () => {})).toThrow(/length/);
    expect(() => new PowerSpectrogramStream(10, { nFft: 16, hop: 4, frames: 0 }, () => {})).toThrow(/frames/);
    const s = new PowerSpectrogramStream(10, { nFft: 16, hop: 4 }, () => {});
    s.push(new Float64Array(6));
    expect(() => s.push(new Float64Array(5))).toThrow(/block passes the length 10/);
  });
});
