/**
 * Plays an excitation through a direct-form AllPoleFilterNode whose coefficients come from
 * elsewhere: the training session (live binding: the node is the session's sink) or an
 * imported single-frame coefficients file (tracks play through TrackPlayer, in track mode).
 */
import type { DirectCoefficientsFile } from 'diffiir/core';
import { directFrameGain } from 'diffiir/core';
import type { AllPoleFilterNode } from 'diffiir/host';
import { playSignal } from './audio-context.js';
import { outputBus } from './output-bus.js';
import { createRunningAllPoleNode, type RunningNode } from './running-node.js';

/** A looping (or one-shot) source → all-pole node → level → analyser → speakers chain. */
export class CoefficientPlayer {
  readonly node: AllPoleFilterNode;
  readonly output: AnalyserNode;
  private readonly source: AudioBufferSourceNode;
  private readonly level: GainNode;
  private readonly pre: GainNode;
  private readonly disposeNode: () => void;

  /**
   * `excitation` is played (looped unless `loop` is false) through a direct-form node of `order`,
   * then scaled by `level` (e.g. to bring a loud target-matched filter to a comfortable volume).
   * `onFault` receives the node's fault messages (unstable or non-finite coefficients).
   */
  static async create(
    ctx: AudioContext,
    excitation: Float64Array,
    order: number,
    level: number,
    loop = true,
    onFault: (message: string) => void = () => {},
  ): Promise<CoefficientPlayer> {
    const running = await createRunningAllPoleNode(ctx, { order, domain: 'direct', channelCount: 1 });
    return new CoefficientPlayer(ctx, running, excitation, level, loop, onFault);
  }

  private constructor(
    ctx: AudioContext,
    running: RunningNode,
    excitation: Float64Array,
    level: number,
    loop: boolean,
    onFault: (message: string) => void,
  ) {
    this.node = running.node;
    this.disposeNode = running.dispose;
    this.node.addEventListener('fault', (e) =>
      onFault((e as CustomEvent<{ message: string }>).detail.message),
    );
    this.level = new GainNode(ctx, { gain: level });
    this.output = new AnalyserNode(ctx, { fftSize: 2048 });
    this.source = playSignal(ctx, excitation, loop);
    // The model's gain scales the excitation (y = allpole(g·x)), so the node's internal level
    // (bounded by its output limit) is the target's level, however resonant the filter.
    this.pre = new GainNode(ctx, { gain: 1 });
    this.source
      .connect(this.pre)
      .connect(this.node)
      .connect(this.level)
      .connect(this.output)
      .connect(outputBus(ctx).voice('train').input);
  }

  /** The CoefficientSink of the training loop: direct-form a_1..a_M, applied now. */
  setCoefficients(coeffs: Float64Array | number[], time?: number): void {
    this.node.setCoefficients(coeffs, time);
  }

  /** Sets the model's learned gain (applied to the excitation) now. */
  setGain(g: number): void {
    this.pre.gain.setValueAtTime(g, this.node.context.currentTime);
  }

  /** Loads an imported single-frame file: its gain (core `directFrameGain`) and coefficients, from now. */
  load(file: DirectCoefficientsFile): void {
    this.setGain(directFrameGain(file, 0));
    this.node.setCoefficients(file.coefficients[0], this.node.context.currentTime + 0.05);
  }

  /** Stops and disconnects the chain. */
  stop(): void {
    this.source.stop();
    this.source.disconnect();
    this.disposeNode();
    this.pre.disconnect();
    this.node.disconnect();
    this.level.disconnect();
    this.output.disconnect();
  }
}
