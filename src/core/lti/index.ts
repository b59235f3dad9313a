export { firFromIir, freqSamplingFilter } from './freq-sampling.js';
export { firFromIirVjp, freqSamplingFilterVjp } from './freq-sampling-vjp.js';
export { freqz, magnitudeResponse } from './freqz.js';
export { freqzVjp } from './freqz-vjp.js';
export { lfilter, lfilterKernel, normaliseCoefficients } from './lfilter.js';
export { lfilterVjp } from './lfilter-vjp.js';
