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
import { fitSections } from '../fit/section-fit.js';
import type { SteiglitzMcBrideOptions } from '../fit/steiglitz-mcbride.js';

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

/** The first n samples of x (a view when x is a Float64Array). */
function head(x: NumericInput, n: number): NumericInput {
  return x instanceof Float64Array ? x.subarray(0, n) : Float64Array.from({ length: n }, (_, i) => x[i]);
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
  /** How the params were last initialised: 'flat' ({@link initFlat}) or 'steiglitz-mcbride' ({@link initFromPair}). */
  start: 'flat' | 'steiglitz-mcbride' = 'flat';
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
    this.start = 'flat';
    for (let s = 0; s < S; s++) {
      const theta = Math.PI * 0.01 * 70 ** ((s + 0.5) / S);
      const a1 = -2 * radius * Math.cos(theta);
      const a2 = radius * radius;
      this.setSectionDirect(s, a1, a2, [1, a1, a2]);
    }
    if (this.hasGain) this.params[SECTION_PARAMS * S] = 0;
  }

  /**
   * Data-driven start for system identification: a Steiglitz–McBride fit of orders (2S, 2S) from
   * `input` to `target` (equation-error least squares, then prefiltered re-solves; poles outside the
   * unit circle reflected), split into sections (poles with their nearest zeros), refined by
   * output-error Levenberg–Marquardt in the sections with per-section restarts ({@link fitSections}),
   * and written in this
   * model's stable parameterisation ({@link setSectionDirect}; 'polar' approximates a pair of real
   * poles by a double pole, 'reflection' represents every stable section). Uses at most
   * `opts.maxSamples` samples (default 2¹⁹) so the cost stays bounded for long files. Falls back to
   * {@link initFlat} and returns false when the pair is not explained by a filter of this order
   * (relative output error > `maxResidual`, e.g. when the input is an unrelated noise source).
   * `opts.thorough`: also try the delta-operator start and run 5 rounds of pair restarts
   * (fitSections' `deltaStart`, `pairRestarts`): escapes local minima of order 10–16 fits, at
   * about 50 s instead of 3 s for an order-16 fit of 1 s at 48 kHz.
   */
  initFromPair(
    input: NumericInput,
    target: NumericInput,
    maxResidual = 0.5,
    opts: SteiglitzMcBrideOptions & { maxSamples?: number; thorough?: boolean } = {},
  ): boolean {
    const S = this.sections;
    const n = Math.min(input.length, opts.maxSamples ?? 2 ** 19);
    const fit =
      n > 4 * S + 2
        ? fitSections(head(input, n), head(target, n), S, {
            steiglitzMcBride: opts,
            // the radius setSectionDirect represents without clamping
            refine: { rmax: this.poles === 'polar' ? 0.995 * this.rmax : this.rmax },
            ...(opts.thorough === true ? { deltaStart: true, pairRestarts: { rounds: 5 } } : {}),
          })
        : null;
    const split = fit !== null && fit.outputError <= maxResidual ? fit.split : null;
    if (split === null) {
      this.initFlat();
      return false;
    }
    for (let s = 0; s < S; s++) {
      const b = split.b[s].map((v) => (s === 0 ? v * split.gain : v));
      this.setSectionDirect(s, split.a[s][0], split.a[s][1], b);
    }
    if (this.hasGain) this.params[SECTION_PARAMS * S] = 0;
    if (!this.params.every(Number.isFinite)) {
      this.initFlat();
      return false;
    }
    this.start = 'steiglitz-mcbride';
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

  /**
   * Forward pass plus the Jacobian columns ∂y/∂params (forward mode; see `JacobianModel`). The
   * cascade is LTI, so its sections commute: ∂y/∂b_{s,j} = q⁻ʲ·u_s with u_s = g·x through every
   * section but B_s, and ∂y/∂a_{s,j} = −q⁻ʲ·(y / A_s); the section's pole params then chain through
   * the 2×2 derivative of (a1, a2). Costs S² + S biquad passes, whatever the number of params.
   */
  jacobian(x: Float64Array, cols: Float64Array[]): Float64Array {
    const S = this.sections;
    const T = x.length;
    if (cols.length !== this.params.length) {
      throw new RangeError(`PoleZeroModel.jacobian: cols must have ${this.params.length} columns`);
    }
    const y = this.forward(x);
    const u = this.gBuf;
    const one = [1];
    const p = this.params;
    for (let s = 0; s < S; s++) {
      const o = SECTION_PARAMS * s;
      const as = this.a.subarray(3 * s, 3 * s + 3);
      // u_s = (1/A_s)·Π_{r≠s} H_r·(g·x)
      u.set(this.signals[0]);
      for (let r = 0; r < S; r++) {
        if (r === s) continue;
        lfilter(this.b.subarray(3 * r, 3 * r + 3), this.a.subarray(3 * r, 3 * r + 3), u, null, { y: u });
      }
      lfilter(one, as, u, null, { y: u });
      for (let j = 0; j < 3; j++) {
        const c = cols[o + 2 + j];
        for (let t = 0; t < j; t++) c[t] = 0;
        for (let t = j; t < T; t++) c[t] = u[t - j];
      }
      // v = y / A_s; ∂y/∂a1 = −q⁻¹v, ∂y/∂a2 = −q⁻²v; chain (a1, a2) ← (p1, p2)
      lfilter(one, as, y, null, { y: u });
      let d11: number;
      let d12: number;
      let d21: number;
      let d22: number;
      if (this.poles === 'reflection') {
        const k1 = this.kF[2 * s];
        const k2 = this.kF[2 * s + 1];
        const t1 = Math.tanh(p[o]);
        const t2 = Math.tanh(p[o + 1]);
        const dk1 = K1_LIMIT * (1 - t1 * t1);
        const dk2 = this.rmax * (1 - t2 * t2);
        // a1 = k1(1 + k2), a2 = k2
        d11 = (1 + k2) * dk1;
        d12 = k1 * dk2;
        d21 = 0;
        d22 = dk2;
      } else {
        const r = this.r[s];
        const th = this.theta[s];
        const sg = this.sig[s];
        const dr = this.rmax * sg * (1 - sg);
        // a1 = −2r cos θ, a2 = r²
        d11 = -2 * Math.cos(th) * dr;
        d12 = 2 * r * Math.sin(th);
        d21 = 2 * r * dr;
        d22 = 0;
      }
      const c1 = cols[o];
      const c2 = cols[o + 1];
      c1[0] = 0;
      c2[0] = 0;
      c1[1] = -d11 * u[0];
      c2[1] = -d12 * u[0];
      for (let t = 2; t < T; t++) {
        const v1 = u[t - 1];
        const v2 = u[t - 2];
        c1[t] = -(d11 * v1 + d21 * v2);
        c2[t] = -(d12 * v1 + d22 * v2);
      }
    }
    if (this.hasGain) cols[SECTION_PARAMS * S].set(y);
    return y;
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
