/**
 * The microphone panel's running audio graph: live source → input analyser, and source →
 * pre-gain (the power normalisation) → AllPoleFilterNode (its gain: the Output-gain slider) →
 * output analyser → the panel's voice on the output bus; plus an LFO that can drive one
 * reflection AudioParam. The node is replaced (new order or domain) without a gap: the old one
 * keeps playing until the new processor runs, and a newer replacement or `stop()` wins.
 */
import type { AllPoleFilterNode } from 'diffiir/host';
import { Lfo } from './lfo.js';
import { type LiveSource, type LiveSourceKind, openLiveSource } from './live-source.js';
import type { MicDomain } from './mic-filter.js';
import { outputBus, type Voice } from './output-bus.js';
import { createRunningAllPoleNode } from './running-node.js';
import { hooks } from './test-hooks.js';

/** The filter a new node is built for (read again once it runs: values may have moved). */
export interface MicFilterSpec {
  order: number;
  domain: MicDomain;
  coeffs: Float64Array;
  /** Power normalisation, on the pre-gain. */
  norm: number;
  /** Output gain, on the node's gain. */
  gain: number;
  /** 1-based index of the k the LFO drives, or null. */
  lfo: number | null;
}

/** One start of the panel: the graph above, until `stop()`. */
export class MicGraph {
  node: AllPoleFilterNode | null = null;
  readonly input: AnalyserNode;
  readonly output: AnalyserNode;
  readonly voice: Voice;
  readonly lfo: Lfo;
  private pre: GainNode | null = null;
  private disposeNode: () => void = () => {};
  private generation = 0;

  private constructor(
    readonly ctx: AudioContext,
    readonly source: LiveSource,
    lfo: { rate: number; depth: number },
  ) {
    this.input = new AnalyserNode(ctx, { fftSize: 2048 });
    this.output = new AnalyserNode(ctx, { fftSize: 2048 });
    this.voice = outputBus(ctx).voice('mic');
    this.voice.resume();
    this.output.connect(this.voice.input);
    this.lfo = new Lfo(ctx, lfo.rate, lfo.depth);
  }

  /** Opens source `kind`; resolves to a message instead when the microphone cannot be used. */
  static async open(
    ctx: AudioContext,
    kind: LiveSourceKind,
    lfo: { rate: number; depth: number },
  ): Promise<MicGraph | string> {
    const s = await openLiveSource(ctx, kind);
    return typeof s === 'string' ? s : new MicGraph(ctx, s, lfo);
  }

  /**
   * Builds a node for `spec()` and splices it in once it runs. A 'fault' of the node fades the
   * voice out (until new coefficients) and calls `onFault` with the fault's message, once.
   * @returns false when a newer call or `stop()` superseded this one.
   */
  async replaceNode(spec: () => MicFilterSpec, onFault: (message: string) => void): Promise<boolean> {
    const gen = ++this.generation;
    const s0 = spec();
    const running = await createRunningAllPoleNode(this.ctx, {
      order: s0.order,
      domain: s0.domain,
      coefficients: s0.coeffs,
      gain: s0.gain,
      channelCount: 1,
    });
    if (gen !== this.generation) {
      running.dispose();
      return false;
    }
    this.lfo.attach(null);
    this.disposeNode();
    this.node?.disconnect();
    this.source.node.disconnect();
    const node = running.node;
    this.node = node;
    this.disposeNode = running.dispose;
    node.addEventListener('fault', (e) => {
      hooks.mic.faults++;
      if (this.voice.silenced) return;
      this.voice.fadeOut();
      onFault((e as Event & { detail?: { message?: string } }).detail?.message ?? e.type);
    });
    // Coefficients may have moved while the node was starting (an unstable vector is refused).
    const s = spec();
    try {
      node.setCoefficients(s.coeffs);
    } catch {
      node.setCoefficients(new Float64Array(s.coeffs.length));
    }
    node.gain.value = s.gain;
    this.pre ??= new GainNode(this.ctx, { gain: s.norm });
    this.pre.disconnect();
    this.source.node.connect(this.pre);
    this.setNorm(s.norm);
    this.source.node.connect(this.input);
    this.pre.connect(node);
    node.connect(this.output);
    this.routeLfo(s.lfo);
    // A new node starts from rest with the current coefficients: un-silence the panel.
    this.voice.resume();
    return true;
  }

  /**
   * Sets `coeffs` on the node and `norm` on the pre-gain. After a fault, also clears the state
   * and fades the voice back in ('resumed').
   * @throws RangeError when the node refuses the vector (direct form, not minimum phase).
   */
  apply(coeffs: Float64Array, norm: number): 'applied' | 'resumed' | 'no node' {
    if (!this.node) return 'no node';
    this.node.setCoefficients(coeffs);
    this.setNorm(norm);
    if (!this.voice.silenced) return 'applied';
    this.node.resetState();
    this.voice.resume();
    return 'resumed';
  }

  /** Power normalisation on the filter's input, smoothed over ~10 ms. */
  setNorm(norm: number): void {
    this.pre?.gain.setTargetAtTime(norm, this.ctx.currentTime, 0.01);
  }

  /** Output gain (the node's gain), smoothed over ~20 ms. */
  setGain(gain: number): void {
    this.node?.gain.setTargetAtTime(gain, this.ctx.currentTime, 0.02);
  }

  /** Routes the LFO to k`index` (1-based) of the node, or detaches it (null). */
  routeLfo(index: number | null): void {
    this.lfo.attach(index !== null && this.node ? (this.node.parameters.get(`k${index}`) ?? null) : null);
  }

  /** Stops the source, the LFO and the node; the graph is done. */
  stop(): void {
    this.generation++;
    this.lfo.dispose();
    this.source.stop();
    this.disposeNode();
    this.disposeNode = () => {};
    this.node?.disconnect();
    this.output.disconnect();
    this.node = null;
    this.pre?.disconnect();
    this.pre = null;
  }
}
