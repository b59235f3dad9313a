/**
 * The fused frame-track lattice kernels (generated/lattice-track.ts, generic-lattice.ts) that
 * `trackLatticeBlock` runs for every order are bit-identical to the model's unfused definition:
 * interpolate each sample's row (frame-interpolation.ts), scale the input by the gain rule
 * (frame-gain.ts), run the order-specialised lattice. Checked bit for bit over orders 1..48,
 * hops 1..300, starts inside, at and past the last frame, between gain anchors, with and
 * without log-gains, with and without the gain table. The gain rule (an anchored recursion) is held to `exp` of the interpolated
 * log-gain at 1e-13 relative per sample, and the kernels to the unfused definition with that
 * `exp` at 1e-13 of the output's peak.
 */
import { describe, expect, it } from 'vitest';
import { LATTICE } from '../../src/core/allpole/generated/lattice.js';
import { LATTICE_TRACK } from '../../src/core/allpole/generated/lattice-track.js';
import { latticeTrackGeneric } from '../../src/core/allpole/generic-lattice.js';
import { mulberry32 } from '../../src/core/random/mulberry32.js';
import {
  anchoredGain,
  fillGainTable,
  fillTrackGains,
  GAIN_ANCHOR,
  gainRatio,
  trackGain,
} from '../../src/core/track/frame-gain.js';
import { interpolateFrameRow, interpolateFrameValue } from '../../src/core/track/frame-interpolation.js';

/** The unfused definition: per-sample row and gain (`exactExp`: `exp` per sample), then the lattice. */
function unfused(
  x: Float64Array,
  Kf: Float64Array,
  G: Float64Array | null,
  M: number,
  frames: number,
  hop: number,
  start: number,
  state: Float64Array,
  exactExp = false,
): Float64Array {
  const n = x.length;
  const xs = new Float64Array(n);
  const ks = new Float64Array(n * M);
  for (let j = 0; j < n; j++) {
    const s = start + j;
    interpolateFrameRow(Kf, M, hop, frames, s, ks, j * M);
    const e =
      exactExp && G !== null
        ? Math.exp(interpolateFrameValue(G, hop, frames, s))
        : trackGain(G, hop, frames, s);
    xs[j] = e * x[j];
  }
  LATTICE[M < LATTICE.length ? M : 0](xs, ks, state, xs, n, M);
  return xs;
}

function maxAbs(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  return m;
}

describe('fused track lattice kernels', () => {
  const u = mulberry32(5);
  for (const M of [1, 2, 3, 7, 16, 31, 32, 33, 48]) {
    it(`order ${M}: bit-identical to interpolate + gain rule + lattice (generated and generic); 1e-13 of peak from exp per sample`, () => {
      for (const [hop, frames, start, n] of [
        [1, 300, 0, 250],
        [7, 20, 3, 200],
        [16, 9, 100, 300], // runs past the last frame (held)
        [300, 3, 0, 1000],
        [100, 5, 45, 400], // starts between gain anchors
        [64, 4, 500, 77], // starts past the last frame
      ]) {
        const Kf = Float64Array.from({ length: frames * M }, () => 0.6 * (2 * u() - 1));
        const G = Float64Array.from({ length: frames }, () => 4 * u() - 2);
        const x = Float64Array.from({ length: n }, () => 2 * u() - 1);
        for (const g of [G, null]) {
          const s0 = Float64Array.from({ length: M }, () => 0.1 * (2 * u() - 1));
          const want = unfused(x, Kf, g, M, frames, hop, start, s0.slice());
          const wantState = s0.slice();
          unfused(x, Kf, g, M, frames, hop, start, wantState);
          // With log-gains, also given their gain table (as the processor's store passes it).
          const table = new Float64Array(2 * frames);
          if (g !== null) fillGainTable(g, frames, hop, 0, frames, table);
          for (const kernel of [LATTICE_TRACK[M < LATTICE_TRACK.length ? M : 0], latticeTrackGeneric]) {
            for (const gt of g === null ? [null] : [null, table]) {
              const s = s0.slice();
              const y = new Float64Array(n);
              kernel(x, y, n, Kf, g, frames, hop, start, s, gt);
              expect(Array.from(y)).toEqual(Array.from(want));
              expect(Array.from(s)).toEqual(Array.from(wantState));
            }
          }
          if (g !== null) {
            const exact = unfused(x, Kf, g, M, frames, hop, start, s0.slice(), true);
            let e = 0;
            for (let t = 0; t < n; t++) e = Math.max(e, Math.abs(want[t] - exact[t]));
            expect(e, `hop ${hop}`).toBeLessThanOrEqual(1e-13 * maxAbs(exact));
          }
        }
      }
    });
  }

  it('the anchored gain recursion stays within 1e-13 relative of exp per sample (hops up to 4096, log-gain steps up to ±20)', () => {
    const r = mulberry32(11);
    let worst = 0;
    for (const hop of [1, 2, 31, 32, 33, 100, 256, 1024, 4096]) {
      for (let c = 0; c < 20; c++) {
        const L0 = 40 * r() - 20;
        const L1 = 40 * r() - 20;
        const q = gainRatio(L0, L1, hop);
        let g = 0;
        for (let off = 0; off < hop; off++) {
          // The kernels' sequence: exact at anchors, times q in between.
          g = off % GAIN_ANCHOR === 0 ? anchoredGain(L0, L1, off, hop, q) : g * q;
          expect(anchoredGain(L0, L1, off, hop, q)).toBe(g); // random access = the running product
          const exact = Math.exp(interpolateFrameValue([L0, L1], hop, 2, off));
          worst = Math.max(worst, Math.abs(g - exact) / exact);
        }
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-13);
    expect(worst).toBeGreaterThan(0); // it is a recursion, not the exact rule
  });

  it('fillTrackGains (a run) equals trackGain (random access) for every sample, held past the last frame', () => {
    const r = mulberry32(12);
    for (const hop of [1, 5, 32, 77, 300]) {
      const frames = 4;
      const G = Float64Array.from({ length: frames }, () => 6 * r() - 3);
      for (const s0 of [0, 3, 31, 33, hop + 1, 2 * hop - 1]) {
        const n = 4 * hop + 40;
        const out = new Float64Array(n + 2);
        fillTrackGains(G, hop, frames, s0, n, out, 2);
        for (let j = 0; j < n; j++) expect(out[2 + j]).toBe(trackGain(G, hop, frames, s0 + j));
        expect(out[2 + n - 1]).toBe(Math.exp(G[frames - 1]));
      }
      const ones = new Float64Array(5);
      fillTrackGains(null, hop, frames, 0, 5, ones, 0);
      expect(Array.from(ones)).toEqual([1, 1, 1, 1, 1]);
    }
  });
});
