/**
 * How the talking synth streams live LPC frames into a track-mode AllPoleFilterNode: one frame
 * per analysis hop, each the reflection coefficients and the excitation level (natural-log gain
 * on the input) of one analysed frame. Pure scheduling, no DOM: unit-tested against the real
 * processor (tests/unit/demo-synth-track.test.ts).
 *
 * Rules:
 * - **Silent until the first frame.** Before its first track a track-mode node plays its
 *   `coefficients` at unit gain, and the lattice state carries over into the track. The raw
 *   carrier (unit RMS, far louder than any frame's excitation) filled the state, and the first
 *   resonant frame rang it up past the output limit: the previous attempt's 'output-bound' fault.
 *   So {@link SynthTrackStreamer.open} installs a silent one-frame track (k = 0, log-gain
 *   {@link SILENT_LOG_GAIN}) before the carrier is connected.
 * - **A grid with a small lead.** The first analysed frame starts the track at
 *   `currentTime + lead`; frame f sits at sample `round(when·sampleRate) + f·hop` and every later
 *   frame is appended. The tap counts hops on the same audio clock, so frames keep arriving about
 *   `lead − hop` before the node starts gliding towards them (from the previous frame's slot).
 * - **Underrun.** A frame sent after that moment (main thread or worker stalled) is counted as
 *   late. Meanwhile the node holds the last frame it has (its envelope at its level: a stalled page
 *   sustains its last sound); the late frame then takes effect at once (a step in k; the lattice
 *   stays stable). The grid does not move, so after a stall the backlog arrives at once and the
 *   frames after it are on time again: a stall adds no latency.
 * - **Re-anchoring.** Only when every frame of the last second was late (the pipeline became
 *   slower for good, or a stall lasted longer than that) is the grid moved later, so that the best of them would have had the
 *   start's margin: a new track `[previous frame, this frame]` from the previous frame's new
 *   slot (the node holds the previous frame until then, so the switch is continuous).
 * - A silent analysis frame keeps the previous k and sets the log-gain to {@link SILENT_LOG_GAIN}.
 */
import type { NodeTrack, TrackFrames } from 'diffiir/host';
import type { LpcWorkerFrame } from './lpc-worker.js';

/** Log-gain of a silent frame (e^-30 ≈ −260 dB). */
export const SILENT_LOG_GAIN = -30;

/**
 * Input scale folded into every frame's gain: headroom, so that loud vowels through a resonant
 * envelope stay below full scale (the output bus limits the rest).
 */
export const SYNTH_OUTPUT_SCALE = 0.5;

/** Default lead of the first frame's slot over `currentTime` (seconds). */
export const SYNTH_LEAD_SECONDS = 0.04;

/** What the streamer needs of an AllPoleFilterNode in track mode. */
export interface TrackNodeLike {
  readonly order: number;
  readonly context: { readonly currentTime: number; readonly sampleRate: number };
  playTrack(track: NodeTrack, when?: number): Promise<void>;
  appendFrames(frames: TrackFrames): Promise<void>;
}

/** Streams analysed frames into one track-mode node (module doc). */
export class SynthTrackStreamer {
  /** Frames sent. */
  frames = 0;
  /** Frames sent after the node had started holding the frame before them (underruns). */
  late = 0;
  /** Times the grid was moved later (module doc). */
  reanchors = 0;
  /**
   * Smallest margin (seconds, main-thread clock) between `currentTime` when a frame was sent and
   * the moment the node starts gliding towards it (the previous frame's slot).
   */
  minLead = Number.POSITIVE_INFINITY;
  /** Absolute sample of grid index 0, once started; the next frame's grid index. */
  private origin = -1;
  private index = 0;
  /** Best margin (seconds) over the current window of late frames, and its length. */
  private windowBest = Number.NEGATIVE_INFINITY;
  private windowLength = 0;
  private readonly window: number;
  private prev: { k: Float64Array; logGain: number };

  /**
   * @param node a track-mode node whose input is not connected yet (see {@link open}).
   * @param hop samples between frames (the tap's hop).
   * @param scale linear input scale folded into every frame's log-gain (headroom).
   * @param onError called when the node refuses a frame.
   * @param lead seconds between `currentTime` and the first frame's slot (> hop).
   * @throws RangeError naming `hop`, `scale` or `lead`.
   */
  constructor(
    private readonly node: TrackNodeLike,
    readonly hop: number,
    private readonly scale: number,
    private readonly onError: (e: unknown) => void,
    readonly lead = SYNTH_LEAD_SECONDS,
  ) {
    const sr = node.context.sampleRate;
    if (!(Number.isInteger(hop) && hop >= 1))
      throw new RangeError(`SynthTrackStreamer: hop must be an integer >= 1 (got ${hop})`);
    if (!(scale > 0 && Number.isFinite(scale)))
      throw new RangeError(`SynthTrackStreamer: scale must be finite and > 0 (got ${scale})`);
    if (!(lead * sr > hop && Number.isFinite(lead)))
      throw new RangeError(`SynthTrackStreamer: lead must be finite and longer than a hop (got ${lead})`);
    this.prev = { k: new Float64Array(node.order), logGain: SILENT_LOG_GAIN };
    this.window = Math.ceil(sr / hop);
  }

  /** Installs the silent track; resolves once the node holds it (connect the input after). */
  open(): Promise<void> {
    return this.node.playTrack({ k: this.prev.k, logGain: [SILENT_LOG_GAIN], hop: this.hop }, 0);
  }

  /** Sends one analysed frame (the first starts the grid, the rest are appended). */
  push(m: LpcWorkerFrame): void {
    const k = m.frame ? m.frame.k : this.prev.k;
    const logGain = m.frame
      ? Math.max(SILENT_LOG_GAIN, Math.log(this.scale * m.frame.residualRms))
      : SILENT_LOG_GAIN;
    const sr = this.node.context.sampleRate;
    const now = this.node.context.currentTime;
    const prev = this.prev;
    this.prev = { k, logGain };
    this.frames++;
    try {
      if (this.origin < 0) {
        this.origin = Math.round((now + this.lead) * sr);
        this.index = 1;
        this.post([k], [logGain], this.origin);
        return;
      }
      const f = this.index++;
      // Frame f is glided towards from frame f-1's slot on: it must be there by then.
      const margin = (this.origin + (f - 1) * this.hop) / sr - now;
      this.minLead = Math.min(this.minLead, margin);
      if (margin >= 0) {
        this.windowLength = 0;
        this.windowBest = Number.NEGATIVE_INFINITY;
        this.node.appendFrames({ k, logGain: [logGain] }).catch(this.onError);
        return;
      }
      this.late++;
      this.windowBest = Math.max(this.windowBest, margin);
      if (++this.windowLength < this.window) {
        this.node.appendFrames({ k, logGain: [logGain] }).catch(this.onError);
        return;
      }
      // Every frame of the last second was late: move the grid (module doc).
      const shift = Math.ceil((this.lead - this.hop / sr - this.windowBest) * sr);
      this.origin += shift;
      this.reanchors++;
      this.windowLength = 0;
      this.windowBest = Number.NEGATIVE_INFINITY;
      this.post([prev.k, k], [prev.logGain, logGain], this.origin + (f - 1) * this.hop);
    } catch (e) {
      this.onError(e);
    }
  }

  /** Starts a track of `rows` at absolute sample `start`. */
  private post(rows: Float64Array[], logGain: number[], start: number): void {
    const M = this.node.order;
    const k = new Float64Array(rows.length * M);
    for (let i = 0; i < rows.length; i++) k.set(rows[i], i * M);
    const when = start / this.node.context.sampleRate;
    this.node.playTrack({ k, logGain, hop: this.hop }, when).catch(this.onError);
  }
}
