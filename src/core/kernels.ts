/**
 * diffiir/core/kernels: the real-time building blocks under `diffiir/core`, for code that runs
 * on the audio thread or manages its own buffers (the worklet is built from these).
 * - Worklet kernels over AudioParam arrays: {@link allpoleFromParams}, {@link latticeFromParams},
 *   their status codes (`PARAMS_*`) and {@link paramsFinite}.
 * - Unchecked kernels and priming: {@link allpoleUnchecked} (no validation, no allocation),
 *   {@link prepareAllpole} (warms the kernels of an order before the first real-time call),
 *   {@link prepareFromParams} and {@link prepareTrackLattice} (the same for the worklet kernels),
 *   {@link lfilterKernel} with {@link normaliseCoefficients}.
 * - Scratch lengths of the allocation-free variants (`*ScratchLength`) and the Levinson
 *   constants.
 * - Reflection-track internals: block-wise {@link trackLatticeBlock} (with the optional per-frame
 *   gain table of {@link fillGainTable}), `TRACK_CHUNK` and the VJP/JVP scratch lengths, and the
 *   frame interpolation helpers.
 * - The one FFT path (`src/core/spectral`): DFT plans ({@link getDftPlan}, {@link getRealDftPlan}),
 *   two real frames per FFT ({@link RealPairFft}) and the STFT with its adjoint ({@link StftPlan}).
 * Each function's TSDoc states its contract; unlike `diffiir/core`, some check nothing.
 */

export { prepareAllpole } from './allpole/dispatch.js';
export { allpoleUnchecked } from './allpole/forward.js';
export {
  allpoleFromParams,
  latticeFromParams,
  PARAMS_NONFINITE_COEFFICIENT,
  PARAMS_NONFINITE_OUTPUT,
  PARAMS_OK,
  paramsFinite,
} from './allpole/from-params.js';
export { latticeVjpScratchLength } from './allpole/lattice-vjp.js';
export { prepareFromParams } from './allpole/prime-from-params.js';
export { expandTrackVjpScratchLength } from './lpc/expand-track.js';
export { LEVINSON_K_MAX, LEVINSON_REFINE_STEPS, levinsonScratchLength } from './lpc/levinson.js';
export { lfilterKernel, normaliseCoefficients } from './lti/lfilter.js';
export { cascadeToDirectVjpScratchLength } from './params/cascade.js';
export { reflectionToDirectVjpScratchLength } from './params/reflection.js';
export { DftPlan, getDftPlan } from './spectral/dft.js';
export { getRealDftPlan, RealDftPlan } from './spectral/real-dft.js';
export { RealPairFft } from './spectral/real-pair-fft.js';
export { type StftOptions, StftPlan } from './spectral/stft.js';
export { fillGainTable } from './track/frame-gain.js';
export { interpolateFrameRow, interpolateFrameValue, scatterFrameRow } from './track/frame-interpolation.js';
export { prepareTrackLattice } from './track/prime-track-lattice.js';
export {
  TRACK_CHUNK,
  trackLatticeBlock,
} from './track/track-lattice.js';
export { trackLatticeJvpScratchLength } from './track/track-lattice-jvp.js';
export { trackLatticeVjpScratchLength } from './track/track-lattice-vjp.js';
