/**
 * Looped playback of a per-sample direct-form file (hop 1, torchlpc's `A`) by the core's rule
 * (diffiir/core `directFramePlayback` 'per-sample': row t filters sample t, unconverted, the last
 * row held; the excitation scaled by `directFrameGain` of the row): a direct-form node whose
 * coefficient params receive, ahead of each pass of the looping excitation, the rows as a
 * sample-for-sample curve (`scheduleTrack(rows, passStart, 1)` of diffiir/host), and a gain on
 * the excitation that follows the frame gains the same way.
 */
import type { DirectCoefficientsFile } from 'diffiir/core';
import { directFrameGain } from 'diffiir/core';
import type { AllPoleFilterNode } from 'diffiir/host';
import { toAudioBuffer } from './audio-context.js';
import { outputBus } from './output-bus.js';
import { PassClock } from './pass-clock.js';
import { createRunningAllPoleNode } from './running-node.js';

export class PerSamplePlayer {
  readonly node: AllPoleFilterNode;
  readonly output: AnalyserNode;
  private readonly source: AudioBufferSourceNode;
  private readonly pre: GainNode;
  private readonly level: GainNode;
  private readonly disposeNode: () => void;
  private readonly clock: PassClock;

  /**
   * Loops `excitation` (one pass; at least `file.frames` samples) through a direct-form node
   * playing `file`'s rows sample for sample from each pass's first sample, then `level`.
   */
  static async create(
    ctx: AudioContext,
    file: DirectCoefficientsFile,
    excitation: Float64Array,
    level: number,
    onFault: (message: string) => void = () => {},
  ): Promise<PerSamplePlayer> {
    if (excitation.length < file.frames)
      throw new RangeError(`PerSamplePlayer: the excitation must hold at least ${file.frames} samples`);
    const running = await createRunningAllPoleNode(ctx, {
      order: file.order,
      domain: 'direct',
      channelCount: 1,
    });
    return new PerSamplePlayer(ctx, running.node, running.dispose, file, excitation, level, onFault);
  }

  private constructor(
    ctx: AudioContext,
    node: AllPoleFilterNode,
    disposeNode: () => void,
    file: DirectCoefficientsFile,
    excitation: Float64Array,
    level: number,
    onFault: (message: string) => void,
  ) {
    this.node = node;
    this.disposeNode = disposeNode;
    node.addEventListener('fault', (e) => onFault((e as CustomEvent<{ message: string }>).detail.message));
    const rows = Float64Array.from(file.coefficients.flat());
    const gains = Float32Array.from({ length: file.frames }, (_, t) => directFrameGain(file, t));
    const varying = gains.some((g) => g !== gains[0]);
    const buffer = toAudioBuffer(ctx, excitation);
    this.source = new AudioBufferSourceNode(ctx, { buffer, loop: true });
    this.pre = new GainNode(ctx, { gain: gains[0] });
    this.level = new GainNode(ctx, { gain: level });
    this.output = new AnalyserNode(ctx, { fftSize: 2048 });
    this.source
      .connect(this.pre)
      .connect(node)
      .connect(this.level)
      .connect(this.output)
      .connect(outputBus(ctx).voice('train').input);
    const curveSeconds = (file.frames - 1) / ctx.sampleRate;
    this.clock = new PassClock(ctx, buffer.length, (when) => {
      node.scheduleTrack(rows, when, 1);
      if (varying) this.pre.gain.setValueCurveAtTime(gains, when, curveSeconds);
      return true;
    });
    this.source.start(this.clock.start);
    this.clock.tick();
  }

  /** Stops the clock and the source, releases the node and disconnects the chain. */
  stop(): void {
    this.clock.stop();
    this.source.stop();
    this.disposeNode();
    for (const n of [this.source, this.pre, this.node, this.level, this.output]) n.disconnect();
  }
}
