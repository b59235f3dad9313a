/**
 * The optimiser seam of the training session: one `step` per evaluation of the loss and its
 * gradient at the current params. Adam takes one first-order step; Levenberg–Marquardt and L-BFGS
 * may evaluate the model several times inside a step (trial steps, line search) and leave the params
 * at an accepted point. All keep the params in the model's stable parameterisation (a trial point
 * whose filter is not stable is rejected).
 */

/** Names accepted by `TrainOptions.optimizer` and the CLI's `--optimizer`. */
export const OPTIMIZER_NAMES = ['auto', 'lm', 'lbfgs', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

export interface Optimizer {
  /** The method ('adam', 'lm' or 'lbfgs'). */
  readonly name: Exclude<OptimizerName, 'auto'>;
  /** Step size (Adam) or initial step scale; halved by the session on a rollback. */
  learningRate: number;
  /**
   * Updates `params` in place from the loss and its gradient at `params` (`grad` may be modified).
   * A second-order method may evaluate trial points; it leaves `params` at the point it accepted.
   */
  step(params: Float64Array, grad: Float64Array, loss: number): unknown;
  /** Forgets curvature/moment state (after a rollback). */
  reset(): void;
  /** True once no step lowers the loss any more: the session stops early. */
  readonly converged: boolean;
}
