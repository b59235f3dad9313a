import type { RealArray } from '../api.js';

/**
 * Generic (any order) lattice kernel: the loop of {@link lattice} (see lattice.ts for the
 * recursion and the state layout). `K` is read at row `t*stride` (stride M per sample, 0 for
 * one constant row). The generated order-specialised kernels (generated/lattice.ts) perform
 * the same operations in the same order, so they are bit-identical. No allocation.
 */
export function latticeGeneric(
  x: RealArray,
  K: RealArray,
  s: Float64Array,
  y: RealArray,
  T: number,
  stride: number,
): void {
  const M = s.length;
  for (let t = 0; t < T; t++) {
    const b = t * stride;
    let f = x[t];
    let bPrev = s[M - 1];
    f -= K[b + M - 1] * bPrev;
    for (let m = M - 1; m >= 1; m--) {
      bPrev = s[m - 1];
      const k = K[b + m - 1];
      f -= k * bPrev;
      s[m] = bPrev + k * f;
    }
    s[0] = f;
    y[t] = f;
  }
}

/**
 * Frame-track lattice kernel: the streaming model of src/core/track/track-lattice.ts fused into
 * one pass. For sample t (track time `start + t`): `k` and the log-gain interpolated between
 * the frames of `Kf` (frames × M) and `G` (null: unit gain) exactly as frame-interpolation.ts
 * does (last frame held), `y[t] = lattice(exp(lg)·x[t], k)`. State `s` (length M) in place.
 * Unchecked, allocation-free; the generated order-specialised kernels (generated/lattice-track.ts)
 * perform the same operations in the same order (bit-identical).
 */
export type LatticeTrackKernel = (
  x: RealArray,
  y: RealArray,
  n: number,
  Kf: ArrayLike<number>,
  G: ArrayLike<number> | null,
  frames: number,
  hop: number,
  start: number,
  s: Float64Array,
) => void;

/** Generic (any order) {@link LatticeTrackKernel}. */
export function latticeTrackGeneric(
  x: RealArray,
  y: RealArray,
  n: number,
  Kf: ArrayLike<number>,
  G: ArrayLike<number> | null,
  frames: number,
  hop: number,
  start: number,
  s: Float64Array,
): void {
  const M = s.length;
  for (let t = 0; t < n; t++) {
    const st = start + t;
    let fr = Math.floor(st / hop);
    let w = 0;
    let w0 = 1;
    let held = false;
    if (fr >= frames - 1) {
      fr = frames - 1;
      held = true;
    } else {
      w = (st - fr * hop) / hop;
      w0 = 1 - w;
    }
    const b0 = fr * M;
    const b1 = b0 + M;
    let f = x[t];
    if (G !== null) f = Math.exp(held ? G[fr] : w0 * G[fr] + w * G[fr + 1]) * f;
    let k = held ? Kf[b0 + M - 1] : w0 * Kf[b0 + M - 1] + w * Kf[b1 + M - 1];
    let bPrev = s[M - 1];
    f -= k * bPrev;
    for (let m = M - 1; m >= 1; m--) {
      bPrev = s[m - 1];
      k = held ? Kf[b0 + m - 1] : w0 * Kf[b0 + m - 1] + w * Kf[b1 + m - 1];
      f -= k * bPrev;
      s[m] = bPrev + k * f;
    }
    s[0] = f;
    y[t] = f;
  }
}
