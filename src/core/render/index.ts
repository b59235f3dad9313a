/** Rendering a coefficients file: the one rule for how each form of the file is played. */
export {
  type DirectFramePlayback,
  directFrameGain,
  directFramePlayback,
  directFramesToReflection,
} from './direct-frames.js';
export {
  coefficientsTrack,
  RENDER_LIMIT,
  type RenderCoefficientsOptions,
  type RenderFault,
  type RenderResult,
  renderCoefficients,
} from './render-coefficients.js';
