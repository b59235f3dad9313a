import { LATTICE } from '../allpole/generated/lattice.js';
import { LATTICE_TRACK } from '../allpole/generated/lattice-track.js';
import { kernelFamily, primeKernel } from '../kernel-dispatch.js';
import { createTrackScratch, trackLatticeBlock } from './track-lattice.js';

/**
 * Priming of the reflection-track player as the AudioWorklet processor runs it (float64
 * buffers throughout): {@link trackLatticeBlock} over a 3-frame track, alternately without and
 * with a log-gain track and from two start offsets (inside a hop and across a frame boundary),
 * and the constant-coefficient lattice kernel that plays before the first track. Input and
 * state are zero (the output stays zero); buffers are module-level (the generic path's
 * scratch is made on its first priming). Generic orders are primed at order 33.
 */

const GENERIC_M = LATTICE_TRACK.length;
const T = 8;
const HOP = 4;
const FRAMES = 3;
const x = new Float64Array(T);
const y = new Float64Array(T);
const sBuf = new Float64Array(GENERIC_M);
const K = Float64Array.from({ length: FRAMES * GENERIC_M }, (_, i) => (i & 1 ? -0.25 : 0.125));
const G = Float64Array.from({ length: FRAMES }, (_, i) => -0.1 * i);
let genericScratch: ReturnType<typeof createTrackScratch> | null = null;

const order = (i: number) => (i === 0 ? GENERIC_M : i);
const TRACK_FAMILY = kernelFamily(LATTICE_TRACK, (i, r) => {
  const M = order(i);
  if (genericScratch === null) genericScratch = createTrackScratch(GENERIC_M);
  trackLatticeBlock(
    x,
    y,
    T,
    K,
    r & 1 ? G : null,
    M,
    FRAMES,
    HOP,
    r & 2 ? 3 : 0,
    sBuf.fill(0),
    genericScratch,
  );
});
// The generic lattice kernel takes its order from the state's length (GENERIC_M here).
const CONSTANT_FAMILY = kernelFamily(LATTICE, (i) => {
  LATTICE[i](x, K, sBuf.fill(0), y, T, 0);
});

/**
 * Selects and primes the kernels that the reflection-track player runs for order M
 * ({@link trackLatticeBlock} and the constant lattice kernel), once per kernel. Call it where
 * a one-off delay is harmless, e.g. an AudioWorkletProcessor constructor, never in process().
 * Results of real calls are bit-identical with or without it.
 * @throws RangeError unless M is an integer >= 1.
 */
export function prepareTrackLattice(M: number): void {
  if (!Number.isInteger(M) || M < 1)
    throw new RangeError(`prepareTrackLattice: order M must be an integer >= 1 (got ${M})`);
  primeKernel(TRACK_FAMILY, M);
  primeKernel(CONSTANT_FAMILY, M);
}
