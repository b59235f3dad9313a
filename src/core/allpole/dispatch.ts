import { type KernelFamily, kernelFamily, PRIME_CALLS, selectKernel } from '../kernel-dispatch.js';
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
 * (scripts/gen-allpole-kernels.ts), the generic loops above (table index 0), chosen and primed
 * by the one rule of core/kernel-dispatch.ts. Each kernel is primed on inputs of 3M+2 zero
 * samples (generic loops: M = 33). A branch never taken before optimisation (e.g. the odd/even
 * order remainder of the generic loops) deoptimises later like an unprimed loop, so the shared
 * generic kernels and helpers are also primed once over small orders 1..5 and both length
 * parities, covering every path.
 */

const PRIME_M = 33;
const PRIME_T = 3 * PRIME_M + 2;
const zSig = new Float64Array(PRIME_T);
const zOut = new Float64Array(PRIME_T);
const zA = new Float64Array(PRIME_T * PRIME_M);
const zdA = new Float64Array(PRIME_T * PRIME_M);
const zS = new Float64Array(PRIME_M);
const zS2 = new Float64Array(PRIME_M);

let sharedPrimed = false;

/** Runs the generic kernels (and through them the shared edge helpers) over all code paths. */
function primeShared(): void {
  if (sharedPrimed) return;
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

function forwardFamily(table: readonly ForwardKernel[]): KernelFamily<ForwardKernel> {
  return kernelFamily(table, (i) => {
    primeShared();
    const M = i === 0 ? PRIME_M : i;
    table[i](zSig, zA, zOut, zS, 3 * M + 2, M);
  });
}

function backwardFamily(table: readonly BackwardKernel[]): KernelFamily<BackwardKernel> {
  return kernelFamily(table, (i) => {
    primeShared();
    const M = i === 0 ? PRIME_M : i;
    table[i](zSig, zOut, zA, zS, zSig, zdA, zS2, 3 * M + 2, M);
  });
}

const FORWARD = [forwardFamily(FORWARD_TV), forwardFamily(FORWARD_TI)];
const BACKWARD = [backwardFamily(BACKWARD_TV), backwardFamily(BACKWARD_TI)];

/** Forward kernel for order M (time-invariant when `ti`), primed on first selection. */
export function forwardKernel(M: number, ti: boolean): ForwardKernel {
  return selectKernel(FORWARD[ti ? 1 : 0], M);
}

/** Backward kernel for order M (time-invariant when `ti`), primed on first selection. */
export function backwardKernel(M: number, ti: boolean): BackwardKernel {
  return selectKernel(BACKWARD[ti ? 1 : 0], M);
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
