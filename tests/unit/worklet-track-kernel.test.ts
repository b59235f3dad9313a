/**
 * The fused frame-track lattice kernels (generated/lattice-track.ts, generic-lattice.ts) that
 * `trackLatticeBlock` runs for orders 1..32 are bit-identical to the model's unfused definition:
 * interpolate each sample's row and log-gain (frame-interpolation.ts), scale the input, run the
 * order-specialised lattice. Checked bit for bit over orders 1..48, hops 1..300, starts inside,
 * at and past the last frame, with and without log-gains.
 */
import { describe, expect, it } from 'vitest';
import { LATTICE } from '../../src/core/allpole/generated/lattice.js';
import { LATTICE_TRACK } from '../../src/core/allpole/generated/lattice-track.js';
import { latticeTrackGeneric } from '../../src/core/allpole/generic-lattice.js';
import { mulberry32 } from '../../src/core/random/mulberry32.js';
import { interpolateFrameRow, interpolateFrameValue } from '../../src/core/track/frame-interpolation.js';

/** The unfused definition (what trackLatticeBlock did for every order). */
function unfused(
  x: Float64Array,
  Kf: Float64Array,
  G: Float64Array | null,
  M: number,
  frames: number,
  hop: number,
  start: number,
  state: Float64Array,
): Float64Array {
  const n = x.length;
  const xs = new Float64Array(n);
  const ks = new Float64Array(n * M);
  for (let j = 0; j < n; j++) {
    const s = start + j;
    interpolateFrameRow(Kf, M, hop, frames, s, ks, j * M);
    xs[j] = G === null ? x[j] : Math.exp(interpolateFrameValue(G, hop, frames, s)) * x[j];
  }
  LATTICE[M < LATTICE.length ? M : 0](xs, ks, state, xs, n, M);
  return xs;
}

describe('fused track lattice kernels', () => {
  const u = mulberry32(5);
  for (const M of [1, 2, 3, 7, 16, 31, 32, 33, 48]) {
    it(`order ${M}: bit-identical to interpolate + lattice (generated and generic)`, () => {
      for (const [hop, frames, start, n] of [
        [1, 300, 0, 250],
        [7, 20, 3, 200],
        [16, 9, 100, 300], // runs past the last frame (held)
        [300, 3, 0, 1000],
        [64, 4, 500, 77], // starts past the last frame
      ]) {
        const Kf = Float64Array.from({ length: frames * M }, () => 0.6 * (2 * u() - 1));
        const G = Float64Array.from({ length: frames }, () => u() - 0.5);
        const x = Float64Array.from({ length: n }, () => 2 * u() - 1);
        for (const g of [G, null]) {
          const s0 = Float64Array.from({ length: M }, () => 0.1 * (2 * u() - 1));
          const want = unfused(x, Kf, g, M, frames, hop, start, s0.slice());
          for (const kernel of [LATTICE_TRACK[M < LATTICE_TRACK.length ? M : 0], latticeTrackGeneric]) {
            const s = s0.slice();
            const y = new Float64Array(n);
            kernel(x, y, n, Kf, g, frames, hop, start, s);
            expect(Array.from(y)).toEqual(Array.from(want));
          }
        }
      }
    });
  }
});
