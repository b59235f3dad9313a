/**
 * diffiir/tone: the all-pole filter as a Tone.js node (`tone` is a peer dependency, external).
 *
 *   await loadAllPoleFilter();            // once per context (registers the worklet)
 *   const f = new AllPoleFilter({ order: 16, domain: 'reflection' }).toDestination();
 *   f.coefficients[0].rampTo(0.5, 1);    // Tone Params for coefficients and gain
 */
import { getContext, Param, ToneAudioNode, type ToneAudioNodeOptions } from 'tone';
import { type AllPoleDomain, DEFAULT_OUTPUT_LIMIT } from '../worklet/protocol.js';
import type { RampOptions } from './controls.js';
import type { AllPoleFaultEvent } from './fault.js';
import { type AddAllPoleModuleOptions, addAllPoleModule } from './module.js';
import { type AllPoleNode, createAllPoleFilterNode } from './node.js';
import type { AllPoleFilterOptions } from './options.js';

/** Options of {@link AllPoleFilter} (Tone-style: every field has a default). */
export interface AllPoleFilterToneOptions extends ToneAudioNodeOptions {
  order: number;
  domain: AllPoleDomain;
  /** Initial coefficients in the node's domain (missing entries are 0). */
  coefficients: number[];
  gain: number;
  /** Channels processed (fixed output count); default 2. */
  channels: number;
  /** Bound on |output| before a quantum is a fault; default 4 (DEFAULT_OUTPUT_LIMIT). */
  outputLimit: number;
}

type ToneContextLike = Parameters<typeof addAllPoleModule>[0];

/**
 * Registers the all-pole worklet on Tone's context (default: the global one).
 * @param options.url Where the worklet file is served (see `addAllPoleModule`).
 */
export function loadAllPoleFilter(
  context: ToneContextLike = getContext() as unknown as ToneContextLike,
  options: AddAllPoleModuleOptions = {},
): Promise<void> {
  return addAllPoleModule(context, options);
}

/**
 * Tone.js wrapper of the all-pole node: `input`/`output` are the worklet node itself,
 * `coefficients` and `gain` are Tone Params over its AudioParams.
 * Call {@link loadAllPoleFilter} (await it) before constructing.
 */
export class AllPoleFilter extends ToneAudioNode<AllPoleFilterToneOptions> {
  readonly name: string = 'AllPoleFilter';
  readonly input: AudioNode;
  readonly output: AudioNode;
  /** The underlying worklet node (full AllPoleNode API: scheduleTrack, getFrequencyResponse…). */
  readonly node: AllPoleNode;
  /** Coefficient Params in order (k1..kM or a1..aM). */
  readonly coefficients: Param<'number'>[];
  /** Input gain Param (scales the excitation before the filter). */
  readonly gain: Param<'number'>;
  readonly order: number;
  readonly domain: AllPoleDomain;

  constructor(options?: Partial<AllPoleFilterToneOptions>) {
    const opts = Object.assign(AllPoleFilter.getDefaults(), options ?? {}) as AllPoleFilterToneOptions;
    super(opts);
    const nodeOptions: AllPoleFilterOptions = {
      order: opts.order,
      domain: opts.domain,
      coefficients: opts.coefficients,
      gain: opts.gain,
      channelCount: opts.channels,
      outputLimit: opts.outputLimit,
    };
    this.node = createAllPoleFilterNode(this.context as unknown as ToneContextLike, nodeOptions);
    this.order = this.node.order;
    this.domain = this.node.domain;
    this.input = this.node as unknown as AudioNode;
    this.output = this.node as unknown as AudioNode;
    this.coefficients = this.node.coefficients.map(
      (param, i) =>
        new Param<'number'>({
          context: this.context,
          param,
          units: 'number',
          convert: false,
          value: opts.coefficients[i] ?? 0,
        }),
    );
    this.gain = new Param<'number'>({
      context: this.context,
      param: this.node.gain,
      units: 'number',
      convert: false,
      value: opts.gain,
    });
  }

  static override getDefaults(): AllPoleFilterToneOptions {
    return Object.assign(ToneAudioNode.getDefaults(), {
      order: 2,
      domain: 'reflection' as AllPoleDomain,
      coefficients: [] as number[],
      gain: 1,
      channels: 2,
      outputLimit: DEFAULT_OUTPUT_LIMIT,
    });
  }

  /** Called with each 'fault' event of the worklet node. */
  set onfault(handler: ((event: AllPoleFaultEvent) => void) | null) {
    this.node.onfault = handler;
  }
  get onfault(): ((event: AllPoleFaultEvent) => void) | null {
    return this.node.onfault;
  }

  /** See AllPoleNode.setCoefficients (seconds; default now). */
  setCoefficients(coeffs: ArrayLike<number>, time?: number): this {
    this.node.setCoefficients(coeffs, time);
    return this;
  }

  /** See AllPoleNode.rampCoefficients (interpolates in the reflection domain). */
  rampCoefficients(coeffs: ArrayLike<number>, endTime: number, options?: RampOptions): this {
    this.node.rampCoefficients(coeffs, endTime, options);
    return this;
  }

  /** See AllPoleNode.scheduleTrack (frames×order, hop in samples). */
  scheduleTrack(track: ArrayLike<number>, startTime: number, hop: number): this {
    this.node.scheduleTrack(track, startTime, hop);
    return this;
  }

  /** See AllPoleNode.getFrequencyResponse (native filter rules). */
  getFrequencyResponse(
    frequencyHz: Float32Array,
    magResponse: Float32Array,
    phaseResponse: Float32Array,
  ): void {
    this.node.getFrequencyResponse(frequencyHz, magResponse, phaseResponse);
  }

  override dispose(): this {
    super.dispose();
    for (const p of this.coefficients) p.dispose();
    this.gain.dispose();
    this.node.onfault = null;
    (this.node as unknown as AudioNode).disconnect();
    this.node.release();
    this.node.port.close();
    return this;
  }
}
