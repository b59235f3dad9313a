/** Training loop (owner TRAIN): Node, Worker or page, no DOM. */
export { Adam, clipGlobalNorm } from './adam.js';
export type {
  AdamOptions,
  CoefficientSink,
  LiveBinding,
  TrainOptions,
  TrainProgress,
  TrainResult,
} from './api.js';
export { TrainingSession, train } from './session.js';
export { yieldToEventLoop } from './yield.js';
