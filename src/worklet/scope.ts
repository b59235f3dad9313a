/**
 * Types of the AudioWorkletGlobalScope (TypeScript's DOM lib does not describe it).
 *
 * The processor must refer to `AudioWorkletProcessor`, `registerProcessor` and `currentFrame`
 * as bare identifiers (declared with `declare const` in the entry file, nothing global is
 * declared for the rest of the project): standardized-audio-context evaluates a worklet inside
 * a wrapper whose parameters shadow exactly these names, so `globalThis.registerProcessor`
 * would bypass its registry.
 */

/** Minimal AudioWorkletProcessor instance surface used here. */
export interface ProcessorBase {
  readonly port: MessagePort;
}

/** Constructor of the scope's AudioWorkletProcessor. */
export type ProcessorBaseConstructor = new (options?: AudioWorkletNodeOptions) => ProcessorBase;

/** Signature of the scope's `registerProcessor`. */
export type RegisterProcessor = (
  name: string,
  ctor: new (options?: AudioWorkletNodeOptions) => unknown,
) => void;

/** Parameter descriptor as accepted by `registerProcessor` (static `parameterDescriptors`). */
export interface ParamDescriptor {
  name: string;
  defaultValue: number;
  minValue?: number;
  maxValue?: number;
  automationRate: 'a-rate' | 'k-rate';
}
