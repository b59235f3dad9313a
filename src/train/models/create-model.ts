/** Builds a {@link FilterModel} from a declarative {@link ModelSpec}, initialised from the data. */
import type { FilterModel, ModelSpec, NumericInput } from '../../core/api.js';
import { lpcFrames } from '../../core/lpc/lpc-frames.js';
import { AllPoleModel } from './allpole-model.js';
import { PoleZeroModel } from './polezero-model.js';
import { TvAllPoleModel } from './tv-allpole-model.js';

/** Data a model is initialised from. */
export interface ModelInit {
  /** Target signal (LPC initialisation for all-pole kinds). */
  target?: NumericInput;
  /** Excitation the model will be driven with (gain initialisation). */
  input?: Float64Array;
  /** Signal length when no target is given (needed by 'tv-allpole'). */
  length?: number;
  sampleRate?: number;
}

/**
 * - 'allpole': with both `target` and `input`, a Steiglitz–McBride fit (AllPoleModel.initFromPair)
 *   when the input explains the target; otherwise LPC of the whole target (Hann window), or
 *   all-zero (flat) without a target; with gain, the log-gain matches the RMS of the response to `input`.
 * - 'polezero': with both `target` and `input`, a Steiglitz–McBride fit split into
 *   sections (PoleZeroModel.initFromPair), falling back to the near-identity start (initFlat) when
 *   the input does not explain the target (e.g. a generated noise source); gain 1.
 * - 'tv-allpole': lpcFrames(target, order, { frameLength (default 4·hop), hop }) K per frame and
 *   per-frame gains from the prediction error over the RMS of `input`; without target, flat.
 * @throws RangeError/TypeError naming the offending field of `spec`.
 */
export function createModel(spec: ModelSpec, init: ModelInit = {}): FilterModel {
  if (spec === null || typeof spec !== 'object') throw new TypeError('createModel: spec must be an object');
  switch (spec.kind) {
    case 'allpole': {
      const m = new AllPoleModel(spec);
      const fromPair = init.target && init.input ? m.initFromPair(init.input, init.target) : false;
      if (init.target && !fromPair) m.initFromTarget(init.target, init.input);
      return m;
    }
    case 'polezero': {
      const m = new PoleZeroModel(spec);
      if (init.target && init.input) m.initFromPair(init.input, init.target);
      return m;
    }
    case 'tv-allpole': {
      const frameLength = spec.frameLength ?? 4 * spec.hop;
      if (init.target) {
        const frames = lpcFrames(init.target, spec.order, { frameLength, hop: spec.hop }).frames;
        const m = new TvAllPoleModel({ ...spec, frames });
        m.initFromTarget(init.target, init.input ?? init.target, frameLength);
        return m;
      }
      const T = init.length;
      if (T === undefined || !Number.isInteger(T) || T < 1) {
        throw new RangeError("createModel: 'tv-allpole' needs init.target or init.length");
      }
      const frames = lpcFrames(new Float64Array(T), spec.order, { frameLength, hop: spec.hop }).frames;
      return new TvAllPoleModel({ ...spec, frames });
    }
    default:
      throw new RangeError(`createModel: spec.kind must be 'allpole', 'polezero' or 'tv-allpole'`);
  }
}
