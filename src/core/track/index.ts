/** Reflection tracks: frame-rate lattice coefficients and gains, interpolated per sample, and the model that plays them. */
export { interpolateFrameRow, interpolateFrameValue, scatterFrameRow } from './frame-interpolation.js';
export { checkReflectionTrack, type ReflectionTrack } from './reflection-track.js';
export {
  TRACK_CHUNK,
  type TrackLatticeOptions,
  trackLattice,
  trackLatticeBlock,
} from './track-lattice.js';
export {
  type TrackLatticeJvpOptions,
  type TrackLatticeTangent,
  trackLatticeJvp,
  trackLatticeJvpScratchLength,
} from './track-lattice-jvp.js';
export {
  type TrackLatticeGradients,
  type TrackLatticeVjpOptions,
  trackLatticeVjp,
  trackLatticeVjpScratchLength,
} from './track-lattice-vjp.js';
