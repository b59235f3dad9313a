/**
 * The checked mode of `allpole` and `lfilter` (`{ check: 'stable' }`): every denominator row must be
 * minimum phase (all roots strictly inside the unit circle, decided by step-down to reflection
 * coefficients, `isStable`). Without it the filters run whatever they are given: poles on or
 * outside the unit circle make the output grow without bound (to ±Infinity or NaN in float64).
 */
import type { NumericInput } from '../api.js';
import { isStable } from './reflection.js';

/** Options shared by `allpole` and `lfilter`. */
export interface StabilityCheckOptions {
  /** 'stable': throw a RangeError before filtering if a denominator row is not minimum phase. Default 'none'. */
  check?: 'none' | 'stable';
}

/** Reads `options.check` (TypeError/RangeError naming it); true when the stable check is asked for. */
export function wantsStableCheck(fn: string, options: StabilityCheckOptions | undefined): boolean {
  if (options === undefined || options === null) return false;
  if (typeof options !== 'object') throw new TypeError(`${fn}: options must be an object`);
  const c = options.check ?? 'none';
  if (c !== 'none' && c !== 'stable') {
    throw new RangeError(`${fn}: options.check must be 'none' or 'stable' (got ${String(c)})`);
  }
  return c === 'stable';
}

/**
 * Throws a RangeError naming `name` (and the row when there are several) unless each of the `rows`
 * rows of `A` (row-major, width M, `A(z) = 1 + Σ a_i z^-i` without the leading 1) is minimum phase.
 */
export function checkStableRows(fn: string, name: string, A: NumericInput, M: number, rows: number): void {
  const scratch = new Float64Array(M);
  const row = new Float64Array(M);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < M; i++) row[i] = A[r * M + i];
    if (!isStable(row, scratch)) {
      const where = rows === 1 ? name : `${name} row ${r}`;
      throw new RangeError(
        `${fn}: ${where} is not minimum phase (a pole on or outside the unit circle); check: 'stable'`,
      );
    }
  }
}
