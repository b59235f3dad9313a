/**
 * Conformance checks: run the core on golden reference cases (computed with torchlpc, scipy,
 * torchaudio and torch; see tests/fixtures/reference/README.md) and measure the worst relative error.
 *
 * Error of one array: `max|ours - ref| / max(1, max|ref|)`. A case's `worst` is the largest
 * error over its arrays; it passes when every array is within its tolerance.
 */

import { allpoleVjp } from '../core/allpole/adjoint.js';
import { allpole } from '../core/allpole/forward.js';
import { lattice } from '../core/allpole/lattice.js';
import { latticeVjp } from '../core/allpole/lattice-vjp.js';
import { autocorr, hannTrimmed } from '../core/lpc/autocorr.js';
import { levinson } from '../core/lpc/levinson.js';
import { firFromIir, freqSamplingFilter } from '../core/lti/freq-sampling.js';
import { freqz } from '../core/lti/freqz.js';
import { lfilter } from '../core/lti/lfilter.js';
import { lfilterVjp } from '../core/lti/lfilter-vjp.js';
import { chirp } from '../core/signals/chirp.js';
import { trackLattice } from '../core/track/track-lattice.js';
import { trackLatticeVjp } from '../core/track/track-lattice-vjp.js';
import { mrstftLoss } from '../train/loss/mrstft.js';

/** Default tolerance for float64 arrays (reference README). */
export const TOL_F64 = 1e-9;
/** Tolerance for ill-conditioned results: LPC a/k (Toeplitz solves) and the STFT loss. */
export const TOL_ILL = 1e-7;

/** One compared array. */
export interface ArrayCheck {
  readonly name: string;
  readonly error: number;
  readonly tolerance: number;
}

/** The outcome of one reference case. */
export interface CaseResult {
  readonly file: string;
  readonly name: string;
  /** Worst relative error over the case's arrays. */
  readonly worst: number;
  readonly pass: boolean;
  readonly arrays: readonly ArrayCheck[];
}

type Json = Record<string, unknown>;

/** Relative error `max|ours - ref| / max(1, max|ref|)`; NaN anywhere gives Infinity. */
export function relativeError(ours: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (ours.length !== ref.length) return Number.POSITIVE_INFINITY;
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(ours[i] - ref[i]);
    if (!(d <= diff)) diff = Number.isNaN(d) ? Number.POSITIVE_INFINITY : d;
    const r = Math.abs(ref[i]);
    if (r > scale) scale = r;
  }
  return diff / scale;
}

function num(c: Json, key: string): number {
  const v = c[key];
  if (typeof v !== 'number') throw new TypeError(`reference case field "${key}" must be a number`);
  return v;
}

function arr(c: Json, key: string): Float64Array {
  const v = c[key];
  if (!Array.isArray(v)) throw new TypeError(`reference case field "${key}" must be an array`);
  return Float64Array.from(v.flat(2) as number[]);
}

function result(file: string, name: string, arrays: ArrayCheck[]): CaseResult {
  let worst = 0;
  let pass = true;
  for (const a of arrays) {
    if (!(a.error <= worst)) worst = a.error;
    if (!(a.error <= a.tolerance)) pass = false;
  }
  return { file, name, worst, pass, arrays };
}

function check(name: string, ours: ArrayLike<number>, ref: ArrayLike<number>, tolerance = TOL_F64) {
  return { name, error: relativeError(ours, ref), tolerance };
}

/** allpole_tv.json: forward y and the vjp dx, dA, dzi of `L = Σ g·y`. */
export function checkAllpole(file: string, c: Json): CaseResult {
  const M = num(c, 'M');
  const x = arr(c, 'x');
  const A = arr(c, 'A');
  const zi = arr(c, 'zi');
  const { y } = allpole(x, A, M, zi);
  const grads = allpoleVjp(arr(c, 'g'), y, A, M, zi);
  return result(file, String(c.name), [
    check('y', y, arr(c, 'y')),
    check('dx', grads.dx, arr(c, 'dx')),
    check('dA', grads.dA, arr(c, 'dA')),
    check('dzi', grads.dzi, arr(c, 'dzi')),
  ]);
}

/**
 * lattice_tv.json: the reflection lattice (constant row or per-sample K), forward `y`, `zf`
 * and the VJP `dx`, `dK`, `dzi` of `L = Σ g·y` (a missing `zi` means rest). The file's
 * `constant` flag must agree with the shape of K (M, or T×M).
 */
export function checkLattice(file: string, c: Json): CaseResult {
  const M = num(c, 'M');
  const x = arr(c, 'x');
  const K = arr(c, 'K');
  const zi = c.zi === undefined ? new Float64Array(M) : arr(c, 'zi');
  const want = c.constant === true ? M : x.length * M;
  if (K.length !== want)
    throw new RangeError(`K has length ${K.length}, expected ${want} (constant: ${c.constant})`);
  const state = Float64Array.from(zi);
  const y = new Float64Array(x.length);
  lattice(x, K, M, state, y);
  const grads = latticeVjp(arr(c, 'g'), x, K, M, zi);
  return result(file, String(c.name), [
    check('y', y, arr(c, 'y')),
    check('zf', state, arr(c, 'zf')),
    check('dx', grads.dx, arr(c, 'dx')),
    check('dK', grads.dK, arr(c, 'dK')),
    check('dzi', grads.dzi, arr(c, 'dzi')),
  ]);
}

/** tv_lattice_model.json: the frame-rate lattice model's `y` and its VJPs w.r.t. `Kf`, `logGain`, `x`. */
export function checkTrackLattice(file: string, c: Json): CaseResult {
  const x = arr(c, 'x');
  const track = { k: arr(c, 'Kf'), logGain: arr(c, 'logGain'), order: num(c, 'M'), hop: num(c, 'hop') };
  if (typeof c.F === 'number' && track.logGain.length !== c.F) {
    throw new RangeError(`logGain has length ${track.logGain.length}, expected F = ${c.F}`);
  }
  const y = trackLattice(x, track);
  const grads = trackLatticeVjp(arr(c, 'g'), x, track);
  return result(file, String(c.name), [
    check('y', y, arr(c, 'y')),
    check('dKf', grads.dKf, arr(c, 'dKf')),
    check('dlogGain', grads.dlogGain, arr(c, 'dlogGain')),
    check('dx', grads.dx, arr(c, 'dx')),
  ]);
}

/** lfilter.json: scipy lfilter forward, its vjp, and freqz. */
export function checkLfilter(file: string, c: Json): CaseResult {
  const b = arr(c, 'b');
  const a = arr(c, 'a');
  const x = arr(c, 'x');
  const { y } = lfilter(b, a, x);
  const grads = lfilterVjp(b, a, x, y, arr(c, 'g'));
  const checks = [
    check('y', y, arr(c, 'y')),
    check('db', grads.db, arr(c, 'db')),
    check('da', grads.da, arr(c, 'da')),
    check('dx', grads.dx, arr(c, 'dx')),
  ];
  if (Array.isArray(c.freqz_w)) {
    const h = freqz(b, a, arr(c, 'freqz_w'));
    checks.push(check('freqz_re', h.re, arr(c, 'freqz_re')), check('freqz_im', h.im, arr(c, 'freqz_im')));
  }
  return result(file, String(c.name), checks);
}

/** seed_chirp.json: the tutorial's chirp, its exact filtering, frequency sampling and FIR. */
export function checkSeedChirp(file: string, c: Json): CaseResult {
  const T = num(c, 'T');
  const fs = num(c, 'fs');
  const b = arr(c, 'b');
  const a = arr(c, 'a');
  const xRef = arr(c, 'x');
  const x = chirp(T, 1, 1000, fs);
  const checks = [check('x', x, xRef), check('y', lfilter(b, a, xRef).y, arr(c, 'y'))];
  checks.push(check('y_freq_sampling', freqSamplingFilter(b, a, xRef), arr(c, 'y_freq_sampling')));
  const hRef = arr(c, 'h_fir_first_2048');
  checks.push(check('h_fir_first_2048', firFromIir(b, a, hRef.length, T), hRef));
  return result(file, String(c.name ?? 'seed_chirp'), checks);
}

/**
 * lpc.json: Hann-windowed autocorrelation, then Levinson–Durbin.
 *
 * The two stages are judged separately: `autocorr` from the frame, and the solver (`a`, `k`,
 * prediction error) from the reference's own autocorrelation. At order 48 the normal equations
 * amplify a one-ulp difference in r (numpy's BLAS summation order vs ours) into ~2e-7 in `a`,
 * which would measure summation order, not the solver.
 */
export function checkLpc(file: string, c: Json): CaseResult {
  const M = num(c, 'M');
  const frame = arr(c, 'frame');
  const r = autocorr(frame, M, hannTrimmed(frame.length));
  const sol = levinson(arr(c, 'autocorr'), M);
  return result(file, String(c.name), [
    check('autocorr', r, arr(c, 'autocorr')),
    check('a', sol.a, arr(c, 'a'), TOL_ILL),
    check('k', sol.k, arr(c, 'k'), TOL_ILL),
    check('prediction_error', [sol.error], [num(c, 'prediction_error')], TOL_ILL),
  ]);
}

/** mrstft.json: the multi-resolution STFT loss and its gradient. */
export function checkMrstft(file: string, c: Json): CaseResult {
  const estimate = arr(c, 'estimate');
  const resolutions = (c.resolutions as number[][]).map((r) => [r[0], r[1], r[2]] as const);
  const grad = new Float64Array(estimate.length);
  const loss = mrstftLoss(estimate, arr(c, 'target'), resolutions, grad);
  return result(file, String(c.name), [
    check('loss', [loss], [num(c, 'loss')], TOL_ILL),
    check('grad', grad, arr(c, 'grad'), TOL_ILL),
  ]);
}

/** Reference files recognised by name, and the check that runs each of their cases. */
export const CHECKS: Readonly<Record<string, (file: string, c: Json) => CaseResult>> = {
  'allpole_tv.json': checkAllpole,
  'lfilter.json': checkLfilter,
  'seed_chirp.json': checkSeedChirp,
  'lpc.json': checkLpc,
  'mrstft.json': checkMrstft,
  'lattice_tv.json': checkLattice,
  'tv_lattice_model.json': checkTrackLattice,
};

/** Runs every case of one parsed reference file (`cases` array, or the file itself as one case). */
export function runReferenceFile(file: string, json: Json): CaseResult[] {
  const run = CHECKS[file];
  if (!run) throw new RangeError(`conformance: unrecognised reference file "${file}"`);
  const cases = Array.isArray(json.cases) ? (json.cases as Json[]) : [json];
  return cases.map((c) => {
    try {
      return run(file, c);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      return { ...result(file, String(c.name), [{ name: `error: ${msg}`, error: Infinity, tolerance: 0 }]) };
    }
  });
}
