/**
 * Straight-line transposed-direct-form-II kernels for `lfilter`, one per filter size
 * n = max(len a, len b) from 2 to 9 (1 to 8 states), plus a generic loop for any n.
 * Coefficients and state live in locals inside the loop (measured ~2-3× faster than indexing
 * arrays). Written out by hand (no eval / new Function, so strict-CSP pages work).
 *
 * Latency trick: the loop-carried chain of the textbook recursion is y -> a1·y -> z0 -> y (three
 * dependent flops). The kernels keep `w = z0 + a1·y_prev` instead of z0 and form
 * `y = (b0·x + w) - a1·y_prev`, so the chain is one multiply and one subtraction (~20% faster);
 * z0 is restored as `w - a1·y_prev` at the end. Same values as scipy up to rounding (~1 ulp).
 *
 * Contract of every kernel `(c, x, y, z)`:
 * - `c` holds the normalised, zero-padded coefficients `[b_0..b_{n-1}, 1, a_1..a_{n-1}]` (2n values).
 * - per sample: `y = b0·x + z0; z_i = b_{i+1}·x + z_{i+1} - a_{i+1}·y` (scipy's recursion), over
 *   all of `x`, with the state `z` (length n-1) read at the start and written back at the end.
 * - `y` (length ≥ x.length) may alias `x` (each x[t] is read before y[t] is written). No allocation.
 */
import type { RealArray } from '../api.js';

/** Signature shared by the specialised kernels. */
export type Tdf2Kernel = (c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array) => void;

/** 1 state (n = 2). */
function tdf2n2(c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array): void {
  const b0 = c[0];
  const b1 = c[1];
  const a1 = c[3];
  let w = z[0];
  let yp = 0;
  const T = x.length;
  for (let t = 0; t < T; t++) {
    const xt = x[t];
    const yt = b0 * xt + w - a1 * yp;
    w = b1 * xt;
    y[t] = yt;
    yp = yt;
  }
  z[0] = w - a1 * yp;
}

/** 2 states (n = 3). */
function tdf2n3(c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array): void {
  const b0 = c[0];
  const b1 = c[1];
  const b2 = c[2];
  const a1 = c[4];
  const a2 = c[5];
  let w = z[0];
  let z1 = z[1];
  let yp = 0;
  const T = x.length;
  for (let t = 0; t < T; t++) {
    const xt = x[t];
    const yt = b0 * xt + w - a1 * yp;
    w = b1 * xt + z1;
    z1 = b2 * xt - a2 * yt;
    y[t] = yt;
    yp = yt;
  }
  z[0] = w - a1 * yp;
  z[1] = z1;
}

/** 3 states (n = 4). */
function tdf2n4(c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array): void {
  const b0 = c[0];
  const b1 = c[1];
  const b2 = c[2];
  const b3 = c[3];
  const a1 = c[5];
  const a2 = c[6];
  const a3 = c[7];
  let w = z[0];
  let z1 = z[1];
  let z2 = z[2];
  let yp = 0;
  const T = x.length;
  for (let t = 0; t < T; t++) {
    const xt = x[t];
    const yt = b0 * xt + w - a1 * yp;
    w = b1 * xt + z1;
    z1 = b2 * xt + z2 - a2 * yt;
    z2 = b3 * xt - a3 * yt;
    y[t] = yt;
    yp = yt;
  }
  z[0] = w - a1 * yp;
  z[1] = z1;
  z[2] = z2;
}

/** 4 states (n = 5). */
function tdf2n5(c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array): void {
  const b0 = c[0];
  const b1 = c[1];
  const b2 = c[2];
  const b3 = c[3];
  const b4 = c[4];
  const a1 = c[6];
  const a2 = c[7];
  const a3 = c[8];
  const a4 = c[9];
  let w = z[0];
  let z1 = z[1];
  let z2 = z[2];
  let z3 = z[3];
  let yp = 0;
  const T = x.length;
  for (let t = 0; t < T; t++) {
    const xt = x[t];
    const yt = b0 * xt + w - a1 * yp;
    w = b1 * xt + z1;
    z1 = b2 * xt + z2 - a2 * yt;
    z2 = b3 * xt + z3 - a3 * yt;
    z3 = b4 * xt - a4 * yt;
    y[t] = yt;
    yp = yt;
  }
  z[0] = w - a1 * yp;
  z[1] = z1;
  z[2] = z2;
  z[3] = z3;
}

/** 5 states (n = 6). */
function tdf2n6(c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array): void {
  const b0 = c[0];
  const b1 = c[1];
  const b2 = c[2];
  const b3 = c[3];
  const b4 = c[4];
  const b5 = c[5];
  const a1 = c[7];
  const a2 = c[8];
  const a3 = c[9];
  const a4 = c[10];
  const a5 = c[11];
  let w = z[0];
  let z1 = z[1];
  let z2 = z[2];
  let z3 = z[3];
  let z4 = z[4];
  let yp = 0;
  const T = x.length;
  for (let t = 0; t < T; t++) {
    const xt = x[t];
    const yt = b0 * xt + w - a1 * yp;
    w = b1 * xt + z1;
    z1 = b2 * xt + z2 - a2 * yt;
    z2 = b3 * xt + z3 - a3 * yt;
    z3 = b4 * xt + z4 - a4 * yt;
    z4 = b5 * xt - a5 * yt;
    y[t] = yt;
    yp = yt;
  }
  z[0] = w - a1 * yp;
  z[1] = z1;
  z[2] = z2;
  z[3] = z3;
  z[4] = z4;
}

/** 6 states (n = 7). */
function tdf2n7(c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array): void {
  const b0 = c[0];
  const b1 = c[1];
  const b2 = c[2];
  const b3 = c[3];
  const b4 = c[4];
  const b5 = c[5];
  const b6 = c[6];
  const a1 = c[8];
  const a2 = c[9];
  const a3 = c[10];
  const a4 = c[11];
  const a5 = c[12];
  const a6 = c[13];
  let w = z[0];
  let z1 = z[1];
  let z2 = z[2];
  let z3 = z[3];
  let z4 = z[4];
  let z5 = z[5];
  let yp = 0;
  const T = x.length;
  for (let t = 0; t < T; t++) {
    const xt = x[t];
    const yt = b0 * xt + w - a1 * yp;
    w = b1 * xt + z1;
    z1 = b2 * xt + z2 - a2 * yt;
    z2 = b3 * xt + z3 - a3 * yt;
    z3 = b4 * xt + z4 - a4 * yt;
    z4 = b5 * xt + z5 - a5 * yt;
    z5 = b6 * xt - a6 * yt;
    y[t] = yt;
    yp = yt;
  }
  z[0] = w - a1 * yp;
  z[1] = z1;
  z[2] = z2;
  z[3] = z3;
  z[4] = z4;
  z[5] = z5;
}

/** 7 states (n = 8). */
function tdf2n8(c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array): void {
  const b0 = c[0];
  const b1 = c[1];
  const b2 = c[2];
  const b3 = c[3];
  const b4 = c[4];
  const b5 = c[5];
  const b6 = c[6];
  const b7 = c[7];
  const a1 = c[9];
  const a2 = c[10];
  const a3 = c[11];
  const a4 = c[12];
  const a5 = c[13];
  const a6 = c[14];
  const a7 = c[15];
  let w = z[0];
  let z1 = z[1];
  let z2 = z[2];
  let z3 = z[3];
  let z4 = z[4];
  let z5 = z[5];
  let z6 = z[6];
  let yp = 0;
  const T = x.length;
  for (let t = 0; t < T; t++) {
    const xt = x[t];
    const yt = b0 * xt + w - a1 * yp;
    w = b1 * xt + z1;
    z1 = b2 * xt + z2 - a2 * yt;
    z2 = b3 * xt + z3 - a3 * yt;
    z3 = b4 * xt + z4 - a4 * yt;
    z4 = b5 * xt + z5 - a5 * yt;
    z5 = b6 * xt + z6 - a6 * yt;
    z6 = b7 * xt - a7 * yt;
    y[t] = yt;
    yp = yt;
  }
  z[0] = w - a1 * yp;
  z[1] = z1;
  z[2] = z2;
  z[3] = z3;
  z[4] = z4;
  z[5] = z5;
  z[6] = z6;
}

/** 8 states (n = 9). */
function tdf2n9(c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array): void {
  const b0 = c[0];
  const b1 = c[1];
  const b2 = c[2];
  const b3 = c[3];
  const b4 = c[4];
  const b5 = c[5];
  const b6 = c[6];
  const b7 = c[7];
  const b8 = c[8];
  const a1 = c[10];
  const a2 = c[11];
  const a3 = c[12];
  const a4 = c[13];
  const a5 = c[14];
  const a6 = c[15];
  const a7 = c[16];
  const a8 = c[17];
  let w = z[0];
  let z1 = z[1];
  let z2 = z[2];
  let z3 = z[3];
  let z4 = z[4];
  let z5 = z[5];
  let z6 = z[6];
  let z7 = z[7];
  let yp = 0;
  const T = x.length;
  for (let t = 0; t < T; t++) {
    const xt = x[t];
    const yt = b0 * xt + w - a1 * yp;
    w = b1 * xt + z1;
    z1 = b2 * xt + z2 - a2 * yt;
    z2 = b3 * xt + z3 - a3 * yt;
    z3 = b4 * xt + z4 - a4 * yt;
    z4 = b5 * xt + z5 - a5 * yt;
    z5 = b6 * xt + z6 - a6 * yt;
    z6 = b7 * xt + z7 - a7 * yt;
    z7 = b8 * xt - a8 * yt;
    y[t] = yt;
    yp = yt;
  }
  z[0] = w - a1 * yp;
  z[1] = z1;
  z[2] = z2;
  z[3] = z3;
  z[4] = z4;
  z[5] = z5;
  z[6] = z6;
  z[7] = z7;
}

/** Generic transposed DF-II for any n ≥ 2 (state kept in `z`); same contract as the kernels. */
export function tdf2Generic(
  c: Float64Array,
  n: number,
  x: RealArray,
  y: Float64Array,
  z: Float64Array,
): void {
  const T = x.length;
  const ns = n - 1;
  const b0 = c[0];
  for (let t = 0; t < T; t++) {
    const xt = x[t];
    const yt = b0 * xt + z[0];
    for (let i = 0; i < ns - 1; i++) z[i] = c[i + 1] * xt + z[i + 1] - c[n + i + 1] * yt;
    z[ns - 1] = c[n - 1] * xt - c[2 * n - 1] * yt;
    y[t] = yt;
  }
}

/** The specialised kernel for size `n`, or null when only the generic one applies. */
export function tdf2Kernel(n: number): Tdf2Kernel | null {
  switch (n) {
    case 2:
      return tdf2n2;
    case 3:
      return tdf2n3;
    case 4:
      return tdf2n4;
    case 5:
      return tdf2n5;
    case 6:
      return tdf2n6;
    case 7:
      return tdf2n7;
    case 8:
      return tdf2n8;
    case 9:
      return tdf2n9;
    default:
      return null;
  }
}
