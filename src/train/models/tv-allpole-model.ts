/**
 * Time-varying all-pole model: control frames every `hop` samples (frame f at sample f·hop) hold
 * reflection-domain parameters u_f (k = tanh(u) or log-area ratios) and, optionally, a log-gain.
 * Per sample: A[t] = expandTrack(K) (linear in the reflection domain, then step-up), gain[t] = exp of
 * the linearly interpolated log-gain applied to the excitation; y = allpole(gain·x, A).
 * Params layout: F×M reflection params (row-major), then F log-gains when `gain`.
 */
import { allpoleVjp } from '../../core/allpole/adjoint.js';
import { allpole } from '../../core/allpole/forward.js';
import type { DirectCoefficientsFile, FilterModel, NumericInput } from '../../core/api.js';
import { toCoefficientsFile } from '../../core/coefficients-file.js';
import { expandTrack, expandTrackVjp, expandTrackVjpScratchLength } from '../../core/lpc/expand-track.js';
import { lpcFrames } from '../../core/lpc/lpc-frames.js';
import { reflectionToDirect } from '../../core/params/reflection.js';
import { expandEnvelope, expandEnvelopeVjp } from './frame-envelope.js';
import {
  paramsToReflection,
  type ReflectionParameterisation,
  reflectionToParams,
  reflectionVjp,
} from './reflection-map.js';

export interface TvAllPoleModelOptions {
  order: number;
  hop: number;
  /** Number of control frames (e.g. lpcFrames(...).frames for the signal length). */
  frames: number;
  parameterisation?: ReflectionParameterisation;
  /** Learn a per-frame log-gain (default true). */
  gain?: boolean;
}

/** Time-varying all-pole {@link FilterModel}. */
export class TvAllPoleModel implements FilterModel {
  readonly kind = 'tv-allpole';
  readonly order: number;
  readonly hop: number;
  readonly frames: number;
  readonly parameterisation: ReflectionParameterisation;
  readonly hasGain: boolean;
  readonly params: Float64Array;
  private readonly nK: number;
  private readonly uF: Float64Array;
  private readonly K: Float64Array;
  private readonly gK: Float64Array;
  private A = new Float64Array(0);
  private dA = new Float64Array(0);
  private lg = new Float64Array(0);
  private xg = new Float64Array(0);
  private y = new Float64Array(0);
  private dx = new Float64Array(0);
  private readonly dzi: Float64Array;
  private readonly vjpScratch: Float64Array;

  constructor(opts: TvAllPoleModelOptions) {
    const { order: M, hop, frames: F } = opts;
    if (!Number.isInteger(M) || M < 1)
      throw new RangeError(`TvAllPoleModel: order must be an integer ≥ 1 (got ${M})`);
    if (!Number.isInteger(hop) || hop < 1)
      throw new RangeError(`TvAllPoleModel: hop must be an integer ≥ 1 (got ${hop})`);
    if (!Number.isInteger(F) || F < 1)
      throw new RangeError(`TvAllPoleModel: frames must be an integer ≥ 1 (got ${F})`);
    const p = opts.parameterisation ?? 'reflection';
    if (p !== 'reflection' && p !== 'lar') {
      throw new RangeError(`TvAllPoleModel: parameterisation must be 'reflection' or 'lar' (got ${p})`);
    }
    this.order = M;
    this.hop = hop;
    this.frames = F;
    this.parameterisation = p;
    this.hasGain = opts.gain !== false;
    this.nK = F * M;
    this.params = new Float64Array(this.nK + (this.hasGain ? F : 0));
    this.uF = new Float64Array(this.params.length);
    this.K = new Float64Array(this.nK);
    this.gK = new Float64Array(this.nK);
    this.dzi = new Float64Array(M);
    this.vjpScratch = new Float64Array(expandTrackVjpScratchLength(M));
  }

  /** Sets the reflection coefficients of every frame (F×M row-major, clamped into ±0.9999). */
  setReflection(K: NumericInput): void {
    if (K.length !== this.nK)
      throw new RangeError(`TvAllPoleModel.setReflection: K must have length ${this.nK}`);
    reflectionToParams(this.parameterisation, K, this.params.subarray(0, this.nK));
  }

  /** Sets per-frame linear gains (length F, > 0; values ≤ 0 are floored at 1e-6 of the largest). */
  setFrameGains(g: NumericInput): void {
    if (!this.hasGain) throw new RangeError('TvAllPoleModel.setFrameGains: model was built without gain');
    if (g.length !== this.frames)
      throw new RangeError(`TvAllPoleModel.setFrameGains: g must have length ${this.frames}`);
    let max = 0;
    for (let f = 0; f < g.length; f++) if (g[f] > max) max = g[f];
    const floor = max > 0 ? max * 1e-6 : 1;
    for (let f = 0; f < g.length; f++) this.params[this.nK + f] = Math.log(Math.max(g[f], floor));
  }

  /**
   * LPC initialisation: lpcFrames(target, order, { frameLength, hop }) gives K per frame; the gains
   * are the frames' RMS prediction error divided by the RMS of `input` (the excitation).
   */
  initFromTarget(target: NumericInput, input: NumericInput, frameLength = 4 * this.hop): void {
    const r = lpcFrames(target, this.order, { frameLength, hop: this.hop });
    if (r.frames !== this.frames) {
      throw new RangeError(
        `TvAllPoleModel.initFromTarget: lpcFrames gave ${r.frames} frames, model has ${this.frames}`,
      );
    }
    this.setReflection(r.K);
    if (!this.hasGain) return;
    let s = 0;
    for (let i = 0; i < input.length; i++) s += input[i] * input[i];
    const xr = Math.sqrt(s / Math.max(1, input.length)) || 1;
    this.setFrameGains(Float64Array.from(r.gain, (v: number) => v / xr));
  }

  gain(): number {
    return 1;
  }

  /** Per-frame linear gains (all 1 without gain). */
  frameGains(): Float64Array {
    const g = new Float64Array(this.frames).fill(1);
    if (this.hasGain) for (let f = 0; f < this.frames; f++) g[f] = Math.exp(this.params[this.nK + f]);
    return g;
  }

  coefficients(): Float64Array {
    const K = new Float64Array(this.nK);
    paramsToReflection(this.parameterisation, this.params.subarray(0, this.nK), K);
    const M = this.order;
    const A = new Float64Array(this.nK);
    for (let f = 0; f < this.frames; f++)
      reflectionToDirect(K.subarray(f * M, (f + 1) * M), A.subarray(f * M, (f + 1) * M));
    return A;
  }

  isStable(): boolean {
    for (let i = 0; i < this.params.length; i++) if (!Number.isFinite(this.params[i])) return false;
    const K = new Float64Array(this.nK);
    paramsToReflection(this.parameterisation, this.params.subarray(0, this.nK), K);
    for (let i = 0; i < K.length; i++) if (!(Math.abs(K[i]) < 1)) return false;
    return true;
  }

  forward(x: Float64Array): Float64Array {
    const T = x.length;
    const M = this.order;
    if (this.y.length !== T) {
      this.A = new Float64Array(T * M);
      this.dA = new Float64Array(T * M);
      this.lg = new Float64Array(T);
      this.xg = new Float64Array(T);
      this.y = new Float64Array(T);
      this.dx = new Float64Array(T);
    }
    this.uF.set(this.params);
    paramsToReflection(this.parameterisation, this.uF.subarray(0, this.nK), this.K);
    expandTrack(this.K, M, this.hop, T, this.A);
    if (this.hasGain) {
      expandEnvelope(this.uF.subarray(this.nK), this.hop, this.lg);
      for (let t = 0; t < T; t++) this.xg[t] = Math.exp(this.lg[t]) * x[t];
    } else this.xg.set(x);
    allpole(this.xg, this.A, M, null, { y: this.y });
    return this.y;
  }

  backward(gy: Float64Array, gParams: Float64Array): void {
    const M = this.order;
    if (gParams.length !== this.params.length) {
      throw new RangeError(`TvAllPoleModel.backward: gParams must have length ${this.params.length}`);
    }
    allpoleVjp(gy, this.y, this.A, M, null, { dx: this.dx, dA: this.dA, dzi: this.dzi });
    expandTrackVjp(this.K, M, this.hop, gy.length, this.dA, this.gK, this.vjpScratch);
    reflectionVjp(this.parameterisation, this.uF.subarray(0, this.nK), this.gK, gParams.subarray(0, this.nK));
    if (this.hasGain) {
      for (let t = 0; t < this.dx.length; t++) this.dx[t] *= this.xg[t];
      expandEnvelopeVjp(this.dx, this.hop, gParams.subarray(this.nK));
    }
  }

  toCoefficientsFile(sampleRate: number): DirectCoefficientsFile {
    const file = toCoefficientsFile({
      sampleRate,
      order: this.order,
      coefficients: this.coefficients(),
      hop: this.hop,
    });
    if (this.hasGain) file.frameGains = Array.from(this.frameGains());
    return file;
  }
}
