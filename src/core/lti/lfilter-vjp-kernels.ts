/**
 * Fused reverse-time kernels for `lfilterVjp`, one per filter size n = max(len a, len b) from 2
 * to 9, plus a generic one. With normalised coefficients `c = [b'_0..b'_{n-1}, 1, a'_1..a'_{n-1}]`
 * and upstream gradient g, one backward sweep `t = T-1 … 0` computes
 * - the all-pole adjoint `v[t] = g[t] - Σ_{k≥1} a'_k v[t+k]` (v beyond the end is 0),
 * - `dx[t] = Σ_k b'_k v[t+k]` (this is the DF-II form of filtering g backwards in time),
 * - `acc[k] = Σ_t x[t] v[t+k]` and `acc[n+k] = Σ_t y[t] v[t+k]` for k < n,
 * with v[t+1..t+n-1], the coefficients and the 2n accumulators in locals, so the only
 * loop-carried chain is the same one-multiply-one-subtract recursion as the forward kernel.
 * The specialised kernels take two time steps per iteration (an odd first sample is peeled):
 * each accumulator then receives one addition per two samples, which measured 1.1-1.4× faster
 * than one step per iteration (V8 spills some of the 2n accumulators for n ≥ 4).
 * `dx` may alias `g` (g[t] is read before dx[t] is written). Allocates nothing.
 * Written out by hand (no eval / new Function).
 */
import type { RealArray } from '../api.js';

/** Signature shared by the backward kernels. */
export type VjpKernel = (
  c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
) => void;

/** 1 state (n = 2). */
function vjpN2(
  c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
): void {
  const b0 = c[0];
  const b1 = c[1];
  const a1 = c[3];
  let v1 = 0;
  let p0 = 0;
  let p1 = 0;
  let q0 = 0;
  let q1 = 0;
  let t = g.length - 1;
  if ((g.length & 1) === 1) {
    const v0 = g[t];
    dx[t] = b0 * v0;
    p0 = x[t] * v0;
    q0 = y[t] * v0;
    v1 = v0;
    t--;
  }
  for (; t > 0; t -= 2) {
    const vA = g[t] - a1 * v1;
    const vB = g[t - 1] - a1 * vA;
    dx[t] = b0 * vA + b1 * v1;
    dx[t - 1] = b0 * vB + b1 * vA;
    const xA = x[t];
    const xB = x[t - 1];
    const yA = y[t];
    const yB = y[t - 1];
    p0 += xA * vA + xB * vB;
    p1 += xA * v1 + xB * vA;
    q0 += yA * vA + yB * vB;
    q1 += yA * v1 + yB * vA;
    v1 = vB;
  }
  acc[0] = p0;
  acc[1] = p1;
  acc[2] = q0;
  acc[3] = q1;
}

/** 2 states (n = 3). */
function vjpN3(
  c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
): void {
  const b0 = c[0];
  const b1 = c[1];
  const b2 = c[2];
  const a1 = c[4];
  const a2 = c[5];
  let v1 = 0;
  let v2 = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let t = g.length - 1;
  if ((g.length & 1) === 1) {
    const v0 = g[t];
    dx[t] = b0 * v0;
    p0 = x[t] * v0;
    q0 = y[t] * v0;
    v1 = v0;
    t--;
  }
  for (; t > 0; t -= 2) {
    const vA = g[t] - a2 * v2 - a1 * v1;
    const vB = g[t - 1] - a2 * v1 - a1 * vA;
    dx[t] = b0 * vA + b1 * v1 + b2 * v2;
    dx[t - 1] = b0 * vB + b1 * vA + b2 * v1;
    const xA = x[t];
    const xB = x[t - 1];
    const yA = y[t];
    const yB = y[t - 1];
    p0 += xA * vA + xB * vB;
    p1 += xA * v1 + xB * vA;
    p2 += xA * v2 + xB * v1;
    q0 += yA * vA + yB * vB;
    q1 += yA * v1 + yB * vA;
    q2 += yA * v2 + yB * v1;
    v2 = vA;
    v1 = vB;
  }
  acc[0] = p0;
  acc[1] = p1;
  acc[2] = p2;
  acc[3] = q0;
  acc[4] = q1;
  acc[5] = q2;
}

/** 3 states (n = 4). */
function vjpN4(
  c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
): void {
  const b0 = c[0];
  const b1 = c[1];
  const b2 = c[2];
  const b3 = c[3];
  const a1 = c[5];
  const a2 = c[6];
  const a3 = c[7];
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  let t = g.length - 1;
  if ((g.length & 1) === 1) {
    const v0 = g[t];
    dx[t] = b0 * v0;
    p0 = x[t] * v0;
    q0 = y[t] * v0;
    v1 = v0;
    t--;
  }
  for (; t > 0; t -= 2) {
    const vA = g[t] - (a2 * v2 + a3 * v3) - a1 * v1;
    const vB = g[t - 1] - (a2 * v1 + a3 * v2) - a1 * vA;
    dx[t] = b0 * vA + b1 * v1 + (b2 * v2 + b3 * v3);
    dx[t - 1] = b0 * vB + b1 * vA + (b2 * v1 + b3 * v2);
    const xA = x[t];
    const xB = x[t - 1];
    const yA = y[t];
    const yB = y[t - 1];
    p0 += xA * vA + xB * vB;
    p1 += xA * v1 + xB * vA;
    p2 += xA * v2 + xB * v1;
    p3 += xA * v3 + xB * v2;
    q0 += yA * vA + yB * vB;
    q1 += yA * v1 + yB * vA;
    q2 += yA * v2 + yB * v1;
    q3 += yA * v3 + yB * v2;
    v3 = v1;
    v2 = vA;
    v1 = vB;
  }
  acc[0] = p0;
  acc[1] = p1;
  acc[2] = p2;
  acc[3] = p3;
  acc[4] = q0;
  acc[5] = q1;
  acc[6] = q2;
  acc[7] = q3;
}

/** 4 states (n = 5). */
function vjpN5(
  c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
): void {
  const b0 = c[0];
  const b1 = c[1];
  const b2 = c[2];
  const b3 = c[3];
  const b4 = c[4];
  const a1 = c[6];
  const a2 = c[7];
  const a3 = c[8];
  const a4 = c[9];
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let v4 = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  let q4 = 0;
  let t = g.length - 1;
  if ((g.length & 1) === 1) {
    const v0 = g[t];
    dx[t] = b0 * v0;
    p0 = x[t] * v0;
    q0 = y[t] * v0;
    v1 = v0;
    t--;
  }
  for (; t > 0; t -= 2) {
    const vA = g[t] - (a2 * v2 + a3 * v3 + a4 * v4) - a1 * v1;
    const vB = g[t - 1] - (a2 * v1 + a3 * v2 + a4 * v3) - a1 * vA;
    dx[t] = b0 * vA + b1 * v1 + b2 * v2 + (b3 * v3 + b4 * v4);
    dx[t - 1] = b0 * vB + b1 * vA + b2 * v1 + (b3 * v2 + b4 * v3);
    const xA = x[t];
    const xB = x[t - 1];
    const yA = y[t];
    const yB = y[t - 1];
    p0 += xA * vA + xB * vB;
    p1 += xA * v1 + xB * vA;
    p2 += xA * v2 + xB * v1;
    p3 += xA * v3 + xB * v2;
    p4 += xA * v4 + xB * v3;
    q0 += yA * vA + yB * vB;
    q1 += yA * v1 + yB * vA;
    q2 += yA * v2 + yB * v1;
    q3 += yA * v3 + yB * v2;
    q4 += yA * v4 + yB * v3;
    v4 = v2;
    v3 = v1;
    v2 = vA;
    v1 = vB;
  }
  acc[0] = p0;
  acc[1] = p1;
  acc[2] = p2;
  acc[3] = p3;
  acc[4] = p4;
  acc[5] = q0;
  acc[6] = q1;
  acc[7] = q2;
  acc[8] = q3;
  acc[9] = q4;
}

/** 5 states (n = 6). */
function vjpN6(
  c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
): void {
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
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let v4 = 0;
  let v5 = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  let p5 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  let q4 = 0;
  let q5 = 0;
  let t = g.length - 1;
  if ((g.length & 1) === 1) {
    const v0 = g[t];
    dx[t] = b0 * v0;
    p0 = x[t] * v0;
    q0 = y[t] * v0;
    v1 = v0;
    t--;
  }
  for (; t > 0; t -= 2) {
    const vA = g[t] - (a2 * v2 + a3 * v3 + (a4 * v4 + a5 * v5)) - a1 * v1;
    const vB = g[t - 1] - (a2 * v1 + a3 * v2 + (a4 * v3 + a5 * v4)) - a1 * vA;
    dx[t] = b0 * vA + b1 * v1 + b2 * v2 + (b3 * v3 + b4 * v4 + b5 * v5);
    dx[t - 1] = b0 * vB + b1 * vA + b2 * v1 + (b3 * v2 + b4 * v3 + b5 * v4);
    const xA = x[t];
    const xB = x[t - 1];
    const yA = y[t];
    const yB = y[t - 1];
    p0 += xA * vA + xB * vB;
    p1 += xA * v1 + xB * vA;
    p2 += xA * v2 + xB * v1;
    p3 += xA * v3 + xB * v2;
    p4 += xA * v4 + xB * v3;
    p5 += xA * v5 + xB * v4;
    q0 += yA * vA + yB * vB;
    q1 += yA * v1 + yB * vA;
    q2 += yA * v2 + yB * v1;
    q3 += yA * v3 + yB * v2;
    q4 += yA * v4 + yB * v3;
    q5 += yA * v5 + yB * v4;
    v5 = v3;
    v4 = v2;
    v3 = v1;
    v2 = vA;
    v1 = vB;
  }
  acc[0] = p0;
  acc[1] = p1;
  acc[2] = p2;
  acc[3] = p3;
  acc[4] = p4;
  acc[5] = p5;
  acc[6] = q0;
  acc[7] = q1;
  acc[8] = q2;
  acc[9] = q3;
  acc[10] = q4;
  acc[11] = q5;
}

/** 6 states (n = 7). */
function vjpN7(
  c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
): void {
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
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let v4 = 0;
  let v5 = 0;
  let v6 = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  let p5 = 0;
  let p6 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  let q4 = 0;
  let q5 = 0;
  let q6 = 0;
  let t = g.length - 1;
  if ((g.length & 1) === 1) {
    const v0 = g[t];
    dx[t] = b0 * v0;
    p0 = x[t] * v0;
    q0 = y[t] * v0;
    v1 = v0;
    t--;
  }
  for (; t > 0; t -= 2) {
    const vA = g[t] - (a2 * v2 + a3 * v3 + a4 * v4 + (a5 * v5 + a6 * v6)) - a1 * v1;
    const vB = g[t - 1] - (a2 * v1 + a3 * v2 + a4 * v3 + (a5 * v4 + a6 * v5)) - a1 * vA;
    dx[t] = b0 * vA + b1 * v1 + (b2 * v2 + b3 * v3) + (b4 * v4 + b5 * v5 + b6 * v6);
    dx[t - 1] = b0 * vB + b1 * vA + (b2 * v1 + b3 * v2) + (b4 * v3 + b5 * v4 + b6 * v5);
    const xA = x[t];
    const xB = x[t - 1];
    const yA = y[t];
    const yB = y[t - 1];
    p0 += xA * vA + xB * vB;
    p1 += xA * v1 + xB * vA;
    p2 += xA * v2 + xB * v1;
    p3 += xA * v3 + xB * v2;
    p4 += xA * v4 + xB * v3;
    p5 += xA * v5 + xB * v4;
    p6 += xA * v6 + xB * v5;
    q0 += yA * vA + yB * vB;
    q1 += yA * v1 + yB * vA;
    q2 += yA * v2 + yB * v1;
    q3 += yA * v3 + yB * v2;
    q4 += yA * v4 + yB * v3;
    q5 += yA * v5 + yB * v4;
    q6 += yA * v6 + yB * v5;
    v6 = v4;
    v5 = v3;
    v4 = v2;
    v3 = v1;
    v2 = vA;
    v1 = vB;
  }
  acc[0] = p0;
  acc[1] = p1;
  acc[2] = p2;
  acc[3] = p3;
  acc[4] = p4;
  acc[5] = p5;
  acc[6] = p6;
  acc[7] = q0;
  acc[8] = q1;
  acc[9] = q2;
  acc[10] = q3;
  acc[11] = q4;
  acc[12] = q5;
  acc[13] = q6;
}

/** 7 states (n = 8). */
function vjpN8(
  c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
): void {
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
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let v4 = 0;
  let v5 = 0;
  let v6 = 0;
  let v7 = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  let p5 = 0;
  let p6 = 0;
  let p7 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  let q4 = 0;
  let q5 = 0;
  let q6 = 0;
  let q7 = 0;
  let t = g.length - 1;
  if ((g.length & 1) === 1) {
    const v0 = g[t];
    dx[t] = b0 * v0;
    p0 = x[t] * v0;
    q0 = y[t] * v0;
    v1 = v0;
    t--;
  }
  for (; t > 0; t -= 2) {
    const vA = g[t] - (a2 * v2 + a3 * v3 + a4 * v4 + (a5 * v5 + a6 * v6 + a7 * v7)) - a1 * v1;
    const vB = g[t - 1] - (a2 * v1 + a3 * v2 + a4 * v3 + (a5 * v4 + a6 * v5 + a7 * v6)) - a1 * vA;
    dx[t] = b0 * vA + b1 * v1 + (b2 * v2 + b3 * v3) + (b4 * v4 + b5 * v5 + (b6 * v6 + b7 * v7));
    dx[t - 1] = b0 * vB + b1 * vA + (b2 * v1 + b3 * v2) + (b4 * v3 + b5 * v4 + (b6 * v5 + b7 * v6));
    const xA = x[t];
    const xB = x[t - 1];
    const yA = y[t];
    const yB = y[t - 1];
    p0 += xA * vA + xB * vB;
    p1 += xA * v1 + xB * vA;
    p2 += xA * v2 + xB * v1;
    p3 += xA * v3 + xB * v2;
    p4 += xA * v4 + xB * v3;
    p5 += xA * v5 + xB * v4;
    p6 += xA * v6 + xB * v5;
    p7 += xA * v7 + xB * v6;
    q0 += yA * vA + yB * vB;
    q1 += yA * v1 + yB * vA;
    q2 += yA * v2 + yB * v1;
    q3 += yA * v3 + yB * v2;
    q4 += yA * v4 + yB * v3;
    q5 += yA * v5 + yB * v4;
    q6 += yA * v6 + yB * v5;
    q7 += yA * v7 + yB * v6;
    v7 = v5;
    v6 = v4;
    v5 = v3;
    v4 = v2;
    v3 = v1;
    v2 = vA;
    v1 = vB;
  }
  acc[0] = p0;
  acc[1] = p1;
  acc[2] = p2;
  acc[3] = p3;
  acc[4] = p4;
  acc[5] = p5;
  acc[6] = p6;
  acc[7] = p7;
  acc[8] = q0;
  acc[9] = q1;
  acc[10] = q2;
  acc[11] = q3;
  acc[12] = q4;
  acc[13] = q5;
  acc[14] = q6;
  acc[15] = q7;
}

/** 8 states (n = 9). */
function vjpN9(
  c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
): void {
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
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let v4 = 0;
  let v5 = 0;
  let v6 = 0;
  let v7 = 0;
  let v8 = 0;
  let p0 = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  let p4 = 0;
  let p5 = 0;
  let p6 = 0;
  let p7 = 0;
  let p8 = 0;
  let q0 = 0;
  let q1 = 0;
  let q2 = 0;
  let q3 = 0;
  let q4 = 0;
  let q5 = 0;
  let q6 = 0;
  let q7 = 0;
  let q8 = 0;
  let t = g.length - 1;
  if ((g.length & 1) === 1) {
    const v0 = g[t];
    dx[t] = b0 * v0;
    p0 = x[t] * v0;
    q0 = y[t] * v0;
    v1 = v0;
    t--;
  }
  for (; t > 0; t -= 2) {
    const vA = g[t] - (a2 * v2 + a3 * v3 + (a4 * v4 + a5 * v5) + (a6 * v6 + a7 * v7 + a8 * v8)) - a1 * v1;
    const vB = g[t - 1] - (a2 * v1 + a3 * v2 + (a4 * v3 + a5 * v4) + (a6 * v5 + a7 * v6 + a8 * v7)) - a1 * vA;
    dx[t] = b0 * vA + b1 * v1 + b2 * v2 + (b3 * v3 + b4 * v4) + (b5 * v5 + b6 * v6 + (b7 * v7 + b8 * v8));
    dx[t - 1] = b0 * vB + b1 * vA + b2 * v1 + (b3 * v2 + b4 * v3) + (b5 * v4 + b6 * v5 + (b7 * v6 + b8 * v7));
    const xA = x[t];
    const xB = x[t - 1];
    const yA = y[t];
    const yB = y[t - 1];
    p0 += xA * vA + xB * vB;
    p1 += xA * v1 + xB * vA;
    p2 += xA * v2 + xB * v1;
    p3 += xA * v3 + xB * v2;
    p4 += xA * v4 + xB * v3;
    p5 += xA * v5 + xB * v4;
    p6 += xA * v6 + xB * v5;
    p7 += xA * v7 + xB * v6;
    p8 += xA * v8 + xB * v7;
    q0 += yA * vA + yB * vB;
    q1 += yA * v1 + yB * vA;
    q2 += yA * v2 + yB * v1;
    q3 += yA * v3 + yB * v2;
    q4 += yA * v4 + yB * v3;
    q5 += yA * v5 + yB * v4;
    q6 += yA * v6 + yB * v5;
    q7 += yA * v7 + yB * v6;
    q8 += yA * v8 + yB * v7;
    v8 = v6;
    v7 = v5;
    v6 = v4;
    v5 = v3;
    v4 = v2;
    v3 = v1;
    v2 = vA;
    v1 = vB;
  }
  acc[0] = p0;
  acc[1] = p1;
  acc[2] = p2;
  acc[3] = p3;
  acc[4] = p4;
  acc[5] = p5;
  acc[6] = p6;
  acc[7] = p7;
  acc[8] = p8;
  acc[9] = q0;
  acc[10] = q1;
  acc[11] = q2;
  acc[12] = q3;
  acc[13] = q4;
  acc[14] = q5;
  acc[15] = q6;
  acc[16] = q7;
  acc[17] = q8;
}

/**
 * Generic version for any n ≥ 1: `v` is caller scratch of length ≥ T + n - 1 (v[T..] are zeroed
 * here); same outputs as the specialised kernels.
 */
export function vjpGeneric(
  c: Float64Array,
  n: number,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,
  v: Float64Array,
): void {
  const T = g.length;
  for (let k = 0; k < n - 1; k++) v[T + k] = 0;
  for (let t = T - 1; t >= 0; t--) {
    let s = g[t];
    for (let k = n - 1; k >= 1; k--) s -= c[n + k] * v[t + k];
    v[t] = s;
    let d = 0;
    for (let k = 0; k < n; k++) d += c[k] * v[t + k];
    dx[t] = d;
  }
  for (let k = 0; k < n; k++) {
    let p = 0;
    let q = 0;
    for (let t = 0; t + k < T; t++) {
      const vk = v[t + k];
      p += x[t] * vk;
      q += y[t] * vk;
    }
    acc[k] = p;
    acc[n + k] = q;
  }
}

/** The specialised backward kernel for size `n`, or null when only the generic one applies. */
export function vjpKernel(n: number): VjpKernel | null {
  switch (n) {
    case 2:
      return vjpN2;
    case 3:
      return vjpN3;
    case 4:
      return vjpN4;
    case 5:
      return vjpN5;
    case 6:
      return vjpN6;
    case 7:
      return vjpN7;
    case 8:
      return vjpN8;
    case 9:
      return vjpN9;
    default:
      return null;
  }
}
