/**
 * The one place that says how a coefficients file (core/coefficients-file.ts) is played. The CLI's
 * `render`, the node helpers and the demo all use it, so a file sounds the same everywhere.
 *
 * - Reflection track (`domain: 'reflection'`): the frame-rate lattice model `trackLattice`
 *   (core/track), the kernel the AudioWorklet runs in track mode, so the samples are bit-identical
 *   to the node's float64 computation.
 * Direct-form frames follow the rule of ./direct-frames.ts:
 * - Direct form, several frames, `hop` ≥ 2 (older files): every frame is converted to reflection
 *   coefficients by step-down (each must be minimum phase), the gains become
 *   `logGain[f] = ln(gain · frameGains[f])`, and the result is played as that reflection track
 *   ({@link coefficientsTrack}).
 * - Direct form, several frames, `hop` 1 (torchlpc's per-sample `A`): row t filters sample t,
 *   unconverted (`allpole`, torchlpc's convention); beyond the last row the last row is held.
 *   Sample t's excitation is scaled by row t's gain (`gain · frameGains[t]`).
 * - Direct form, one frame (time-invariant): `allpole` with that row, after a stability check,
 *   on the excitation scaled by `gain · frameGains[0]`.
 * - Numerator (direct form only): the FIR `b` or the `[b0, b1, b2]` sections, after the poles.
 *
 * Safety: a direct-form row that is not minimum phase (|k| ≥ 1 at step-down) is refused with a
 * RangeError naming it, unless `unstable: 'run'`. Whatever runs, the output is checked: the first
 * sample that is not finite or exceeds `limit` in magnitude ({@link RENDER_LIMIT} by default) is a
 * fault; that sample and all later ones are set to 0 and the fault is reported in the result.
 * Zero initial state; `x` is not modified. {@link createRenderer} plays a file block by block
 * (state carried between blocks: the same samples as one whole render, bit for bit), so a long
 * signal is rendered without holding its output.
 */
import { allpole } from '../allpole/forward.js';
import type { CoefficientsFile, DirectCoefficientsFile, RealArray } from '../api.js';
import { lfilter } from '../lti/lfilter.js';
import { isStable } from '../params/reflection.js';
import { checkReflectionTrack, type ReflectionTrack } from '../track/reflection-track.js';
import { trackLatticeBlock } from '../track/track-lattice.js';
import { directFrameGain, directFramePlayback, directFramesToReflection } from './direct-frames.js';

/** Default output bound of {@link renderCoefficients}: |y| ≤ 1000 (+60 dB above full scale). */
export const RENDER_LIMIT = 1000;

/** Options of {@link renderCoefficients}. */
export interface RenderCoefficientsOptions {
  /**
   * What to do with a direct-form row that is not minimum phase: 'refuse' (default) throws a
   * RangeError naming the row; 'run' filters anyway (time-invariant and per-sample rows only; a
   * frame track needs stable frames to be converted) and relies on the output check.
   */
  unstable?: 'refuse' | 'run';
  /** Largest allowed |y| (finite, > 0); default {@link RENDER_LIMIT}. */
  limit?: number;
}

/** Where the output left its bound (see the module doc). */
export interface RenderFault {
  /** Index of the first sample that is not finite or exceeds the limit. */
  sample: number;
  /** Its value before it was silenced (NaN, ±Infinity or a number beyond the limit). */
  value: number;
  /** The limit that applied. */
  limit: number;
}

/** Result of {@link renderCoefficients}. */
export interface RenderResult {
  /** Output, length x.length; zero from `fault.sample` on when there was a fault. */
  y: Float64Array;
  /** The first out-of-bound sample, or null when every sample is finite and within the limit. */
  fault: RenderFault | null;
}

function directRowsStable(file: DirectCoefficientsFile, rows: number): void {
  const scratch = new Float64Array(file.order);
  for (let f = 0; f < rows; f++) {
    if (!isStable(file.coefficients[f], scratch)) {
      const where = file.frames === 1 ? 'coefficients' : `coefficients[${f}]`;
      throw new RangeError(
        `renderCoefficients: ${where} is not minimum phase (a pole on or outside the unit circle): the filter is unstable`,
      );
    }
  }
}

/**
 * The reflection track a file plays as (module doc), or null when it is not played as a track
 * (a time-invariant or per-sample direct-form file). A reflection file is returned as it stands;
 * a direct-form frame track is converted (a new object; frames must be minimum phase).
 * The node plays the same with `node.playTrack(track)`.
 * @throws RangeError naming the first frame that is not minimum phase.
 */
export function coefficientsTrack(file: CoefficientsFile): ReflectionTrack | null {
  if (file.domain === 'reflection') return file;
  if (directFramePlayback(file.frames, file.hop) !== 'track') return null;
  const k = directFramesToReflection(file.coefficients, file.order, 'renderCoefficients');
  const logGain = new Float64Array(file.frames);
  for (let f = 0; f < file.frames; f++) logGain[f] = Math.log(directFrameGain(file, f));
  return { k, logGain, order: file.order, hop: file.hop };
}

/**
 * Filters `x` with a parsed coefficients file (rules, safety and conventions in the module doc).
 * @returns `{ y, fault }`; `y` is a new Float64Array of length x.length.
 * @throws RangeError naming an unstable direct-form row (unless `unstable: 'run'`), a bad `limit`,
 *   or a non-finite gain.
 */
export function renderCoefficients(
  file: CoefficientsFile,
  x: RealArray,
  options: RenderCoefficientsOptions = {},
): RenderResult {
  const r = createRenderer(file, x.length, options);
  const y = new Float64Array(x.length);
  r.process(x, y);
  return { y, fault: r.fault };
}

/** A file played block by block ({@link createRenderer}). */
export interface BlockRenderer {
  /**
   * Renders the next `x.length` samples of the stream into `y` (a Float64Array of the same
   * length; may alias `x` when `x` is a Float64Array). From the fault on, every sample is 0.
   * @throws RangeError naming `y` (length) or the block that passes the declared length.
   */
  process(x: RealArray, y: Float64Array): void;
  /** The first out-of-bound sample so far (stream index), or null. */
  readonly fault: RenderFault | null;
}

/**
 * Plays `file` over a signal of `length` samples in consecutive blocks, with the filter state
 * carried from block to block: the concatenated blocks equal `renderCoefficients` of the whole
 * signal bit for bit. Checks (stability refusal, options) happen here, before any sample.
 * @throws RangeError naming an unstable direct-form row (unless `unstable: 'run'`), a bad `limit`,
 *   `unstable` or `length`.
 */
export function createRenderer(
  file: CoefficientsFile,
  length: number,
  options: RenderCoefficientsOptions = {},
): BlockRenderer {
  const limit = options.limit ?? RENDER_LIMIT;
  if (!(Number.isFinite(limit) && limit > 0)) {
    throw new RangeError(`renderCoefficients: options.limit must be finite and > 0 (got ${limit})`);
  }
  const unstable = options.unstable ?? 'refuse';
  if (unstable !== 'refuse' && unstable !== 'run') {
    throw new RangeError(
      `renderCoefficients: options.unstable must be 'refuse' or 'run' (got ${String(unstable)})`,
    );
  }
  if (!(Number.isInteger(length) && length >= 0)) {
    throw new RangeError(`renderCoefficients: length must be an integer >= 0 (got ${length})`);
  }
  const filter = poleStage(file, length, unstable);
  const zeros = numeratorStage(file);
  let pos = 0;
  let fault: RenderFault | null = null;
  return {
    get fault() {
      return fault;
    },
    process(x: RealArray, y: Float64Array): void {
      const n = x.length;
      if (y.length !== n) throw new RangeError(`renderCoefficients: y.length must be x.length = ${n}`);
      if (pos + n > length) {
        throw new RangeError(`renderCoefficients: block [${pos}, ${pos + n}) passes the length ${length}`);
      }
      if (fault !== null) y.fill(0);
      else {
        filter(x, y, pos);
        zeros(y);
        fault = checkOutput(y, limit, pos);
      }
      pos += n;
    },
  };
}

type Stage = (x: RealArray, y: Float64Array, pos: number) => void;

/** The poles and gain of the file as a streaming stage (module doc: track, per-sample or fixed rows). */
function poleStage(file: CoefficientsFile, length: number, unstable: 'refuse' | 'run'): Stage {
  const track = coefficientsTrack(file);
  if (track !== null) {
    const frames = checkReflectionTrack('renderCoefficients', track);
    const M = track.order;
    const state = new Float64Array(M);
    const logGain = track.logGain ?? null;
    return (x, y, pos) =>
      trackLatticeBlock(x, y, x.length, track.k, logGain, M, frames, track.hop, pos, state);
  }
  const f = file as DirectCoefficientsFile;
  const M = f.order;
  const perSample = directFramePlayback(f.frames, f.hop) === 'per-sample';
  if (unstable === 'refuse') directRowsStable(f, perSample ? Math.min(f.frames, length) : 1);
  const state = new Float64Array(M);
  const fixed = perSample ? null : Float64Array.from(f.coefficients[0]);
  let rows = new Float64Array(0);
  return (x, y, pos) => {
    const T = x.length;
    for (let t = 0; t < T; t++) y[t] = x[t];
    if (f.frameGains !== undefined) {
      // Row t's gain (directFrameGain), the last row's held beyond the rows.
      const last = perSample ? f.frames - 1 : 0;
      for (let t = 0; t < T; t++) y[t] *= directFrameGain(f, Math.min(pos + t, last));
    } else if (f.gain !== 1) {
      for (let t = 0; t < T; t++) y[t] *= f.gain;
    }
    let A = fixed;
    if (A === null) {
      if (rows.length < T * M) rows = new Float64Array(T * M);
      A = rows.subarray(0, T * M);
      for (let t = 0; t < T; t++) A.set(f.coefficients[Math.min(pos + t, f.frames - 1)], t * M);
    }
    if (T > 0) allpole(y, A, M, state, { y, zf: state });
  };
}

/** The numerator (direct form only): the FIR `b` or each `[b0, b1, b2]` section, state carried. */
function numeratorStage(file: CoefficientsFile): (y: Float64Array) => void {
  const num = file.domain === 'direct' ? file.numerator : undefined;
  if (num === undefined) return () => {};
  const parts = 'b' in num ? [num.b] : num.sections;
  const states = parts.map((b) => new Float64Array(Math.max(0, b.length - 1)));
  let other = new Float64Array(0);
  return (y) => {
    if (y.length === 0) return;
    if (other.length < y.length) other = new Float64Array(y.length);
    let src: Float64Array = y;
    let dst: Float64Array = other.subarray(0, y.length);
    for (let i = 0; i < parts.length; i++) {
      lfilter(parts[i], [1], src, states[i], { y: dst, zf: states[i] });
      [src, dst] = [dst, src];
    }
    if (src !== y) y.set(src);
  };
}

/**
 * Finds the first sample of the block outside [-limit, limit] (or not finite) and silences it and
 * the rest; `pos` is the stream index of y[0].
 */
function checkOutput(y: Float64Array, limit: number, pos: number): RenderFault | null {
  for (let t = 0; t < y.length; t++) {
    const v = y[t];
    if (!(Math.abs(v) <= limit)) {
      y.fill(0, t);
      return { sample: pos + t, value: v, limit };
    }
  }
  return null;
}
