/**
 * AudioWorklet entry of the diffiir all-pole filter: a thin AudioWorkletProcessor over the core
 * kernels (no maths of its own). Registers, for every order 1..MAX_ORDER, a 'reflection' and a
 * 'direct' param processor and a 'track' processor (see `allPoleProcessorName`); exports
 * nothing. Loaded by URL with `audioWorklet.addModule`.
 *
 * Per quantum (length T taken from the output buffers, never assumed to be 128), per channel:
 * - the input is scaled by the a-rate `gain` param (the gain is on the excitation, like the
 *   model's `exp(logGain)`), in float64;
 * - param mode: the coefficient AudioParam arrays (length 1 or T) go straight to the core
 *   kernels ('reflection': `latticeFromParams`, k clamped into ±REFLECTION_LIMIT on the fly;
 *   'direct': `allpoleFromParams`), with a column scratch they pack per-sample arrays into;
 * - track mode: the core `trackLatticeBlock` (the model's own streaming kernel: k and log-gain
 *   interpolated per sample, gain on the input, lattice; at unit `gain` param it reads the
 *   float32 input and writes the float32 output directly; the store's per-frame gain table saves
 *   it the `exp` calls, same numbers) plays the posted track (track-store.ts) from its start
 *   sample on; before it, the lattice plays the constant `coefficients` option
 *   (default zeros) at unit track gain. The lattice state carries over at the switch (and at any
 *   later track change): both run the same lattice on the same state, so the output is
 *   continuous and exactly what the model computes when started from that state;
 * - the per-channel state is float64, kept across quanta and never reset by a coefficient change;
 *   channels beyond the input's are fed zeros (tails ring);
 * - a non-finite input/coefficient/gain, |output| above the bound, or (direct domain) an output
 *   growing like an unstable filter (growth.ts) gives silence for that quantum, zeroes the state
 *   and posts a fault (once per run of faulty quanta);
 * - tiny state and output values are flushed to zero (no denormals after a loud impulse);
 * - returns true while an input is connected or the tail still rings — and always until the
 *   node is released (message { type: 'release' }): Chrome never calls a processor again once
 *   it returned false, so an unreleased node must stay alive for inputs connected later.
 * The constructor primes the kernels process() will run for its order, domain and control mode
 * (prepareFromParams / prepareTrackLattice), so the first quantum runs optimised code.
 * The real-time path allocates nothing: buffers are sized in the constructor and re-sized only
 * if the quantum length changes (`resize`, outside `process`); track storage grows only in the
 * port's message handler.
 */
import {
  allpoleFromParams,
  latticeFromParams,
  PARAMS_NONFINITE_COEFFICIENT,
  paramsFinite,
} from '../core/allpole/from-params.js';
import { LATTICE } from '../core/allpole/generated/lattice.js';
import { prepareFromParams } from '../core/allpole/prime-from-params.js';
import type { RealArray } from '../core/api.js';
import { kernelIndex } from '../core/kernel-dispatch.js';
import { prepareTrackLattice } from '../core/track/prime-track-lattice.js';
import { trackLatticeBlock } from '../core/track/track-lattice.js';
import { createGrowthState, growthQuantum, resetGrowth } from './growth.js';
import {
  type AllPoleControl,
  type AllPoleDomain,
  type AllPoleFaultCode,
  type AllPoleFaultMessage,
  type AllPoleProcessorOptions,
  allPoleProcessorName,
  coefficientParamName,
  DEFAULT_FLUSH_THRESHOLD,
  DEFAULT_OUTPUT_LIMIT,
  MAX_ORDER,
  MIN_OUTPUT_LIMIT,
  REFLECTION_LIMIT,
} from './protocol.js';
import { allFinite, boundAndFlush, flushState, gainInput, silence, toFloat32 } from './quantum.js';
import type { ParamDescriptor, ProcessorBaseConstructor, RegisterProcessor } from './scope.js';
import { TrackStore, trackFrames } from './track-store.js';

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
    'output exceeded the output limit (unstable coefficients or too loud?): quantum silenced, state reset',
  growth: 'output grows like an unstable filter: quantum silenced, state reset',
  'bad-message': 'malformed port message ignored',
};

function limitOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= MIN_OUTPUT_LIMIT ? v : fallback;
}

function positiveOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}

class AllPoleProcessor extends AudioWorkletProcessor {
  private readonly M: number;
  private readonly reflection: boolean;
  private readonly track: boolean;
  private readonly names: string[];
  private readonly refs: Float32Array[];
  private readonly states: Float64Array[];
  private readonly stateAll: Float64Array;
  private readonly growth: Float64Array;
  private zeros = new Float32Array(0);
  /** Gained input of one channel (float64, length T). */
  private xg = new Float64Array(0);
  /** Param mode: column scratch of the coefficient arrays (M·T, see core param-columns.ts). */
  private columns = new Float32Array(0);
  /** Track mode: lattice output of one channel, and a segment scratch (length T). */
  private y64 = new Float64Array(0);
  private seg = new Float64Array(0);
  private T = -1;
  private outputLimit: number;
  private readonly flushThreshold: number;
  private lastFault = '';
  private released = false;
  /** Track mode: coefficients before the first track, the playing and the next track. */
  private readonly preK: Float64Array;
  private active: TrackStore;
  private pending: TrackStore;
  /** Absolute sample of the next quantum (for dropping played frames in the message handler). */
  private next = 0;
  private readonly faultMessage: AllPoleFaultMessage = {
    type: 'fault',
    code: 'bad-message',
    message: '',
    frame: 0,
  };

  constructor(
    options: AudioWorkletNodeOptions | undefined,
    domain: AllPoleDomain,
    order: number,
    control: AllPoleControl,
  ) {
    super(options);
    const opts = (options?.processorOptions ?? {}) as AllPoleProcessorOptions;
    this.M = order;
    this.reflection = domain === 'reflection';
    this.track = control === 'track';
    this.names = [];
    this.refs = [];
    if (!this.track) {
      for (let i = 1; i <= order; i++) {
        this.names.push(coefficientParamName(domain, i));
        this.refs.push(new Float32Array(1));
      }
    }
    this.stateAll = new Float64Array(MAX_CHANNELS * order);
    this.states = [];
    for (let c = 0; c < MAX_CHANNELS; c++)
      this.states.push(this.stateAll.subarray(c * order, (c + 1) * order));
    this.growth = createGrowthState(MAX_CHANNELS);
    this.outputLimit = limitOr(opts.outputLimit, DEFAULT_OUTPUT_LIMIT);
    this.flushThreshold = positiveOr(opts.flushThreshold, DEFAULT_FLUSH_THRESHOLD);
    this.preK = new Float64Array(order);
    const c0 = opts.coefficients;
    if (Array.isArray(c0)) {
      for (let i = 0; i < Math.min(order, c0.length); i++) {
        const v = c0[i];
        this.preK[i] = typeof v === 'number' && v > -1 && v < 1 ? v : 0;
      }
    }
    this.active = new TrackStore(order);
    this.pending = new TrackStore(order);
    this.resize(128);
    // Warm the exact kernels process() runs (a few ms here rather than a slow first quantum).
    if (this.track) prepareTrackLattice(order);
    else prepareFromParams(order, domain);
    this.port.onmessage = (e: MessageEvent) => this.onMessage(e.data);
  }

  /** (Re)allocates the per-quantum buffers for quanta of T frames (outside the real-time path). */
  private resize(T: number): void {
    this.T = T;
    this.zeros = new Float32Array(T);
    this.xg = new Float64Array(T);
    this.columns = new Float32Array(this.track ? 0 : this.M * T);
    this.y64 = new Float64Array(T);
    this.seg = new Float64Array(T);
  }

  private onMessage(data: unknown): void {
    const msg = data as { type?: unknown; value?: unknown; id?: unknown } | null;
    if (msg !== null && typeof msg === 'object') {
      if (msg.type === 'release') {
        this.released = true;
        return;
      }
      if (msg.type === 'reset') {
        this.stateAll.fill(0);
        resetGrowth(this.growth);
        return;
      }
      if (msg.type === 'outputLimit' && limitOr(msg.value, -1) > 0) {
        this.outputLimit = msg.value as number;
        return;
      }
      if (this.track && (msg.type === 'track' || msg.type === 'append')) {
        const ok = msg.type === 'track' ? this.onTrack(data) : this.onAppend(data);
        if (typeof msg.id === 'number') this.port.postMessage({ type: 'ack', id: msg.id, ok });
        if (ok) return;
      }
    }
    this.report('bad-message');
  }

  /** A new track: becomes the pending one, taken over by process() at its start sample. */
  private onTrack(data: unknown): boolean {
    const m = data as { start?: unknown; hop?: unknown; k?: unknown; logGain?: unknown };
    const start = m.start;
    const hop = m.hop;
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(hop) || (hop as number) < 1) return false;
    const frames = trackFrames(m.k, m.logGain ?? null, this.M);
    if (frames < 0) return false;
    const lg = (m.logGain ?? null) as Float64Array | null;
    this.pending.adopt(m.k as Float64Array, lg, frames, start as number, hop as number);
    return true;
  }

  /** Frames appended to the newest track (pending, else playing). */
  private onAppend(data: unknown): boolean {
    const m = data as { k?: unknown; logGain?: unknown };
    const target = this.pending.valid ? this.pending : this.active.valid ? this.active : null;
    if (target === null) return false;
    const frames = trackFrames(m.k, m.logGain ?? null, this.M);
    if (frames < 0) return false;
    target.append(m.k as Float64Array, (m.logGain ?? null) as Float64Array | null, frames, this.next);
    return true;
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
    resetGrowth(this.growth);
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
    const frame = currentFrame;
    this.next = frame + T;
    const input = inputs[0];
    const nIn = input === undefined ? 0 : input.length;
    const gain = parameters.gain;
    if (this.track) return this.processTrack(input, nIn, output, gain, frame, T);
    const M = this.M;
    const refs = this.refs;
    for (let i = 0; i < M; i++) refs[i] = parameters[this.names[i]];
    // A non-finite coefficient is reported before a non-finite gain (scan only on this fault path).
    if (!allFinite(gain))
      return this.fault(output, paramsFinite(refs, M) ? 'nonfinite-gain' : 'nonfinite-coefficient');
    let ringing = false;
    const nOut = Math.min(output.length, MAX_CHANNELS);
    const xg = this.xg;
    for (let c = 0; c < nOut; c++) {
      gainInput(c < nIn ? input[c] : this.zeros, gain, xg);
      const y = output[c];
      const state = this.states[c];
      const code = this.reflection
        ? latticeFromParams(xg, refs, M, state, y, REFLECTION_LIMIT, this.columns)
        : allpoleFromParams(xg, refs, M, state, y, this.columns);
      if (code === PARAMS_NONFINITE_COEFFICIENT) return this.fault(output, 'nonfinite-coefficient');
      if (!boundAndFlush(y, this.outputLimit, this.flushThreshold)) {
        return this.fault(output, c < nIn && !allFinite(input[c]) ? 'nonfinite-input' : 'output-bound');
      }
      if (!this.reflection && growthQuantum(this.growth, c, xg, y, T)) {
        return this.fault(output, 'growth');
      }
      if (!flushState(state, this.flushThreshold)) ringing = true;
    }
    this.lastFault = '';
    return !this.released || nIn > 0 || ringing;
  }

  /** Track mode (see the module doc): the pending track takes over at its start sample. */
  private processTrack(
    input: Float32Array[] | undefined,
    nIn: number,
    output: Float32Array[],
    gain: Float32Array,
    frame: number,
    T: number,
  ): boolean {
    if (!allFinite(gain)) return this.fault(output, 'nonfinite-gain');
    const pending = this.pending;
    let split = T;
    if (pending.valid && pending.start < frame + T) split = pending.start > frame ? pending.start - frame : 0;
    // Common case: one store for the whole quantum at unit gain: the kernel reads the float32
    // input and writes the float32 output itself (the same values: the input is exact in
    // float64, the output is rounded once), with no float64 copies.
    const direct = (split === T || split === 0) && gain.length === 1 && gain[0] === 1;
    const whole = split === T ? this.active : pending;
    let ringing = false;
    const nOut = Math.min(output.length, MAX_CHANNELS);
    const xg = this.xg;
    const y64 = this.y64;
    for (let c = 0; c < nOut; c++) {
      const xc = c < nIn && input !== undefined ? input[c] : this.zeros;
      const state = this.states[c];
      const y = output[c];
      if (direct) {
        this.run(whole, xc, y, T, frame, state);
      } else {
        gainInput(xc, gain, xg);
        if (split > 0) this.segment(this.active, 0, split, frame, state);
        if (split < T) this.segment(pending, split, T - split, frame + split, state);
        toFloat32(y64, y);
      }
      if (!boundAndFlush(y, this.outputLimit, this.flushThreshold)) {
        const bad = c < nIn && input !== undefined && !allFinite(input[c]);
        return this.fault(output, bad ? 'nonfinite-input' : 'output-bound');
      }
      if (!flushState(state, this.flushThreshold)) ringing = true;
    }
    if (split < T) {
      const old = this.active;
      this.active = pending;
      this.pending = old;
      old.clear();
    }
    this.lastFault = '';
    return !this.released || nIn > 0 || ringing;
  }

  /**
   * Lattice over samples [off, off+n) of the quantum (absolute sample `a0` = first of them):
   * `xg` → `y64`, with `store`'s track when it holds one, else the constant coefficients.
   */
  private segment(store: TrackStore, off: number, n: number, a0: number, state: Float64Array): void {
    const whole = off === 0;
    const xin = whole ? this.xg : this.seg;
    const out = whole ? this.y64 : this.seg;
    if (!whole) for (let t = 0; t < n; t++) xin[t] = this.xg[off + t];
    this.run(store, xin, out, n, a0, state);
    if (!whole) for (let t = 0; t < n; t++) this.y64[off + t] = out[t];
  }

  /** `x` → `y` (n samples from absolute sample `a0`) with `store`'s track, else the constant coefficients. */
  private run(
    store: TrackStore,
    x: RealArray,
    y: RealArray,
    n: number,
    a0: number,
    state: Float64Array,
  ): void {
    const M = this.M;
    if (store.valid) {
      const G = store.hasGain ? store.G : null;
      const GT = store.hasGain ? store.GT : null;
      trackLatticeBlock(x, y, n, store.K, G, M, store.frames, store.hop, a0 - store.origin, state, GT);
    } else {
      LATTICE[kernelIndex(LATTICE, M)](x, this.preK, state, y, n, 0);
    }
  }
}

function descriptors(domain: AllPoleDomain, order: number, control: AllPoleControl): ParamDescriptor[] {
  const list: ParamDescriptor[] = [];
  for (let i = 1; i <= (control === 'track' ? 0 : order); i++) {
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

function register(domain: AllPoleDomain, order: number, control: AllPoleControl = 'params'): void {
  const params = descriptors(domain, order, control);
  class Registered extends AllPoleProcessor {
    static get parameterDescriptors(): ParamDescriptor[] {
      return params;
    }
    constructor(options?: AudioWorkletNodeOptions) {
      super(options, domain, order, control);
    }
  }
  registerProcessor(allPoleProcessorName(domain, order, control), Registered);
}

for (let order = 1; order <= MAX_ORDER; order++) {
  register('reflection', order);
  register('direct', order);
  register('reflection', order, 'track');
}
