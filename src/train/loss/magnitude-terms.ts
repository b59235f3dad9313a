/**
 * Per-bin kernels of one MR-STFT resolution: the clamped magnitudes E = sqrt(max(|X|², eps)), the
 * two loss sums Σ(T − E)² and Σ|log T − log E| against cached target magnitudes T, and the
 * gradient spectra dL/dRe X, dL/dIm X. They work on a row range [start, end) of frames×bins arrays
 * so the loss can run them on the rows an FFT just wrote (still in cache). No magnitude array is
 * stored: the gradient recomputes E (a square root is cheaper than a second stream through memory).
 */

/** Floor of |STFT|² used by auraloss (`clamp(min=eps)` before the square root). */
export const MAG_EPS = 1e-8;

/** Slots of the accumulator passed to `accumulateMagnitudeTerms` (a Float64Array of length 5). */
export const ACC_DIFF2 = 0;
const ACC_HI = 1;
const ACC_ALL = 2;
const ACC_LOG_HI = 3;
const ACC_LOG_ALL = 4;
/** Length of the accumulator array. */
export const ACC_LENGTH = 5;

/** Resets an accumulator (length `ACC_LENGTH`) before the first `accumulateMagnitudeTerms` call. */
export function resetMagnitudeTerms(acc: Float64Array): void {
  acc[ACC_DIFF2] = 0;
  acc[ACC_HI] = 1;
  acc[ACC_ALL] = 1;
  acc[ACC_LOG_HI] = 0;
  acc[ACC_LOG_ALL] = 0;
}

/**
 * For bins [start, end): accumulates Σ(T − E)² and the parts of Σ|log E − log T| into `acc`. The
 * log sum is Σ|log E − log T| = 2·Σ log max(E, T) − Σ log E − Σ log T: the last sum is the target's
 * constant (see `targetLogSum`), the first two are running products of max(E, T) =
 * ½(E + T + |E − T|) and of E, renormalised rarely, so a bin costs no division and ~10⁻² Math.log.
 * Both factors are ≥ sqrt(eps); a factor above 1e100 is logged directly. At E = T the two sums
 * follow the target constant's operations exactly, so the log distance is exactly 0.
 */
export function accumulateMagnitudeTerms(
  re: Float64Array,
  im: Float64Array,
  targetMag: Float64Array,
  start: number,
  end: number,
  acc: Float64Array,
): void {
  let diff2 = acc[ACC_DIFF2];
  let hi = acc[ACC_HI];
  let all = acc[ACC_ALL];
  let lHi = acc[ACC_LOG_HI];
  let lAll = acc[ACC_LOG_ALL];
  for (let i = start; i < end; i++) {
    const a = re[i];
    const b = im[i];
    const e = Math.sqrt(Math.max(a * a + b * b, MAG_EPS));
    const t = targetMag[i];
    const d = t - e;
    diff2 += d * d;
    const m = 0.5 * (e + t + Math.abs(d));
    if (m > 1e100) {
      lHi += Math.log(m);
      lAll += Math.log(e);
      continue;
    }
    hi *= m;
    all *= e;
    if (hi > 1e150 || hi < 1e-150) {
      lHi += Math.log(hi);
      hi = 1;
    }
    if (all > 1e150 || all < 1e-150) {
      lAll += Math.log(all);
      all = 1;
    }
  }
  acc[ACC_DIFF2] = diff2;
  acc[ACC_HI] = hi;
  acc[ACC_ALL] = all;
  acc[ACC_LOG_HI] = lHi;
  acc[ACC_LOG_ALL] = lAll;
}

/**
 * Σ log T of a target's STFT re/im (frames×bins) and magnitudes, computed by the operations
 * `accumulateMagnitudeTerms` applies to Σ log E (so that E = T gives a log distance of exactly 0).
 */
export function targetLogSum(
  re: Float64Array,
  im: Float64Array,
  targetMag: Float64Array,
  acc: Float64Array,
): number {
  resetMagnitudeTerms(acc);
  accumulateMagnitudeTerms(re, im, targetMag, 0, targetMag.length, acc);
  return acc[ACC_LOG_ALL] + Math.log(acc[ACC_ALL]);
}

/**
 * Σ|log T − log E| of the bins accumulated into `acc` since `resetMagnitudeTerms`, given the
 * target's `targetLogSum`; floored at 0 (its sums cancel, so rounding could leave −1e-15).
 */
export function logDistance(acc: Float64Array, logSumTarget: number): number {
  const lHi = acc[ACC_LOG_HI] + Math.log(acc[ACC_HI]);
  const lAll = acc[ACC_LOG_ALL] + Math.log(acc[ACC_ALL]);
  return Math.max(0, 2 * lHi - lAll - logSumTarget);
}

/**
 * Overwrites re/im (X) on bins [start, end) with dL/dRe X, dL/dIm X = (dL/dE)·X/E, where
 * dL/dE = cSc·(E − T) + cLm·sign(E − T)/E (cSc, cLm: the caller's scalings of the spectral
 * convergence and log-magnitude terms); zero where |X|² < eps (clamped, flat).
 * With d = E − T and r = 1/(|d|·E² + 1e-300), (dL/dE)/E = d·r·(cSc·|d|·E + cLm): one division
 * per bin, and 0 for d = 0 (sign 0). For d ≠ 0, |d|·E² ≥ ulp(1e-4)·1e-8 ≫ 1e-300, so the guard
 * does not change r.
 */
export function magnitudeGradient(
  re: Float64Array,
  im: Float64Array,
  targetMag: Float64Array,
  start: number,
  end: number,
  cSc: number,
  cLm: number,
): void {
  for (let i = start; i < end; i++) {
    const a = re[i];
    const b = im[i];
    const p = a * a + b * b;
    if (p < MAG_EPS) {
      re[i] = 0;
      im[i] = 0;
      continue;
    }
    const e = Math.sqrt(p);
    const d = e - targetMag[i];
    const ad = Math.abs(d);
    const r = 1 / (ad * p + 1e-300);
    const f = d * r * (cSc * ad * e + cLm);
    re[i] = a * f;
    im[i] = b * f;
  }
}
