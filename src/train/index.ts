/**
 * diffiir/train: differentiable models, losses with gradients, optimisers and the training
 * session. Pure (no DOM, no Node APIs): runs in Node, a Worker or a page. Layer: core ← train.
 */
export { Adam, clipGlobalNorm } from './adam.js';
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
export * from './loss/index.js';
export * from './models/index.js';
export { TrainingSession, train } from './session.js';
export { yieldToEventLoop } from './yield.js';
