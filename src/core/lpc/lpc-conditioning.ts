/**
 * Conditioning of LPC analysis, the way speech coders do it (ITU-T G.729 / AMR / Opus SILK), so
 * that frame-wise LPC gives well-behaved filters even on near-periodic or band-limited frames:
 *
 * 1. **Lag window** (`lagWindow` = bandwidth b as a fraction of the sample rate, i.e. Hz/fs):
 *    `r_i ← r_i·exp(−½(2π·b·i)²)`, i ≥ 1. Multiplying the autocorrelation by a Gaussian convolves
 *    the power spectrum with a Gaussian of standard deviation b·fs Hz: harmonics of a voiced frame
 *    are smeared, so the formant peaks are not fitted to single harmonics.
 * 2. **White-noise correction** (`whiteNoise` = w): `r_0 ← r_0·(1 + w)`, a noise floor w below
 *    the frame's power. Bounds the eigenvalue spread of the normal equations (κ ≲ 1/w), so a
 *    frame of a sine, DC or silence still gives a proper solution. Narrow-band coders use 1e-4
 *    (+40 dB); full-band (48 kHz) speech spans ~90 dB, and a −40 dB floor fills its spectral
 *    valleys (the MR-STFT loss of the speech start rose from 1.37 to 1.89), so the speech default
 *    is 1e-9 (+90 dB), which measured no worse than none (1.361).
 * 3. **Bandwidth expansion** (`bandwidthExpansion` = γ ≤ 1): `a_i ← γ^i·a_i`, every pole radius
 *    scaled by γ, i.e. every resonance widened by `−ln(γ)·fs/π` Hz (γ = 0.994 at 8 kHz ≈ 15 Hz).
 * 4. **Bounded reflection coefficients** (`kMax` = 1 − ε): the step-down of the result is clamped
 *    to |k| ≤ kMax (and `a` rebuilt by step-up), so every frame has a stability margin ε.
 *
 * When γ < 1 or the clamp acts, `error` is the exact prediction error power of the returned `a`
 * on the frame (the full quadratic form with the frame's own autocorrelation, before 1–2), so the
 * frame gain still reproduces the frame's level.
 *
 * {@link speechLpcConditioning} gives the defaults used for the trained time-varying model's start.
 */
import type { LpcOptions } from '../api.js';
import { stepDownStage, stepUpInPlace } from '../params/reflection.js';

/** Default stability margin ε of {@link speechLpcConditioning}: |k| ≤ 1 − ε. */
export const SPEECH_K_MARGIN = 1e-4;
/** Default lag-window bandwidth (Hz) of {@link speechLpcConditioning}. */
export const SPEECH_LAG_WINDOW_HZ = 60;
/** Default white-noise correction of {@link speechLpcConditioning} (+90 dB: r0·(1 + 1e-9); module doc). */
export const SPEECH_WHITE_NOISE = 1e-9;
/**
 * Bandwidth expansion (Hz of added resonance bandwidth) of {@link speechLpcConditioning}: 0, none.
 * Measured on the speech fit (order 16, hop 10 ms, 40 MR-STFT steps; init → trained loss):
 * none 1.368 → 1.1366; white noise 1e-9 + lag window 60 Hz 1.3606 → 1.1344; + expansion
 * 15 Hz (γ = exp(−π·15/fs), 0.994 at 8 kHz) 1.3611 → 1.1469, 10 Hz → 1.1437, 5 Hz → 1.1516.
 * Expansion on top of the lag window made the trained fit worse, so the speech default leaves it
 * off; pass `bandwidthExpansion` to use it (γ = exp(−π·Hz/fs)).
 */
export const SPEECH_BANDWIDTH_EXPANSION_HZ = 0;

/**
 * The speech-coder conditioning at `sampleRate` (Hz > 0): lag window of
 * {@link SPEECH_LAG_WINDOW_HZ} Hz, white-noise correction {@link SPEECH_WHITE_NOISE}, bandwidth
 * expansion of {@link SPEECH_BANDWIDTH_EXPANSION_HZ} Hz (γ = exp(−π·Hz/fs); none by default, see
 * there) and |k| ≤ 1 − {@link SPEECH_K_MARGIN}.
 * @throws RangeError naming `sampleRate`.
 */
export function speechLpcConditioning(
  sampleRate: number,
): Required<Pick<LpcOptions, 'lagWindow' | 'whiteNoise' | 'bandwidthExpansion' | 'kMax'>> {
  if (!(Number.isFinite(sampleRate) && sampleRate > 0)) {
    throw new RangeError(`speechLpcConditioning: sampleRate must be finite and > 0 (got ${sampleRate})`);
  }
  return {
    lagWindow: SPEECH_LAG_WINDOW_HZ / sampleRate,
    whiteNoise: SPEECH_WHITE_NOISE,
    bandwidthExpansion: Math.exp((-Math.PI * SPEECH_BANDWIDTH_EXPANSION_HZ) / sampleRate),
    kMax: 1 - SPEECH_K_MARGIN,
  };
}

/** Checks `lagWindow` (≥ 0, finite) and `bandwidthExpansion` (in (0, 1]) of `opts`, naming them. */
export function checkConditioning(fn: string, opts: LpcOptions | undefined): void {
  const b = opts?.lagWindow ?? 0;
  if (!(Number.isFinite(b) && b >= 0))
    throw new RangeError(`${fn}: opts.lagWindow must be finite and >= 0 (got ${b})`);
  const g = opts?.bandwidthExpansion ?? 1;
  if (!(g > 0 && g <= 1)) throw new RangeError(`${fn}: opts.bandwidthExpansion must be in (0, 1] (got ${g})`);
}

/** Gaussian lag window of bandwidth `b` (fraction of fs) applied in place to `r_1..r_M`. */
export function applyLagWindow(r: Float64Array, M: number, b: number): void {
  if (b === 0) return;
  const c = 2 * Math.PI * b;
  for (let i = 1; i <= M; i++) r[i] *= Math.exp(-0.5 * (c * i) * (c * i));
}

/**
 * Bandwidth expansion by γ and the |k| ≤ kMax bound, in place: `a_i ← γ^i a_i`, then the
 * step-down into `k`; if some |k_m| > kMax it is clamped and `a` rebuilt by step-up.
 * Returns true when `a` changed (then its prediction error must be recomputed).
 */
export function expandAndBound(
  a: Float64Array,
  k: Float64Array,
  M: number,
  gamma: number,
  kMax: number,
): boolean {
  let changed = false;
  if (gamma < 1) {
    let p = 1;
    for (let i = 0; i < M; i++) {
      p *= gamma;
      a[i] *= p;
    }
    changed = true;
  }
  for (let i = 0; i < M; i++) k[i] = a[i];
  let clamped = false;
  for (let m = M; m >= 1; m--) {
    let km = k[m - 1];
    if (!(Math.abs(km) <= kMax)) {
      km = km > 0 ? kMax : -kMax;
      k[m - 1] = km;
      clamped = true;
    }
    stepDownStage(k, 0, m, km, 1 / (1 - km * km));
  }
  if (clamped) {
    for (let i = 0; i < M; i++) a[i] = k[i];
    stepUpInPlace(a, 0, M);
  }
  return changed || clamped;
}

/** Prediction error power `Σ_i Σ_j a_i a_j r_|i−j|` (a_0 = 1) of any `a`, ≥ 0. O(M²). */
export function quadraticErrorPower(r: ArrayLike<number>, a: ArrayLike<number>, M: number): number {
  let e = r[0];
  for (let i = 1; i <= M; i++) {
    const ai = a[i - 1];
    e += 2 * ai * r[i];
    let s = ai * r[0];
    for (let j = i + 1; j <= M; j++) s += 2 * a[j - 1] * r[j - i];
    e += ai * s;
  }
  return Math.max(e, 0);
}
