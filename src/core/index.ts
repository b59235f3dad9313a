/**
 * diffiir core: pure DSP and gradients. No DOM and no Node APIs, so the same code runs in an
 * AudioWorkletGlobalScope, a page and Node. Conventions are stated in `api.ts` and the README.
 */
export * from './allpole/index.js';
export type * from './api.js';
export {
  COEFFICIENTS_CONVENTION,
  COEFFICIENTS_FORMAT,
  type CoefficientsFileInput,
  coefficientsToArray,
  parseCoefficientsFile,
  REFLECTION_TRACK_CONVENTION,
  type ReflectionTrackFileInput,
  toCoefficientsFile,
  toReflectionTrackFile,
} from './coefficients-file.js';
export { autocorr, hannTrimmed } from './lpc/autocorr.js';
export {
  expandReflectionTrack,
  expandReflectionTrackVjp,
  expandTrack,
  expandTrackVjp,
  expandTrackVjpScratchLength,
} from './lpc/expand-track.js';
export { LEVINSON_K_MAX, LEVINSON_REFINE_STEPS, levinson, levinsonScratchLength } from './lpc/levinson.js';
export { lpc } from './lpc/lpc.js';
export { speechLpcConditioning } from './lpc/lpc-conditioning.js';
export { lpcFrames } from './lpc/lpc-frames.js';
export * from './lti/index.js';
export type { StabilityCheckOptions } from './params/check-stable.js';
export { larToReflection, larToReflectionVjp, reflectionToLar } from './params/lar.js';
export {
  directToReflection,
  isStable,
  reflectionToDirect,
  reflectionToDirectVjp,
  reflectionToDirectVjpScratchLength,
} from './params/reflection.js';
export * from './params/sos.js';
export {
  reflectionToTanh,
  tanhReflection,
  tanhReflectionVjp,
  tanhToReflection,
  tanhToReflectionVjp,
} from './params/tanh.js';
export { gaussian, mulberry32 } from './random/mulberry32.js';
export * from './render/index.js';
export { chirp } from './signals/chirp.js';
export * from './track/index.js';
