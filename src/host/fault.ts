/**
 * Fault reports of the all-pole processor, surfaced on the node as a 'fault' CustomEvent
 * (and the `onfault` handler), with `detail = { code, message, frame }`.
 */
import type { AllPoleFaultCode } from '../worklet/protocol.js';

/** Detail of a 'fault' event. */
export interface AllPoleFaultDetail {
  /**
   * What went wrong: non-finite input/coefficient/gain, output bound, 'growth' (direct domain:
   * the output grows like an unstable filter's), or a bad port message.
   */
  code: AllPoleFaultCode;
  /** Human-readable description. */
  message: string;
  /** Context frame of the faulty quantum. */
  frame: number;
}

/** The event dispatched on the node for each run of faulty quanta (or each bad message). */
export type AllPoleFaultEvent = CustomEvent<AllPoleFaultDetail>;

const CODES: ReadonlySet<string> = new Set<AllPoleFaultCode>([
  'nonfinite-input',
  'nonfinite-coefficient',
  'nonfinite-gain',
  'output-bound',
  'growth',
  'bad-message',
]);

/** Parses a processor port message; returns the fault detail, or null if it is not a fault. */
export function parseFaultMessage(data: unknown): AllPoleFaultDetail | null {
  if (data === null || typeof data !== 'object') return null;
  const m = data as { type?: unknown; code?: unknown; message?: unknown; frame?: unknown };
  if (m.type !== 'fault' || typeof m.code !== 'string' || !CODES.has(m.code)) return null;
  return {
    code: m.code as AllPoleFaultCode,
    message: typeof m.message === 'string' ? m.message : '',
    frame: typeof m.frame === 'number' ? m.frame : -1,
  };
}
