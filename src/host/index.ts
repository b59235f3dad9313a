/**
 * diffiir/host: the all-pole AudioWorklet node for Web Audio (native contexts,
 * standardized-audio-context, Tone.js). Plain ESM, no bare imports once built (dist/host).
 */
export type {
  AllPoleAckMessage,
  AllPoleAppendMessage,
  AllPoleControl,
  AllPoleControlMessage,
  AllPoleDomain,
  AllPoleFaultCode,
  AllPoleFaultMessage,
  AllPoleProcessorOptions,
  AllPoleTrackMessage,
} from '../worklet/protocol.js';
export {
  allPoleProcessorName,
  coefficientParamName,
  DEFAULT_FLUSH_THRESHOLD,
  DEFAULT_OUTPUT_LIMIT,
  MAX_ORDER,
  MIN_OUTPUT_LIMIT,
  REFLECTION_LIMIT,
} from '../worklet/protocol.js';
export type { AudioParamLike, CoefficientTarget, RampOptions } from './controls.js';
export { checkCoefficientVector, rampCoefficients, scheduleTrack, setCoefficients } from './controls.js';
export type { AllPoleFaultDetail, AllPoleFaultEvent } from './fault.js';
export { parseFaultMessage } from './fault.js';
export type { AddAllPoleModuleOptions, AllPoleContext, WorkletContextLike } from './module.js';
export { addAllPoleModule, allPoleWorkletUrl, rawContextOf } from './module.js';
export type { AllPoleNode, AudioWorkletNodeConstructorLike } from './node.js';
export { AllPoleFilterNode, createAllPoleFilterNode } from './node.js';
export type { AllPoleFilterOptions, ResolvedAllPoleOptions } from './options.js';
export { checkOutputLimit, resolveAllPoleOptions } from './options.js';
export { allPoleFrequencyResponse } from './response.js';
export type { NodeTrack, TrackFrames, TrackValues } from './track.js';
