import { describe, expect, it } from 'vitest';
import { lattice } from '../../src/core/allpole/lattice.js';
import { expandReflectionTrack } from '../../src/core/lpc/expand-track.js';
import { trackLattice, trackLatticeBlock } from '../../src/core/track/track-lattice.js';
import { gaussian, loadReference, mulberry32, refScale, uniformArray } from './helpers.js';

interface ModelCase {
  name: string;
  M: number;
  hop: number;
  x: number[];
  Kf: number[];
  logGain: number[];
  y: number[];
}

function maxRel(p: ArrayLike<number>, q: ArrayLike<number>): number {
  expect(p.length).toBe(q.length);
  let e = 0;
  for (let i = 0; i < q.length; i++) e = Math.max(e, Math.abs(p[i] - q[i]));
  return e / refScale(q);
}

function randomTrack(seed: number, M: number, frames: number, kmax: number) {
  const r = mulberry32(seed);
  return {
    k: uniformArray(r, frames * M, kmax),
    logGain: uniformArray(r, frames, 1.5),
    order: M,
  };
}

describe('trackLattice (frame-rate lattice model)', () => {
  const ref = loadReference<{ cases: ModelCase[] }>('tv_lattice_model.json');

  it.each(ref.cases.map((c) => [c.name, c] as const))(
    '%s: forward equals tv_lattice_model.json at 1e-9',
    (_, c) => {
      const y = trackLattice(Float64Array.from(c.x), { k: c.Kf, logGain: c.logGain, order: c.M, hop: c.hop });
      expect(maxRel(y, c.y)).toBeLessThanOrEqual(1e-9);
    },
  );

  it('equals the lattice on per-sample k expanded by expandReflectionTrack and a gained input (orders 1..48)', () => {
    for (const M of [1, 2, 5, 16, 33, 48]) {
      const hop = 37;
      const frames = 6;
      const T = 300;
      const tr = { ...randomTrack(M, M, frames, 0.999), hop };
      const g = gaussian(mulberry32(100 + M));
      const x = Float64Array.from({ length: T }, () => g());
      const K = expandReflectionTrack(tr.k, M, hop, T);
      const xg = x.map((v, t) => {
        const f = Math.min(Math.floor(t / hop), frames - 1);
        const w = f === frames - 1 ? 0 : (t - f * hop) / hop;
        const lg = f === frames - 1 ? tr.logGain[f] : (1 - w) * tr.logGain[f] + w * tr.logGain[f + 1];
        return Math.exp(lg) * v;
      });
      const want = new Float64Array(T);
      lattice(xg, K, M, new Float64Array(M), want);
      expect(maxRel(trackLattice(x, tr), want), `M=${M}`).toBeLessThanOrEqual(1e-12);
    }
  });

  it('streaming in blocks of any size, from any start, equals the whole signal bit for bit', () => {
    const M = 16;
    const tr = { ...randomTrack(3, M, 9, 0.95), hop: 64 };
    const g = gaussian(mulberry32(4));
    const T = 700;
    const x = Float64Array.from({ length: T }, () => g());
    const whole = trackLattice(x, tr, { start: 5 });
    const r = mulberry32(9);
    const state = new Float64Array(M);
    const out = new Float32Array(T);
    const y = new Float64Array(T);
    for (let t = 0; t < T; ) {
      const n = Math.min(T - t, 1 + Math.floor(r() * 300));
      const xb = x.slice(t, t + n);
      const yb = new Float64Array(n);
      trackLatticeBlock(xb, yb, n, tr.k, tr.logGain, M, 9, tr.hop, 5 + t, state);
      y.set(yb, t);
      t += n;
    }
    expect(Array.from(y)).toEqual(Array.from(whole));
    // A float32 output buffer receives the same values rounded once.
    trackLatticeBlock(x, out, T, tr.k, tr.logGain, M, 9, tr.hop, 5, new Float64Array(M));
    expect(Array.from(out)).toEqual(Array.from(Float32Array.from(whole)));
  });

  it('holds the last frame, treats a missing logGain as unit gain, and names bad arguments', () => {
    const tr = { k: [0.5, -0.2], order: 1, hop: 10 };
    const x = new Float64Array(40).fill(0);
    x[0] = 1;
    const y = trackLattice(x, tr);
    // After sample 10 the last frame (k = -0.2) is held: y[t] = -k·y[t-1].
    for (let t = 12; t < 40; t++) expect(y[t]).toBeCloseTo(0.2 * y[t - 1], 15);
    expect(() => trackLattice(x, { ...tr, k: [0.5, 1] })).toThrow(/k\[1\]/);
    expect(() => trackLattice(x, { ...tr, hop: 0 })).toThrow(/hop/);
    expect(() => trackLattice(x, { ...tr, logGain: [0] })).toThrow(/logGain/);
    expect(() => trackLattice(x, { ...tr, logGain: [0, Number.NaN] })).toThrow(/logGain\[1\]/);
    expect(() => trackLattice(x, tr, { start: -1 })).toThrow(/start/);
    expect(() => trackLattice(x, tr, { state: new Float64Array(2) })).toThrow(/state/);
  });
});
