/** Models that give the Jacobian of their output with respect to their params (forward mode). */
import type { FilterModel } from '../../core/api.js';

/** A {@link FilterModel} with forward-mode output sensitivities, as Levenberg–Marquardt needs. */
export interface JacobianModel extends FilterModel {
  /**
   * Runs the forward pass on `x` at the current params and writes column j of the Jacobian,
   * ∂y/∂params[j] (length T = x.length), into `cols[j]` for every param. Returns y.
   */
  jacobian(x: Float64Array, cols: Float64Array[]): Float64Array;
}

/** True when `m` implements {@link JacobianModel.jacobian}. */
export function hasJacobian(m: FilterModel): m is JacobianModel {
  return typeof (m as Partial<JacobianModel>).jacobian === 'function';
}
