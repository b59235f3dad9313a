import { BACKWARD_TI } from './generated/backward-ti.js';
import { BACKWARD_TV } from './generated/backward-tv.js';
import { FORWARD_TI } from './generated/forward-ti.js';
import { FORWARD_TV } from './generated/forward-tv.js';
import { backwardTiGeneric, backwardTvGeneric } from './generic-backward.js';
import { forwardTiGeneric, forwardTvGeneric } from './generic-forward.js';
import type { BackwardKernel, ForwardKernel } from './kernel-types.js';
import { allFinite } from './validate.js';

/**
 * Kernel selection by order: the generated, order-specialised kernels for M <= 32
 * (scripts/gen-allpole-kernels.ts), the generic loops above (table index 0).
 *
 * Priming: each kernel is run a dozen times on a short all-zero input (preallocated module buffers,
 * no allocation) the first time it is selected. Without it, the first real call runs one
 * long loop, V8 compiles it on-stack before the code after the loop has ever run, and that
 * code then deoptimises on every call ("insufficient type feedback"), making the kernel
 * 2x slower for good. The same holds for any branch never taken before optimisation (e.g. the
 * odd/even order remainder of the generic loops), so the shared generic kernels and helpers
 * are primed once over small orders 1..5 and both length parities, covering every path.
 */

/** V8 allocates a function's feedback vector only after ~8 calls: prime past that. */
const PRIME_CALLS = 12;
const PRIME_M = 33;
const PRIME_T = 3 * PRIME_M + 2;
const zSig = new Float64Array(PRIME_T);
const zOut = new Float64Array(PRIME_T);
const zA = new Float64Array(PRIME_T * PRIME_M);
const zdA = new Float64Array(PRIME_T * PRIME_M);
const zS = new Float64Array(PRIME_M);
const zS2 = new Float64Array(PRIME_M);
const primed = new Uint8Array(4 * (FORWARD_TV.length + 1));

let sharedPrimed = false;

/** Runs the generic kernels (and through them the shared edge helpers) over all code paths. */
function primeShared(): void {
  sharedPrimed = true;
  for (let r = 0; r < PRIME_CALLS; r++) {
    // Cheap calls first (they only count invocations), full coverage in the last rounds.
    const full = r >= PRIME_CALLS - 4;
    const mHi = full ? 5 : 1;
    for (let M = 1; M <= mHi; M++) {
      const tHi = full ? 3 * M + 3 : 1;
      for (let T = full ? 3 * M + 2 : 1; T <= tHi; T++) {
        forwardTvGeneric(zSig, zA, zOut, zS, T, M);
        forwardTiGeneric(zSig, zA, zOut, zS, T, M);
        backwardTvGeneric(zSig, zOut, zA, zS, zSig, zdA, zS2, T, M);
        backwardTiGeneric(zSig, zOut, zA, zS, zSig, zdA, zS2, T, M);
      }
    }
    allFinite(zS);
  }
}

function slot(table: number, M: number, len: number): number {
  return table * (len + 1) + (M < len ? M : 0);
}

function primeForward(k: ForwardKernel, M: number): void {
  for (let r = 0; r < PRIME_CALLS; r++) k(zSig, zA, zOut, zS, 3 * M + 2, M);
}

function primeBackward(k: BackwardKernel, M: number): void {
  for (let r = 0; r < PRIME_CALLS; r++) k(zSig, zOut, zA, zS, zSig, zdA, zS2, 3 * M + 2, M);
}

/** Forward kernel for order M (time-invariant when `ti`). */
export function forwardKernel(M: number, ti: boolean): ForwardKernel {
  const table = ti ? FORWARD_TI : FORWARD_TV;
  const k = table[M < table.length ? M : 0];
  const p = slot(ti ? 1 : 0, M, table.length);
  if (primed[p] === 0) {
    primed[p] = 1;
    if (!sharedPrimed) primeShared();
    primeForward(k, M < table.length ? M : PRIME_M);
  }
  return k;
}

/** Backward kernel for order M (time-invariant when `ti`). */
export function backwardKernel(M: number, ti: boolean): BackwardKernel {
  const table = ti ? BACKWARD_TI : BACKWARD_TV;
  const k = table[M < table.length ? M : 0];
  const p = slot(ti ? 3 : 2, M, table.length);
  if (primed[p] === 0) {
    primed[p] = 1;
    if (!sharedPrimed) primeShared();
    primeBackward(k, M < table.length ? M : PRIME_M);
  }
  return k;
}

/**
 * Prepares (primes) the kernels for order M ahead of time: the first selection of a kernel
 * otherwise primes it lazily, which costs a few milliseconds of interpreted code once. Call it
 * where a one-off delay is harmless, e.g. in an AudioWorkletProcessor constructor, not in
 * process(). `gradients` also prepares the adjoint kernels. Allocates nothing.
 * Throws RangeError unless M is an integer >= 1.
 */
export function prepareAllpole(M: number, gradients = false): void {
  if (!Number.isInteger(M) || M < 1)
    throw new RangeError(`prepareAllpole: order M must be an integer >= 1 (got ${M})`);
  forwardKernel(M, false);
  forwardKernel(M, true);
  if (gradients) {
    backwardKernel(M, false);
    backwardKernel(M, true);
  }
}
