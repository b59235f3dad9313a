/**
 * Multi-resolution STFT loss (auraloss definition) with its analytic gradient.
 *
 * loss = mean over resolutions of [ ‖T − E‖_F / ‖T‖_F + mean |log T − log E| ], where
 * E, T = sqrt(max(|STFT|², 1e-8)) of estimate / target and the STFT is torch.stft(center=True,
 * pad_mode='reflect', window = periodic Hann(winLength) zero-padded centred to nFft, onesided).
 */
import type { DifferentiableLoss, NumericInput, StftResolution } from '../api.js';
import { MAG_EPS, StftResolutionPlan } from './stft-resolution.js';

/** auraloss' MultiResolutionSTFTLoss defaults `[nFft, hop, winLength]`. */
export const DEFAULT_RESOLUTIONS: readonly StftResolution[] = [
  [1024, 120, 600],
  [2048, 240, 1200],
  [512, 50, 240],
];

interface ResolutionState {
  plan: StftResolutionPlan;
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
      const plan = new StftResolutionPlan(nFft, hop, win, target.length);
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
    let total = 0;
    for (const s of this.states) {
      const { plan, re, im, mag, targetMag } = s;
      plan.analyse(estimate, re, im);
      const size = re.length;
      let diff2 = 0;
      // Σ|log T − log E| = Σ_{q≥1} log q − Σ_{q<1} log q with q = E/T, accumulated as two running
      // products (one Math.log per ~10² bins instead of one per bin); extreme q are logged directly.
      let l1 = 0;
      let hi = 1;
      let lo = 1;
      for (let i = 0; i < size; i++) {
        const a = re[i];
        const b = im[i];
        const p = a * a + b * b;
        const e = Math.sqrt(Math.max(p, MAG_EPS));
        mag[i] = e;
        const d = targetMag[i] - e;
        diff2 += d * d;
        const q = e / targetMag[i];
        if (q > 1e100 || q < 1e-100) {
          l1 += Math.abs(Math.log(q));
          continue;
        }
        hi *= Math.max(q, 1);
        lo *= Math.min(q, 1);
        if (hi > 1e150) {
          l1 += Math.log(hi);
          hi = 1;
        }
        if (lo < 1e-150) {
          l1 -= Math.log(lo);
          lo = 1;
        }
      }
      l1 += Math.log(hi) - Math.log(lo);
      const diffNorm = Math.sqrt(diff2);
      total += diffNorm / s.targetNorm + l1 / size;
      if (grad === undefined) continue;
      const cSc = diffNorm > 0 ? 1 / (R * diffNorm * s.targetNorm) : 0;
      const cLm = 1 / (R * size);
      // Reuse re/im as dL/dre, dL/dim (in place; the estimate's spectrum is not needed afterwards).
      for (let i = 0; i < size; i++) {
        const e = mag[i];
        const p = re[i] * re[i] + im[i] * im[i];
        if (p < MAG_EPS) {
          re[i] = 0;
          im[i] = 0;
          continue;
        }
        // dL/dre = (dL/dE)·re/E with dL/dE = cSc·(E − T) + cLm·sign(log E − log T)/E
        const inv = 1 / e;
        // sign(log E − log T) = sign(E − T) (log is monotonic)
        const f = cSc * (1 - targetMag[i] * inv) + cLm * Math.sign(e - targetMag[i]) * inv * inv;
        re[i] *= f;
        im[i] *= f;
      }
      plan.adjoint(re, im, grad);
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
