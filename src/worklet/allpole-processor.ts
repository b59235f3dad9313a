/**
 * AudioWorklet entry of the diffiir all-pole filter: a thin AudioWorkletProcessor over the core
 * kernels (no maths of its own). Registers one processor per domain and order 1..MAX_ORDER
 * (see `allPoleProcessorName`); exports nothing. Loaded by URL with `audioWorklet.addModule`.
 *
 * Per quantum (length T taken from the output buffers, never assumed to be 128):
 * - the coefficient AudioParam arrays (length 1 or T) go straight to the core kernels, which
 *   read them in place (no coefficient matrix is gathered): 'reflection' runs
 *   `latticeFromParams` (k clamped into ±REFLECTION_LIMIT on the fly), 'direct' runs
 *   `allpoleFromParams` (`y[t] = x[t] - Σ a_i y[t-i]`); the per-channel state is kept across
 *   quanta and never reset by a coefficient change;
 * - output = gain[t] · filter output; channels beyond the input's are fed zeros (tails ring);
 * - a non-finite input/coefficient/gain, or |filter output| above the bound, gives silence for
 *   that quantum, zeroes the state and posts a fault (once per run of faulty quanta);
 * - tiny state and output values are flushed to zero (no denormals after a loud impulse);
 * - returns true while an input is connected or the tail still rings — and always until the
 *   node is released (message { type: 'release' }): Chrome never calls a processor again once
 *   it returned false, so an unreleased node must stay alive for inputs connected later.
 * The real-time path allocates nothing: buffers are sized in the constructor and re-sized only
 * if the quantum length changes (`resize`, outside `process`).
 */
import {
  allpoleFromParams,
  latticeFromParams,
  PARAMS_NONFINITE_COEFFICIENT,
  paramsFinite,
} from '../core/allpole/from-params.js';
import {
  type AllPoleDomain,
  type AllPoleFaultCode,
  type AllPoleFaultMessage,
  type AllPoleProcessorOptions,
  allPoleProcessorName,
  coefficientParamName,
  DEFAULT_FLUSH_THRESHOLD,
  DEFAULT_OUTPUT_LIMIT,
  MAX_ORDER,
  REFLECTION_LIMIT,
} from './protocol.js';
import { allFinite, applyGain, boundAndFlush, flushState, silence } from './quantum.js';
import type { ParamDescriptor, ProcessorBaseConstructor, RegisterProcessor } from './scope.js';

// Globals of the AudioWorkletGlobalScope, used as bare identifiers (see scope.ts).
declare const AudioWorkletProcessor: ProcessorBaseConstructor;
declare const registerProcessor: RegisterProcessor;
declare const currentFrame: number;

/** Most channels a node can have (Web Audio's limit is 32). */
const MAX_CHANNELS = 32;

const MESSAGES: Record<AllPoleFaultCode, string> = {
  'nonfinite-input': 'input contains NaN or Infinity: quantum silenced, state reset',
  'nonfinite-coefficient': 'a coefficient is NaN or Infinity: quantum silenced, state reset',
  'nonfinite-gain': 'gain is NaN or Infinity: quantum silenced, state reset',
  'output-bound':
    'filter output exceeded the output limit (unstable coefficients?): quantum silenced, state reset',
  'bad-message': 'malformed port message ignored',
};

function positiveOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

class AllPoleProcessor extends AudioWorkletProcessor {
  private readonly M: number;
  private readonly reflection: boolean;
  private readonly names: string[];
  private readonly refs: Float32Array[];
  private readonly states: Float64Array[];
  private readonly stateAll: Float64Array;
  private zeros = new Float32Array(0);
  private T = -1;
  private outputLimit: number;
  private readonly flushThreshold: number;
  private lastFault = '';
  private released = false;
  private readonly faultMessage: AllPoleFaultMessage = {
    type: 'fault',
    code: 'bad-message',
    message: '',
    frame: 0,
  };

  constructor(options: AudioWorkletNodeOptions | undefined, domain: AllPoleDomain, order: number) {
    super(options);
    const opts = (options?.processorOptions ?? {}) as AllPoleProcessorOptions;
    this.M = order;
    this.reflection = domain === 'reflection';
    this.names = [];
    this.refs = [];
    for (let i = 1; i <= order; i++) {
      this.names.push(coefficientParamName(domain, i));
      this.refs.push(new Float32Array(1));
    }
    this.stateAll = new Float64Array(MAX_CHANNELS * order);
    this.states = [];
    for (let c = 0; c < MAX_CHANNELS; c++)
      this.states.push(this.stateAll.subarray(c * order, (c + 1) * order));
    this.outputLimit = positiveOr(opts.outputLimit, DEFAULT_OUTPUT_LIMIT);
    this.flushThreshold = positiveOr(opts.flushThreshold, DEFAULT_FLUSH_THRESHOLD);
    this.resize(128);
    this.port.onmessage = (e: MessageEvent) => this.onMessage(e.data);
  }

  /** (Re)allocates the per-quantum buffers for quanta of T frames (outside the real-time path). */
  private resize(T: number): void {
    this.T = T;
    this.zeros = new Float32Array(T);
  }

  private onMessage(data: unknown): void {
    const msg = data as { type?: unknown; value?: unknown } | null;
    if (msg !== null && typeof msg === 'object') {
      if (msg.type === 'release') {
        this.released = true;
        return;
      }
      if (msg.type === 'reset') {
        this.stateAll.fill(0);
        return;
      }
      if (
        msg.type === 'outputLimit' &&
        typeof msg.value === 'number' &&
        Number.isFinite(msg.value) &&
        msg.value > 0
      ) {
        this.outputLimit = msg.value;
        return;
      }
    }
    this.report('bad-message');
  }

  private report(code: AllPoleFaultCode): void {
    const m = this.faultMessage;
    m.code = code;
    m.message = MESSAGES[code];
    m.frame = currentFrame;
    this.port.postMessage(m);
  }

  /** Silences the quantum, resets every state and reports `code` (once per run of faults). */
  private fault(output: Float32Array[], code: AllPoleFaultCode): boolean {
    silence(output);
    this.stateAll.fill(0);
    if (this.lastFault !== code) this.report(code);
    this.lastFault = code;
    return true;
  }

  process(
    inputs: Float32Array[][],
    outputs: Float32Array[][],
    parameters: Record<string, Float32Array>,
  ): boolean {
    const output = outputs[0];
    if (output === undefined || output.length === 0) return true;
    const T = output[0].length;
    if (T !== this.T) this.resize(T);
    const input = inputs[0];
    const nIn = input === undefined ? 0 : input.length;
    const M = this.M;
    const refs = this.refs;
    for (let i = 0; i < M; i++) refs[i] = parameters[this.names[i]];
    const gain = parameters.gain;
    // A non-finite coefficient is reported before a non-finite gain (scan only on this fault path).
    if (!allFinite(gain))
      return this.fault(output, paramsFinite(refs, M) ? 'nonfinite-gain' : 'nonfinite-coefficient');
    let ringing = false;
    const nOut = Math.min(output.length, MAX_CHANNELS);
    for (let c = 0; c < nOut; c++) {
      const x = c < nIn ? input[c] : this.zeros;
      const y = output[c];
      const state = this.states[c];
      const code = this.reflection
        ? latticeFromParams(x, refs, M, state, y, REFLECTION_LIMIT)
        : allpoleFromParams(x, refs, M, state, y);
      if (code === PARAMS_NONFINITE_COEFFICIENT) return this.fault(output, 'nonfinite-coefficient');
      if (!boundAndFlush(y, this.outputLimit, this.flushThreshold)) {
        return this.fault(output, c < nIn && !allFinite(input[c]) ? 'nonfinite-input' : 'output-bound');
      }
      applyGain(y, gain);
      if (!flushState(state, this.flushThreshold)) ringing = true;
    }
    this.lastFault = '';
    return !this.released || nIn > 0 || ringing;
  }
}

function descriptors(domain: AllPoleDomain, order: number): ParamDescriptor[] {
  const list: ParamDescriptor[] = [];
  for (let i = 1; i <= order; i++) {
    const d: ParamDescriptor = {
      name: coefficientParamName(domain, i),
      defaultValue: 0,
      automationRate: 'a-rate',
    };
    if (domain === 'reflection') {
      d.minValue = -1;
      d.maxValue = 1;
    }
    list.push(d);
  }
  list.push({ name: 'gain', defaultValue: 1, automationRate: 'a-rate' });
  return list;
}

function register(domain: AllPoleDomain, order: number): void {
  const params = descriptors(domain, order);
  class Registered extends AllPoleProcessor {
    static get parameterDescriptors(): ParamDescriptor[] {
      return params;
    }
    constructor(options?: AudioWorkletNodeOptions) {
      super(options, domain, order);
    }
  }
  registerProcessor(allPoleProcessorName(domain, order), Registered);
}

for (let order = 1; order <= MAX_ORDER; order++) {
  register('reflection', order);
  register('direct', order);
}
