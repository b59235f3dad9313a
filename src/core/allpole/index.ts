export { allpoleVjp } from './adjoint.js';
export { clampReflection } from './clamp-reflection.js';
export { prepareAllpole } from './dispatch.js';
export { allpole, allpoleUnchecked } from './forward.js';
export {
  allpoleFromParams,
  latticeFromParams,
  PARAMS_NONFINITE_COEFFICIENT,
  PARAMS_NONFINITE_OUTPUT,
  PARAMS_OK,
  paramsFinite,
} from './from-params.js';
export { allpoleJvp } from './jvp.js';
export { lattice } from './lattice.js';
export { type LatticeJvpOptions, latticeJvp } from './lattice-jvp.js';
export {
  LATTICE_SEGMENT,
  type LatticeGradients,
  type LatticeVjpOptions,
  latticeVjp,
  latticeVjpScratchLength,
} from './lattice-vjp.js';
