/**
 * `AllPoleFilterNode`: an AudioWorkletNode running the diffiir all-pole processor, with
 * coefficient AudioParams (k1..kM or a1..aM) or, in track mode, posted reflection tracks
 * (`playTrack`, `appendFrames`); a `gain` AudioParam on the input, scheduling helpers,
 * `getFrequencyResponse` and 'fault' events. `createAllPoleFilterNode` gives the same API on
 * standardized-audio-context and Tone.js contexts.
 */
import {
  type AllPoleControl,
  type AllPoleDomain,
  type AllPoleFaultCode,
  coefficientParamName,
} from '../worklet/protocol.js';
import { type RampOptions, rampCoefficients, scheduleTrack, setCoefficients } from './controls.js';
import { type AllPoleFaultDetail, type AllPoleFaultEvent, parseFaultMessage } from './fault.js';
import { type AllPoleContext, rawContextOf } from './module.js';
import {
  type AllPoleFilterOptions,
  checkOutputLimit,
  type ResolvedAllPoleOptions,
  resolveAllPoleOptions,
} from './options.js';
import { allPoleFrequencyResponse } from './response.js';
import { appendMessage, type NodeTrack, type TrackFrames, trackMessage, transferList } from './track.js';

/** The API of an all-pole node, whatever AudioWorkletNode class carries it. */
export interface AllPoleNode {
  /** Filter order M. */
  readonly order: number;
  /** Coefficient domain, fixed at construction. */
  readonly domain: AllPoleDomain;
  /** 'params' (coefficient AudioParams) or 'track' (posted tracks), fixed at construction. */
  readonly control: AllPoleControl;
  /** The M coefficient AudioParams, in order (k1..kM or a1..aM); empty in track mode. */
  readonly coefficients: readonly AudioParam[];
  /** Input gain AudioParam (a-rate, default 1): output = filter(gain · input). */
  readonly gain: AudioParam;
  /** Called for every 'fault' event (in addition to addEventListener('fault', …)). */
  onfault: ((event: AllPoleFaultEvent) => void) | null;
  /** The processor port (for the node's own messages; prefer the methods below). */
  readonly port: MessagePort;
  /**
   * Track mode: plays the reflection track `{ k, logGain, hop }` (k frames×order row-major,
   * every |k| < 1; logGain one natural-log input gain per frame, default 0; hop in samples,
   * integer >= 1), frame f at sample `round(when·sampleRate) + f·hop` (`when` default now).
   * Per sample, k and logGain are interpolated linearly between frames and the last frame is
   * held, exactly like the core `trackLattice` model. It replaces the current track at `when`;
   * before that the current track (or the `coefficients` option, at unit gain) keeps playing,
   * and the lattice state carries over at the switch. The data are copied and transferred.
   * @returns a Promise that resolves once the processor holds the track (rejects if refused).
   * @throws TypeError/RangeError naming the argument; TypeError on a param-mode node.
   */
  playTrack(track: NodeTrack, when?: number): Promise<void>;
  /**
   * Track mode: appends frames `{ k, logGain? }` to the newest track, on its grid (they are
   * frames `frames..frames+n-1`). When playback passes the last frame it holds that frame (the
   * model's rule); frames that arrive late take effect on the grid where playback then is.
   * @returns a Promise that resolves once the processor holds the frames.
   */
  appendFrames(frames: TrackFrames): Promise<void>;
  /**
   * Sets every coefficient at `time` (default now), values in the node's domain; direct-domain
   * coefficients must be minimum phase (RangeError otherwise). Param mode only.
   */
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

/** Pending acknowledgements of a track-mode node's 'track'/'append' messages, by id. */
interface TrackLink {
  readonly waiting: Map<number, { resolve: () => void; reject: (e: Error) => void; what: string }>;
}
const links = new WeakMap<object, TrackLink>();
const idWords = new Uint32Array(2);

/**
 * A fresh message id: a random safe integer (53 bits) not pending, so a message that does not
 * come from the processor cannot name a pending id blindly (the node's port is public).
 */
function freshId(waiting: ReadonlyMap<number, unknown>): number {
  for (;;) {
    globalThis.crypto.getRandomValues(idWords);
    const id = (idWords[0] & 0x1fffff) * 0x100000000 + idWords[1];
    if (!waiting.has(id)) return id;
  }
}

/**
 * The processor's answer to a 'track'/'append' message (protocol.ts `AllPoleAckMessage`), or
 * null: it must be exactly `{ type: 'ack', id, ok }` (no other field, `id` a safe integer,
 * `ok` a boolean). Anything else never settles a pending playTrack/appendFrames.
 */
function parseAck(data: unknown): { id: number; ok: boolean } | null {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  const m = data as { type?: unknown; id?: unknown; ok?: unknown };
  if (m.type !== 'ack' || !Number.isSafeInteger(m.id) || typeof m.ok !== 'boolean') return null;
  if (Object.keys(m).length !== 3) return null;
  return { id: m.id as number, ok: m.ok };
}

function post(
  node: Initialised,
  what: string,
  build: (id: number) => { k: Float64Array; logGain: Float64Array | null },
) {
  if (node.control !== 'track')
    throw new TypeError(`${what}: this node has control 'params'; create it with { control: 'track' }`);
  const link = links.get(node) as TrackLink;
  const id = freshId(link.waiting);
  const msg = build(id);
  return new Promise<void>((resolve, reject) => {
    link.waiting.set(id, { resolve, reject, what });
    node.port.postMessage(msg, transferList(msg));
  });
}

function paramsOnly(node: Initialised, what: string): void {
  if (node.control === 'track')
    throw new TypeError(`${what}: not available in track mode (no coefficient AudioParams); use playTrack`);
}

/** Sets up the fields and the fault listener of a freshly constructed worklet node. */
function initAllPole(node: NodeInternals, r: ResolvedAllPoleOptions): void {
  const params: AudioParam[] = [];
  for (let i = 1; i <= (r.control === 'track' ? 0 : r.order); i++) {
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
    control: { value: r.control, enumerable: true },
    coefficients: { value: Object.freeze(params), enumerable: true },
    gain: { value: gain, enumerable: true },
  });
  self.onfault = null;
  const link: TrackLink = { waiting: new Map() };
  links.set(node, link);
  node.port.addEventListener('message', (e: MessageEvent) => {
    const ack = parseAck(e.data);
    if (ack !== null) {
      const w = link.waiting.get(ack.id);
      if (!w) return;
      link.waiting.delete(ack.id);
      if (ack.ok) w.resolve();
      else
        w.reject(new Error(`${w.what}: the processor refused the data (malformed or no track to append to)`));
      return;
    }
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
    Exclude<
      keyof AllPoleNode,
      keyof NodeInternals | 'order' | 'domain' | 'control' | 'coefficients' | 'gain' | 'onfault'
    >
  > = {
  playTrack(track, when) {
    return post(this, 'playTrack', (id) =>
      trackMessage(track, when ?? this.context.currentTime, this.order, this.context.sampleRate, id),
    );
  },
  appendFrames(frames) {
    return post(this, 'appendFrames', (id) => appendMessage(frames, this.order, id));
  },
  setCoefficients(coeffs, time) {
    paramsOnly(this, 'setCoefficients');
    setCoefficients(this, coeffs, time);
  },
  rampCoefficients(coeffs, endTime, options) {
    paramsOnly(this, 'rampCoefficients');
    rampCoefficients(this, coeffs, endTime, options);
  },
  scheduleTrack(track, startTime, hop) {
    paramsOnly(this, 'scheduleTrack');
    scheduleTrack(this, track, startTime, hop);
  },
  cancelScheduledCoefficients(time, keepGain) {
    for (const p of this.coefficients) p.cancelScheduledValues(time);
    if (!keepGain) this.gain.cancelScheduledValues(time);
  },
  getCoefficients(out) {
    paramsOnly(this, 'getCoefficients');
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
    checkOutputLimit('setOutputLimit: limit', limit);
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
 * Call `await addAllPoleModule(context)` first. Output = 1/A(z) applied to gain · input, per
 * channel; 'reflection' (default) runs a lattice on k1..kM (clamped into (-1, 1): always
 * stable), 'direct' runs `y[t] = x[t] - Σ a_i y[t-i]` on a1..aM (torchlpc convention), and
 * `{ control: 'track' }` (reflection) plays posted reflection tracks with `playTrack`. Every
 * quantum whose |output| exceeds `outputLimit` (default 4) is silenced and reported.
 */
export class AllPoleFilterNode extends NativeBase implements AllPoleNode {
  declare readonly order: number;
  declare readonly domain: AllPoleDomain;
  declare readonly control: AllPoleControl;
  declare readonly coefficients: readonly AudioParam[];
  declare readonly gain: AudioParam;
  declare onfault: ((event: AllPoleFaultEvent) => void) | null;
  declare playTrack: AllPoleNode['playTrack'];
  declare appendFrames: AllPoleNode['appendFrames'];
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
