export { allpoleVjp } from './adjoint.js';
export { allpole, allpoleUnchecked } from './forward.js';
