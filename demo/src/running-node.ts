/**
 * Creation and disposal of the demo's AllPoleFilterNodes.
 *
 * Creation is verified: a node whose processor missed its input on the first quantum used to
 * stay silent for good (process() returned false and Chrome never calls it again; measured
 * here: 3 of 60 nodes). The processor now stays alive until `node.release()`, and this check
 * remains a cheap guard: the node is fed a constant 1e-20 (−400 dB, inaudible, which also keeps
 * its input active), something must come out within a few quanta, otherwise a new node is built.
 * Disposal releases the processor, so discarded nodes stop costing audio-thread time.
 */
import { AllPoleFilterNode, type AllPoleFilterOptions } from 'diffiir/host';

/** A running node and the function that disconnects and releases it (and its probe). */
export interface RunningNode {
  node: AllPoleFilterNode;
  dispose: () => void;
}

const PROBE = 1e-20;

/**
 * Output limit of every demo node (|y| before the node's gain): a quantum beyond it is silenced
 * and reported as a fault, which fades the panel's voice. The output bus limits the rest.
 */
export const DEMO_OUTPUT_LIMIT = 4;

function nextQuanta(ctx: BaseAudioContext, seconds: number): Promise<void> {
  const until = ctx.currentTime + seconds;
  return new Promise((resolve) => {
    const poll = () => (ctx.currentTime >= until ? resolve() : setTimeout(poll, 5));
    poll();
  });
}

/** Disconnects `node`, stops `probe`, and lets the processor end (AllPoleFilterNode.release). */
function disposer(node: AllPoleFilterNode, probe: ConstantSourceNode): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    probe.stop();
    probe.disconnect();
    node.disconnect();
    node.release();
  };
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
    const node = new AllPoleFilterNode(ctx, {
      outputLimit: DEMO_OUTPUT_LIMIT,
      ...options,
      order,
      coefficients: undefined,
      gain: 1,
    });
    const probe = new ConstantSourceNode(ctx, { offset: PROBE });
    probe.connect(node);
    probe.start();
    const tap = new AnalyserNode(ctx, { fftSize: 32 });
    node.connect(tap);
    await nextQuanta(ctx, 0.02);
    tap.getFloatTimeDomainData(tapData);
    node.disconnect(tap);
    const dispose = disposer(node, probe);
    if (tapData.some((v) => v !== 0)) {
      if (options.coefficients) {
        const c = new Float64Array(node.order);
        for (let j = 0; j < options.coefficients.length; j++) c[j] = options.coefficients[j];
        node.setCoefficients(c);
      }
      node.gain.value = options.gain ?? 1;
      return { node, dispose };
    }
    dispose();
  }
  throw new Error('The all-pole AudioWorklet processor did not start (tried several nodes).');
}
