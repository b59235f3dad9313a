/**
 * Time-invariant all-pole model `y = allpole(g·x, a)` (torchlpc convention, one row of order M),
 * with `a` parameterised directly, via reflection coefficients k = tanh(u), or via log-area ratios.
 * Params layout: [u_1..u_M, (logGain)].
 */

import { allpoleVjp } from '../../core/allpole/adjoint.js';
import { allpole } from '../../core/allpole/forward.js';
import type { AllPoleParameterisation, CoefficientsFile, FilterModel, NumericInput } from '../../core/api.js';
import { toCoefficientsFile, toReflectionTrackFile } from '../../core/coefficients-file.js';
import { AutocorrStream } from '../../core/lpc/autocorr-stream.js';
import { lpcFromAutocorr } from '../../core/lpc/lpc.js';
import {
  directToReflection,
  isStable,
  reflectionToDirect,
  reflectionToDirectVjp,
  reflectionToDirectVjpScratchLength,
} from '../../core/params/reflection.js';
import { steiglitzMcBride } from '../fit/steiglitz-mcbride.js';
import { paramsToReflection, reflectionToParams, reflectionVjp } from './reflection-map.js';

export interface AllPoleModelOptions {
  order: number;
  /** Default 'reflection' (stable by construction). */
  parameterisation?: AllPoleParameterisation;
  /** Learn a log-gain (default false). */
  gain?: boolean;
}

/** Time-invariant all-pole {@link FilterModel}. */
export class AllPoleModel implements FilterModel {
  readonly kind = 'allpole';
  readonly hop = 0;
  readonly order: number;
  readonly parameterisation: AllPoleParameterisation;
  readonly hasGain: boolean;
  readonly params: Float64Array;
  /** How the params were last initialised: 'flat' (zeros), 'lpc' or 'steiglitz-mcbride'. */
  start: 'flat' | 'lpc' | 'steiglitz-mcbride' = 'flat';
  private readonly a: Float64Array;
  private readonly k: Float64Array;
  private readonly ga: Float64Array;
  private readonly gk: Float64Array;
  private readonly vjpScratch: Float64Array;
  private readonly dzi: Float64Array;
  /** Params seen by the latest forward (backward differentiates at these). */
  private readonly uF: Float64Array;
  private xg = new Float64Array(0);
  private y = new Float64Array(0);
  private dx = new Float64Array(0);

  constructor(opts: AllPoleModelOptions) {
    const M = opts.order;
    if (!Number.isInteger(M) || M < 1)
      throw new RangeError(`AllPoleModel: order must be an integer ≥ 1 (got ${M})`);
    const p = opts.parameterisation ?? 'reflection';
    if (p !== 'direct' && p !== 'reflection' && p !== 'lar') {
      throw new RangeError(
        `AllPoleModel: parameterisation must be 'direct', 'reflection' or 'lar' (got ${p})`,
      );
    }
    this.order = M;
    this.parameterisation = p;
    this.hasGain = opts.gain === true;
    this.params = new Float64Array(M + (this.hasGain ? 1 : 0));
    this.a = new Float64Array(M);
    this.k = new Float64Array(M);
    this.ga = new Float64Array(M);
    this.gk = new Float64Array(M);
    this.vjpScratch = new Float64Array(reflectionToDirectVjpScratchLength(M));
    this.dzi = new Float64Array(M);
    this.uF = new Float64Array(this.params.length);
  }

  /** Sets the params from direct-form coefficients `a` (length M; must be minimum phase unless 'direct'). */
  setDirect(a: NumericInput): void {
    if (a.length !== this.order)
      throw new RangeError(`AllPoleModel.setDirect: a must have length ${this.order}`);
    const u = this.params.subarray(0, this.order);
    if (this.parameterisation === 'direct') {
      for (let i = 0; i < this.order; i++) u[i] = a[i];
      return;
    }
    directToReflection(a, this.k);
    reflectionToParams(this.parameterisation, this.k, u);
  }

  /** Sets the linear gain (requires `gain: true`). */
  setGain(g: number): void {
    if (!this.hasGain) throw new RangeError('AllPoleModel.setGain: model was built without gain');
    if (!(g > 0 && Number.isFinite(g)))
      throw new RangeError('AllPoleModel.setGain: g must be finite and > 0');
    this.params[this.order] = Math.log(g);
  }

  /**
   * Initialises from LPC of `target` (whole signal, Hann window) and, with gain, matches the RMS of
   * the response to `input` (default: white excitation of the LPC error power). Memory O(order):
   * the autocorrelation is accumulated as the samples pass (lpc/autocorr-stream.ts) and the
   * response is filtered block by block, never held; the numbers are those of `lpc(target, M)`
   * and of one whole forward pass, bit for bit.
   */
  initFromTarget(target: NumericInput, input?: NumericInput): void {
    const M = this.order;
    const ac = new AutocorrStream(target.length, M);
    ac.push(target);
    this.setDirect(lpcFromAutocorr(ac.result(), M).a);
    this.start = 'lpc';
    if (!this.hasGain) return;
    this.params[M] = 0;
    if (input) this.params[M] = Math.log(rms(target) / Math.max(this.responseRms(input), 1e-30) || 1);
  }

  /** RMS of the current filter's response to `x` (zero state), filtered in blocks with carried state. */
  private responseRms(x: NumericInput): number {
    const M = this.order;
    this.computeCoefficients(this.a, this.k);
    const g = this.gain();
    const T = x.length;
    const B = Math.min(T, 65536);
    const xb = new Float64Array(B);
    const state = new Float64Array(M);
    let s = 0;
    for (let off = 0; off < T; off += B) {
      const n = Math.min(B, T - off);
      const blk = n === B ? xb : xb.subarray(0, n);
      for (let t = 0; t < n; t++) blk[t] = g * x[off + t];
      allpole(blk, this.a, M, state, { y: blk, zf: state });
      for (let t = 0; t < n; t++) s += blk[t] * blk[t];
    }
    return Math.sqrt(s / Math.max(1, T));
  }

  /**
   * System-identification start from an input/output pair: a Steiglitz–McBride fit of orders
   * (0, M) (equation error, then prefiltered re-solves; poles outside the unit circle reflected),
   * written in this model's parameterisation, with the log-gain from b_0. Uses at most
   * `maxSamples` samples (default 2¹⁹). Leaves the params unchanged and returns false when the
   * pair is not explained by an all-pole filter of this order (relative output error >
   * `maxResidual`, e.g. an unrelated noise source) or when b_0 ≤ 0 with a gain (a log-gain is positive).
   */
  initFromPair(input: NumericInput, target: NumericInput, maxResidual = 0.5, maxSamples = 2 ** 19): boolean {
    const M = this.order;
    const n = Math.min(input.length, maxSamples);
    if (n <= 2 * M + 2) return false;
    const head = (v: NumericInput) => Float64Array.from({ length: n }, (_, i) => v[i]);
    const fit = steiglitzMcBride(head(input), head(target), 0, M, { rmax: 1 - 1e-7 });
    if (fit === null || !(fit.outputError <= maxResidual)) return false;
    const b0 = fit.b[0];
    if (this.hasGain ? !(b0 > 0) : !(Math.abs(b0 - 1) < 1e-3)) return false;
    const prev = Float64Array.from(this.params);
    this.setDirect(fit.a.subarray(1));
    if (this.hasGain) this.params[M] = Math.log(b0);
    if (!this.params.every(Number.isFinite)) {
      this.params.set(prev);
      return false;
    }
    this.start = 'steiglitz-mcbride';
    return true;
  }

  gain(): number {
    return this.hasGain ? Math.exp(this.params[this.order]) : 1;
  }

  /** Current params → a (and k unless 'direct'); forward keeps its own copies for backward. */
  private computeCoefficients(a: Float64Array, k: Float64Array): void {
    const u = this.params.subarray(0, this.order);
    if (this.parameterisation === 'direct') {
      a.set(u);
      return;
    }
    paramsToReflection(this.parameterisation, u, k);
    reflectionToDirect(k, a);
  }

  coefficients(): Float64Array {
    const a = new Float64Array(this.order);
    this.computeCoefficients(a, new Float64Array(this.order));
    return a;
  }

  isStable(): boolean {
    for (let i = 0; i < this.params.length; i++) if (!Number.isFinite(this.params[i])) return false;
    const a = new Float64Array(this.order);
    const k = new Float64Array(this.order);
    this.computeCoefficients(a, k);
    if (this.parameterisation === 'direct') return isStable(a);
    for (let i = 0; i < this.order; i++) if (!(Math.abs(k[i]) < 1)) return false;
    for (let i = 0; i < this.order; i++) if (!Number.isFinite(a[i])) return false;
    return true;
  }

  forward(x: Float64Array): Float64Array {
    const T = x.length;
    if (this.y.length !== T) {
      this.y = new Float64Array(T);
      this.xg = new Float64Array(T);
      this.dx = new Float64Array(T);
    }
    this.uF.set(this.params);
    this.computeCoefficients(this.a, this.k);
    const g = this.gain();
    for (let t = 0; t < T; t++) this.xg[t] = g * x[t];
    allpole(this.xg, this.a, this.order, null, { y: this.y });
    return this.y;
  }

  backward(gy: Float64Array, gParams: Float64Array): void {
    const M = this.order;
    if (gParams.length !== this.params.length) {
      throw new RangeError(`AllPoleModel.backward: gParams must have length ${this.params.length}`);
    }
    allpoleVjp(gy, this.y, this.a, M, null, { dx: this.dx, dA: this.ga, dzi: this.dzi });
    const gu = gParams.subarray(0, M);
    if (this.parameterisation === 'direct') gu.set(this.ga);
    else {
      reflectionToDirectVjp(this.k, this.ga, this.gk, this.vjpScratch);
      reflectionVjp(this.parameterisation, this.uF.subarray(0, M), this.gk, gu);
    }
    if (this.hasGain) {
      let s = 0;
      for (let t = 0; t < this.dx.length; t++) s += this.dx[t] * this.xg[t];
      gParams[M] = s;
    }
  }

  /**
   * Forward pass plus the Jacobian columns ∂y/∂params (forward mode; see `JacobianModel`):
   * ∂y/∂a_i = −q⁻ⁱ·(y / A) from one extra all-pole pass, chained through ∂a/∂u (M VJPs of the
   * reflection map, O(M³)); the log-gain column is y.
   */
  jacobian(x: Float64Array, cols: Float64Array[]): Float64Array {
    const M = this.order;
    const T = x.length;
    if (cols.length !== this.params.length) {
      throw new RangeError(`AllPoleModel.jacobian: cols must have ${this.params.length} columns`);
    }
    const y = this.forward(x);
    const v = this.dx;
    allpole(y, this.a, M, null, { y: v });
    // jd[i·M + j] = ∂a_i/∂u_j
    const jd = new Float64Array(M * M);
    if (this.parameterisation === 'direct') for (let i = 0; i < M; i++) jd[i * M + i] = 1;
    else {
      const ga = new Float64Array(M);
      const row = new Float64Array(M);
      for (let i = 0; i < M; i++) {
        ga.fill(0);
        ga[i] = 1;
        reflectionToDirectVjp(this.k, ga, this.gk, this.vjpScratch);
        reflectionVjp(this.parameterisation, this.uF.subarray(0, M), this.gk, row);
        jd.set(row, i * M);
      }
    }
    for (let j = 0; j < M; j++) {
      const c = cols[j];
      for (let t = 0; t < T; t++) {
        let sum = 0;
        const top = Math.min(M, t);
        for (let i = 1; i <= top; i++) sum += jd[(i - 1) * M + j] * v[t - i];
        c[t] = -sum;
      }
    }
    if (this.hasGain) cols[M].set(y);
    return y;
  }

  /**
   * The learned filter as a coefficients file. The 'direct' parameterisation writes its direct
   * form; 'reflection' and 'lar' write their reflection coefficients as a one-frame reflection
   * track (log-gain = log of the gain), which `render` and the node play as a lattice: at high
   * orders with |k| near 1 the float64 step-up to a direct form can lose minimum phase, the
   * lattice cannot.
   */
  toCoefficientsFile(sampleRate: number): CoefficientsFile {
    if (this.parameterisation === 'direct') {
      return toCoefficientsFile({
        sampleRate,
        order: this.order,
        coefficients: this.coefficients(),
        gain: this.gain(),
      });
    }
    const k = new Float64Array(this.order);
    paramsToReflection(this.parameterisation, this.params.subarray(0, this.order), k);
    return toReflectionTrackFile({
      sampleRate,
      order: this.order,
      hop: 1,
      k,
      logGain: [Math.log(this.gain())],
    });
  }
}

/** Root-mean-square of x. */
export function rms(x: NumericInput): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, x.length));
}
