/**
 * diffiir/train: differentiable models, losses with gradients, optimisers and the training
 * session. Pure (no DOM, no Node APIs): runs in Node, a Worker or a page. Layer: core ← train.
 */

export type {
  AdamOptions,
  CoefficientSink,
  LiveBinding,
  LiveTrack,
  SegmentOptions,
  TrainOptions,
  TrainProgress,
  TrainResult,
  TrainStatus,
} from './api.js';
export { type PoleZeroFit, type SteiglitzMcBrideOptions, steiglitzMcBride } from './fit/steiglitz-mcbride.js';
export * from './loss/index.js';
export * from './models/index.js';
export { Adam, clipGlobalNorm } from './optim/adam.js';
export { chooseOptimizer } from './optim/create-optimizer.js';
export type { JacobianModel } from './optim/jacobian.js';
export { Lbfgs, type LbfgsOptions } from './optim/lbfgs.js';
export { LevenbergMarquardt, type LevenbergMarquardtOptions } from './optim/levenberg-marquardt.js';
export { OPTIMIZER_NAMES, type Optimizer, type OptimizerName } from './optim/optimizer.js';
export { TrainingSession, train } from './session.js';
export { yieldToEventLoop } from './yield.js';
