/** Mean squared error `mean((est − target)²)` and its gradient `2(est − target)/T`. */
import type { DifferentiableLoss, NumericInput } from '../../core/api.js';

/**
 * Mean squared error over T samples. When `grad` (length T) is given it is OVERWRITTEN with
 * dLoss/dEst = 2(est − target)/T; it may alias `est` (read before write per sample).
 */
export function mse(est: NumericInput, target: NumericInput, grad?: Float64Array): number {
  const T = est.length;
  if (target.length !== T)
    throw new RangeError(`mse: target length ${target.length} must equal est length ${T}`);
  if (T < 1) throw new RangeError('mse: est must not be empty');
  if (grad !== undefined && grad.length !== T) {
    throw new RangeError(`mse: grad length ${grad.length} must equal est length ${T}`);
  }
  let sum = 0;
  const c = 2 / T;
  for (let i = 0; i < T; i++) {
    const d = est[i] - target[i];
    sum += d * d;
    if (grad !== undefined) grad[i] = c * d;
  }
  return sum / T;
}

/** MSE against a fixed target as a `DifferentiableLoss`. */
export function createMseLoss(target: NumericInput): DifferentiableLoss {
  const copy = Float64Array.from(target);
  return { length: copy.length, compute: (estimate, grad) => mse(estimate, copy, grad) };
}
