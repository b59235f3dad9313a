/**
 * Node shim of the AudioWorkletGlobalScope for driving the all-pole processor's process()
 * directly: AudioWorkletProcessor (with a fake MessagePort), registerProcessor, sampleRate and
 * currentFrame globals. Import `loadProcessors()` before anything else touches the worklet.
 */

export interface FakePort {
  sent: unknown[];
  onmessage: ((e: { data: unknown }) => void) | null;
  postMessage(m: unknown): void;
  /** Delivers `data` to the processor as if posted by the node. */
  deliver(data: unknown): void;
}

export interface ProcessorInstance {
  port: FakePort;
  process(
    inputs: Float32Array[][],
    outputs: Float32Array[][],
    parameters: Record<string, Float32Array>,
  ): boolean;
}

export interface RegisteredProcessor {
  new (options?: AudioWorkletNodeOptions): ProcessorInstance;
  parameterDescriptors: {
    name: string;
    defaultValue: number;
    minValue?: number;
    maxValue?: number;
    automationRate: string;
  }[];
}

const g = globalThis as unknown as Record<string, unknown>;
export const registry = new Map<string, RegisteredProcessor>();

class FakeProcessorBase {
  readonly port: FakePort;
  constructor() {
    const port: FakePort = {
      sent: [],
      onmessage: null,
      postMessage(m) {
        // Structured clone, like a real port: later mutation of m must not change what was sent.
        port.sent.push(structuredClone(m));
      },
      deliver(data) {
        port.onmessage?.({ data });
      },
    };
    this.port = port;
  }
}

let loaded: Promise<void> | null = null;

/** Installs the globals and imports the worklet entry once (registering every processor). */
export function loadProcessors(): Promise<void> {
  if (!loaded) {
    g.AudioWorkletProcessor = FakeProcessorBase;
    g.registerProcessor = (name: string, ctor: RegisteredProcessor) => {
      if (registry.has(name)) throw new Error(`registerProcessor: ${name} registered twice`);
      registry.set(name, ctor);
    };
    g.sampleRate = 48000;
    g.currentFrame = 0;
    loaded = import('../../src/worklet/allpole-processor.js').then(() => undefined);
  }
  return loaded;
}

/** Advances the shimmed currentFrame. */
export function advanceFrame(n: number): void {
  g.currentFrame = (g.currentFrame as number) + n;
}

/** Creates processor `name` with `outputChannelCount` and processorOptions. */
export function createProcessor(
  name: string,
  channels = 1,
  processorOptions: object = {},
): ProcessorInstance {
  const P = registry.get(name);
  if (!P) throw new Error(`no processor ${name}`);
  return new P({ numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [channels], processorOptions });
}
