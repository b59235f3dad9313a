/**
 * The coefficients file shared by the CLI, the demo and the node: JSON, `format:
 * 'diffiir-coefficients'`, version 1, in two forms told apart by `domain`.
 *
 * **Reflection track** (`domain: 'reflection'`, {@link ReflectionTrackFile}): what the trained
 * time-varying model exports, `analyze` writes and the node's `playTrack({ k, logGain, hop })`
 * takes (the file itself is a `ReflectionTrack`):
 * ```json
 * { "format": "diffiir-coefficients", "version": 1, "domain": "reflection",
 *   "convention": "y[t] = lattice(exp(logGain[t]) x[t], k[t]), k and logGain linear between frames f*hop",
 *   "sampleRate": 48000, "order": 2, "hop": 256, "frames": 3,
 *   "k": [0.9, -0.5,  0.8, -0.4,  0.7, -0.3],
 *   "logGain": [-2.3, -2.1, -2.0] }
 * ```
 * - `k`: `frames × order` reflection coefficients, row-major; flat (as written) or nested rows
 *   (accepted by the parser); every |k| < 1, so the filter is stable by construction.
 * - `logGain`: natural-log excitation gain per frame (optional when parsing, default 0).
 * - `hop` ≥ 1: frame f sits at sample f·hop; k and logGain are linear between frames, the last
 *   frame is held; one frame is time-invariant (a `hop` of 0 is read as 1).
 *
 * **Direct form** (`domain: 'direct'` or absent, {@link DirectCoefficientsFile}; older files):
 * ```json
 * { "format": "diffiir-coefficients", "version": 1,
 *   "convention": "y[t] = x[t] - sum_i A[f][i-1] y[t-i]",
 *   "sampleRate": 48000, "order": 2, "domain": "direct", "hop": 0, "frames": 1,
 *   "coefficients": [[-1.8, 0.81]], "gain": 1,
 *   "numerator": { "sections": [[1, 0.5, 0]] } }
 * ```
 * `hop` 0 = time-invariant (one frame); otherwise frame f is centred at sample f·hop.
 * `numerator` (optional) is either `sections` (S×3 `[b0,b1,b2]`, then `order` = 2S) or one polynomial
 * `b` (`b[0]` first). The processing chain is gain · B(z) / A(z). `frameGains` (optional, > 0) are
 * per-frame linear gains.
 *
 * **torchlpc arrays**: a bare `frames × order` array (or `{ A }`) is read as direct form, with the
 * sample rate and hop given by the caller (`defaults`), hop 1 = per-sample rows.
 *
 * How each form is played is written once, in core/render/render-coefficients.ts.
 */
import type {
  CoefficientsFile,
  CoefficientsNumerator,
  DirectCoefficientsFile,
  NumericInput,
  ReflectionTrackFile,
} from './api.js';
import { checkReflectionTrack } from './track/reflection-track.js';

export const COEFFICIENTS_FORMAT = 'diffiir-coefficients';
export const COEFFICIENTS_CONVENTION = 'y[t] = x[t] - sum_i A[f][i-1] y[t-i]';
/** The `convention` string of a reflection-track file. */
export const REFLECTION_TRACK_CONVENTION =
  'y[t] = lattice(exp(logGain[t]) x[t], k[t]), k and logGain linear between frames f*hop';

/** What {@link toReflectionTrackFile} needs: a reflection track and its sample rate. */
export interface ReflectionTrackFileInput {
  sampleRate: number;
  order: number;
  /** Samples between frames, integer ≥ 1 (0 is read as 1 for a single frame). */
  hop: number;
  /** `frames × order` reflection coefficients, row-major (flat) or nested rows; |k| < 1. */
  k: NumericInput | readonly NumericInput[];
  /** Natural-log gain per frame (default all 0). */
  logGain?: NumericInput;
}
/** What `toCoefficientsFile` needs. `coefficients` is frames×order, row-major flat or nested. */
export interface CoefficientsFileInput {
  sampleRate: number;
  order: number;
  coefficients: NumericInput | readonly NumericInput[];
  hop?: number;
  gain?: number;
  numerator?: CoefficientsNumerator;
  /** Per-frame linear gains (length = frames, each > 0). */
  frameGains?: NumericInput;
}

const FN = 'parseCoefficientsFile';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finiteNumber(v: unknown, name: string, fn = FN): number {
  if (typeof v !== 'number') throw new TypeError(`${fn}: ${name} must be a number`);
  if (!Number.isFinite(v)) throw new RangeError(`${fn}: ${name} must be finite (got ${v})`);
  return v;
}

function numberRow(v: unknown, name: string, len: number | null, fn = FN): number[] {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v))
    throw new TypeError(`${fn}: ${name} must be an array of numbers`);
  const arr = v as ArrayLike<unknown>;
  if (len !== null && arr.length !== len) {
    throw new RangeError(`${fn}: ${name} must have length ${len} (got ${arr.length})`);
  }
  const out: number[] = [];
  for (let i = 0; i < arr.length; i++) out.push(finiteNumber(arr[i], `${name}[${i}]`, fn));
  return out;
}

function matrix(v: unknown, name: string, fn = FN): number[][] {
  if (!Array.isArray(v) || v.length < 1)
    throw new TypeError(`${fn}: ${name} must be a non-empty array of rows`);
  if (!Array.isArray(v[0])) {
    // a single row (time-invariant) given flat
    return [numberRow(v, name, null, fn)];
  }
  const width = (v[0] as unknown[]).length;
  if (width < 1) throw new RangeError(`${fn}: ${name}[0] must not be empty (order ≥ 1)`);
  return v.map((row, f) => numberRow(row, `${name}[${f}]`, width, fn));
}

function parseNumerator(v: unknown, order: number): CoefficientsNumerator {
  if (!isObject(v)) throw new TypeError(`${FN}: numerator must be an object { sections } or { b }`);
  if ('sections' in v) {
    const s = matrix(v.sections, 'numerator.sections');
    if (s[0].length !== 3)
      throw new RangeError(`${FN}: numerator.sections rows must have 3 entries [b0, b1, b2]`);
    if (2 * s.length !== order) {
      throw new RangeError(
        `${FN}: numerator.sections has ${s.length} sections, so order must be ${2 * s.length}`,
      );
    }
    return { sections: s };
  }
  if ('b' in v) {
    const b = numberRow(v.b, 'numerator.b', null);
    if (b.length < 1) throw new RangeError(`${FN}: numerator.b must not be empty`);
    return { b };
  }
  throw new TypeError(`${FN}: numerator must have 'sections' or 'b'`);
}

/** Builds a validated direct-form coefficients file (`hop` 0 = time-invariant, `gain` default 1). */
export function toCoefficientsFile(input: CoefficientsFileInput): DirectCoefficientsFile {
  const fn = 'toCoefficientsFile';
  const { sampleRate, order } = input;
  if (!(Number.isFinite(sampleRate) && sampleRate > 0)) throw new RangeError(`${fn}: sampleRate must be > 0`);
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`${fn}: order must be an integer ≥ 1`);
  const hop = input.hop ?? 0;
  if (!Number.isInteger(hop) || hop < 0) throw new RangeError(`${fn}: hop must be an integer ≥ 0`);
  const gain = input.gain ?? 1;
  finiteNumber(gain, 'gain', fn);
  const c = input.coefficients as ArrayLike<unknown>;
  let rows: number[][];
  if (c.length > 0 && typeof c[0] === 'object') {
    rows = (c as readonly NumericInput[]).map((r, f) => numberRow(r, `coefficients[${f}]`, order, fn));
  } else {
    const flat = c as NumericInput;
    if (flat.length < order || flat.length % order !== 0) {
      throw new RangeError(`${fn}: coefficients length ${flat.length} must be a multiple of order ${order}`);
    }
    rows = [];
    for (let f = 0; f < flat.length / order; f++) {
      rows.push(
        numberRow(
          Array.prototype.slice.call(flat, f * order, (f + 1) * order),
          `coefficients[${f}]`,
          order,
          fn,
        ),
      );
    }
  }
  if (hop === 0 && rows.length !== 1)
    throw new RangeError(`${fn}: hop 0 (time-invariant) needs exactly one frame`);
  const file: DirectCoefficientsFile = {
    format: COEFFICIENTS_FORMAT,
    version: 1,
    convention: COEFFICIENTS_CONVENTION,
    sampleRate,
    order,
    domain: 'direct',
    hop,
    frames: rows.length,
    coefficients: rows,
    gain,
  };
  if (input.frameGains !== undefined) {
    const g = numberRow(input.frameGains, 'frameGains', rows.length, fn);
    g.forEach((v, f) => {
      if (!(v > 0)) throw new RangeError(`${fn}: frameGains[${f}] must be > 0`);
    });
    file.frameGains = g;
  }
  if (input.numerator) {
    file.numerator =
      'sections' in input.numerator
        ? { sections: input.numerator.sections.map((r) => Array.from(r)) }
        : { b: Array.from(input.numerator.b) };
  }
  return file;
}

/** Copies a flat or nested `frames × order` array into a flat number[] (finite entries). */
function flatRows(
  v: unknown,
  name: string,
  order: number | null,
  fn: string,
): { flat: number[]; order: number } {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v))
    throw new TypeError(`${fn}: ${name} must be an array of numbers`);
  const arr = v as ArrayLike<unknown>;
  if (arr.length > 0 && (Array.isArray(arr[0]) || ArrayBuffer.isView(arr[0]))) {
    const rows = matrix(Array.from(arr), name, fn);
    if (order !== null && rows[0].length !== order) {
      throw new RangeError(`${fn}: ${name} rows must have length order = ${order} (got ${rows[0].length})`);
    }
    return { flat: rows.flat(), order: rows[0].length };
  }
  const flat = numberRow(arr, name, null, fn);
  return { flat, order: order ?? flat.length };
}

/**
 * Builds a validated reflection-track file (module doc): `k` flat or nested, `logGain` default 0.
 * @throws TypeError/RangeError naming `sampleRate`, `order`, `hop`, `k` (shape, |k| ≥ 1, non-finite)
 *   or `logGain`.
 */
export function toReflectionTrackFile(input: ReflectionTrackFileInput): ReflectionTrackFile {
  const fn = 'toReflectionTrackFile';
  return reflectionFile(fn, input.sampleRate, input.order, input.hop, input.k, input.logGain);
}

function reflectionFile(
  fn: string,
  sampleRate: unknown,
  orderIn: unknown,
  hopIn: unknown,
  kIn: unknown,
  logGainIn: unknown,
): ReflectionTrackFile {
  const sr = finiteNumber(sampleRate, 'sampleRate', fn);
  if (sr <= 0) throw new RangeError(`${fn}: sampleRate must be > 0 (got ${sr})`);
  const order0 = orderIn === undefined ? null : finiteNumber(orderIn, 'order', fn);
  if (order0 !== null && (!Number.isInteger(order0) || order0 < 1)) {
    throw new RangeError(`${fn}: order must be an integer >= 1 (got ${order0})`);
  }
  const { flat: k, order } = flatRows(kIn, 'k', order0, fn);
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`${fn}: order must be an integer >= 1`);
  const frames = k.length / order;
  const hop0 = hopIn === undefined || hopIn === null ? 0 : finiteNumber(hopIn, 'hop', fn);
  if (!Number.isInteger(hop0) || hop0 < 0)
    throw new RangeError(`${fn}: hop must be an integer >= 1 (got ${hop0})`);
  if (hop0 === 0 && frames > 1) throw new RangeError(`${fn}: hop must be >= 1 for ${frames} frames (got 0)`);
  const hop = Math.max(1, hop0);
  const logGain =
    logGainIn === undefined || logGainIn === null
      ? new Array<number>(Number.isInteger(frames) ? frames : 0).fill(0)
      : numberRow(logGainIn, 'logGain', null, fn);
  checkReflectionTrack(fn, { k, logGain, order, hop });
  return {
    format: COEFFICIENTS_FORMAT,
    version: 1,
    convention: REFLECTION_TRACK_CONVENTION,
    sampleRate: sr,
    order,
    domain: 'reflection',
    hop,
    frames,
    k,
    logGain,
  };
}

/**
 * Parses and validates a coefficients file (object or JSON text), either form (module doc). Also
 * accepts a raw torchlpc-layout array (frames×order nested, one flat row = time-invariant) or
 * `{ A: ... }`; those get `sampleRate` = `defaults.sampleRate` (48000), `hop` = `defaults.hop`
 * (1 = per-sample rows when several frames, 0 when one frame) and gain 1. `defaults` is not read
 * for diffiir files (they state their own rate and hop).
 * @throws TypeError/RangeError naming the offending field.
 */
export function parseCoefficientsFile(
  json: unknown,
  defaults: { sampleRate?: number; hop?: number } = {},
): CoefficientsFile {
  let v = json;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch (e) {
      throw new TypeError(`${FN}: not valid JSON (${(e as Error).message})`);
    }
  }
  if (Array.isArray(v) || (isObject(v) && 'A' in v && !('format' in v))) {
    const rows = matrix(
      Array.isArray(v) ? v : (v as Record<string, unknown>).A,
      Array.isArray(v) ? 'array' : 'A',
    );
    const hop = defaults.hop ?? (rows.length > 1 ? 1 : 0);
    if (rows.length > 1 && hop < 1) throw new RangeError(`${FN}: several frames need hop ≥ 1`);
    return toCoefficientsFile({
      sampleRate: defaults.sampleRate ?? 48000,
      order: rows[0].length,
      coefficients: rows,
      hop: rows.length > 1 ? hop : 0,
    });
  }
  if (!isObject(v)) throw new TypeError(`${FN}: expected an object, a JSON string or a frames×order array`);
  if (v.format !== COEFFICIENTS_FORMAT) {
    throw new TypeError(`${FN}: format must be '${COEFFICIENTS_FORMAT}' (got ${JSON.stringify(v.format)})`);
  }
  if (v.version !== 1) throw new RangeError(`${FN}: version must be 1 (got ${JSON.stringify(v.version)})`);
  if (v.domain === 'reflection') {
    const f = reflectionFile(FN, v.sampleRate, v.order, v.hop, v.k, v.logGain);
    if (v.frames !== undefined && v.frames !== f.frames) {
      throw new RangeError(
        `${FN}: frames (${String(v.frames)}) must equal the number of k rows (${f.frames})`,
      );
    }
    return f;
  }
  if (v.domain !== undefined && v.domain !== 'direct') {
    throw new RangeError(`${FN}: domain must be 'direct' or 'reflection' (got ${JSON.stringify(v.domain)})`);
  }
  const sampleRate = finiteNumber(v.sampleRate, 'sampleRate');
  if (sampleRate <= 0) throw new RangeError(`${FN}: sampleRate must be > 0`);
  const rows = matrix(v.coefficients, 'coefficients');
  const order = v.order === undefined ? rows[0].length : finiteNumber(v.order, 'order');
  if (!Number.isInteger(order) || order < 1) throw new RangeError(`${FN}: order must be an integer ≥ 1`);
  if (rows[0].length !== order) {
    throw new RangeError(
      `${FN}: coefficients rows must have length order = ${order} (got ${rows[0].length})`,
    );
  }
  const hop = v.hop === undefined || v.hop === null ? 0 : finiteNumber(v.hop, 'hop');
  if (!Number.isInteger(hop) || hop < 0) throw new RangeError(`${FN}: hop must be an integer ≥ 0`);
  if (hop === 0 && rows.length !== 1) {
    throw new RangeError(`${FN}: hop is 0 (time-invariant) but coefficients has ${rows.length} frames`);
  }
  if (v.frames !== undefined && v.frames !== rows.length) {
    throw new RangeError(
      `${FN}: frames (${String(v.frames)}) must equal the number of coefficient rows (${rows.length})`,
    );
  }
  const gain = v.gain === undefined ? 1 : finiteNumber(v.gain, 'gain');
  const numerator = v.numerator === undefined ? undefined : parseNumerator(v.numerator, order);
  const frameGains =
    v.frameGains === undefined ? undefined : numberRow(v.frameGains, 'frameGains', rows.length);
  if (frameGains) {
    frameGains.forEach((g, f) => {
      if (!(g > 0)) throw new RangeError(`${FN}: frameGains[${f}] must be > 0`);
    });
  }
  return toCoefficientsFile({ sampleRate, order, coefficients: rows, hop, gain, numerator, frameGains });
}

/** Flattens `coefficients` of a direct-form file to a row-major frames×order Float64Array (allpole's A). */
export function coefficientsToArray(file: DirectCoefficientsFile): Float64Array {
  const out = new Float64Array(file.frames * file.order);
  file.coefficients.forEach((row, f) => {
    out.set(row, f * file.order);
  });
  return out;
}
