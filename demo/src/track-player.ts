/**
 * Looped playback of a frame-rate reflection track through a track-mode AllPoleFilterNode
 * (`control: 'track'`): the excitation loops (one pass = frames·hop samples) and, ahead of each
 * pass, the latest track `{ k, logGain, hop }` is posted with `playTrack(track, passStart)`, so
 * the node interpolates k and the log-gain per sample exactly like the model, sample-accurately
 * from the pass's first sample. A new track (from training) is heard from the next pass on.
 */
import type { AllPoleFilterNode } from 'diffiir/host';
import { toAudioBuffer } from './audio-context.js';
import { outputBus } from './output-bus.js';
import { PassClock } from './pass-clock.js';
import { createRunningAllPoleNode, type RunningNode } from './running-node.js';

export class TrackPlayer {
  readonly node: AllPoleFilterNode;
  readonly output: AnalyserNode;
  private readonly source: AudioBufferSourceNode;
  private readonly level: GainNode;
  private readonly disposeNode: () => void;
  private readonly clock: PassClock;
  private track: { k: Float64Array; logGain?: Float64Array; hop: number } | null = null;

  /** Loops `excitation` through a track-mode node of `order`; frames are `hop` samples apart. */
  static async create(
    ctx: AudioContext,
    excitation: Float64Array,
    order: number,
    level: number,
    onFault: (message: string) => void = () => {},
  ): Promise<TrackPlayer> {
    const running = await createRunningAllPoleNode(ctx, {
      order,
      domain: 'reflection',
      control: 'track',
      channelCount: 1,
    });
    return new TrackPlayer(ctx, running, excitation, level, onFault);
  }

  private constructor(
    ctx: AudioContext,
    running: RunningNode,
    excitation: Float64Array,
    level: number,
    onFault: (message: string) => void,
  ) {
    this.node = running.node;
    this.disposeNode = running.dispose;
    this.node.addEventListener('fault', (e) =>
      onFault((e as CustomEvent<{ message: string }>).detail.message),
    );
    const buffer = toAudioBuffer(ctx, excitation);
    this.source = new AudioBufferSourceNode(ctx, { buffer, loop: true });
    this.level = new GainNode(ctx, { gain: level });
    this.output = new AnalyserNode(ctx, { fftSize: 2048 });
    this.source
      .connect(this.node)
      .connect(this.level)
      .connect(this.output)
      .connect(outputBus(ctx).voice('train').input);
    // At most one pass is pending in the node at a time (playTrack replaces a pending track).
    this.clock = new PassClock(ctx, buffer.length, (when) => {
      if (!this.track) return false;
      this.node.playTrack(this.track, when).catch(() => {});
      return true;
    });
    this.source.start(this.clock.start);
  }

  /**
   * Sets the track heard from the next pass: reflection coefficients `k` (frames×order, |k| < 1),
   * linear per-frame gains on the excitation, and the hop (samples) between frames.
   */
  setTrack(k: Float64Array, gains: ArrayLike<number>, hop: number): void {
    const logGain = Float64Array.from(gains, (g) => Math.log(Math.max(g, 1e-12)));
    this.play({ k, logGain, hop });
  }

  /** Sets the reflection track heard from the next pass as it stands (k and log-gains copied). */
  play(track: { k: ArrayLike<number>; logGain?: ArrayLike<number>; hop: number }): void {
    const k = Float64Array.from(track.k);
    this.track = track.logGain
      ? { k, logGain: Float64Array.from(track.logGain), hop: track.hop }
      : { k, hop: track.hop };
    this.clock.tick();
  }

  /** Stops the scheduler and the source, and disconnects the chain. */
  stop(): void {
    this.clock.stop();
    this.source.stop();
    this.source.disconnect();
    this.disposeNode();
    this.node.disconnect();
    this.level.disconnect();
    this.output.disconnect();
  }
}
