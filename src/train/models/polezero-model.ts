/**
 * Pole-zero cascade of S second-order sections, for EQ matching / system identification:
 * `H(z) = g · Π_s (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²)` with
 * poles inside the unit circle by construction, in one of two section parameterisations:
 * - 'polar' (default): `[a1, a2] = sectionFromPole(r, θ)`, `r = rmax·sigmoid(ρ)`; rows [ρ, θ, …]
 *   (a complex-conjugate pole pair per section; two distinct real poles are not representable);
 * - 'reflection': `[a1, a2] = reflectionToDirect([k1, k2])`, `k2 = rmax·tanh(u2)`,
 *   `k1 = (1 − 1e-6)·tanh(u1)`; rows [u1, u2, …]
 *   (exactly the stable second-order sections, real or complex poles).
 * Forward = lfilter per section (scipy convention); backward = lfilterVjp per section.
 * Params layout: S rows of [pole param 1, pole param 2, b0, b1, b2], then (logGain).
 */
import type { DirectCoefficientsFile, FilterModel, NumericInput } from '../../core/api.js';
import { toCoefficientsFile } from '../../core/coefficients-file.js';
import { lfilter } from '../../core/lti/lfilter.js';
import { lfilterVjp } from '../../core/lti/lfilter-vjp.js';
import { reflectionToDirect, reflectionToDirectVjp } from '../../core/params/reflection.js';
import { cascadeToDirect, sectionFromPole, sectionFromPoleVjp } from '../../core/params/sos.js';
import { reflectionToTanh, tanhToReflectionVjp } from '../../core/params/tanh.js';
import { equationErrorFit } from './equation-error.js';
import { polynomialRoots, quadraticFactors } from './polynomial-roots.js';

/** |k1| bound of 'reflection' sections: k1 → ±1 only moves a real pole towards ±1 (the radius of a
 * complex pair is √k2 ≤ √rmax), so low-frequency resonances (k1 ≈ −1) stay representable. */
const K1_LIMIT = 1 - 1e-6;

/** Parameters per section: ρ, θ, b0, b1, b2. */
export const SECTION_PARAMS = 5;

export interface PoleZeroModelOptions {
  sections: number;
  /** Largest pole radius ('polar') or |k| ('reflection'); default 0.999. */
  rmax?: number;
  /** Section pole parameterisation (default 'polar'). */
  poles?: 'polar' | 'reflection';
  gain?: boolean;
}

function sigmoid(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

/** Pole-zero cascade {@link FilterModel}; `coefficients()` is the product denominator (order 2S). */
export class PoleZeroModel implements FilterModel {
  readonly kind = 'polezero';
  readonly hop = 0;
  readonly order: number;
  readonly sections: number;
  readonly rmax: number;
  readonly poles: 'polar' | 'reflection';
  readonly hasGain: boolean;
  readonly params: Float64Array;
  /** Forward-time copies: a (S×3 with leading 1), b (S×3), r, θ. */
  private readonly a: Float64Array;
  private readonly b: Float64Array;
  private readonly r: Float64Array;
  private readonly theta: Float64Array;
  private readonly sig: Float64Array;
  /** Forward-time k per section ('reflection'), S×2. */
  private readonly kF: Float64Array;
  private readonly kBuf = new Float64Array(2);
  private readonly uF: Float64Array;
  private signals: Float64Array[] = [];
  private gBuf = new Float64Array(0);
  private readonly ga = new Float64Array(2);
  private readonly grt = new Float64Array(2);

  constructor(opts: PoleZeroModelOptions) {
    const S = opts.sections;
    if (!Number.isInteger(S) || S < 1)
      throw new RangeError(`PoleZeroModel: sections must be an integer ≥ 1 (got ${S})`);
    const rmax = opts.rmax ?? 0.999;
    if (!(rmax > 0 && rmax < 1)) throw new RangeError(`PoleZeroModel: rmax must be in (0, 1) (got ${rmax})`);
    this.sections = S;
    this.order = 2 * S;
    this.rmax = rmax;
    const poles = opts.poles ?? 'polar';
    if (poles !== 'polar' && poles !== 'reflection') {
      throw new RangeError(`PoleZeroModel: poles must be 'polar' or 'reflection' (got ${poles})`);
    }
    this.poles = poles;
    this.hasGain = opts.gain === true;
    this.params = new Float64Array(SECTION_PARAMS * S + (this.hasGain ? 1 : 0));
    this.a = new Float64Array(3 * S);
    this.b = new Float64Array(3 * S);
    this.r = new Float64Array(S);
    this.theta = new Float64Array(S);
    this.sig = new Float64Array(S);
    this.kF = new Float64Array(2 * S);
    this.uF = new Float64Array(this.params.length);
    this.initFlat();
  }

  /**
   * Near-identity start: section s gets a pole pair at radius 0.7 and angle spread log-uniformly over
   * (0.01π, 0.7π), with its zeros on the poles (B = A), so H = 1 and every parameter has a gradient.
   */
  initFlat(radius = 0.7): void {
    const S = this.sections;
    for (let s = 0; s < S; s++) {
      const theta = Math.PI * 0.01 * 70 ** ((s + 0.5) / S);
      const a1 = -2 * radius * Math.cos(theta);
      const a2 = radius * radius;
      this.setSectionDirect(s, a1, a2, [1, a1, a2]);
    }
    if (this.hasGain) this.params[SECTION_PARAMS * S] = 0;
  }

  /**
   * Data-driven start for system identification: an equation-error least-squares fit of order 2S
   * from `input` to `target`, split into sections by polynomial roots (complex pairs → (r, θ); a pair
   * of real poles is approximated by a double pole at their mean), radii clamped below rmax. Falls back
   * to {@link initFlat} and returns false when the pair is not explained by a filter of this order
   * (relative equation error > `maxResidual`, e.g. when the input is an unrelated noise source).
   */
  initFromPair(input: NumericInput, target: NumericInput, maxResidual = 0.5): boolean {
    const S = this.sections;
    const fit = equationErrorFit(input, target, 2 * S, 2 * S);
    if (fit === null || !(fit.relativeResidual <= maxResidual) || !(Math.abs(fit.b[0]) > 0)) {
      this.initFlat();
      return false;
    }
    const den = quadraticFactors(polynomialRoots(fit.a));
    const num = quadraticFactors(polynomialRoots(fit.b));
    for (let s = 0; s < S; s++) {
      const b = num[s].map((v) => (s === 0 ? v * fit.b[0] : v));
      this.setSectionDirect(s, den[s][1], den[s][2], b);
    }
    if (this.hasGain) this.params[SECTION_PARAMS * S] = 0;
    if (!this.params.every(Number.isFinite)) {
      this.initFlat();
      return false;
    }
    return true;
  }

  /**
   * Sets section s from a denominator `1 + a1 z⁻¹ + a2 z⁻²` and numerator [b0, b1, b2]. Poles are
   * pulled inside the representable set: 'reflection' clamps |k| ≤ 0.995·rmax; 'polar' clamps the
   * radius and approximates two real poles by a double pole at their mean.
   */
  setSectionDirect(s: number, a1: number, a2: number, b: ArrayLike<number>): void {
    const lim = 0.995 * this.rmax;
    const o = SECTION_PARAMS * s;
    if (this.poles === 'reflection') {
      const l2 = (1 - 1e-6) * this.rmax;
      const k2 = Math.max(-l2, Math.min(l2, a2));
      const l1 = (1 - 1e-6) * K1_LIMIT;
      const k1 = Math.max(-l1, Math.min(l1, a1 / (1 + k2)));
      this.params[o] = reflectionToTanh([k1], undefined, K1_LIMIT)[0];
      this.params[o + 1] = reflectionToTanh([k2], undefined, this.rmax)[0];
      this.params[o + 2] = b[0];
      this.params[o + 3] = b[1];
      this.params[o + 4] = b[2];
      return;
    }
    let r: number;
    let theta: number;
    if (a1 * a1 < 4 * a2) {
      r = Math.sqrt(a2);
      theta = Math.acos(Math.max(-1, Math.min(1, -a1 / (2 * r))));
    } else {
      const mean = -a1 / 2;
      r = Math.abs(mean);
      theta = mean >= 0 ? 0 : Math.PI;
    }
    this.setSection(s, Math.max(1e-3, Math.min(lim, r)), theta, b);
  }

  /** Sets section s ('polar' only) from a pole radius (0 < r < rmax), angle and numerator [b0, b1, b2]. */
  setSection(s: number, r: number, theta: number, b: ArrayLike<number>): void {
    if (this.poles !== 'polar')
      throw new RangeError("PoleZeroModel.setSection: needs poles 'polar' (use setSectionDirect)");
    if (!(r > 0 && r < this.rmax)) throw new RangeError(`PoleZeroModel.setSection: r must be in (0, rmax)`);
    const o = SECTION_PARAMS * s;
    const q = r / this.rmax;
    this.params[o] = Math.log(q / (1 - q));
    this.params[o + 1] = theta;
    this.params[o + 2] = b[0];
    this.params[o + 3] = b[1];
    this.params[o + 4] = b[2];
  }

  gain(): number {
    return this.hasGain ? Math.exp(this.params[SECTION_PARAMS * this.sections]) : 1;
  }

  private computeSections(a: Float64Array, b: Float64Array, r?: Float64Array, theta?: Float64Array): void {
    const p = this.params;
    const k = this.kBuf;
    for (let s = 0; s < this.sections; s++) {
      const o = SECTION_PARAMS * s;
      a[3 * s] = 1;
      if (this.poles === 'reflection') {
        k[0] = K1_LIMIT * Math.tanh(p[o]);
        k[1] = this.rmax * Math.tanh(p[o + 1]);
        reflectionToDirect(k, this.ga);
        if (r) this.kF.set(k, 2 * s);
      } else {
        const sg = sigmoid(p[o]);
        const rs = this.rmax * sg;
        sectionFromPole(rs, p[o + 1], this.ga);
        if (r) {
          this.sig[s] = sg;
          r[s] = rs;
        }
        if (theta) theta[s] = p[o + 1];
      }
      a[3 * s + 1] = this.ga[0];
      a[3 * s + 2] = this.ga[1];
      b[3 * s] = p[o + 2];
      b[3 * s + 1] = p[o + 3];
      b[3 * s + 2] = p[o + 4];
    }
  }

  /** Denominator sections S×2 ([a1, a2] each) and numerator sections S×3 of the current params. */
  sectionCoefficients(): { a: number[][]; b: number[][] } {
    const a = new Float64Array(3 * this.sections);
    const b = new Float64Array(3 * this.sections);
    this.computeSections(a, b);
    const rows = (v: Float64Array, from: number) =>
      Array.from({ length: this.sections }, (_, s) => Array.from(v.subarray(3 * s + from, 3 * s + 3)));
    return { a: rows(a, 1), b: rows(b, 0) };
  }

  coefficients(): Float64Array {
    return Float64Array.from(cascadeToDirect(this.sectionCoefficients().a));
  }

  isStable(): boolean {
    for (let i = 0; i < this.params.length; i++) if (!Number.isFinite(this.params[i])) return false;
    return true; // r = rmax·sigmoid(ρ) < 1 for any finite ρ
  }

  forward(x: Float64Array): Float64Array {
    const S = this.sections;
    const T = x.length;
    if (this.signals.length !== S + 1 || this.signals[0].length !== T) {
      this.signals = Array.from({ length: S + 1 }, () => new Float64Array(T));
      this.gBuf = new Float64Array(T);
    }
    this.uF.set(this.params);
    this.computeSections(this.a, this.b, this.r, this.theta);
    const g = this.gain();
    const x0 = this.signals[0];
    for (let t = 0; t < T; t++) x0[t] = g * x[t];
    for (let s = 0; s < S; s++) {
      lfilter(this.b.subarray(3 * s, 3 * s + 3), this.a.subarray(3 * s, 3 * s + 3), this.signals[s], null, {
        y: this.signals[s + 1],
      });
    }
    return this.signals[S];
  }

  backward(gy: Float64Array, gParams: Float64Array): void {
    const S = this.sections;
    if (gParams.length !== this.params.length) {
      throw new RangeError(`PoleZeroModel.backward: gParams must have length ${this.params.length}`);
    }
    let g: Float64Array = gy;
    for (let s = S - 1; s >= 0; s--) {
      const bs = this.b.subarray(3 * s, 3 * s + 3);
      const as = this.a.subarray(3 * s, 3 * s + 3);
      const grads = lfilterVjp(bs, as, this.signals[s], this.signals[s + 1], g, { dx: this.gBuf });
      const o = SECTION_PARAMS * s;
      this.ga[0] = grads.da[1];
      this.ga[1] = grads.da[2];
      if (this.poles === 'reflection') {
        const k = this.kF.subarray(2 * s, 2 * s + 2);
        reflectionToDirectVjp(k, this.ga, this.grt);
        gParams[o] = tanhToReflectionVjp(
          this.uF.subarray(o, o + 1),
          this.grt.subarray(0, 1),
          undefined,
          K1_LIMIT,
        )[0];
        gParams[o + 1] = tanhToReflectionVjp(
          this.uF.subarray(o + 1, o + 2),
          this.grt.subarray(1, 2),
          undefined,
          this.rmax,
        )[0];
      } else {
        sectionFromPoleVjp(this.r[s], this.theta[s], this.ga, this.grt);
        const sg = this.sig[s];
        gParams[o] = this.grt[0] * this.rmax * sg * (1 - sg);
        gParams[o + 1] = this.grt[1];
      }
      gParams[o + 2] = grads.db[0];
      gParams[o + 3] = grads.db[1];
      gParams[o + 4] = grads.db[2];
      g = grads.dx;
    }
    if (this.hasGain) {
      const x0 = this.signals[0];
      let s = 0;
      for (let t = 0; t < x0.length; t++) s += g[t] * x0[t];
      gParams[SECTION_PARAMS * S] = s;
    }
  }

  toCoefficientsFile(sampleRate: number): DirectCoefficientsFile {
    const { b } = this.sectionCoefficients();
    return toCoefficientsFile({
      sampleRate,
      order: this.order,
      coefficients: this.coefficients(),
      gain: this.gain(),
      numerator: { sections: b },
    });
  }
}
