/**
 * Processor-side storage of a reflection track (frames × M reflection coefficients and one
 * log-gain per frame, on a grid of `hop` samples), filled by port messages and read by
 * process() through the core `trackLatticeBlock`.
 *
 * Memory rule: every allocation happens in the message handlers (outside process()). A posted
 * track's buffers are adopted as they arrive (transferred, no copy). Appends go into spare
 * capacity; when it is short, frames already played are first dropped (the rest is moved
 * down and `origin` advances by whole hops, so the interpolation is bit-identical), and only
 * then is a larger buffer (twice the need) allocated, in the handler.
 *
 * Timeline: stored frame j sits at absolute sample `origin + j·hop`; the track takes over at
 * absolute sample `start` (frame 0 of the posted track). When playback passes the last stored
 * frame, that frame is held (the model's rule); frames appended later continue the same grid, so
 * a late frame takes effect where playback then is (k jumps, the lattice stays stable).
 */
import { fillGainTable } from '../core/track/frame-gain.js';

/** Frame count of a posted track (k, logGain), or -1 when it is malformed. */
export function trackFrames(k: unknown, logGain: unknown, M: number): number {
  if (!(k instanceof Float64Array) || k.length === 0 || k.length % M !== 0) return -1;
  for (let i = 0; i < k.length; i++) {
    const v = k[i];
    if (!(v < 1 && v > -1)) return -1;
  }
  const frames = k.length / M;
  if (logGain === null) return frames;
  if (!(logGain instanceof Float64Array) || logGain.length !== frames) return -1;
  for (let f = 0; f < frames; f++) if (!Number.isFinite(logGain[f])) return -1;
  return frames;
}

/** One stored track (see the module doc). */
export class TrackStore {
  /** Stored frames, row-major (capacity ≥ frames × M). */
  K: Float64Array = new Float64Array(0);
  /** Log-gain per stored frame (capacity ≥ frames; zeros where no gain was posted). */
  G: Float64Array = new Float64Array(0);
  /** Gain table of G (core `fillGainTable`: 2 per frame, capacity 2·G.length; kept when hasGain). */
  GT: Float64Array = new Float64Array(0);
  frames = 0;
  hop = 1;
  /** Absolute sample at which the track takes over. */
  start = 0;
  /** Absolute sample of stored frame 0. */
  origin = 0;
  /** Some frame had a log-gain (else the gain stage is skipped: unit gain, bit-identical). */
  hasGain = false;
  /** Holds a track. */
  valid = false;

  constructor(readonly M: number) {}

  /** Adopts a posted track (message handler). */
  adopt(k: Float64Array, logGain: Float64Array | null, frames: number, start: number, hop: number): void {
    this.K = k;
    this.G = logGain ?? new Float64Array(frames);
    this.GT = new Float64Array(2 * frames);
    this.hasGain = logGain !== null;
    if (logGain !== null) fillGainTable(logGain, frames, hop, 0, frames, this.GT);
    this.frames = frames;
    this.hop = hop;
    this.start = start;
    this.origin = start;
    this.valid = true;
  }

  /** Forgets the track (buffers are kept for nothing: the next track brings its own). */
  clear(): void {
    this.valid = false;
    this.frames = 0;
  }

  /**
   * Appends `n` frames (message handler). `next` is the absolute sample of the next quantum:
   * frames whose interval ended before it may be dropped to make room.
   */
  append(k: Float64Array, logGain: Float64Array | null, n: number, next: number): void {
    const M = this.M;
    if ((this.frames + n) * M > this.K.length) this.compact(next);
    const need = this.frames + n;
    if (need * M > this.K.length || need > this.G.length) {
      const cap = 2 * need;
      const K = new Float64Array(cap * M);
      K.set(this.K.subarray(0, this.frames * M));
      const G = new Float64Array(cap);
      G.set(this.G.subarray(0, this.frames));
      const GT = new Float64Array(2 * cap);
      GT.set(this.GT.subarray(0, 2 * this.frames));
      this.K = K;
      this.G = G;
      this.GT = GT;
    }
    const from = this.hasGain ? Math.max(0, this.frames - 1) : 0; // the old last frame gets a ratio
    this.K.set(k, this.frames * M);
    if (logGain !== null) {
      this.G.set(logGain, this.frames);
      this.hasGain = true;
    } else {
      this.G.fill(0, this.frames, need);
    }
    if (this.hasGain) fillGainTable(this.G, need, this.hop, from, need, this.GT);
    this.frames = need;
  }

  /** Drops the frames wholly before absolute sample `next` (keeps the one interpolated from). */
  private compact(next: number): void {
    const rel = next - this.origin;
    if (rel <= 0) return;
    const drop = Math.min(Math.floor(rel / this.hop), this.frames - 1);
    if (drop <= 0) return;
    const M = this.M;
    this.K.copyWithin(0, drop * M, this.frames * M);
    this.G.copyWithin(0, drop, this.frames);
    this.GT.copyWithin(0, 2 * drop, 2 * this.frames);
    this.frames -= drop;
    this.origin += drop * this.hop;
  }
}
