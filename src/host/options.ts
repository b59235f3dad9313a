/**
 * Options of the all-pole filter node and their translation to AudioWorkletNodeOptions.
 * Pure functions (no Web Audio objects): importable and testable anywhere.
 */
import { isStable } from '../core/params/reflection.js';
import {
  type AllPoleControl,
  type AllPoleDomain,
  type AllPoleProcessorOptions,
  allPoleProcessorName,
  coefficientParamName,
  MAX_ORDER,
  MIN_OUTPUT_LIMIT,
} from '../worklet/protocol.js';

/** Options of `AllPoleFilterNode` / `createAllPoleFilterNode` (AudioNodeOptions-like). */
export interface AllPoleFilterOptions {
  /** Filter order M, 1..MAX_ORDER (48). Default: `coefficients.length`. */
  order?: number;
  /** 'reflection' (default: params k1..kM, lattice, always stable) or 'direct' (a1..aM). */
  domain?: AllPoleDomain;
  /**
   * 'params' (default): one a-rate AudioParam per coefficient. 'track' (reflection domain
   * only): no coefficient AudioParams; the node plays reflection tracks posted with
   * `playTrack`/`appendFrames`, interpolated inside the processor.
   */
  control?: AllPoleControl;
  /**
   * Initial coefficients in the node's domain: k_1..k_M ('reflection', each in (-1, 1)) or
   * a_1..a_M of `A(z) = 1 + Σ a_i z^-i` ('direct', torchlpc convention; must be minimum phase,
   * i.e. stable). Missing entries are 0. In track mode: the k played before the first track.
   */
  coefficients?: ArrayLike<number>;
  /**
   * Initial value of the `gain` AudioParam, which scales the input (the excitation, like the
   * model's `exp(logGain)`): output = filter(gain · input). Default 1.
   */
  gain?: number;
  /**
   * Bound on |output| (finite, >= MIN_OUTPUT_LIMIT = 1e-6): a quantum exceeding it is silenced,
   * the state reset and a 'output-bound' fault reported. Default 4 (+12 dBFS), a level a
   * listener survives; raise it for filters with large gains.
   */
  outputLimit?: number;
  /**
   * Channels processed (input is up/down-mixed to this count, output has it). Default 2,
   * like native filter nodes; use 1 for mono graphs (half the cost).
   */
  channelCount?: number;
  /** Default 'explicit' (the output channel count of a worklet node is fixed). */
  channelCountMode?: ChannelCountMode;
  /** Default 'speakers'. */
  channelInterpretation?: ChannelInterpretation;
}

/** Options after validation and defaults. */
export interface ResolvedAllPoleOptions {
  order: number;
  domain: AllPoleDomain;
  control: AllPoleControl;
  processorName: string;
  /** Options for the AudioWorkletNode constructor (native or standardized-audio-context). */
  node: AudioWorkletNodeOptions;
}

/** Web Audio's ChannelCountMode and ChannelInterpretation values. */
const CHANNEL_COUNT_MODES: readonly unknown[] = ['max', 'clamped-max', 'explicit'];
const CHANNEL_INTERPRETATIONS: readonly unknown[] = ['speakers', 'discrete'];

/**
 * Validates `options` and builds the AudioWorkletNodeOptions: one input, one output with a
 * fixed `outputChannelCount` (always given: standardized-audio-context would otherwise derive
 * it from channelCount modes), initial `parameterData` and `processorOptions`.
 * @throws RangeError/TypeError naming the offending option.
 */
export function resolveAllPoleOptions(options: AllPoleFilterOptions = {}): ResolvedAllPoleOptions {
  const fn = 'AllPoleFilterNode';
  if (options === null || typeof options !== 'object') {
    throw new TypeError(
      `${fn}: options must be an object such as { order: 16 } (got ${options === null ? 'null' : typeof options})`,
    );
  }
  const domain = options.domain ?? 'reflection';
  if (domain !== 'reflection' && domain !== 'direct') {
    throw new TypeError(`${fn}: options.domain must be 'reflection' or 'direct' (got ${String(domain)})`);
  }
  const control = options.control ?? 'params';
  if (control !== 'params' && control !== 'track') {
    throw new TypeError(`${fn}: options.control must be 'params' or 'track' (got ${String(control)})`);
  }
  if (control === 'track' && domain !== 'reflection') {
    throw new TypeError(`${fn}: options.control 'track' needs options.domain 'reflection'`);
  }
  const coeffs = options.coefficients;
  const order = options.order ?? coeffs?.length;
  if (order === undefined) throw new TypeError(`${fn}: options.order (or options.coefficients) is required`);
  if (!Number.isInteger(order) || order < 1 || order > MAX_ORDER) {
    throw new RangeError(`${fn}: options.order must be an integer in 1..${MAX_ORDER} (got ${order})`);
  }
  const parameterData: Record<string, number> = {};
  const trackCoefficients: number[] = [];
  if (coeffs !== undefined) {
    if (coeffs === null || typeof coeffs !== 'object' || typeof coeffs.length !== 'number')
      throw new TypeError(`${fn}: options.coefficients must be an array of numbers`);
    if (coeffs.length > order) {
      throw new RangeError(
        `${fn}: options.coefficients has ${coeffs.length} entries, more than order ${order}`,
      );
    }
    for (let i = 0; i < coeffs.length; i++) {
      const v = coeffs[i];
      if (!Number.isFinite(v)) throw new RangeError(`${fn}: options.coefficients[${i}] must be finite`);
      if (domain === 'reflection' && !(Math.abs(v) < 1)) {
        throw new RangeError(
          `${fn}: options.coefficients[${i}] must lie in (-1, 1) in the reflection domain`,
        );
      }
      if (control === 'track') trackCoefficients.push(v);
      else parameterData[coefficientParamName(domain, i + 1)] = v;
    }
    if (domain === 'direct' && coeffs.length > 0 && !isStable(coeffs)) {
      throw new RangeError(
        `${fn}: options.coefficients are not minimum phase (an unstable direct-form filter); ` +
          "use domain 'reflection' with |k| < 1 to be stable by construction",
      );
    }
  }
  if (options.gain !== undefined) {
    if (!Number.isFinite(options.gain)) throw new RangeError(`${fn}: options.gain must be finite`);
    parameterData.gain = options.gain;
  }
  const channelCount = options.channelCount ?? 2;
  if (!Number.isInteger(channelCount) || channelCount < 1 || channelCount > 32) {
    throw new RangeError(`${fn}: options.channelCount must be an integer in 1..32 (got ${channelCount})`);
  }
  const channelCountMode = options.channelCountMode === undefined ? 'explicit' : options.channelCountMode;
  if (!CHANNEL_COUNT_MODES.includes(channelCountMode)) {
    throw new TypeError(
      `${fn}: options.channelCountMode must be 'max', 'clamped-max' or 'explicit' (got ${String(channelCountMode)})`,
    );
  }
  const channelInterpretation =
    options.channelInterpretation === undefined ? 'speakers' : options.channelInterpretation;
  if (!CHANNEL_INTERPRETATIONS.includes(channelInterpretation)) {
    throw new TypeError(
      `${fn}: options.channelInterpretation must be 'speakers' or 'discrete' (got ${String(channelInterpretation)})`,
    );
  }
  const processorOptions: AllPoleProcessorOptions = {};
  if (control === 'track') processorOptions.coefficients = trackCoefficients;
  if (options.outputLimit !== undefined) {
    checkOutputLimit(`${fn}: options.outputLimit`, options.outputLimit);
    processorOptions.outputLimit = options.outputLimit;
  }
  return {
    order,
    domain,
    control,
    processorName: allPoleProcessorName(domain, order, control),
    node: {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [channelCount],
      channelCount,
      channelCountMode,
      channelInterpretation,
      parameterData,
      processorOptions,
    },
  };
}

/**
 * Checks an output bound: finite and >= {@link MIN_OUTPUT_LIMIT} (1e-6, -120 dBFS).
 * @throws RangeError naming `what`.
 */
export function checkOutputLimit(what: string, limit: unknown): void {
  if (!(typeof limit === 'number' && Number.isFinite(limit) && limit >= MIN_OUTPUT_LIMIT)) {
    throw new RangeError(`${what} must be a finite number >= ${MIN_OUTPUT_LIMIT} (got ${String(limit)})`);
  }
}
