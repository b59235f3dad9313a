import { kernelFamily, primeKernel } from '../kernel-dispatch.js';
import { allpoleFromParams, latticeFromParams } from './from-params.js';
import { ALLPOLE_PARAMS } from './generated/allpole-params.js';
import { LATTICE_PARAMS } from './generated/lattice-params.js';

/**
 * Priming of the AudioParam kernels (from-params.ts) as the AudioWorklet processor runs them:
 * through the checked entries, with a float64 input, a Float32Array output and Float32Array
 * params, alternately all of length 1 (constant over the quantum) and all of length T (per
 * sample), with a `columns` scratch like the processor's, so both of the paths it runs get type
 * feedback (the constant loop, and the packing + column kernel). The reflection values stay
 * inside the limit: priming the clamp branch measurably made the optimised lattice kernel box a
 * double on every later unclamped call (16 bytes per call at order 16,
 * tests/unit/worklet-heap.test.ts), while clamps taken in real use after this priming measured
 * no allocation (order 8 clamped every quantum; order 16 clamped once). Input and
 * state are zero (the output stays zero); buffers are module-level. Generic orders are primed
 * at order 33.
 */

const GENERIC_M = ALLPOLE_PARAMS.length;
/** One render quantum: the per-sample rounds run the quantum column kernels, as process() does. */
const T = 128;
const LIMIT = 0.999999;
const x = new Float64Array(T);
const y = new Float32Array(T);
const sBuf = new Float64Array(GENERIC_M);
const columns = new Float32Array(GENERIC_M * T);
const states = Array.from({ length: GENERIC_M + 1 }, (_, m) => sBuf.subarray(0, m));
const constant = Array.from({ length: GENERIC_M }, (_, i) => new Float32Array(1).fill(i & 1 ? -0.25 : 0.125));
const perSample = Array.from({ length: GENERIC_M }, () =>
  Float32Array.from({ length: T }, (_, t) => (t & 1 ? -0.25 : 0.125)),
);

const order = (i: number) => (i === 0 ? GENERIC_M : i);
const LATTICE_FAMILY = kernelFamily(LATTICE_PARAMS, (i, r) => {
  const M = order(i);
  latticeFromParams(x, r & 1 ? perSample : constant, M, states[M].fill(0), y, LIMIT, columns);
});
const DIRECT_FAMILY = kernelFamily(ALLPOLE_PARAMS, (i, r) => {
  const M = order(i);
  allpoleFromParams(x, r & 1 ? perSample : constant, M, states[M].fill(0), y, columns);
});

/**
 * Selects and primes the kernel that {@link latticeFromParams} (`domain` 'reflection') or
 * {@link allpoleFromParams} ('direct') runs for order M, once per kernel (later calls return at
 * once). Call it where a one-off delay is harmless, e.g. an AudioWorkletProcessor constructor,
 * never in process(). Results of real calls are bit-identical with or without it.
 * @throws RangeError unless M is an integer >= 1; TypeError for another domain.
 */
export function prepareFromParams(M: number, domain: 'reflection' | 'direct'): void {
  if (!Number.isInteger(M) || M < 1)
    throw new RangeError(`prepareFromParams: order M must be an integer >= 1 (got ${M})`);
  if (domain !== 'reflection' && domain !== 'direct')
    throw new TypeError(`prepareFromParams: domain must be 'reflection' or 'direct' (got ${String(domain)})`);
  if (domain === 'reflection') primeKernel(LATTICE_FAMILY, M);
  else primeKernel(DIRECT_FAMILY, M);
}
