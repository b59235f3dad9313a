/**
 * Multi-resolution STFT loss (auraloss definition) with its analytic gradient.
 *
 * loss = mean over resolutions of [ ‖T − E‖_F / ‖T‖_F + mean |log T − log E| ], where
 * E, T = sqrt(max(|STFT|², 1e-8)) of estimate / target and the STFT is torch.stft(center=True,
 * pad_mode='reflect', window = periodic Hann(winLength) zero-padded centred to nFft, onesided).
 */
import type { DifferentiableLoss, NumericInput, StftResolution } from '../../core/api.js';
import { StftPlan } from '../../core/spectral/stft.js';
import {
  ACC_DIFF2,
  ACC_LENGTH,
  accumulateMagnitudeTerms,
  logDistance,
  MAG_EPS,
  magnitudeGradient,
  resetMagnitudeTerms,
} from './magnitude-terms.js';

/** auraloss' MultiResolutionSTFTLoss defaults `[nFft, hop, winLength]`. */
export const DEFAULT_RESOLUTIONS: readonly StftResolution[] = [
  [1024, 120, 600],
  [2048, 240, 1200],
  [512, 50, 240],
];

interface ResolutionState {
  plan: StftPlan;
  targetMag: Float64Array;
  targetNorm: number;
  re: Float64Array;
  im: Float64Array;
  mag: Float64Array;
}

function magnitude(re: number, im: number): number {
  const p = re * re + im * im;
  return Math.sqrt(Math.max(p, MAG_EPS));
}

function checkSignal(name: string, v: unknown): asserts v is NumericInput {
  if (v === null || typeof v !== 'object' || typeof (v as NumericInput).length !== 'number') {
    throw new TypeError(`MrStftLoss: ${name} must be an array of numbers`);
  }
}

/**
 * MR-STFT loss against a fixed target whose spectra are computed once and cached.
 * `compute(estimate, grad?)` returns the loss and, when `grad` (length T) is given, overwrites it with
 * dLoss/dEstimate. Allocates nothing per call after construction.
 */
export class MrStftLoss implements DifferentiableLoss {
  readonly length: number;
  readonly resolutions: readonly StftResolution[];
  private readonly states: ResolutionState[];
  /** Running sums of `accumulateMagnitudeTerms`. */
  private readonly acc = new Float64Array(ACC_LENGTH);

  /** @param target length T (> nFft/2 of every resolution); copied into cached spectra. */
  constructor(target: NumericInput, resolutions: readonly StftResolution[] = DEFAULT_RESOLUTIONS) {
    checkSignal('target', target);
    if (!Array.isArray(resolutions) || resolutions.length < 1) {
      throw new RangeError('MrStftLoss: resolutions must be a non-empty array of [nFft, hop, winLength]');
    }
    for (let i = 0; i < target.length; i++) {
      if (!Number.isFinite(target[i])) throw new RangeError(`MrStftLoss: target[${i}] must be finite`);
    }
    this.length = target.length;
    this.resolutions = resolutions.map((r) => [r[0], r[1], r[2]] as const);
    this.states = this.resolutions.map(([nFft, hop, win]) => {
      const plan = new StftPlan({ nFft, hop, winLength: win, length: target.length });
      const size = plan.frames * plan.bins;
      const s: ResolutionState = {
        plan,
        targetMag: new Float64Array(size),
        targetNorm: 0,
        re: new Float64Array(size),
        im: new Float64Array(size),
        mag: new Float64Array(size),
      };
      plan.analyse(target, s.re, s.im);
      let norm2 = 0;
      for (let i = 0; i < size; i++) {
        const t = magnitude(s.re[i], s.im[i]);
        s.targetMag[i] = t;
        norm2 += t * t;
      }
      s.targetNorm = Math.sqrt(norm2);
      return s;
    });
  }

  /** Loss of `estimate` (length T); writes dLoss/dEstimate into `grad` when given (overwritten). */
  compute(estimate: NumericInput, grad?: Float64Array): number {
    checkSignal('estimate', estimate);
    if (estimate.length !== this.length) {
      throw new RangeError(
        `MrStftLoss: estimate length ${estimate.length} must equal target length ${this.length}`,
      );
    }
    if (grad !== undefined) {
      if (grad.length !== this.length) {
        throw new RangeError(`MrStftLoss: grad length ${grad.length} must equal ${this.length}`);
      }
      grad.fill(0);
    }
    const R = this.states.length;
    const acc = this.acc;
    let total = 0;
    for (const s of this.states) {
      const { plan, re, im, mag, targetMag } = s;
      const { frames, bins } = plan;
      const size = re.length;
      // Pass 1, per frame pair: STFT rows, then their magnitudes and loss sums while in cache.
      resetMagnitudeTerms(acc);
      plan.loadSignal(estimate);
      for (let m = 0; m < frames; m += 2) {
        plan.analysePair(m, re, im);
        accumulateMagnitudeTerms(re, im, mag, targetMag, m * bins, Math.min(m + 2, frames) * bins, acc);
      }
      const diffNorm = Math.sqrt(acc[ACC_DIFF2]);
      total += diffNorm / s.targetNorm + logDistance(acc) / size;
      if (grad === undefined) continue;
      // Pass 2 (needs ‖T − E‖ of pass 1), per frame pair: gradient spectra, then their adjoint STFT.
      const cSc = diffNorm > 0 ? 1 / (R * diffNorm * s.targetNorm) : 0;
      const cLm = 1 / (R * size);
      plan.beginAdjoint();
      for (let m = 0; m < frames; m += 2) {
        magnitudeGradient(re, im, mag, targetMag, m * bins, Math.min(m + 2, frames) * bins, cSc, cLm);
        plan.adjointPair(m, re, im);
      }
      plan.endAdjoint(grad);
    }
    return total / R;
  }
}

/** Builds an `MrStftLoss` for `target` (cached spectra); default resolutions are auraloss'. */
export function createMrStftLoss(target: NumericInput, resolutions?: readonly StftResolution[]): MrStftLoss {
  return new MrStftLoss(target, resolutions);
}

/**
 * One-shot MR-STFT loss (conformance entry point): builds the target spectra, evaluates, and fills
 * `grad` (length T, overwritten) with dLoss/dEstimate when given.
 */
export function mrstftLoss(
  estimate: NumericInput,
  target: NumericInput,
  resolutions: readonly StftResolution[] = DEFAULT_RESOLUTIONS,
  grad?: Float64Array,
): number {
  return new MrStftLoss(target, resolutions).compute(estimate, grad);
}
