/**
 * Options of the all-pole filter node and their translation to AudioWorkletNodeOptions.
 * Pure functions (no Web Audio objects): importable and testable anywhere.
 */
import {
  type AllPoleDomain,
  type AllPoleProcessorOptions,
  allPoleProcessorName,
  coefficientParamName,
  MAX_ORDER,
} from '../worklet/protocol.js';

/** Options of `AllPoleFilterNode` / `createAllPoleFilterNode` (AudioNodeOptions-like). */
export interface AllPoleFilterOptions {
  /** Filter order M, 1..MAX_ORDER (48). Default: `coefficients.length`. */
  order?: number;
  /** 'reflection' (default: params k1..kM, lattice, always stable) or 'direct' (a1..aM). */
  domain?: AllPoleDomain;
  /**
   * Initial coefficients in the node's domain: k_1..k_M ('reflection', each in (-1, 1)) or
   * a_1..a_M of `A(z) = 1 + Σ a_i z^-i` ('direct', torchlpc convention). Missing entries are 0.
   */
  coefficients?: ArrayLike<number>;
  /** Initial value of the `gain` AudioParam (output = gain · filter output). Default 1. */
  gain?: number;
  /** Bound on |filter output| before a quantum is declared faulty. Default 1e6. */
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
  processorName: string;
  /** Options for the AudioWorkletNode constructor (native or standardized-audio-context). */
  node: AudioWorkletNodeOptions;
}

/**
 * Validates `options` and builds the AudioWorkletNodeOptions: one input, one output with a
 * fixed `outputChannelCount` (always given: standardized-audio-context would otherwise derive
 * it from channelCount modes), initial `parameterData` and `processorOptions`.
 * @throws RangeError/TypeError naming the offending option.
 */
export function resolveAllPoleOptions(options: AllPoleFilterOptions = {}): ResolvedAllPoleOptions {
  const fn = 'AllPoleFilterNode';
  const domain = options.domain ?? 'reflection';
  if (domain !== 'reflection' && domain !== 'direct') {
    throw new TypeError(`${fn}: options.domain must be 'reflection' or 'direct' (got ${String(domain)})`);
  }
  const coeffs = options.coefficients;
  const order = options.order ?? coeffs?.length;
  if (order === undefined) throw new TypeError(`${fn}: options.order (or options.coefficients) is required`);
  if (!Number.isInteger(order) || order < 1 || order > MAX_ORDER) {
    throw new RangeError(`${fn}: options.order must be an integer in 1..${MAX_ORDER} (got ${order})`);
  }
  const parameterData: Record<string, number> = {};
  if (coeffs !== undefined) {
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
      parameterData[coefficientParamName(domain, i + 1)] = v;
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
  const processorOptions: AllPoleProcessorOptions = {};
  if (options.outputLimit !== undefined) {
    if (!(Number.isFinite(options.outputLimit) && options.outputLimit > 0)) {
      throw new RangeError(`${fn}: options.outputLimit must be finite and > 0`);
    }
    processorOptions.outputLimit = options.outputLimit;
  }
  return {
    order,
    domain,
    processorName: allPoleProcessorName(domain, order),
    node: {
      numberOfInputs: 1,
      numberOfOutputs: 1,
      outputChannelCount: [channelCount],
      channelCount,
      channelCountMode: options.channelCountMode ?? 'explicit',
      channelInterpretation: options.channelInterpretation ?? 'speakers',
      parameterData,
      processorOptions,
    },
  };
}
