import { BACKWARD_TI } from './generated/backward-ti.js';
import { BACKWARD_TV } from './generated/backward-tv.js';
import { FORWARD_TI } from './generated/forward-ti.js';
import { FORWARD_TV } from './generated/forward-tv.js';
import type { BackwardKernel, ForwardKernel } from './kernel-types.js';

/**
 * Kernel selection by order: the generated, order-specialised kernels for M <= 32
 * (scripts/gen-allpole-kernels.ts), the generic loops above (table index 0).
 */
export function forwardKernel(M: number, ti: boolean): ForwardKernel {
  const table = ti ? FORWARD_TI : FORWARD_TV;
  return table[M < table.length ? M : 0];
}

/** Backward kernel for order M (time-invariant when `ti`). */
export function backwardKernel(M: number, ti: boolean): BackwardKernel {
  const table = ti ? BACKWARD_TI : BACKWARD_TV;
  return table[M < table.length ? M : 0];
}
