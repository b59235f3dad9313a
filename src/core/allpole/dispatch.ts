import { backwardTiGeneric, backwardTvGeneric } from './generic-backward.js';
import { forwardTiGeneric, forwardTvGeneric } from './generic-forward.js';
import type { BackwardKernel, ForwardKernel } from './kernel-types.js';

/** Forward kernel for order M (time-invariant when `ti`). */
export function forwardKernel(_M: number, ti: boolean): ForwardKernel {
  return ti ? forwardTiGeneric : forwardTvGeneric;
}

/** Backward kernel for order M (time-invariant when `ti`). */
export function backwardKernel(_M: number, ti: boolean): BackwardKernel {
  return ti ? backwardTiGeneric : backwardTvGeneric;
}
