/**
 * Argument checks shared by the LTI kernels. Every failure names the function and the argument,
 * e.g. `lfilter: a[0] must be non-zero`.
 */

/** Throws unless `v` is an array-like of finite numbers with at least one element. */
export function checkCoefficients(fn: string, name: string, v: unknown): ArrayLike<number> {
  if (v === null || typeof v !== 'object' || typeof (v as ArrayLike<number>).length !== 'number') {
    throw new TypeError(`${fn}: ${name} must be an array of numbers`);
  }
  const arr = v as ArrayLike<number>;
  if (arr.length < 1) throw new RangeError(`${fn}: ${name} must not be empty`);
  for (let i = 0; i < arr.length; i++) {
    const c = arr[i];
    if (typeof c !== 'number') throw new TypeError(`${fn}: ${name}[${i}] must be a number`);
    if (!Number.isFinite(c)) throw new RangeError(`${fn}: ${name}[${i}] must be finite (got ${c})`);
  }
  return arr;
}

/** Checks `b` and `a` (non-empty, finite, `a[0] !== 0`). */
export function checkFilter(fn: string, b: unknown, a: unknown): void {
  checkCoefficients(fn, 'b', b);
  const aa = checkCoefficients(fn, 'a', a);
  if (aa[0] === 0) throw new RangeError(`${fn}: a[0] must be non-zero`);
}

/** Throws unless `v` is a Float64Array or Float32Array (the signal types the kernels accept). */
export function checkSignal(fn: string, name: string, v: unknown): void {
  if (!(v instanceof Float64Array) && !(v instanceof Float32Array)) {
    throw new TypeError(`${fn}: ${name} must be a Float64Array or Float32Array`);
  }
}

/** Throws unless `n` is an integer `>= min`. */
export function checkSize(fn: string, name: string, n: unknown, min: number): number {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new TypeError(`${fn}: ${name} must be an integer (got ${String(n)})`);
  }
  if (n < min) throw new RangeError(`${fn}: ${name} must be >= ${min} (got ${n})`);
  return n;
}

/** Throws unless a caller-supplied buffer has exactly the expected length. */
export function checkLength(fn: string, name: string, v: ArrayLike<number>, n: number): void {
  if (v.length !== n) throw new RangeError(`${fn}: ${name} must have length ${n} (got ${v.length})`);
}

/**
 * Throws if two typed arrays share memory in partially overlapping ranges (exactly the same
 * range, i.e. in-place use, is allowed).
 */
export function checkNoOverlap(fn: string, name: string, p: ArrayBufferView, q: ArrayBufferView): void {
  if (p.buffer !== q.buffer) return;
  const p0 = p.byteOffset;
  const q0 = q.byteOffset;
  if (p0 === q0 && p.byteLength === q.byteLength && p.constructor === q.constructor) return;
  if (p0 < q0 + q.byteLength && q0 < p0 + p.byteLength) {
    throw new RangeError(`${fn}: ${name} must not alias the input`);
  }
}
