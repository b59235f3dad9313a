/**
 * diffiir/core: pure DSP and gradients. No DOM and no Node APIs, so the same code runs in an
 * AudioWorkletGlobalScope, a page and Node. Conventions are stated in `api.ts` and the README.
 *
 * The public surface, what a user calls (the README's table lists the same names):
 * - all-pole filter: {@link allpole}, {@link allpoleVjp}, {@link allpoleJvp}, {@link lattice},
 *   {@link latticeVjp}, {@link latticeJvp}, {@link clampReflection};
 * - LTI: {@link lfilter}, {@link lfilterVjp}, {@link freqz}, {@link freqzVjp},
 *   {@link magnitudeResponse}, {@link freqSamplingFilter} (+Vjp), {@link firFromIir} (+Vjp);
 * - parameterisations: reflection ↔ direct ({@link reflectionToDirect} (+Vjp),
 *   {@link directToReflection}, {@link isStable}), {@link polynomialRoots}, log-area ratios, tanh, second-order sections
 *   from poles and their cascade;
 * - LPC: {@link autocorr}, {@link hannTrimmed}, {@link levinson}, {@link lpc}, {@link lpcFrames},
 *   {@link speechLpcConditioning}, frame-track expansion ({@link expandTrack},
 *   {@link expandReflectionTrack}, +Vjp);
 * - reflection tracks (frame-rate k and log-gains, interpolated per sample: what the node plays
 *   and the model trains): {@link trackLattice}, {@link trackLatticeVjp}, {@link trackLatticeJvp},
 *   {@link checkReflectionTrack};
 * - the coefficients file: {@link toCoefficientsFile}, {@link toReflectionTrackFile},
 *   {@link parseCoefficientsFile}, {@link coefficientsToArray}, and how each form plays:
 *   {@link renderCoefficients}, {@link coefficientsTrack}, and the direct-form frame rule
 *   {@link directFramePlayback}, {@link directFrameGain}, {@link directFramesToReflection};
 * - signals and seeded randomness: {@link chirp}, {@link whiteNoise}, {@link makeSource},
 *   {@link mulberry32}, {@link gaussian};
 * - spectra: {@link periodicHann}, {@link powerSpectrogram};
 * - every type these take or return.
 *
 * Real-time building blocks (worklet kernels over AudioParam arrays, unchecked kernels and
 * priming, scratch-length helpers, DFT and STFT plans) are in `diffiir/core/kernels`.
 */
export { allpoleVjp } from './allpole/adjoint.js';
export { clampReflection } from './allpole/clamp-reflection.js';
export { allpole } from './allpole/forward.js';
export { allpoleJvp } from './allpole/jvp.js';
export { lattice } from './allpole/lattice.js';
export { type LatticeJvpOptions, latticeJvp } from './allpole/lattice-jvp.js';
export { type LatticeGradients, type LatticeVjpOptions, latticeVjp } from './allpole/lattice-vjp.js';
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
} from './lpc/expand-track.js';
export { levinson } from './lpc/levinson.js';
export { lpc } from './lpc/lpc.js';
export {
  SPEECH_BANDWIDTH_EXPANSION_HZ,
  SPEECH_K_MARGIN,
  SPEECH_LAG_WINDOW_HZ,
  SPEECH_WHITE_NOISE,
  speechLpcConditioning,
} from './lpc/lpc-conditioning.js';

export { lpcFrames } from './lpc/lpc-frames.js';
export { firFromIir, freqSamplingFilter } from './lti/freq-sampling.js';
export { firFromIirVjp, freqSamplingFilterVjp } from './lti/freq-sampling-vjp.js';
export { freqz, magnitudeResponse } from './lti/freqz.js';
export { freqzVjp } from './lti/freqz-vjp.js';
export { lfilter } from './lti/lfilter.js';
export { lfilterVjp } from './lti/lfilter-vjp.js';
export type { SectionsInput } from './params/cascade.js';
export type { StabilityCheckOptions } from './params/check-stable.js';
export { larToReflection, larToReflectionVjp, reflectionToLar } from './params/lar.js';
export { polynomialRoots, type Roots } from './params/polynomial-roots.js';
export {
  directToReflection,
  isStable,
  reflectionToDirect,
  reflectionToDirectVjp,
} from './params/reflection.js';
export {
  cascadeToDirect,
  cascadeToDirectVjp,
  logitFromRadius,
  radiusFromLogit,
  radiusFromLogitVjp,
  sectionFromPole,
  sectionFromPoleVjp,
  sectionsFromPoles,
  sectionsFromPolesVjp,
} from './params/sos.js';
export { reflectionToTanh, tanhToReflection, tanhToReflectionVjp } from './params/tanh.js';
export { gaussian, mulberry32 } from './random/mulberry32.js';
export * from './render/index.js';
export { chirp } from './signals/chirp.js';
export type { SourceKind } from './signals/sources.js';
export { makeSource, SOURCE_KINDS, whiteNoise } from './signals/sources.js';
export { periodicHann } from './spectral/hann.js';
export {
  type PowerSpectrogram,
  type PowerSpectrogramOptions,
  powerSpectrogram,
} from './spectral/spectrogram.js';
export { checkReflectionTrack, type ReflectionTrack } from './track/reflection-track.js';
export { type TrackLatticeOptions, trackLattice } from './track/track-lattice.js';
export {
  type TrackLatticeJvpOptions,
  type TrackLatticeTangent,
  trackLatticeJvp,
} from './track/track-lattice-jvp.js';
export {
  type TrackLatticeGradients,
  type TrackLatticeVjpOptions,
  trackLatticeVjp,
} from './track/track-lattice-vjp.js';
