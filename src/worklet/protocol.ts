/**
 * Names and message shapes shared by the all-pole AudioWorklet processor (src/worklet) and its
 * host-side node (src/host). Pure constants and types: safe to import in the worklet scope.
 *
 * One processor is registered per (domain, order) so that a node only carries the AudioParams
 * it uses: `k1..kM` ('reflection') or `a1..aM` ('direct'), plus `gain`.
 */

/** Coefficient domain of a node, fixed at construction. */
export type AllPoleDomain = 'reflection' | 'direct';

/** Highest supported order (coefficient AudioParams per node). */
export const MAX_ORDER = 48;

/** Reflection coefficients are clamped into [-REFLECTION_LIMIT, REFLECTION_LIMIT] (core clampReflection). */
export const REFLECTION_LIMIT = 0.999999;

/** Default bound on |filter output| before a quantum is declared faulty ('output-bound'). */
export const DEFAULT_OUTPUT_LIMIT = 1e6;

/** State magnitudes below this are flushed to 0 after each quantum (no denormal slow-down). */
export const DEFAULT_FLUSH_THRESHOLD = 1e-30;

/** Name under which the processor for `domain` and `order` is registered. */
export function allPoleProcessorName(domain: AllPoleDomain, order: number): string {
  return `diffiir-allpole-${domain === 'direct' ? 'd' : 'r'}${order}`;
}

/** Name of the i-th coefficient AudioParam (1-based): `k<i>` or `a<i>`. */
export function coefficientParamName(domain: AllPoleDomain, i: number): string {
  return (domain === 'direct' ? 'a' : 'k') + i;
}

/** Fault codes reported by the processor. */
export type AllPoleFaultCode =
  | 'nonfinite-input'
  | 'nonfinite-coefficient'
  | 'nonfinite-gain'
  | 'output-bound'
  | 'bad-message';

/** Message posted by the processor on its port when a quantum (or a message) is rejected. */
export interface AllPoleFaultMessage {
  type: 'fault';
  code: AllPoleFaultCode;
  message: string;
  /** `currentFrame` of the faulty quantum (or of the last quantum, for 'bad-message'). */
  frame: number;
}

/** Messages the processor accepts on its port; anything else is reported as 'bad-message'. */
export type AllPoleControlMessage =
  /** Zero the filter state of every channel. */
  | { type: 'reset' }
  /**
   * Let process() return false once no input is connected and the tail has rung out (the node
   * can then be collected; Chrome never restarts such a processor, so this is final).
   */
  | { type: 'release' }
  /** Change the output bound (finite, > 0). */
  | { type: 'outputLimit'; value: number };

/** `processorOptions` understood by the processor (domain and order come from its name). */
export interface AllPoleProcessorOptions {
  /** Bound on |filter output| (before gain); default {@link DEFAULT_OUTPUT_LIMIT}. */
  outputLimit?: number;
  /** Flush threshold for the state; default {@link DEFAULT_FLUSH_THRESHOLD}. */
  flushThreshold?: number;
}
