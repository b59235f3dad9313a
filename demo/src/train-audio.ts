/**
 * What the training panel plays, one thing at a time, on the bus voice 'train':
 * - 'target': the target looped;
 * - 'output': the run's input through the learned filter, looped, following the worker's snapshots
 *   (a direct-form CoefficientPlayer for a time-invariant model, a track-mode TrackPlayer for a
 *   frame track);
 * - 'import': an imported coefficients file.
 * Target and output play at the same level (target peak −6 dBFS), so A/B compares like with like.
 * Every start is tagged with a generation: a stop (or a newer start) while a node is being built
 * wins, so nothing keeps playing after Stop.
 */
import type { CoefficientsFile } from 'diffiir/core';
import { playSignal } from './audio-context.js';
import { CoefficientPlayer } from './coefficient-player.js';
import { outputBus } from './output-bus.js';
import { TrackPlayer } from './track-player.js';
import { type Player, playCoefficientsFile } from './train-playback.js';
import type { ModelSnapshot } from './train-protocol.js';
import type { TrainingData } from './training-data.js';

export type TrainSound = 'target' | 'output' | 'import';

/** Level that brings the target to peak 0.5 (applied to target and output alike). */
function levelFor(target: Float64Array): number {
  let peak = 0;
  for (const v of target) peak = Math.max(peak, Math.abs(v));
  return 0.5 / Math.max(peak, 1e-6);
}

export class TrainAudio {
  /** What is playing (null: nothing). */
  playing: TrainSound | null = null;
  /** Analyser after the playing chain, and the all-pole node (null for the target). */
  output: AnalyserNode | null = null;
  node: AudioNode | null = null;
  private stopCurrent: () => void = () => {};
  private update: ((s: ModelSnapshot) => void) | null = null;
  private generation = 0;

  constructor(
    private readonly ctx: AudioContext,
    private readonly onFault: (message: string) => void,
  ) {}

  /** Stops whatever plays (also a start still in progress). */
  stop(): void {
    this.generation++;
    this.stopCurrent();
    this.stopCurrent = () => {};
    this.update = null;
    this.playing = null;
    this.output = null;
    this.node = null;
  }

  /** Forwards a snapshot of the model to the output player (ignored otherwise). */
  push(s: ModelSnapshot): void {
    if (!s.stable) return;
    try {
      this.update?.(s);
    } catch (e) {
      this.onFault(
        `the node refused the model's coefficients (${e instanceof Error ? e.message : String(e)})`,
      );
    }
  }

  /** Loops the target at the common level. */
  async playTarget(data: TrainingData): Promise<void> {
    this.stop();
    const level = new GainNode(this.ctx, { gain: levelFor(data.target) });
    const an = new AnalyserNode(this.ctx, { fftSize: 2048 });
    const src = playSignal(this.ctx, data.target);
    const voice = outputBus(this.ctx).voice('train');
    src.connect(level).connect(an).connect(voice.input);
    voice.resume();
    this.stopCurrent = () => {
      src.stop();
      src.disconnect();
      level.disconnect();
      an.disconnect();
    };
    this.playing = 'target';
    this.output = an;
  }

  /** Loops the run's input through the model of `s` (later snapshots follow through `push`). */
  async playOutput(data: TrainingData, s: ModelSnapshot): Promise<void> {
    this.stop();
    const gen = this.generation;
    const level = levelFor(data.target);
    let player: CoefficientPlayer | TrackPlayer;
    if (s.k) {
      const looper = await TrackPlayer.create(this.ctx, data.input, s.order, level, this.onFault);
      player = looper;
      this.update = (q) => {
        if (q.k) looper.setTrack(q.k, q.gains, q.hop);
      };
    } else {
      const p = await CoefficientPlayer.create(this.ctx, data.input, s.order, level, true, this.onFault);
      player = p;
      this.update = (q) => {
        p.setCoefficients(q.a);
        p.setGain(q.gains[0]);
      };
    }
    if (gen !== this.generation) {
      player.stop();
      return;
    }
    this.push(s);
    this.adopt('output', player);
  }

  /** Plays an imported file on `excitation(T)` (see playCoefficientsFile). */
  async playImport(f: CoefficientsFile, excitation: (T: number) => Float64Array): Promise<void> {
    this.stop();
    const gen = this.generation;
    const player = await playCoefficientsFile(this.ctx, f, excitation, this.onFault);
    if (gen !== this.generation) {
      player.stop();
      return;
    }
    this.adopt('import', player);
  }

  private adopt(kind: TrainSound, player: Player): void {
    outputBus(this.ctx).voice('train').resume();
    this.stopCurrent = () => player.stop();
    this.playing = kind;
    this.output = player.output;
    this.node = player.node;
  }
}
