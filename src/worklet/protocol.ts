/**
 * Names and message shapes shared by the all-pole AudioWorklet processor (src/worklet) and its
 * host-side node (src/host). Pure constants and types: safe to import in the worklet scope.
 *
 * One processor is registered per (domain, order) so that a node only carries the AudioParams
 * it uses: `k1..kM` ('reflection') or `a1..aM` ('direct'), plus `gain`; and one track processor
 * per order (reflection domain, control 'track'), whose only AudioParam is `gain`.
 */

/** Coefficient domain of a node, fixed at construction. */
export type AllPoleDomain = 'reflection' | 'direct';

/**
 * How the coefficients of a node are driven, fixed at construction: 'params' (one a-rate
 * AudioParam per coefficient) or 'track' (reflection domain only: a frame-rate reflection track
 * posted to the processor and interpolated inside it, no coefficient AudioParams).
 */
export type AllPoleControl = 'params' | 'track';

/** Highest supported order (coefficient AudioParams per node). */
export const MAX_ORDER = 48;

/** Reflection coefficients are clamped into [-REFLECTION_LIMIT, REFLECTION_LIMIT] (core clampReflection). */
export const REFLECTION_LIMIT = 0.999999;

/**
 * Default bound on |output| before a quantum is declared faulty ('output-bound'): 4 (+12 dBFS),
 * a level a listener survives behind any destination's clipping. Settable per node.
 */
export const DEFAULT_OUTPUT_LIMIT = 4;

/** Smallest accepted output bound (-120 dBFS); smaller values would silence any signal. */
export const MIN_OUTPUT_LIMIT = 1e-6;

/** State magnitudes below this are flushed to 0 after each quantum (no denormal slow-down). */
export const DEFAULT_FLUSH_THRESHOLD = 1e-30;

/** Name under which the processor for `domain` and `order` is registered. */
export function allPoleProcessorName(
  domain: AllPoleDomain,
  order: number,
  control: AllPoleControl = 'params',
): string {
  if (control === 'track') return `diffiir-allpole-t${order}`;
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
  | 'growth'
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
  /** Change the output bound (finite, >= MIN_OUTPUT_LIMIT). */
  | { type: 'outputLimit'; value: number }
  | AllPoleTrackMessage
  | AllPoleAppendMessage;

/**
 * Track processors only: a reflection track that replaces the current one at absolute sample
 * `start` (frame f sits at `start + f·hop`). `k` (frames×order, every |k| < 1) and `logGain`
 * (frames, or null for unit gain) are adopted by the processor as its storage (post them
 * transferred). Answered by an {@link AllPoleAckMessage} with the same `id`.
 */
export interface AllPoleTrackMessage {
  type: 'track';
  id: number;
  start: number;
  hop: number;
  k: Float64Array;
  logGain: Float64Array | null;
}

/** Track processors only: frames appended to the latest track (same grid). Answered by an ack. */
export interface AllPoleAppendMessage {
  type: 'append';
  id: number;
  k: Float64Array;
  logGain: Float64Array | null;
}

/** Answer of a track processor to a 'track' or 'append' message (`ok` false: rejected). */
export interface AllPoleAckMessage {
  type: 'ack';
  id: number;
  ok: boolean;
}

/** `processorOptions` understood by the processor (domain and order come from its name). */
export interface AllPoleProcessorOptions {
  /** Bound on |output|; default {@link DEFAULT_OUTPUT_LIMIT}. */
  outputLimit?: number;
  /** Track processors: reflection coefficients played before the first track (default zeros). */
  coefficients?: number[];
  /** Flush threshold for the state; default {@link DEFAULT_FLUSH_THRESHOLD}. */
  flushThreshold?: number;
}
