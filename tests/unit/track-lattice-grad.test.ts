import { describe, expect, it } from 'vitest';
import { latticeVjp } from '../../src/core/allpole/lattice-vjp.js';
import { expandReflectionTrack, expandReflectionTrackVjp } from '../../src/core/lpc/expand-track.js';
import type { ReflectionTrack } from '../../src/core/track/reflection-track.js';
import { trackLattice } from '../../src/core/track/track-lattice.js';
import { trackLatticeJvp, trackLatticeJvpScratchLength } from '../../src/core/track/track-lattice-jvp.js';
import { trackLatticeVjp, trackLatticeVjpScratchLength } from '../../src/core/track/track-lattice-vjp.js';
import { dot, expectClose, mulberry32, uniformArray } from './helpers.js';

/**
 * Independent naive model (tv_lattice_model.json's convention written out): frame f at f·hop,
 * linear interpolation of k and logGain, last frame held, gain exp(lg) on the input, lattice.
 */
function naiveModel(
  x: ArrayLike<number>,
  Kf: ArrayLike<number>,
  lg: ArrayLike<number>,
  M: number,
  hop: number,
  start = 0,
  zi?: ArrayLike<number>,
): Float64Array {
  const F = lg.length;
  const at = (V: ArrayLike<number>, width: number, t: number, i: number) => {
    const f = Math.floor(t / hop);
    if (f >= F - 1) return V[(F - 1) * width + i];
    const w = (t - f * hop) / hop;
    return (1 - w) * V[f * width + i] + w * V[(f + 1) * width + i];
  };
  let s = zi ? Array.from(zi) : new Array<number>(M).fill(0);
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const t = start + i;
    const next = s.slice();
    let f = Math.exp(at(lg, 1, t, 0)) * x[i];
    for (let m = M; m >= 1; m--) {
      const k = at(Kf, M, t, m - 1);
      f -= k * s[m - 1];
      if (m <= M - 1) next[m] = s[m - 1] + k * f;
    }
    next[0] = f;
    y[i] = f;
    s = next;
  }
  return y;
}

function randomCase(seed: number, M: number, F: number, hop: number, T: number, kmax: number) {
  const r = mulberry32(seed);
  const k = uniformArray(r, F * M, kmax);
  const logGain = uniformArray(r, F, 1);
  const track: ReflectionTrack = { k, logGain, order: M, hop };
  return { track, k, logGain, x: uniformArray(r, T), g: uniformArray(r, T), state: uniformArray(r, M), r };
}

describe('trackLatticeVjp', () => {
  it('central finite differences of L = Σ g·y w.r.t. every frame k, logGain and x (naive model)', () => {
    // h = 1e-5: truncation ~h²·|L'''| and rounding ~1e-16·Σ|g·y|/h stay below 1e-8 here
    // (|y| ≲ 10, T = 70), so 1e-6·max(1, |fd|) separates right from wrong.
    const h = 1e-5;
    for (const M of [1, 3, 8]) {
      const c = randomCase(M, M, 4, 23, 70, 0.95);
      const G = trackLatticeVjp(c.g, c.x, c.track, { start: 3, state: c.state });
      const L = () => dot(c.g, naiveModel(c.x, c.k, c.logGain, M, 23, 3, c.state));
      for (const [name, v, d] of [
        ['k', c.k, G.dKf],
        ['logGain', c.logGain, G.dlogGain],
        ['x', c.x, G.dx],
        ['state', c.state, G.dzi],
      ] as const) {
        for (let j = 0; j < v.length; j++) {
          const o = v[j];
          v[j] = o + h;
          const lp = L();
          v[j] = o - h;
          const lm = L();
          v[j] = o;
          const n = (lp - lm) / (2 * h);
          expect(Math.abs(d[j] - n), `M=${M} ${name}[${j}]`).toBeLessThanOrEqual(
            1e-6 * Math.max(1, Math.abs(n)),
          );
        }
      }
    }
  });

  it('equals the unfused path: lattice VJP on the expanded per-sample track, then its transpose (orders 1..48)', () => {
    for (const M of [1, 2, 5, 16, 33, 48]) {
      const hop = 37;
      const T = 333;
      const c = randomCase(60 + M, M, 7, hop, T, 0.999);
      const G = trackLatticeVjp(c.g, c.x, c.track, { segment: 50 });
      const Kt = expandReflectionTrack(c.k, M, hop, T) as Float64Array;
      const e = new Float64Array(T);
      for (let t = 0; t < T; t++) {
        const f = Math.floor(t / hop);
        const lg =
          f >= 6 ? c.logGain[6] : c.logGain[f] + ((t - f * hop) / hop) * (c.logGain[f + 1] - c.logGain[f]);
        e[t] = Math.exp(lg);
      }
      const u = c.x.map((v, t) => e[t] * v);
      const Gl = latticeVjp(c.g, u, Kt, M);
      expectClose(G.dKf, expandReflectionTrackVjp(c.k, M, hop, T, Gl.dK), 1e-9);
      expectClose(
        G.dx,
        Gl.dx.map((v, t) => v * e[t]),
        1e-9,
      );
      expectClose(G.dzi, Gl.dzi, 1e-9);
    }
  });

  it('checkpoint spacing changes nothing beyond rounding; memory is bounded by the scratch formula', () => {
    const c = randomCase(5, 16, 9, 100, 1000, 0.99);
    const ref = trackLatticeVjp(c.g, c.x, c.track, { segment: 1000 });
    for (const segment of [1, 9, 100, 333, 4096]) {
      const G = trackLatticeVjp(c.g, c.x, c.track, { segment });
      expectClose(G.dKf, ref.dKf, 1e-12);
      expectClose(G.dlogGain, ref.dlogGain, 1e-12);
      expect(Array.from(G.dx)).toEqual(Array.from(ref.dx));
    }
    // 10 minutes at 48 kHz, order 16, default S: O(M·(T/S + S)) doubles, well under 4 MB.
    expect(trackLatticeVjpScratchLength(600 * 48000, 16) * 8).toBeLessThan(4e6);
    // Growth per extra sample is M/S doubles (one checkpoint per S samples), not M.
    const T0 = 48000 * 60;
    expect(trackLatticeVjpScratchLength(T0 + 4096 * 10, 16) - trackLatticeVjpScratchLength(T0, 16)).toBe(160);
  });

  it('block-wise backward with start, state and dzf equals the whole signal', () => {
    const M = 6;
    const T = 400;
    const c = randomCase(9, M, 6, 64, T, 0.99);
    const whole = trackLatticeVjp(c.g, c.x, c.track, { state: c.state });
    const cuts = [0, 100, 257, T];
    const states: Float64Array[] = [];
    const st = Float64Array.from(c.state);
    for (let b = 0; b + 1 < cuts.length; b++) {
      states.push(Float64Array.from(st));
      trackLattice(c.x.subarray(cuts[b], cuts[b + 1]), c.track, { state: st, start: cuts[b] });
    }
    let dzf: Float64Array = new Float64Array(M);
    const dKf = new Float64Array(c.k.length);
    const dlg = new Float64Array(c.logGain.length);
    const dx = new Float64Array(T);
    for (let b = cuts.length - 2; b >= 0; b--) {
      const [t0, t1] = [cuts[b], cuts[b + 1]];
      const G = trackLatticeVjp(c.g.subarray(t0, t1), c.x.subarray(t0, t1), c.track, {
        start: t0,
        state: states[b],
        dzf,
      });
      for (let i = 0; i < dKf.length; i++) dKf[i] += G.dKf[i];
      for (let i = 0; i < dlg.length; i++) dlg[i] += G.dlogGain[i];
      dx.set(G.dx, t0);
      dzf = G.dzi;
    }
    expectClose(dKf, whole.dKf, 1e-12);
    expectClose(dlg, whole.dlogGain, 1e-12);
    expectClose(dx, whole.dx, 1e-12);
    expectClose(dzf, whole.dzi, 1e-12);
  });

  it('caller buffers: same result, reused dirty buffers fully overwritten; no logGain means gain 1', () => {
    const M = 7;
    const T = 500;
    const c = randomCase(13, M, 5, 128, T, 0.9);
    const ref = trackLatticeVjp(c.g, c.x, c.track);
    const bufs = {
      dKf: new Float64Array(c.k.length).fill(Number.NaN),
      dlogGain: new Float64Array(5).fill(Number.NaN),
      dx: new Float64Array(T).fill(Number.NaN),
      dzi: new Float64Array(M).fill(Number.NaN),
      scratch: new Float64Array(trackLatticeVjpScratchLength(T, M, 64)).fill(Number.NaN),
      segment: 64,
    };
    for (let rep = 0; rep < 2; rep++) {
      const G = trackLatticeVjp(c.g, c.x, c.track, bufs);
      expect(G.dKf).toBe(bufs.dKf);
      expectClose(G.dKf, ref.dKf, 1e-12);
      expectClose(G.dlogGain, ref.dlogGain, 1e-12);
      expectClose(G.dx, ref.dx, 1e-12);
      expectClose(G.dzi, ref.dzi, 1e-12);
    }
    const zeroGain = trackLatticeVjp(c.g, c.x, { ...c.track, logGain: new Float64Array(5) });
    const noGain = trackLatticeVjp(c.g, c.x, { k: c.k, order: M, hop: 128 });
    expect(Array.from(noGain.dKf)).toEqual(Array.from(zeroGain.dKf));
    expect(Array.from(noGain.dlogGain)).toEqual(Array.from(zeroGain.dlogGain));
  });

  it('bad arguments are RangeErrors naming them', () => {
    const c = randomCase(1, 3, 4, 10, 50, 0.5);
    expect(() => trackLatticeVjp(c.g, c.x.subarray(1), c.track)).toThrow(/x\.length/);
    expect(() => trackLatticeVjp(c.g, c.x, { ...c.track, k: [1.5, 0, 0] })).toThrow(/k\[0\]/);
    expect(() => trackLatticeVjp(c.g, c.x, { ...c.track, logGain: [0] })).toThrow(/logGain/);
    expect(() => trackLatticeVjp(c.g, c.x, c.track, { start: -1 })).toThrow(/start/);
    expect(() => trackLatticeVjp(c.g, c.x, c.track, { state: [0] })).toThrow(/state/);
    expect(() => trackLatticeVjp(c.g, c.x, c.track, { dKf: new Float64Array(2) })).toThrow(/dKf/);
    expect(() => trackLatticeVjp(c.g, c.x, c.track, { scratch: new Float64Array(2) })).toThrow(/scratch/);
    expect(() => trackLatticeVjp(c.g, c.x, c.track, { dx: c.g })).toThrow(/alias/);
    expect(() => trackLatticeJvp(c.x, c.track, { k: [1] })).toThrow(/v\.k/);
    expect(() => trackLatticeJvp(c.x, c.track, {}, { dy: new Float64Array(1) })).toThrow(/dy/);
  });
});

describe('trackLatticeJvp', () => {
  for (const M of [1, 2, 3, 7, 16, 32, 48]) {
    it(`M=${M}, |k| < 0.999: adjoint identity with trackLatticeVjp at 1e-9, and a central difference`, () => {
      const hop = 29;
      const T = 301;
      const c = randomCase(500 + M, M, 9, hop, T, 0.999);
      const v = {
        k: uniformArray(c.r, c.k.length),
        logGain: uniformArray(c.r, 9),
        x: uniformArray(c.r, T),
        state: uniformArray(c.r, M),
      };
      const opts = { start: 5, state: c.state };
      const y = new Float64Array(T);
      const dy = trackLatticeJvp(c.x, c.track, v, { ...opts, y });
      expect(Array.from(y)).toEqual(
        Array.from(trackLattice(c.x, c.track, { start: 5, state: Float64Array.from(c.state) })),
      );
      const G = trackLatticeVjp(c.g, c.x, c.track, opts);
      const parts = [dot(v.k, G.dKf), dot(v.logGain, G.dlogGain), dot(v.x, G.dx), dot(v.state, G.dzi)];
      const mag = parts.reduce((s, p) => s + Math.abs(p), 0);
      expect(Math.abs(dot(c.g, dy) - parts.reduce((s, p) => s + p, 0))).toBeLessThanOrEqual(
        1e-9 * Math.max(1, mag),
      );
      // Central difference along v through the naive model (h = 1e-8 keeps |k| < 1; error
      // O(h²·|y'''|) + O(1e-16·|y|/h) is far below 1e-5 of the scale).
      const h = 1e-8;
      const at = (e: number) =>
        naiveModel(
          c.x.map((q, i) => q + e * v.x[i]),
          c.k.map((q, i) => q + e * v.k[i]),
          c.logGain.map((q, i) => q + e * v.logGain[i]),
          M,
          hop,
          5,
          c.state.map((q, i) => q + e * v.state[i]),
        );
      const yp = at(h);
      const ym = at(-h);
      expectClose(
        dy,
        yp.map((q, i) => (q - ym[i]) / (2 * h)),
        1e-5,
      );
    });
  }

  it('caller buffers are reused; a zero direction gives zero', () => {
    const c = randomCase(2, 5, 4, 50, 300, 0.9);
    const v = { k: uniformArray(c.r, c.k.length), logGain: uniformArray(c.r, 4) };
    const ref = trackLatticeJvp(c.x, c.track, v);
    const bufs = {
      dy: new Float64Array(300).fill(Number.NaN),
      scratch: new Float64Array(trackLatticeJvpScratchLength(5)).fill(Number.NaN),
    };
    expect(Array.from(trackLatticeJvp(c.x, c.track, v, bufs))).toEqual(Array.from(ref));
    expect(Array.from(trackLatticeJvp(c.x, c.track, v, bufs))).toEqual(Array.from(ref));
    expect(trackLatticeJvp(c.x, c.track, {}).every((q) => q === 0)).toBe(true);
  });
});
