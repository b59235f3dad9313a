/**
 * Picks and builds the optimiser of a training session. 'auto': Levenberg–Marquardt for the MSE
 * loss on a model with a Jacobian (time-invariant all-pole and pole-zero), L-BFGS for any other
 * loss on a time-invariant model, Adam for time-varying models (thousands of params). In segment
 * training the session gives a time-invariant model's second-order method ('lm', 'lbfgs', or 'auto'
 * from a Steiglitz–McBride start) a fixed fitting set (train/fit-set.ts: `input`, `target`, `mask`,
 * `loss`), and Adam on random segments otherwise.
 */
import type { DifferentiableLoss, FilterModel } from '../../core/api.js';
import type { AdamOptions } from '../api.js';
import { Adam } from './adam.js';
import { hasJacobian } from './jacobian.js';
import { Lbfgs } from './lbfgs.js';
import { LevenbergMarquardt } from './levenberg-marquardt.js';
import { OPTIMIZER_NAMES, type Optimizer, type OptimizerName } from './optimizer.js';

export interface OptimizerContext {
  model: FilterModel;
  input: Float64Array;
  target: Float64Array;
  /** The loss as given to the session ('mse', 'mrstft' or a custom loss). */
  lossKind: 'mse' | 'mrstft' | 'custom';
  /** The loss over `input`; null for random segments per step (Adam only). */
  loss: DifferentiableLoss | null;
  /** Samples of `input` in the loss (1) or run only (0, a warm-up); default all. */
  mask?: Uint8Array;
  adam?: AdamOptions;
}

/** The method 'auto' resolves to for this model and loss. */
export function chooseOptimizer(
  model: FilterModel,
  lossKind: OptimizerContext['lossKind'],
): Exclude<OptimizerName, 'auto'> {
  if (model.hop > 0) return 'adam';
  if (lossKind === 'mse' && hasJacobian(model)) return 'lm';
  return 'lbfgs';
}

/**
 * Builds the optimiser `name` (default 'auto').
 * @throws RangeError for an unknown name, or 'lm' with a model without a Jacobian or a loss other than 'mse'.
 */
export function createOptimizer(name: OptimizerName | undefined, ctx: OptimizerContext): Optimizer {
  const n = name ?? 'auto';
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(n)) {
    throw new RangeError(`train: optimizer must be one of ${OPTIMIZER_NAMES.join(', ')} (got ${String(n)})`);
  }
  const kind = n === 'auto' ? (ctx.loss === null ? 'adam' : chooseOptimizer(ctx.model, ctx.lossKind)) : n;
  if (kind !== 'adam' && ctx.loss === null) {
    throw new RangeError(`train: optimizer '${kind}' needs whole-signal training (no segment option)`);
  }
  if (kind === 'lm') {
    if (!hasJacobian(ctx.model)) {
      throw new RangeError(
        `train: optimizer 'lm' needs a model with a Jacobian (allpole, polezero; got ${ctx.model.kind})`,
      );
    }
    if (ctx.lossKind !== 'mse') throw new RangeError("train: optimizer 'lm' needs loss 'mse'");
    return new LevenbergMarquardt(ctx.model, ctx.input, ctx.target, ctx.mask ? { mask: ctx.mask } : {});
  }
  if (kind === 'lbfgs') return new Lbfgs(ctx.model, ctx.input, ctx.loss as DifferentiableLoss);
  return new Adam(ctx.model.params.length, ctx.adam);
}
