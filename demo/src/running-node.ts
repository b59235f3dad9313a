/**
 * Creates an AllPoleFilterNode whose processor is known to be running.
 *
 * Why: the processor returns false from process() when it sees no connected input and no ringing
 * tail, and Chrome then never calls it again. Node creation and connect() reach the audio thread
 * separately, so about one node in twenty saw its first quantum before its input and stayed
 * silent for good (measured here: 3 of 60 nodes). This helper feeds the node a constant
 * 1e-20 (−400 dB, inaudible) that also keeps its input active, checks after a few quanta that
 * something comes out, and otherwise builds a new node (up to `tries` times).
 */
import { AllPoleFilterNode, type AllPoleFilterOptions } from '../../src/host/index.js';

/** A running node and the function that detaches its probe (call before disconnecting). */
export interface RunningNode {
  node: AllPoleFilterNode;
  release: () => void;
}

const PROBE = 1e-20;

function nextQuanta(ctx: BaseAudioContext, seconds: number): Promise<void> {
  const until = ctx.currentTime + seconds;
  return new Promise((resolve) => {
    const poll = () => (ctx.currentTime >= until ? resolve() : setTimeout(poll, 5));
    poll();
  });
}

/**
 * `new AllPoleFilterNode(ctx, options)`, verified to be processing. The check runs with flat
 * coefficients and gain 1 (so any requested filter, even one that faults, cannot hide a running
 * processor); `options.coefficients` and `options.gain` are applied afterwards.
 * @throws Error if no node starts after `tries` attempts.
 */
export async function createRunningAllPoleNode(
  ctx: BaseAudioContext,
  options: AllPoleFilterOptions,
  tries = 6,
): Promise<RunningNode> {
  const tapData = new Float32Array(32);
  for (let i = 0; i < tries; i++) {
    const order = options.order ?? options.coefficients?.length;
    const node = new AllPoleFilterNode(ctx, { ...options, order, coefficients: undefined, gain: 1 });
    const probe = new ConstantSourceNode(ctx, { offset: PROBE });
    probe.connect(node);
    probe.start();
    const tap = new AnalyserNode(ctx, { fftSize: 32 });
    node.connect(tap);
    await nextQuanta(ctx, 0.02);
    tap.getFloatTimeDomainData(tapData);
    node.disconnect(tap);
    const release = () => {
      probe.stop();
      probe.disconnect();
    };
    if (tapData.some((v) => v !== 0)) {
      if (options.coefficients) {
        const c = new Float64Array(node.order);
        for (let j = 0; j < options.coefficients.length; j++) c[j] = options.coefficients[j];
        node.setCoefficients(c);
      }
      node.gain.value = options.gain ?? 1;
      return { node, release };
    }
    release();
    node.disconnect();
  }
  throw new Error('The all-pole AudioWorklet processor did not start (tried several nodes).');
}
