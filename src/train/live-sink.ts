/**
 * What a training session pushes to a live node, in the node's own terms: the sink says how it
 * plays (`domain`, `control`) and the binding converts the model to it.
 *
 * - `control: 'track'` (a reflection node playing posted tracks): `playTrack({ k, logGain, hop })`
 *   with the model's reflection track (a time-invariant model is a one-frame track whose log-gain
 *   is the log of its gain).
 * - `domain: 'reflection'`: `setCoefficients(k)`, the model's reflection coefficients.
 * - `domain: 'direct'` (or absent): `setCoefficients(a)`, the direct-form denominator.
 * Time-varying models push to parameter nodes (one vector) only through the binding's `map`.
 * Every payload is checked before it leaves: `a` must pass `isStable`, every |k| < 1 and every
 * value finite; anything else is not pushed.
 */
import type { FilterModel } from '../core/api.js';
import { directToReflection, isStable } from '../core/params/reflection.js';
import type { CoefficientSink, LiveBinding, LiveTrack } from './api.js';

/** One checked payload for a sink. */
export type LivePayload =
  | { kind: 'coefficients'; values: Float64Array | number[] }
  | { kind: 'track'; track: LiveTrack };

interface TrackModel {
  track(): { k: Float64Array; logGain: Float64Array; hop: number };
}

function hasTrack(m: FilterModel): m is FilterModel & TrackModel {
  return typeof (m as Partial<TrackModel>).track === 'function';
}

function finite(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) return false;
  return true;
}

function inside(k: ArrayLike<number>): boolean {
  for (let i = 0; i < k.length; i++) if (!(Math.abs(k[i]) < 1)) return false;
  return true;
}

/** Reflection coefficients of a time-invariant model's denominator, or null if not minimum phase. */
function reflectionOf(model: FilterModel): Float64Array | null {
  const a = model.coefficients();
  if (!finite(a)) return null;
  const k = directToReflection(a, new Float64Array(a.length), undefined, {
    onUnstable: 'nan',
  }) as Float64Array;
  return inside(k) ? k : null;
}

/** The payload `binding` pushes for `model` now, or null when nothing safe can be pushed. */
export function livePayload(model: FilterModel, binding: LiveBinding): LivePayload | null {
  const sink = binding.sink;
  if (!model.isStable()) return null;
  if (sink.control === 'track') {
    if (hasTrack(model)) {
      const t = model.track();
      return inside(t.k) && finite(t.logGain) ? { kind: 'track', track: t } : null;
    }
    if (model.hop > 0) return null;
    const k = reflectionOf(model);
    const g = model.gain();
    if (k === null || !(g > 0 && Number.isFinite(g))) return null;
    return { kind: 'track', track: { k, logGain: Float64Array.of(Math.log(g)), hop: 1 } };
  }
  const domain = sink.domain ?? 'direct';
  let values: Float64Array | number[] | null;
  if (binding.map) values = binding.map(model.coefficients(), model);
  else if (model.hop > 0) values = null;
  else if (domain === 'reflection') values = reflectionOf(model);
  else values = model.coefficients();
  if (values === null || !finite(values)) return null;
  if (domain === 'reflection' ? !inside(values) : !isStable(values)) return null;
  return { kind: 'coefficients', values };
}

/**
 * Sends `payload` to `sink`. Returns a promise when the sink's call returned one (playTrack), so
 * a rejection can be reported; throws whatever the sink throws.
 */
export function sendPayload(sink: CoefficientSink, payload: LivePayload): PromiseLike<unknown> | undefined {
  if (payload.kind === 'track') {
    if (typeof sink.playTrack !== 'function')
      throw new TypeError('live sink has control "track" but no playTrack()');
    const r = sink.playTrack(payload.track);
    return r && typeof (r as PromiseLike<unknown>).then === 'function'
      ? (r as PromiseLike<unknown>)
      : undefined;
  }
  if (typeof sink.setCoefficients !== 'function') throw new TypeError('live sink has no setCoefficients()');
  sink.setCoefficients(payload.values);
  return undefined;
}
