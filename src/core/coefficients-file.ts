/**
 * The coefficients file shared by the CLI, the demo and the node (JSON, `format:
 * 'diffiir-coefficients'`, version 1). See {@link CoefficientsFile} for the schema:
 *
 * ```json
 * { "format": "diffiir-coefficients", "version": 1,
 *   "convention": "y[t] = x[t] - sum_i A[f][i-1] y[t-i]",
 *   "sampleRate": 48000, "order": 2, "domain": "direct", "hop": 0, "frames": 1,
 *   "coefficients": [[-1.8, 0.81]], "gain": 1,
 *   "numerator": { "sections": [[1, 0.5, 0]] } }
 * ```
 * `hop` 0 = time-invariant (one frame); otherwise frame f is centred at sample f·hop.
 * `numerator` (optional) is either `sections` (S×3 `[b0,b1,b2]`, then `order` = 2S) or one polynomial
 * `b` (`b[0]` first). The processing chain is gain · B(z) / A(z).
 */
import type { CoefficientsFile, CoefficientsNumerator, NumericInput } from './api.js';

export const COEFFICIENTS_FORMAT = 'diffiir-coefficients';
export const COEFFICIENTS_CONVENTION = 'y[t] = x[t] - sum_i A[f][i-1] y[t-i]';

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

/** Builds a validated coefficients file (`hop` 0 = time-invariant, `gain` default 1). */
export function toCoefficientsFile(input: CoefficientsFileInput): CoefficientsFile {
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
  const file: CoefficientsFile = {
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

/**
 * Parses and validates a coefficients file (object or JSON text). Also accepts a raw torchlpc-layout
 * array (frames×order nested, one flat row = time-invariant) or `{ A: ... }`; those get
 * `sampleRate` = `defaults.sampleRate` (48000), `hop` = `defaults.hop` (0 when one frame) and gain 1.
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
  if (v.domain !== undefined && v.domain !== 'direct') {
    throw new RangeError(`${FN}: domain must be 'direct' (got ${JSON.stringify(v.domain)})`);
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

/** Flattens `coefficients` to a row-major frames×order Float64Array (what allpole takes as A). */
export function coefficientsToArray(file: CoefficientsFile): Float64Array {
  const out = new Float64Array(file.frames * file.order);
  file.coefficients.forEach((row, f) => {
    out.set(row, f * file.order);
  });
  return out;
}
