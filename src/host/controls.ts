/**
 * Coefficient scheduling on the AudioParams of an all-pole node (works on native,
 * standardized-audio-context and Tone.js params alike: only the AudioParam methods are used).
 *
 * Each helper has the signature of the node method of the same name, with the target first:
 * `setCoefficients(node, coeffs, time?)` does what `node.setCoefficients(coeffs, time?)` does.
 * The target is any {@link CoefficientTarget}: an all-pole node, or your own
 * `{ coefficients, domain, context }` over params you hold.
 */
import { isStable, reflectionToDirect } from '../core/params/reflection.js';
import { directFramePlayback, directFramesToReflection } from '../core/render/direct-frames.js';
import type { AllPoleDomain } from '../worklet/protocol.js';

/** The AudioParam surface used by the helpers. */
export interface AudioParamLike {
  value: number;
  setValueAtTime(value: number, startTime: number): unknown;
  linearRampToValueAtTime(value: number, endTime: number): unknown;
  setValueCurveAtTime(values: Float32Array, startTime: number, duration: number): unknown;
  cancelScheduledValues(cancelTime: number): unknown;
}

/**
 * What the helpers schedule on: the node's coefficient params in order (k1..kM or a1..aM),
 * their domain, and the clock and rate of their context. An all-pole node is one.
 */
export interface CoefficientTarget {
  readonly coefficients: readonly AudioParamLike[];
  readonly domain: AllPoleDomain;
  readonly context: { readonly currentTime: number; readonly sampleRate: number };
}

/** Options of {@link rampCoefficients}. */
export interface RampOptions {
  /** Start of the ramp in the direct domain (default: now); reflection ramps start at the previous event. */
  startTime?: number;
  /** Curve points per second in the direct domain (default: sampleRate / 16). */
  pointsPerSecond?: number;
}

/** Checks a coefficient vector of the node's domain (length `order`, finite, |k| < 1). */
export function checkCoefficientVector(
  fn: string,
  name: string,
  c: ArrayLike<number>,
  order: number,
  domain: AllPoleDomain,
): void {
  if (c == null || typeof c.length !== 'number')
    throw new TypeError(`${fn}: ${name} must be an array of numbers`);
  if (c.length !== order)
    throw new RangeError(`${fn}: ${name} must have length order = ${order} (got ${c.length})`);
  for (let i = 0; i < order; i++) {
    if (!Number.isFinite(c[i])) throw new RangeError(`${fn}: ${name}[${i}] must be finite`);
    if (domain === 'reflection' && !(Math.abs(c[i]) < 1)) {
      throw new RangeError(`${fn}: ${name}[${i}] must lie in (-1, 1) in the reflection domain`);
    }
  }
  if (domain === 'direct' && !isStable(c)) {
    throw new RangeError(
      `${fn}: ${name} is not minimum phase (an unstable direct-form filter); ` +
        "use the 'reflection' domain (|k| < 1) to be stable by construction",
    );
  }
}

function checkTime(fn: string, name: string, t: number): void {
  if (!(Number.isFinite(t) && t >= 0))
    throw new RangeError(`${fn}: ${name} must be finite and >= 0 (got ${t})`);
}

/**
 * Sets every coefficient at `time` (seconds, default now): `coefficients[i].setValueAtTime(coeffs[i], time)`.
 * @param coeffs Length order, in the target's domain (|k| < 1 for 'reflection').
 * @throws RangeError/TypeError naming the offending argument.
 */
export function setCoefficients(
  target: CoefficientTarget,
  coeffs: ArrayLike<number>,
  time: number = target.context.currentTime,
): void {
  const { coefficients: params, domain } = target;
  checkCoefficientVector('setCoefficients', 'coeffs', coeffs, params.length, domain);
  checkTime('setCoefficients', 'time', time);
  for (let i = 0; i < params.length; i++) params[i].setValueAtTime(coeffs[i], time);
}

/** Direct-form curves (one per coefficient) of step-up of k interpolated linearly from k0 to k1. */
function stepUpCurves(segments: Float64Array[], pointsPerSegment: number, M: number): Float32Array[] {
  const L = (segments.length - 1) * pointsPerSegment + 1;
  const curves: Float32Array[] = [];
  for (let i = 0; i < M; i++) curves.push(new Float32Array(L));
  const k = new Float64Array(M);
  for (let j = 0; j < L; j++) {
    const s = Math.min(Math.floor(j / pointsPerSegment), segments.length - 1);
    const frac = j / pointsPerSegment - s;
    const k0 = segments[s];
    const k1 = segments[Math.min(s + 1, segments.length - 1)];
    for (let i = 0; i < M; i++) k[i] = k0[i] + frac * (k1[i] - k0[i]);
    reflectionToDirect(k, k);
    for (let i = 0; i < M; i++) curves[i][j] = k[i];
  }
  return curves;
}

/** Reflection coefficients of `a` (left by isStable in its scratch), or a RangeError naming `name`. */
function toReflection(fn: string, name: string, a: ArrayLike<number>): Float64Array {
  const k = new Float64Array(a.length);
  if (!isStable(a, k)) {
    throw new RangeError(
      `${fn}: ${name} is not minimum phase (unstable), cannot interpolate it in the reflection domain`,
    );
  }
  return k;
}

/**
 * Ramps to `coeffs` at `endTime`, interpolating in the reflection domain (stable throughout):
 * - 'reflection': `linearRampToValueAtTime` on each k (from the previous event's value);
 * - 'direct': from the params' current values at `startTime` (default now), a
 *   `setValueCurveAtTime` per a_i of step-up(k(t)) with k(t) linear between step-down of both
 *   ends. Both ends must be minimum phase (RangeError otherwise).
 * @param endTime Seconds on the target's context clock.
 * @throws RangeError/TypeError naming the offending argument.
 */
export function rampCoefficients(
  target: CoefficientTarget,
  coeffs: ArrayLike<number>,
  endTime: number,
  options: RampOptions = {},
): void {
  const fn = 'rampCoefficients';
  const { coefficients: params, domain } = target;
  const { currentTime: now, sampleRate } = target.context;
  const M = params.length;
  checkCoefficientVector(fn, 'coeffs', coeffs, M, domain);
  checkTime(fn, 'endTime', endTime);
  if (domain === 'reflection') {
    for (let i = 0; i < M; i++) params[i].linearRampToValueAtTime(coeffs[i], endTime);
    return;
  }
  const start = options.startTime ?? now;
  checkTime(fn, 'options.startTime', start);
  if (!(endTime > start)) throw new RangeError(`${fn}: endTime must be after the start time (${start})`);
  const from = new Float64Array(M);
  for (let i = 0; i < M; i++) from[i] = params[i].value;
  const k0 = toReflection(fn, 'the current coefficient vector', from);
  const k1 = toReflection(fn, 'coeffs', coeffs);
  const rate = options.pointsPerSecond ?? sampleRate / 16;
  const points = Math.max(2, Math.min(65536, Math.ceil((endTime - start) * rate - 1e-9) + 1));
  const curves = stepUpCurves([k0, k1], points - 1, M);
  for (let i = 0; i < M; i++) params[i].setValueCurveAtTime(curves[i], start, endTime - start);
}

/**
 * Schedules a coefficient track (row-major frames×order, in the node's domain): frame f is
 * reached at `startTime + f·hop/sampleRate` (hop in samples) and values in between are
 * interpolated linearly in the reflection domain — `linearRampToValueAtTime` of the k's, or in
 * the 'direct' domain a `setValueCurveAtTime` of step-up(k interpolated) with up to
 * `min(hop, 32)` points per hop (every frame must then be minimum phase). Direct-form frames
 * follow the core rule (`directFramePlayback`): with hop = 1 a per-sample track (e.g.
 * torchlpc's T×M `A`) is played back sample for sample, unconverted.
 * @param track Row-major frames×order, in the target's domain.
 * @param startTime Seconds on the target's context clock.
 * @param hop Samples between frames (> 0).
 * @throws RangeError/TypeError naming the offending argument.
 */
export function scheduleTrack(
  target: CoefficientTarget,
  track: ArrayLike<number>,
  startTime: number,
  hop: number,
): void {
  const fn = 'scheduleTrack';
  const { coefficients: params, domain } = target;
  const { sampleRate } = target.context;
  const M = params.length;
  if (track == null || typeof track.length !== 'number')
    throw new TypeError(`${fn}: track must be an array of numbers`);
  if (track.length === 0 || track.length % M !== 0) {
    throw new RangeError(
      `${fn}: track.length must be a positive multiple of order = ${M} (got ${track.length})`,
    );
  }
  checkTime(fn, 'startTime', startTime);
  if (!(Number.isFinite(hop) && hop > 0)) throw new RangeError(`${fn}: hop must be > 0 samples (got ${hop})`);
  const frames = track.length / M;
  const rows: Float64Array[] = [];
  for (let f = 0; f < frames; f++) {
    const row = new Float64Array(M);
    for (let i = 0; i < M; i++) row[i] = track[f * M + i];
    checkCoefficientVector(fn, `track row ${f}`, row, M, domain);
    rows.push(row);
  }
  const dt = hop / sampleRate;
  // Direct-form frames play by the core rule (core/render/direct-frames.ts).
  const playback = domain === 'reflection' ? 'track' : directFramePlayback(frames, hop);
  if (domain === 'reflection' || playback === 'constant') {
    for (let i = 0; i < M; i++) params[i].setValueAtTime(rows[0][i], startTime);
    for (let f = 1; f < frames; f++) {
      for (let i = 0; i < M; i++) params[i].linearRampToValueAtTime(rows[f][i], startTime + f * dt);
    }
    return;
  }
  if (playback === 'per-sample') {
    // Row t filters sample t: the values themselves, sample for sample (no conversion).
    for (let i = 0; i < M; i++) {
      const curve = new Float32Array(frames);
      for (let f = 0; f < frames; f++) curve[f] = rows[f][i];
      params[i].setValueCurveAtTime(curve, startTime, (frames - 1) * dt);
    }
    return;
  }
  const k = directFramesToReflection(rows, M, fn, (f) => `track row ${f}`);
  const ks = rows.map((_, f) => k.subarray(f * M, (f + 1) * M));
  const perHop = Math.max(1, Math.min(32, Math.floor(hop)));
  const curves = stepUpCurves(ks, perHop, M);
  for (let i = 0; i < M; i++) params[i].setValueCurveAtTime(curves[i], startTime, (frames - 1) * dt);
}
