/**
 * The processor's track store keeps the gain table of its log-gains (core frame-gain.ts
 * `fillGainTable`) exactly in step with them through adopt, appends (including the first one
 * that brings log-gains to a track posted without), compaction of played frames and growth:
 * after every step, the stored table equals the table computed afresh from the stored log-gains.
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/random/mulberry32.js';
import { fillGainTable } from '../../src/core/track/frame-gain.js';
import { TrackStore } from '../../src/worklet/track-store.js';

const M = 3;

function expectTableInStep(store: TrackStore): void {
  const F = store.frames;
  const want = new Float64Array(2 * F);
  fillGainTable(store.G, F, store.hop, 0, F, want);
  expect(Array.from(store.GT.subarray(0, 2 * F))).toEqual(Array.from(want));
}

describe('track store gain table', () => {
  const u = mulberry32(21);
  const frames = (n: number) => Float64Array.from({ length: n * M }, () => 0.9 * (2 * u() - 1));
  const gains = (n: number) => Float64Array.from({ length: n }, () => 3 * u() - 1.5);

  it('follows adopt, appends with compaction and growth', () => {
    const s = new TrackStore(M);
    const hop = 7;
    s.adopt(frames(4), gains(4), 4, 100, hop);
    expectTableInStep(s);
    let next = 100;
    for (let i = 0; i < 40; i++) {
      const n = 1 + (i % 5);
      next += 2 * hop; // playback moves on (slower than frames arrive): played frames may be dropped
      s.append(frames(n), i % 7 === 3 ? null : gains(n), n, next);
      expect(s.hasGain).toBe(true);
      expectTableInStep(s);
    }
    expect(s.origin).toBeGreaterThan(100); // compaction happened
  });

  it('a track posted without log-gains gets its table when an append brings them', () => {
    const s = new TrackStore(M);
    s.adopt(frames(3), null, 3, 0, 16);
    expect(s.hasGain).toBe(false);
    s.append(frames(2), null, 2, 0);
    expect(s.hasGain).toBe(false);
    s.append(frames(3), gains(3), 3, 0);
    expect(s.hasGain).toBe(true);
    expect(Array.from(s.G.subarray(0, 5))).toEqual([0, 0, 0, 0, 0]);
    expectTableInStep(s);
  });
});
