/** Builds a {@link FilterModel} from a declarative {@link ModelSpec}, initialised from the data. */
import type { FilterModel, ModelSpec, NumericInput } from '../../core/api.js';
import { speechLpcConditioning } from '../../core/lpc/lpc-conditioning.js';
import { AllPoleModel } from './allpole-model.js';
import { PoleZeroModel } from './polezero-model.js';
import { TvAllPoleModel } from './tv-allpole-model.js';

/** Data a model is initialised from. */
export interface ModelInit {
  /** Target signal (LPC initialisation for all-pole kinds). */
  target?: NumericInput;
  /** Excitation the model will be driven with (gain initialisation). */
  input?: NumericInput;
  /** Signal length when no target is given (needed by 'tv-allpole'). */
  length?: number;
  /** Sample rate of the signals in Hz (the 'tv-allpole' LPC lag window is set in Hz); default 48000. */
  sampleRate?: number;
  /**
   * 'polezero' with `input` and `target`: the thorough Steiglitz–McBride start (PoleZeroModel.initFromPair
   * `thorough`: also a delta-operator start, and pair restarts; ~50 s instead of ~3 s at order 16).
   * Default false.
   */
  thorough?: boolean;
}

/**
 * - 'allpole': with both `target` and `input`, a Steiglitz–McBride fit (AllPoleModel.initFromPair)
 *   when the input explains the target; otherwise LPC of the whole target (Hann window), or
 *   all-zero (flat) without a target; with gain, the log-gain matches the RMS of the response to `input`.
 * - 'polezero': with both `target` and `input`, a Steiglitz–McBride fit split into
 *   sections (PoleZeroModel.initFromPair), falling back to the near-identity start (initFlat) when
 *   the input does not explain the target (e.g. a generated noise source); gain 1.
 * - 'tv-allpole': lpcFrames(target, order, { frameLength (default 4·hop), hop }) K per frame,
 *   conditioned like a speech coder (`speechLpcConditioning(sampleRate ?? 48000)`: lag window,
 *   white-noise correction, |k| ≤ 1 − 1e-4; lpc/lpc-conditioning.ts), and per-frame gains from the
 *   prediction error over the RMS of `input`; without target, flat. Frames: `1 + ⌈(T−1)/hop⌉`.
 * @throws RangeError/TypeError naming the offending field of `spec`.
 */
export function createModel(spec: ModelSpec, init: ModelInit = {}): FilterModel {
  if (spec === null || typeof spec !== 'object') throw new TypeError('createModel: spec must be an object');
  switch (spec.kind) {
    case 'allpole': {
      const m = new AllPoleModel(spec);
      const { input, target } = init;
      const fromPair = target && input ? m.initFromPair(input, target) : false;
      if (target && !fromPair) m.initFromTarget(target, input);
      return m;
    }
    case 'polezero': {
      const m = new PoleZeroModel(spec);
      if (init.target && init.input)
        m.initFromPair(init.input, init.target, undefined, { thorough: init.thorough });
      return m;
    }
    case 'tv-allpole': {
      const frameLength = spec.frameLength ?? 4 * spec.hop;
      const T = init.target ? init.target.length : init.length;
      if (T === undefined || !Number.isInteger(T) || T < 1) {
        throw new RangeError("createModel: 'tv-allpole' needs a non-empty init.target or init.length");
      }
      if (!Number.isInteger(spec.hop) || spec.hop < 1)
        throw new RangeError(`createModel: spec.hop must be an integer ≥ 1 (got ${spec.hop})`);
      const frames = 1 + Math.ceil((T - 1) / spec.hop);
      const m = new TvAllPoleModel({ ...spec, frames });
      if (init.target) {
        const conditioning = speechLpcConditioning(init.sampleRate ?? 48000);
        m.initFromTarget(init.target, init.input ?? init.target, frameLength, conditioning);
      }
      return m;
    }
    default:
      throw new RangeError(`createModel: spec.kind must be 'allpole', 'polezero' or 'tv-allpole'`);
  }
}
