/** Differentiable filter models (owner TRAIN). */
export { AllPoleModel, type AllPoleModelOptions, rms } from './allpole-model.js';
export { createModel, type ModelInit } from './create-model.js';
export { expandEnvelope, expandEnvelopeVjp } from './frame-envelope.js';
export { PoleZeroModel, type PoleZeroModelOptions, SECTION_PARAMS } from './polezero-model.js';
export {
  paramsToReflection,
  type ReflectionParameterisation,
  reflectionToParams,
  reflectionVjp,
} from './reflection-map.js';
export { TvAllPoleModel, type TvAllPoleModelOptions } from './tv-allpole-model.js';
