/**
 * Time-varying all-pole model: exactly the frame-rate lattice model that the node plays and
 * `render` computes (core/track `trackLattice`, reference `tv_lattice_model.json`).
 *
 * Control frame f sits at sample f·hop and holds M reflection parameters u_f (k = tanh(u), or
 * log-area ratios k = tanh(u/2), so |k| < 1 always) and, optionally, a log-gain. Per sample, k
 * and the log-gain are interpolated linearly between frames (the last frame held), `exp(logGain)`
 * scales the excitation and the lattice filters it: `y[t] = lattice(exp(lg[t])·x[t], k[t])`.
 * Gradients are the lattice model's fused, checkpointed VJP (core/track `trackLatticeVjp`,
 * working memory O(M·(T/S + S)) for a block of T samples), chained through the parameterisation.
 *
 * Params layout: F×M reflection params (row-major), then F log-gains when `gain`.
 * `forward(x, start)` runs any block of the track (`start` = track-time index of x[0], zero state
 * at the block start), so a training step may use a segment of a long signal: every buffer the
 * model holds besides its parameters is proportional to the block, not to the file.
 */
import type { FilterModel, NumericInput, ReflectionTrackFile } from '../../core/api.js';
import { toReflectionTrackFile } from '../../core/coefficients-file.js';
import { lpcFrames } from '../../core/lpc/lpc-frames.js';
import { reflectionToDirect } from '../../core/params/reflection.js';
import type { ReflectionTrack } from '../../core/track/index.js';
import { trackLatticeBlock } from '../../core/track/index.js';
import { trackLatticeVjp, trackLatticeVjpScratchLength } from '../../core/track/track-lattice-vjp.js';
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

/** Time-varying all-pole {@link FilterModel} (the frame-rate lattice model; module doc). */
export class TvAllPoleModel implements FilterModel {
  readonly kind = 'tv-allpole';
  readonly order: number;
  readonly hop: number;
  readonly frames: number;
  readonly parameterisation: ReflectionParameterisation;
  readonly hasGain: boolean;
  readonly params: Float64Array;
  private readonly nK: number;
  /** Reflection coefficients of the params of the latest forward (F×M). */
  private readonly K: Float64Array;
  /** Log-gains of the latest forward (F), or null without gain. */
  private readonly lg: Float64Array | null;
  /** Params of the latest forward (the VJP chains through them). */
  private readonly uF: Float64Array;
  private readonly gK: Float64Array;
  private readonly gLg: Float64Array;
  private readonly dzi: Float64Array;
  private readonly state: Float64Array;
  private x: Float64Array = new Float64Array(0);
  private blockStart = 0;
  private y = new Float64Array(0);
  private dx = new Float64Array(0);
  private vjpScratch = new Float64Array(0);

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
    this.uF = new Float64Array(this.nK);
    this.K = new Float64Array(this.nK);
    this.gK = new Float64Array(this.nK);
    this.lg = this.hasGain ? new Float64Array(F) : null;
    this.gLg = new Float64Array(F);
    this.dzi = new Float64Array(M);
    this.state = new Float64Array(M);
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
   * LPC initialisation: lpcFrames(target, order, { frameLength, hop, ...conditioning }) gives K per
   * frame; the gains are the frames' RMS prediction error divided by the RMS of `input`.
   */
  initFromTarget(
    target: NumericInput,
    input: NumericInput,
    frameLength = 4 * this.hop,
    conditioning: Omit<Parameters<typeof lpcFrames>[2], 'frameLength' | 'hop'> = {},
  ): void {
    const r = lpcFrames(target, this.order, { ...conditioning, frameLength, hop: this.hop });
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

  /** The reflection track of the current params: what the node plays (`playTrack`) and files hold. */
  track(): ReflectionTrack & { k: Float64Array; logGain: Float64Array } {
    const k = new Float64Array(this.nK);
    paramsToReflection(this.parameterisation, this.params.subarray(0, this.nK), k);
    const logGain = new Float64Array(this.frames);
    if (this.hasGain) logGain.set(this.params.subarray(this.nK));
    return { k, logGain, order: this.order, hop: this.hop };
  }

  /** Direct-form frames (step-up of each frame's k; frames×order). The lattice is what plays. */
  coefficients(): Float64Array {
    const { k: K } = this.track();
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

  /**
   * `y = trackLattice(x, track)` over samples `[start, start + x.length)` of the track, from rest.
   * Returns a buffer the model owns (valid until the next forward).
   */
  forward(x: Float64Array, start = 0): Float64Array {
    if (!Number.isInteger(start) || start < 0)
      throw new RangeError(`TvAllPoleModel.forward: start must be an integer ≥ 0 (got ${start})`);
    const T = x.length;
    if (this.y.length !== T) {
      this.y = new Float64Array(T);
      this.dx = new Float64Array(T);
    }
    this.uF.set(this.params.subarray(0, this.nK));
    paramsToReflection(this.parameterisation, this.uF, this.K);
    if (this.lg !== null) this.lg.set(this.params.subarray(this.nK));
    this.state.fill(0);
    trackLatticeBlock(x, this.y, T, this.K, this.lg, this.order, this.frames, this.hop, start, this.state);
    this.x = x;
    this.blockStart = start;
    return this.y;
  }

  backward(gy: Float64Array, gParams: Float64Array): void {
    if (gParams.length !== this.params.length) {
      throw new RangeError(`TvAllPoleModel.backward: gParams must have length ${this.params.length}`);
    }
    const T = this.x.length;
    if (gy.length !== T) throw new RangeError(`TvAllPoleModel.backward: gy must have length ${T}`);
    const need = trackLatticeVjpScratchLength(T, this.order);
    if (this.vjpScratch.length !== need) this.vjpScratch = new Float64Array(need);
    const track = { k: this.K, logGain: this.lg ?? undefined, order: this.order, hop: this.hop };
    trackLatticeVjp(gy, this.x, track, {
      start: this.blockStart,
      dKf: this.gK,
      dlogGain: this.gLg,
      dx: this.dx,
      dzi: this.dzi,
      scratch: this.vjpScratch,
    });
    reflectionVjp(this.parameterisation, this.uF, this.gK, gParams.subarray(0, this.nK));
    if (this.hasGain) gParams.set(this.gLg, this.nK);
  }

  /** The reflection track as a coefficients file (`domain: 'reflection'`): what the node's `playTrack` and `render` play. */
  toCoefficientsFile(sampleRate: number): ReflectionTrackFile {
    const { k, logGain } = this.track();
    return toReflectionTrackFile({ sampleRate, order: this.order, hop: this.hop, k, logGain });
  }
}
