import type { RealArray } from '../api.js';
import { anchoredGain, GAIN_ANCHOR, gainRatio } from '../track/frame-gain.js';

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
 * one pass. For sample t (track time `start + t`): `k` interpolated between the frames of `Kf`
 * (frames × M) exactly as frame-interpolation.ts does (last frame held), the input gain from the
 * log-gains `G` (null: unit gain) by the anchored recursion of src/core/track/frame-gain.ts,
 * `y[t] = lattice(gain·x[t], k)`. State `s` (length M) in place. `GT`: null, or the per-frame
 * table of `G` (frame-gain.ts `fillGainTable`), whose anchors and ratios are read instead of
 * computed (same numbers). Unchecked, allocation-free; the generated order-specialised kernels
 * (generated/lattice-track.ts) perform the same operations in the same order (bit-identical).
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
  GT: Float64Array | null,
) => void;

/** Row entry `i` of frame row `b0` interpolated at weight `w` (frame-interpolation.ts rule). */
function lerpAt(Kf: ArrayLike<number>, b0: number, b1: number, i: number, w: number): number {
  const a = Kf[b0 + i];
  return a + w * (Kf[b1 + i] - a);
}

/** One lattice sample with row `k` = `Kf[b0..] + w·(Kf[b1..] − Kf[b0..])`, or `Kf[b0..]` when `held`. */
function trackStep(
  xt: number,
  Kf: ArrayLike<number>,
  b0: number,
  w: number,
  held: boolean,
  s: Float64Array,
): number {
  const M = s.length;
  const b1 = b0 + M;
  let f = xt;
  let k = held ? Kf[b0 + M - 1] : lerpAt(Kf, b0, b1, M - 1, w);
  let bPrev = s[M - 1];
  f -= k * bPrev;
  for (let m = M - 1; m >= 1; m--) {
    bPrev = s[m - 1];
    k = held ? Kf[b0 + m - 1] : lerpAt(Kf, b0, b1, m - 1, w);
    f -= k * bPrev;
    s[m] = bPrev + k * f;
  }
  s[0] = f;
  return f;
}

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
  GT: Float64Array | null,
): void {
  const M = s.length;
  const ih = 1 / hop;
  let fr = Math.floor(start / hop);
  let off = start - fr * hop;
  let t = 0;
  while (t < n && fr < frames - 1) {
    const g0 = G === null ? 0 : G[fr];
    const g1 = G === null ? 0 : G[fr + 1];
    // Unary +: keeps g an unboxed float64 when V8 leaves these calls out of line (see the
    // generator, gen-allpole-kernels.ts latticeTrackKernel).
    const r = G === null ? 1 : GT !== null ? GT[2 * fr + 1] : +gainRatio(g0, g1, hop);
    const end = n - t < hop - off ? n : t + hop - off;
    while (t < end) {
      let g = G === null ? 1 : GT !== null && off === 0 ? GT[2 * fr] : +anchoredGain(g0, g1, off, hop, r);
      const left = GAIN_ANCHOR - (off % GAIN_ANCHOR);
      const stop = end - t < left ? end : t + left;
      for (; t < stop; t++, off++) {
        y[t] = trackStep(g * x[t], Kf, fr * M, off * ih, false, s);
        g *= r;
      }
    }
    if (off === hop) {
      fr++;
      off = 0;
    }
  }
  const g = G === null ? 1 : GT !== null ? GT[2 * (frames - 1)] : Math.exp(G[frames - 1]);
  for (; t < n; t++) y[t] = trackStep(g * x[t], Kf, (frames - 1) * M, 0, true, s);
}
