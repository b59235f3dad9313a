/**
 * Growth detector of the direct-form processor: catches slowly unstable filters (a pole just
 * outside the unit circle) long before their output reaches the output bound.
 *
 * Per channel, energies are summed over blocks of at least {@link GROWTH_BLOCK} samples:
 * `eo` of the output and `ei` of the (gained) input. The input reference `den` is a leaky peak of
 * `ei` (it decays by {@link GROWTH_DECAY} per block, ≈ 0.13 dB), and `r = eo / den` is the
 * block's power gain. A stable filter's `r` stays within its power gain (it rises from rest to
 * at most the filter's resonance gain, and falls once the input stops). An unstable filter's `r`
 * grows geometrically. A fault is declared when `r` has grown by {@link GROWTH_FACTOR} (30 dB)
 * over a run of blocks in which it never fell more than 1 dB below the run's peak, while the
 * output is above -100 dBFS (mean square 1e-10). A pole of radius 1.00005 grows 0.44 dB per
 * 1024 samples: caught within 4 s from rest (tests/unit/worklet-growth.test.ts), 1.0005 within
 * 0.5 s, far below the output bound.
 * Limit: a stable pole so close to the circle that its decay time exceeds a few seconds (radius
 * above ~0.99999 at 48 kHz) keeps charging for longer than that from rest, and may be taken for
 * growth after ~20 s; such filters are marginal anyway (use the reflection domain).
 *
 * Real-time code: no allocation (state in preallocated Float64Arrays, one slot per channel).
 */

/** Samples per detector block (whole quanta are added until this many are reached). */
export const GROWTH_BLOCK = 1024;
/** Per-block decay of the input energy reference (leaky peak). */
export const GROWTH_DECAY = 0.97;
/** Growth of the power gain r over one run that declares a fault (30 dB). */
export const GROWTH_FACTOR = 1e3;
/** A run continues while r stays above this fraction of the run's peak (-1 dB). */
const RUN_FLOOR = 0.8;
/** Mean square of the output below which nothing is judged (-100 dBFS). */
const QUIET = 1e-10;
/** Stride of the per-channel slots. */
const SLOT = 6;

/** Detector state for `channels` channels. */
export function createGrowthState(channels: number): Float64Array {
  return new Float64Array(channels * SLOT);
}

/** Forgets every channel's history (after a reset of the filter state). */
export function resetGrowth(g: Float64Array): void {
  g.fill(0);
}

/**
 * Adds one quantum of channel `c` from its signals: `x` the gained input (float64), `y` the
 * output (float32), `n` samples. The energies Σ x² and Σ y² are summed in one pass, each in
 * sample order (the same sums as two separate passes), from monomorphic typed arrays, and handed
 * to {@link growthStep} without leaving this function (a double returned from a call that V8
 * does not inline is boxed: an allocation per quantum). Returns growthStep's verdict.
 */
export function growthQuantum(
  g: Float64Array,
  c: number,
  x: Float64Array,
  y: Float32Array,
  n: number,
): boolean {
  let ei = 0;
  let eo = 0;
  for (let t = 0; t < n; t++) {
    const a = x[t];
    const b = y[t];
    ei += a * a;
    eo += b * b;
  }
  return growthStep(g, c, ei, eo, n);
}

/**
 * Adds one quantum of channel `c` (`ei`, `eo` energies over `n` samples). Returns true when
 * the channel is growing like an unstable filter (see the module doc).
 */
export function growthStep(g: Float64Array, c: number, ei: number, eo: number, n: number): boolean {
  const o = c * SLOT;
  // slot: [0] samples in block, [1] ei sum, [2] eo sum, [3] den, [4] run low r, [5] run peak r
  g[o] += n;
  g[o + 1] += ei;
  g[o + 2] += eo;
  if (g[o] < GROWTH_BLOCK) return false;
  const len = g[o];
  const bi = g[o + 1];
  const bo = g[o + 2];
  g[o] = 0;
  g[o + 1] = 0;
  g[o + 2] = 0;
  const den = Math.max(bi, g[o + 3] * GROWTH_DECAY);
  g[o + 3] = den;
  if (bo < QUIET * len) {
    g[o + 4] = 0;
    g[o + 5] = 0;
    return false;
  }
  const r = bo / (den + 1e-300);
  if (g[o + 4] === 0 || r < RUN_FLOOR * g[o + 5]) {
    g[o + 4] = r;
    g[o + 5] = r;
    return false;
  }
  if (r > g[o + 5]) g[o + 5] = r;
  if (r < g[o + 4]) g[o + 4] = r;
  return r >= GROWTH_FACTOR * g[o + 4];
}
