import { LATTICE } from '../allpole/generated/lattice.js';
import { LATTICE_TRACK } from '../allpole/generated/lattice-track.js';
import { kernelFamily, primeKernel } from '../kernel-dispatch.js';
import { fillGainTable } from './frame-gain.js';
import { trackLatticeBlock } from './track-lattice.js';

/**
 * Priming of the reflection-track player as the AudioWorklet processor runs it:
 * {@link trackLatticeBlock} over a 3-frame track, alternately without and with a log-gain track
 * (with its gain table, as the processor's store passes it),
 * from two start offsets (inside a hop and across a frame boundary), and on float64 buffers
 * (the processor's gained copy) and float32 ones (its input and output at unit gain); and the
 * constant-coefficient lattice kernel that plays before the first track, on both as well.
 * Input and state are zero (the output stays zero); buffers are module-level. Generic orders
 * are primed at order 33.
 */

const GENERIC_M = LATTICE_TRACK.length;
const T = 8;
const HOP = 4;
const FRAMES = 3;
const x64 = new Float64Array(T);
const y64 = new Float64Array(T);
const x32 = new Float32Array(T);
const y32 = new Float32Array(T);
const sBuf = new Float64Array(GENERIC_M);
const K = Float64Array.from({ length: FRAMES * GENERIC_M }, (_, i) => (i & 1 ? -0.25 : 0.125));
const G = Float64Array.from({ length: FRAMES }, (_, i) => -0.1 * i);
const GT = new Float64Array(2 * FRAMES);
fillGainTable(G, FRAMES, HOP, 0, FRAMES, GT);

const order = (i: number) => (i === 0 ? GENERIC_M : i);
const TRACK_FAMILY = kernelFamily(LATTICE_TRACK, (i, r) => {
  const f32 = (r & 4) !== 0;
  const start = r & 2 ? 3 : 0;
  sBuf.fill(0);
  const g = r & 1 ? G : null;
  const gt = r & 1 ? GT : null;
  if (f32) trackLatticeBlock(x32, y32, T, K, g, order(i), FRAMES, HOP, start, sBuf, gt);
  else trackLatticeBlock(x64, y64, T, K, g, order(i), FRAMES, HOP, start, sBuf, gt);
});
// The generic lattice kernel takes its order from the state's length (GENERIC_M here).
const CONSTANT_FAMILY = kernelFamily(LATTICE, (i, r) => {
  if (r & 1) LATTICE[i](x32, K, sBuf.fill(0), y32, T, 0);
  else LATTICE[i](x64, K, sBuf.fill(0), y64, T, 0);
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
