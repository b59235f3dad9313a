/**
 * Per-bin kernels of one MR-STFT resolution: the clamped magnitudes E = sqrt(max(|X|², eps)), the
 * two loss sums Σ(T − E)² and Σ|log T − log E| against cached target magnitudes T, and the
 * gradient spectra dL/dRe X, dL/dIm X. They work on a row range [start, end) of frames×bins arrays
 * so the loss can run them on the rows an FFT just wrote (still in cache).
 */

/** Floor of |STFT|² used by auraloss (`clamp(min=eps)` before the square root). */
export const MAG_EPS = 1e-8;

/** Slots of the accumulator passed to `accumulateMagnitudeTerms` (a Float64Array of length 4). */
export const ACC_DIFF2 = 0;
const ACC_HI = 1;
const ACC_ALL = 2;
const ACC_LOG = 3;
/** Length of the accumulator array. */
export const ACC_LENGTH = 4;

/** Resets an accumulator (length `ACC_LENGTH`) before the first `accumulateMagnitudeTerms` call. */
export function resetMagnitudeTerms(acc: Float64Array): void {
  acc[ACC_DIFF2] = 0;
  acc[ACC_HI] = 1;
  acc[ACC_ALL] = 1;
  acc[ACC_LOG] = 0;
}

/**
 * For bins [start, end): writes mag[i] = sqrt(max(re² + im², eps)) and accumulates Σ(T − E)² and
 * Σ|log(E/T)| into `acc`. The log sum uses Σ|log q| = 2·log Π max(q, 1) − log Π q (q = E/T) with
 * branch-free max(q, 1) = ½((q + 1) + |q − 1|): running products, renormalised rarely, cost one
 * Math.log per ~10² bins instead of one per bin; extreme q are logged directly.
 */
export function accumulateMagnitudeTerms(
  re: Float64Array,
  im: Float64Array,
  mag: Float64Array,
  targetMag: Float64Array,
  start: number,
  end: number,
  acc: Float64Array,
): void {
  let diff2 = acc[ACC_DIFF2];
  let hi = acc[ACC_HI];
  let all = acc[ACC_ALL];
  let l1 = acc[ACC_LOG];
  for (let i = start; i < end; i++) {
    const a = re[i];
    const b = im[i];
    const p = a * a + b * b;
    const e = Math.sqrt(Math.max(p, MAG_EPS));
    mag[i] = e;
    const t = targetMag[i];
    const d = t - e;
    diff2 += d * d;
    const q = e / t;
    if (q > 1e100 || q < 1e-100) {
      l1 += Math.abs(Math.log(q));
      continue;
    }
    hi *= 0.5 * (q + 1 + Math.abs(q - 1));
    all *= q;
    if (hi > 1e150) {
      l1 += 2 * Math.log(hi);
      hi = 1;
    }
    if (all > 1e150 || all < 1e-150) {
      l1 -= Math.log(all);
      all = 1;
    }
  }
  acc[ACC_DIFF2] = diff2;
  acc[ACC_HI] = hi;
  acc[ACC_ALL] = all;
  acc[ACC_LOG] = l1;
}

/** Σ|log T − log E| of the bins accumulated into `acc` since `resetMagnitudeTerms`. */
export function logDistance(acc: Float64Array): number {
  return acc[ACC_LOG] + 2 * Math.log(acc[ACC_HI]) - Math.log(acc[ACC_ALL]);
}

/**
 * Overwrites re/im (X) on bins [start, end) with dL/dRe X, dL/dIm X = (dL/dE)·X/E, where
 * dL/dE = cSc·(E − T) + cLm·sign(E − T)/E (cSc, cLm: the caller's scalings of the spectral
 * convergence and log-magnitude terms); zero where |X|² < eps (clamped, flat).
 * `mag` must hold the E written by `accumulateMagnitudeTerms` for the same re/im.
 */
export function magnitudeGradient(
  re: Float64Array,
  im: Float64Array,
  mag: Float64Array,
  targetMag: Float64Array,
  start: number,
  end: number,
  cSc: number,
  cLm: number,
): void {
  for (let i = start; i < end; i++) {
    const a = re[i];
    const b = im[i];
    if (a * a + b * b < MAG_EPS) {
      re[i] = 0;
      im[i] = 0;
      continue;
    }
    const e = mag[i];
    const t = targetMag[i];
    const inv = 1 / e;
    // sign(log E − log T) = sign(E − T) (log is monotonic), computed branch-free (the branchy
    // Math.sign mispredicts on about half the bins): d/(|d| + 1e-300) is exactly ±1 for d ≠ 0,
    // since E, T ≥ sqrt(eps) makes |d| ≥ ulp(1e-4) ≫ 1e-300, and 0 for d = 0.
    const d = e - t;
    const sign = d / (Math.abs(d) + 1e-300);
    const f = cSc * (1 - t * inv) + cLm * sign * inv * inv;
    re[i] = a * f;
    im[i] = b * f;
  }
}
