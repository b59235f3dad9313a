/** Losses with gradients (owner TRAIN). */

export { MAG_EPS } from './magnitude-terms.js';
export { createMrStftLoss, DEFAULT_RESOLUTIONS, MrStftLoss, mrstftLoss } from './mrstft.js';
export { createMseLoss, mse } from './mse.js';
