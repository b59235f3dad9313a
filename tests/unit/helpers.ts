/**
 * Shared unit-test helpers (not tests themselves): seeded random data, the reference vectors in
 * tests/fixtures/reference (copied from the team's shared reference set; see its README), the team's relative-error rule, central finite differences (float64) and
 * random stable coefficients.
 */
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { readReferenceJson } from '../../src/cli/conformance.js';
import { reflectionToDirect } from '../../src/core/params/reflection.js';
import { mulberry32 } from '../../src/core/random/mulberry32.js';

export { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';

/** The golden vectors shipped with the repository (tests/fixtures/reference, provenance in its README). */
export const REFERENCE_DIR = fileURLToPath(new URL('../fixtures/reference/', import.meta.url));

/** The real recordings shipped with the repository (tests/fixtures/audio, provenance in its README). */
export const AUDIO_DIR = fileURLToPath(new URL('../fixtures/audio/', import.meta.url));

/** Parsed JSON of `tests/fixtures/reference/<name>` (or its `.gz`). */
// biome-ignore lint/suspicious/noExplicitAny: reference files are loosely typed JSON
export function loadReference<T = any>(name: string): T {
  const json = readReferenceJson(`${REFERENCE_DIR}${name}`);
  if (json === undefined) throw new Error(`loadReference: no fixture ${name}`);
  return json as T;
}

/** `n` uniforms in [-scale, scale) drawn as `(2·rand() − 1)·scale`. */
export function uniformArray(rand: () => number, n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, () => (2 * rand() - 1) * scale);
}

/** max |p_i − q_i| (asserts equal lengths). */
export function maxAbsDiff(p: ArrayLike<number>, q: ArrayLike<number>): number {
  expect(p.length).toBe(q.length);
  let e = 0;
  for (let i = 0; i < q.length; i++) e = Math.max(e, Math.abs(p[i] - q[i]));
  return e;
}

/** max(1, max |q_i|): the scale of the team's tolerance rule. */
export function refScale(q: ArrayLike<number>): number {
  let m = 1;
  for (let i = 0; i < q.length; i++) m = Math.max(m, Math.abs(q[i]));
  return m;
}

/** max |p − q| / max(1, max |q|) (asserts equal lengths). */
export function relErr(p: ArrayLike<number>, q: ArrayLike<number>): number {
  return maxAbsDiff(p, q) / refScale(q);
}

/** Asserts max |ours − ref| ≤ tol · max(1, max |ref|) (team rule; 1e-9 for float64). */
export function expectClose(ours: ArrayLike<number>, ref: ArrayLike<number>, tol = 1e-9): void {
  expect(maxAbsDiff(ours, ref)).toBeLessThanOrEqual(tol * refScale(ref));
}

/** Σ p_i q_i. */
export function dot(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] * q[i];
  return s;
}

/** Copy of `v` with `v[k] += s` (a finite-difference probe). */
export function bump(v: number[], k: number, s: number): number[] {
  return v.map((x, i) => (i === k ? x + s : x));
}

/** Central difference (f(h) − f(−h)) / 2h of a scalar function of the step. */
export function centralDiff(f: (step: number) => number, h: number): number {
  return (f(h) - f(-h)) / (2 * h);
}

/**
 * Finite-difference vector–Jacobian product of `f` at `u` against the cotangent `g`:
 * entry j is Σ_i g_i (f(u + h e_j)_i − f(u − h e_j)_i) / 2h (float64, central differences).
 */
export function fdVjp(
  f: (u: Float64Array) => ArrayLike<number>,
  u: ArrayLike<number>,
  g: ArrayLike<number>,
  h = 1e-6,
): Float64Array {
  const out = new Float64Array(u.length);
  for (let j = 0; j < u.length; j++) {
    const up = Float64Array.from(u);
    const um = Float64Array.from(u);
    up[j] += h;
    um[j] -= h;
    const fp = f(up);
    const fm = f(um);
    let fd = 0;
    for (let i = 0; i < g.length; i++) fd += (g[i] * (fp[i] - fm[i])) / (2 * h);
    out[j] = fd;
  }
  return out;
}

/** Asserts |analytic_j − fd_j| < tol · max(1, |fd_j|) for every j. */
export function expectGradientClose(analytic: ArrayLike<number>, fd: ArrayLike<number>, tol: number): void {
  expect(analytic.length).toBe(fd.length);
  for (let j = 0; j < fd.length; j++) {
    expect(Math.abs(analytic[j] - fd[j])).toBeLessThan(tol * Math.max(1, Math.abs(fd[j])));
  }
}

/**
 * Step-up written out independently of src (a test oracle):
 * a^(m) = [a^(m-1) + k_m·reverse(a^(m-1)), k_m].
 */
export function stepUpReference(k: ArrayLike<number>): Float64Array {
  const M = k.length;
  const a = new Float64Array(M);
  const tmp = new Float64Array(M);
  for (let m = 1; m <= M; m++) {
    for (let i = 0; i < m - 1; i++) tmp[i] = a[i] + k[m - 1] * a[m - 2 - i];
    for (let i = 0; i < m - 1; i++) a[i] = tmp[i];
    a[m - 1] = k[m - 1];
  }
  return a;
}

/** `n` reflection coefficients uniform in (−limit, limit). */
export function randomReflection(rand: () => number, n: number, limit: number): Float64Array {
  return uniformArray(rand, n, limit);
}

/** Random stable direct-form row `a_1..a_M` (step-up of reflection coefficients |k| < limit). */
export function randomStableDirect(rand: () => number, M: number, limit: number): Float64Array {
  return reflectionToDirect(randomReflection(rand, M, limit)) as Float64Array;
}

/**
 * Random slowly time-varying stable all-pole problem: reflection coefficients move from k0 to k1
 * (|k| < kmax) along a raised cosine over T samples; A (T×M) is their step-up, with signal x,
 * initial state zi and cotangent g uniform in [-1, 1). a0 is the step-up of k0.
 */
export function randomAllpoleProblem(seed: number, T: number, M: number, kmax = 0.8) {
  const rnd = mulberry32(seed);
  const k0 = randomReflection(rnd, M, kmax);
  const k1 = randomReflection(rnd, M, kmax);
  const A = new Float64Array(T * M);
  const k = new Float64Array(M);
  for (let t = 0; t < T; t++) {
    const w = 0.5 - 0.5 * Math.cos((Math.PI * t) / Math.max(1, T));
    for (let i = 0; i < M; i++) k[i] = (1 - w) * k0[i] + w * k1[i];
    reflectionToDirect(k, A.subarray(t * M, (t + 1) * M));
  }
  const x = uniformArray(rnd, T);
  const zi = uniformArray(rnd, M);
  const g = uniformArray(rnd, T);
  return { A, x, zi, g, a0: reflectionToDirect(k0) as Float64Array };
}
