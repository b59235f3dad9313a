/**
 * `AllPoleFilterNode`: an AudioWorkletNode running the diffiir all-pole processor, with
 * coefficient AudioParams (k1..kM or a1..aM), a `gain` AudioParam, scheduling helpers,
 * `getFrequencyResponse` and 'fault' events. `createAllPoleFilterNode` gives the same API on
 * standardized-audio-context and Tone.js contexts.
 */
import { type AllPoleDomain, type AllPoleFaultCode, coefficientParamName } from '../worklet/protocol.js';
import {
  type RampOptions,
  rampCoefficients,
  scheduleTrack,
  setCoefficients,
} from './controls.js';
import { type AllPoleFaultDetail, type AllPoleFaultEvent, parseFaultMessage } from './fault.js';
import { type AllPoleContext, rawContextOf } from './module.js';
import { type AllPoleFilterOptions, type ResolvedAllPoleOptions, resolveAllPoleOptions } from './options.js';
import { allPoleFrequencyResponse } from './response.js';

/** The API of an all-pole node, whatever AudioWorkletNode class carries it. */
export interface AllPoleNode {
  /** Filter order M. */
  readonly order: number;
  /** Coefficient domain, fixed at construction. */
  readonly domain: AllPoleDomain;
  /** The M coefficient AudioParams, in order (k1..kM or a1..aM). */
  readonly coefficients: readonly AudioParam[];
  /** Output gain AudioParam (a-rate, default 1). */
  readonly gain: AudioParam;
  /** Called for every 'fault' event (in addition to addEventListener('fault', …)). */
  onfault: ((event: AllPoleFaultEvent) => void) | null;
  /** The processor port (for the node's own messages; prefer the methods below). */
  readonly port: MessagePort;
  /** Sets every coefficient at `time` (default now), values in the node's domain. */
  setCoefficients(coeffs: ArrayLike<number>, time?: number): void;
  /** Ramps every coefficient to `coeffs` by `endTime`, interpolating in the reflection domain. */
  rampCoefficients(coeffs: ArrayLike<number>, endTime: number, options?: RampOptions): void;
  /** Schedules a frames×order track from `startTime`, one frame every `hop` samples. */
  scheduleTrack(track: ArrayLike<number>, startTime: number, hop: number): void;
  /** Cancels scheduled coefficient (and gain, unless `keepGain`) changes at and after `time`. */
  cancelScheduledCoefficients(time: number, keepGain?: boolean): void;
  /** Current coefficient values (AudioParam.value) in the node's domain. */
  getCoefficients(out?: Float64Array): Float64Array;
  /** Frequency response with the native filter nodes' rules (see allPoleFrequencyResponse). */
  getFrequencyResponse(
    frequencyHz: Float32Array,
    magResponse: Float32Array,
    phaseResponse: Float32Array,
  ): void;
  /** Zeroes the filter state of every channel (asynchronously, via the port). */
  resetState(): void;
  /** Changes the bound on |filter output| beyond which a quantum is treated as a fault. */
  setOutputLimit(limit: number): void;
  /**
   * Final: lets the processor stop (and the node be collected) once no input is connected and
   * its tail has rung out. Until then it stays alive, so inputs may be connected at any time.
   */
  release(): void;
}

interface NodeInternals {
  readonly context: { readonly currentTime: number; readonly sampleRate: number };
  readonly parameters: { get(name: string): AudioParam | undefined };
  readonly port: MessagePort;
  dispatchEvent(event: Event): boolean;
}

type Initialised = AllPoleNode & NodeInternals;

/** Sets up the fields and the fault listener of a freshly constructed worklet node. */
function initAllPole(node: NodeInternals, r: ResolvedAllPoleOptions): void {
  const params: AudioParam[] = [];
  for (let i = 1; i <= r.order; i++) {
    const p = node.parameters.get(coefficientParamName(r.domain, i));
    if (!p)
      throw new Error(`AllPoleFilterNode: processor has no AudioParam ${coefficientParamName(r.domain, i)}`);
    params.push(p);
  }
  const gain = node.parameters.get('gain');
  if (!gain) throw new Error('AllPoleFilterNode: processor has no gain AudioParam');
  const self = node as unknown as { -readonly [K in keyof AllPoleNode]: AllPoleNode[K] };
  Object.defineProperties(node, {
    order: { value: r.order, enumerable: true },
    domain: { value: r.domain, enumerable: true },
    coefficients: { value: Object.freeze(params), enumerable: true },
    gain: { value: gain, enumerable: true },
  });
  self.onfault = null;
  node.port.addEventListener('message', (e: MessageEvent) => {
    const detail = parseFaultMessage(e.data);
    if (!detail) return;
    const event: AllPoleFaultEvent = new CustomEvent<AllPoleFaultDetail>('fault', { detail });
    node.dispatchEvent(event);
    const handler = (node as Initialised).onfault;
    if (typeof handler === 'function') handler.call(node, event);
  });
  node.port.start();
}

/** Methods shared by every carrier class (installed on AllPoleFilterNode and on adopted classes). */
const methods: ThisType<Initialised> &
  Pick<
    AllPoleNode,
    Exclude<keyof AllPoleNode, keyof NodeInternals | 'order' | 'domain' | 'coefficients' | 'gain' | 'onfault'>
  > = {
  setCoefficients(coeffs, time) {
    setCoefficients(this, coeffs, time);
  },
  rampCoefficients(coeffs, endTime, options) {
    rampCoefficients(this, coeffs, endTime, options);
  },
  scheduleTrack(track, startTime, hop) {
    scheduleTrack(this, track, startTime, hop);
  },
  cancelScheduledCoefficients(time, keepGain) {
    for (const p of this.coefficients) p.cancelScheduledValues(time);
    if (!keepGain) this.gain.cancelScheduledValues(time);
  },
  getCoefficients(out) {
    const c = out ?? new Float64Array(this.order);
    if (c.length !== this.order)
      throw new RangeError(`getCoefficients: out must have length order = ${this.order}`);
    for (let i = 0; i < this.order; i++) c[i] = this.coefficients[i].value;
    return c;
  },
  getFrequencyResponse(frequencyHz, magResponse, phaseResponse) {
    allPoleFrequencyResponse(
      this.getCoefficients(),
      this.domain,
      this.gain.value,
      this.context.sampleRate,
      frequencyHz,
      magResponse,
      phaseResponse,
    );
  },
  resetState() {
    this.port.postMessage({ type: 'reset' });
  },
  release() {
    this.port.postMessage({ type: 'release' });
  },
  setOutputLimit(limit) {
    if (!(Number.isFinite(limit) && limit > 0))
      throw new RangeError('setOutputLimit: limit must be finite and > 0');
    this.port.postMessage({ type: 'outputLimit', value: limit });
  },
};

const NativeBase: typeof AudioWorkletNode =
  typeof AudioWorkletNode === 'function'
    ? AudioWorkletNode
    : (class {} as unknown as typeof AudioWorkletNode);

/**
 * All-pole filter node over a native (Offline)AudioContext:
 * `new AllPoleFilterNode(context, { order, domain, coefficients, gain, channelCount, … })`.
 * Call `await addAllPoleModule(context)` first. Output = gain · 1/A(z) applied per channel;
 * 'reflection' (default) runs a lattice on k1..kM (clamped into (-1, 1): always stable),
 * 'direct' runs `y[t] = x[t] - Σ a_i y[t-i]` on a1..aM (torchlpc convention).
 */
export class AllPoleFilterNode extends NativeBase implements AllPoleNode {
  declare readonly order: number;
  declare readonly domain: AllPoleDomain;
  declare readonly coefficients: readonly AudioParam[];
  declare readonly gain: AudioParam;
  declare onfault: ((event: AllPoleFaultEvent) => void) | null;
  declare setCoefficients: AllPoleNode['setCoefficients'];
  declare rampCoefficients: AllPoleNode['rampCoefficients'];
  declare scheduleTrack: AllPoleNode['scheduleTrack'];
  declare cancelScheduledCoefficients: AllPoleNode['cancelScheduledCoefficients'];
  declare getCoefficients: AllPoleNode['getCoefficients'];
  declare getFrequencyResponse: AllPoleNode['getFrequencyResponse'];
  declare resetState: AllPoleNode['resetState'];
  declare setOutputLimit: AllPoleNode['setOutputLimit'];
  declare release: AllPoleNode['release'];

  constructor(context: BaseAudioContext, options: AllPoleFilterOptions) {
    const r = resolveAllPoleOptions(options);
    super(context, r.processorName, r.node);
    initAllPole(this, r);
  }
}
Object.assign(AllPoleFilterNode.prototype, methods);

/** Constructor of a non-native AudioWorkletNode (e.g. standardized-audio-context's). */
export type AudioWorkletNodeConstructorLike = new (
  context: never,
  name: string,
  options?: AudioWorkletNodeOptions,
) => unknown;

const adoptedPrototypes = new WeakMap<object, object>();

/** Gives an existing worklet node instance the AllPoleNode methods (prototype derived once per class). */
function adopt(node: object, r: ResolvedAllPoleOptions): AllPoleNode {
  const proto = Object.getPrototypeOf(node) as object;
  let derived = adoptedPrototypes.get(proto);
  if (!derived) {
    derived = Object.create(proto) as object;
    Object.assign(derived, methods);
    adoptedPrototypes.set(proto, derived);
  }
  Object.setPrototypeOf(node, derived);
  initAllPole(node as NodeInternals, r);
  return node as AllPoleNode;
}

/** Tone.js-like context wrapper able to create (standardized-audio-context) worklet nodes. */
interface WorkletNodeFactory {
  createAudioWorkletNode(name: string, options?: Partial<AudioWorkletNodeOptions>): unknown;
}

function isNativeContext(context: unknown): context is BaseAudioContext {
  return typeof BaseAudioContext === 'function' && context instanceof BaseAudioContext;
}

/**
 * Creates an all-pole node on any supported context (after `await addAllPoleModule(context)`):
 * - native AudioContext/OfflineAudioContext → `new AllPoleFilterNode(context, options)`;
 * - a standardized-audio-context context → pass that library's `AudioWorkletNode` as
 *   `AudioWorkletNodeClass` (this package imports no dependency);
 * - a Tone.js context (`Tone.getContext()`) → built with its `createAudioWorkletNode`.
 * The result has the full {@link AllPoleNode} API on the library's own node class.
 * @throws TypeError when the context kind is not recognised.
 */
export function createAllPoleFilterNode(
  context: AllPoleContext,
  options: AllPoleFilterOptions,
  AudioWorkletNodeClass?: AudioWorkletNodeConstructorLike,
): AllPoleNode {
  if (isNativeContext(context) && !AudioWorkletNodeClass) return new AllPoleFilterNode(context, options);
  const r = resolveAllPoleOptions(options);
  if (AudioWorkletNodeClass) {
    const Ctor = AudioWorkletNodeClass as unknown as new (
      c: unknown,
      n: string,
      o: AudioWorkletNodeOptions,
    ) => object;
    return adopt(new Ctor(rawContextOf(context), r.processorName, r.node), r);
  }
  const factory = context as unknown as Partial<WorkletNodeFactory>;
  if (typeof factory.createAudioWorkletNode === 'function') {
    return adopt(factory.createAudioWorkletNode(r.processorName, r.node) as object, r);
  }
  const raw = rawContextOf(context);
  if (raw !== context && isNativeContext(raw)) return new AllPoleFilterNode(raw, options);
  throw new TypeError(
    'createAllPoleFilterNode: unrecognised context; for a standardized-audio-context context pass its ' +
      'AudioWorkletNode class as the third argument',
  );
}

export type { AllPoleFaultCode, AllPoleFaultDetail, AllPoleFaultEvent };
