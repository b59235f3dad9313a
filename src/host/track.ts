/**
 * Host side of the node's track mode: validation of a posted reflection track and its packing
 * into fresh float64 buffers that are transferred to the processor (the caller's arrays are
 * copied, never detached). Pure functions, no Web Audio objects.
 */
import type { AllPoleAppendMessage, AllPoleTrackMessage } from '../worklet/protocol.js';

/** Numbers accepted for track data. */
export type TrackValues = Float32Array | Float64Array | readonly number[];

/** Frames appended to a playing track: `k` (frames × order, row-major) and optional log-gains. */
export interface TrackFrames {
  /** frames × order reflection coefficients, row-major, every |k| < 1. */
  readonly k: TrackValues;
  /** One natural-log gain per frame (scales the input by exp(logGain)); omitted means 0. */
  readonly logGain?: TrackValues;
}

/** A reflection track for `playTrack`: frames plus the hop between them, in samples. */
export interface NodeTrack extends TrackFrames {
  /** Samples between frames: an integer >= 1. */
  readonly hop: number;
}

function isValues(v: unknown): v is TrackValues {
  return v instanceof Float32Array || v instanceof Float64Array || Array.isArray(v);
}

/**
 * Validates frames of order `M` and copies them into new Float64Arrays.
 * @throws TypeError (not an object/array) or RangeError (shape, |k| >= 1, non-finite) naming
 *   the argument, prefixed by `fn`.
 */
export function packFrames(
  fn: string,
  name: string,
  frames: TrackFrames,
  M: number,
): { k: Float64Array; logGain: Float64Array | null; frames: number } {
  if (frames === null || typeof frames !== 'object')
    throw new TypeError(`${fn}: ${name} must be an object { k, logGain? }`);
  const { k, logGain } = frames;
  if (!isValues(k)) throw new TypeError(`${fn}: ${name}.k must be a Float32Array, Float64Array or number[]`);
  const n = k.length / M;
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(
      `${fn}: ${name}.k must hold frames >= 1 rows of order = ${M} (got length ${k.length})`,
    );
  }
  const K = new Float64Array(k.length);
  for (let i = 0; i < k.length; i++) {
    const v = k[i];
    if (!(typeof v === 'number' && Math.abs(v) < 1))
      throw new RangeError(`${fn}: ${name}.k[${i}] must be finite with |k| < 1 (got ${String(v)})`);
    K[i] = v;
  }
  if (logGain === undefined) return { k: K, logGain: null, frames: n };
  if (!isValues(logGain))
    throw new TypeError(`${fn}: ${name}.logGain must be a Float32Array, Float64Array or number[]`);
  if (logGain.length !== n)
    throw new RangeError(
      `${fn}: ${name}.logGain must have one value per frame (${n}; got ${logGain.length})`,
    );
  const G = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    const v = logGain[f];
    if (!(typeof v === 'number' && Number.isFinite(v)))
      throw new RangeError(`${fn}: ${name}.logGain[${f}] must be finite (got ${String(v)})`);
    G[f] = v;
  }
  return { k: K, logGain: G, frames: n };
}

/**
 * The 'track' message of `playTrack(track, when)` for a node of order `M` at `sampleRate`:
 * frame f at sample `round(when·sampleRate) + f·hop`.
 * @throws TypeError/RangeError naming `track`, `track.k`, `track.logGain`, `track.hop` or `when`.
 */
export function trackMessage(
  track: NodeTrack,
  when: number,
  M: number,
  sampleRate: number,
  id: number,
): AllPoleTrackMessage {
  const fn = 'playTrack';
  const packed = packFrames(fn, 'track', track, M);
  const hop = track.hop;
  if (!(Number.isInteger(hop) && hop >= 1))
    throw new RangeError(`${fn}: track.hop must be an integer >= 1 samples (got ${String(hop)})`);
  if (!(typeof when === 'number' && Number.isFinite(when) && when >= 0))
    throw new RangeError(`${fn}: when must be a finite time >= 0 in seconds (got ${String(when)})`);
  const start = Math.round(when * sampleRate);
  return { type: 'track', id, start, hop, k: packed.k, logGain: packed.logGain };
}

/** The 'append' message of `appendFrames(frames)` (validated like {@link packFrames}). */
export function appendMessage(frames: TrackFrames, M: number, id: number): AllPoleAppendMessage {
  const packed = packFrames('appendFrames', 'frames', frames, M);
  return { type: 'append', id, k: packed.k, logGain: packed.logGain };
}

/** Buffers of a track/append message, to transfer with it. */
export function transferList(m: { k: Float64Array; logGain: Float64Array | null }): ArrayBuffer[] {
  const list = [m.k.buffer as ArrayBuffer];
  if (m.logGain) list.push(m.logGain.buffer as ArrayBuffer);
  return list;
}
