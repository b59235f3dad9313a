/**
 * Live playback of a time-varying model: the excitation is replayed back to back (one
 * AudioBufferSourceNode per pass, started sample-accurately), and at the start of each pass the
 * latest coefficient track is scheduled on a reflection-domain AllPoleFilterNode
 * (`scheduleTrack`: linear ramps of k between frame centres, stable throughout), and the
 * per-frame gains on a GainNode before it (the model's `y = allpole(g·x)`, which also keeps the
 * node's internal level, bounded by its output limit, at the target's level). A new track (from the training loop) is heard
 * from the next pass on, so the sound converges pass by pass without clicks.
 */
import type { AllPoleFilterNode } from 'diffiir/host';
import { toAudioBuffer } from './audio-context.js';
import { outputBus } from './output-bus.js';
import { createRunningAllPoleNode, type RunningNode } from './running-node.js';

/** How far ahead (s) the next pass is scheduled, and how often (ms) the scheduler looks. */
const LOOKAHEAD = 0.2;
const TICK_MS = 50;

export class TrackLooper {
  readonly node: AllPoleFilterNode;
  readonly output: AnalyserNode;
  private readonly ctx: AudioContext;
  private readonly buffer: AudioBuffer;
  private readonly level: GainNode;
  private readonly pre: GainNode;
  private readonly disposeNode: () => void;
  private readonly hop: number;
  private K: Float64Array | null = null;
  private gains: ArrayLike<number> | null = null;
  private next: number;
  private readonly timer: number;
  private readonly sources: AudioBufferSourceNode[] = [];

  /** Loops `excitation` through a reflection-domain node of `order`; frames are `hop` samples apart. */
  static async create(
    ctx: AudioContext,
    excitation: Float64Array,
    order: number,
    hop: number,
    level: number,
    onFault: (message: string) => void = () => {},
  ): Promise<TrackLooper> {
    const running = await createRunningAllPoleNode(ctx, { order, domain: 'reflection', channelCount: 1 });
    return new TrackLooper(ctx, running, excitation, hop, level, onFault);
  }

  private constructor(
    ctx: AudioContext,
    running: RunningNode,
    excitation: Float64Array,
    hop: number,
    level: number,
    onFault: (message: string) => void,
  ) {
    this.ctx = ctx;
    this.hop = hop;
    this.buffer = toAudioBuffer(ctx, excitation);
    this.node = running.node;
    this.disposeNode = running.dispose;
    this.node.addEventListener('fault', (e) =>
      onFault((e as CustomEvent<{ message: string }>).detail.message),
    );
    this.pre = new GainNode(ctx, { gain: 1 });
    this.pre.connect(this.node);
    this.level = new GainNode(ctx, { gain: level });
    this.output = new AnalyserNode(ctx, { fftSize: 2048 });
    this.node.connect(this.level).connect(this.output).connect(outputBus(ctx).voice('train').input);
    this.next = ctx.currentTime + 0.05;
    this.timer = window.setInterval(() => this.tick(), TICK_MS);
    this.tick();
  }

  /**
   * Sets the track heard from the next pass: reflection coefficients `K` (frames×order, each
   * |k| < 1) and per-frame linear gains (null: keep the node's gain).
   */
  setTrack(K: Float64Array, frameGains: ArrayLike<number> | null): void {
    this.K = K;
    this.gains = frameGains;
  }

  private tick(): void {
    while (this.next < this.ctx.currentTime + LOOKAHEAD) {
      const t = Math.max(this.next, this.ctx.currentTime);
      const src = new AudioBufferSourceNode(this.ctx, { buffer: this.buffer });
      src.connect(this.pre);
      src.start(t);
      src.addEventListener('ended', () => {
        src.disconnect();
        this.sources.splice(this.sources.indexOf(src), 1);
      });
      this.sources.push(src);
      if (this.K) {
        this.node.scheduleTrack(this.K, t, this.hop);
        if (this.gains) {
          const g = this.pre.gain;
          g.setValueAtTime(this.gains[0], t);
          for (let f = 1; f < this.gains.length; f++)
            g.linearRampToValueAtTime(this.gains[f], t + (f * this.hop) / this.ctx.sampleRate);
        }
      }
      this.next = t + this.buffer.duration;
    }
  }

  /** Stops the scheduler and every pass, and disconnects the chain. */
  stop(): void {
    clearInterval(this.timer);
    for (const s of this.sources) {
      s.stop();
      s.disconnect();
    }
    this.disposeNode();
    this.pre.disconnect();
    this.node.disconnect();
    this.level.disconnect();
    this.output.disconnect();
  }
}
