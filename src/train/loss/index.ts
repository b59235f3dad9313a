/** Losses with gradients (owner TRAIN). */
export { createMrStftLoss, DEFAULT_RESOLUTIONS, MrStftLoss, mrstftLoss } from './mrstft.js';
export { createMseLoss, mse } from './mse.js';
export { MAG_EPS, StftResolutionPlan } from './stft-resolution.js';
