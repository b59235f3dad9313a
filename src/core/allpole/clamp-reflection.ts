import type { RealArray } from '../api.js';

/**
 * Clamps reflection coefficients in place into [-limit, limit] (default 0.999999), which keeps
 * the all-pole lattice (and the step-up direct form) strictly stable. NaN entries become 0
 * (a silent, stable filter rather than a NaN-poisoned state). No allocation.
 * Throws RangeError unless 0 < limit <= 1.
 */
export function clampReflection(k: RealArray, limit = 0.999999): void {
  if (!(limit > 0 && limit <= 1))
    throw new RangeError(`clampReflection: limit must be in (0, 1] (got ${limit})`);
  const n = k.length;
  for (let i = 0; i < n; i++) {
    const v = k[i];
    if (v > limit) k[i] = limit;
    else if (v < -limit) k[i] = -limit;
    else if (Number.isNaN(v)) k[i] = 0;
  }
}
