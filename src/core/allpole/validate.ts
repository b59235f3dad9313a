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
 * Checks the length of `A` (T*M or M). Returns true when A is a single row (time-invariant);
 * when T === 1 both readings agree and time-varying is reported. A single row is scanned for
 * non-finite values here (O(M)); a T×M track is checked after the pass with
 * {@link checkTrackAfter} (O(T) instead of O(T·M)).
 */
export function checkCoefficients(fn: string, name: string, A: RealArray, T: number, M: number): boolean {
  const ti = A.length !== T * M;
  if (ti && A.length !== M) {
    throw new RangeError(`${fn}: ${name}.length must be T*M = ${T * M} or M = ${M} (got ${A.length})`);
  }
  if (ti) checkFinite(fn, name, A);
  return ti;
}

/**
 * Deferred finiteness check of a time-varying coefficient track. Every entry A[t,i] enters
 * the recursion as a product (`NaN·v = NaN`, `±Inf·v` is ±Inf, or NaN when v = 0), so a
 * non-finite coefficient always makes some value of `result` non-finite. Only then is A
 * scanned, to throw a RangeError naming the entry. The outputs have been written by then.
 */
export function checkTrackAfter(fn: string, name: string, A: NumericInput, result: NumericInput): void {
  if (!allFinite(result)) checkFinite(fn, name, A);
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

/** True when every entry of `v` is finite (four independent accumulators of `v·0`). */
export function allFinite(v: NumericInput): boolean {
  const n = v.length;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += v[i] * 0;
    s1 += v[i + 1] * 0;
    s2 += v[i + 2] * 0;
    s3 += v[i + 3] * 0;
  }
  for (; i < n; i++) s0 += v[i] * 0;
  return s0 + s1 + s2 + s3 === 0;
}
