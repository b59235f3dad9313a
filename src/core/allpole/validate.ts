import type { NumericInput, RealArray } from '../api.js';

/** Throws TypeError unless `v` is a Float64Array or Float32Array. */
export function checkReal(fn: string, name: string, v: unknown): asserts v is RealArray {
  if (!(v instanceof Float64Array || v instanceof Float32Array)) {
    throw new TypeError(`${fn}: ${name} must be a Float64Array or Float32Array`);
  }
}

/** Throws TypeError unless `v` is array-like of numbers (plain array or typed array). */
export function checkNumeric(fn: string, name: string, v: unknown): asserts v is NumericInput {
  if (v === null || typeof v !== 'object' || typeof (v as { length?: unknown }).length !== 'number') {
    throw new TypeError(`${fn}: ${name} must be an array of numbers`);
  }
}

/** Throws RangeError unless M is an integer >= 1. */
export function checkOrder(fn: string, M: number): void {
  if (typeof M !== 'number' || !Number.isInteger(M) || M < 1) {
    throw new RangeError(`${fn}: order M must be an integer >= 1 (got ${M})`);
  }
}

/**
 * Checks `A` (length T*M or M) and its values. Returns true when A is a single row
 * (time-invariant). When T === 1 both readings agree and time-varying is reported.
 */
export function checkCoefficients(fn: string, name: string, A: RealArray, T: number, M: number): boolean {
  const ti = A.length !== T * M;
  if (ti && A.length !== M) {
    throw new RangeError(`${fn}: ${name}.length must be T*M = ${T * M} or M = ${M} (got ${A.length})`);
  }
  checkFinite(fn, name, A);
  return ti;
}

/** Throws RangeError if any entry is NaN or ±Infinity (one multiply-add per entry). */
export function checkFinite(fn: string, name: string, v: NumericInput): void {
  let s = 0;
  const n = v.length;
  for (let i = 0; i < n; i++) s += v[i] * 0;
  if (s !== 0) {
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(v[i])) throw new RangeError(`${fn}: ${name}[${i}] is not finite (${v[i]})`);
    }
  }
}

/** Throws RangeError unless `v.length === n`. */
export function checkLength(fn: string, name: string, v: { length: number }, n: number): void {
  if (v.length !== n) throw new RangeError(`${fn}: ${name}.length must be ${n} (got ${v.length})`);
}
