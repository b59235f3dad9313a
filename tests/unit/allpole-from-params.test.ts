/**
 * The AudioParam-reading kernels (latticeFromParams, allpoleFromParams) and the generated
 * order-specialised lattice against the existing paths: gathering the params into a T×M matrix
 * then clampReflection + the generic lattice loop (latticeGeneric, the former `lattice` body),
 * or `allpole`. Orders 1..40 (generated up to 32, generic above), per-sample, constant
 * (length-1) and mixed params, float32 and float64 outputs, streaming in blocks = whole run,
 * fault codes; each with and without the `columns` packing scratch (the worklet's path).
 */
import { describe, expect, it } from 'vitest';
import { clampReflection } from '../../src/core/allpole/clamp-reflection.js';
import { allpole } from '../../src/core/allpole/forward.js';
import {
  allpoleFromParams,
  latticeFromParams,
  PARAMS_NONFINITE_COEFFICIENT,
  PARAMS_NONFINITE_OUTPUT,
  PARAMS_OK,
  paramsFinite,
} from '../../src/core/allpole/from-params.js';
import { LATTICE } from '../../src/core/allpole/generated/lattice.js';
import { latticeGeneric } from '../../src/core/allpole/generic-lattice.js';
import { lattice } from '../../src/core/allpole/lattice.js';
import { reflectionToDirect } from '../../src/core/params/reflection.js';
import { mulberry32 } from '../../src/core/random/mulberry32.js';

const LIMIT = 0.999999;
type Mode = 'per-sample' | 'constant' | 'mixed';

/**
 * Float32 AudioParam arrays for one block of T samples of order M: reflection values |k| < 0.9
 * decaying with the stage (a few entries pushed to ±1 so the clamp acts), or — for 'direct' —
 * the step-up of such a row (stable). 'mixed': every third coefficient constant.
 */
function makeParams(rnd: () => number, M: number, T: number, mode: Mode, direct: boolean): Float32Array[] {
  const rows = T;
  const K = new Float64Array(rows * M);
  const base = Float64Array.from({ length: M }, (_, i) => (2 * rnd() - 1) * 0.9 * 0.9 ** Math.max(0, i - 3));
  for (let t = 0; t < rows; t++)
    for (let i = 0; i < M; i++) K[t * M + i] = base[i] * (1 - 0.3 * Math.sin(0.05 * t + i));
  if (!direct && M > 1) {
    // Values at and just beyond the clamp limit (AudioParams clamp to [-1, 1]).
    K[M - 1] = 1;
    K[(rows - 1) * M] = -1;
    if (rows > 2) K[M + 1] = Math.fround(0.9999997);
  }
  const params: Float32Array[] = [];
  for (let i = 0; i < M; i++) {
    const constant = mode === 'constant' || (mode === 'mixed' && i % 3 === 1);
    params.push(new Float32Array(constant ? 1 : T));
  }
  const row = new Float64Array(M);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < M; i++) row[i] = K[t * M + i];
    if (direct) reflectionToDirect(row, row);
    for (let i = 0; i < M; i++) if (params[i].length === T || t === 0) params[i][t] = row[i];
  }
  return params;
}

/** The gathered T×M float64 matrix of the params (length-1 arrays broadcast). */
function gather(params: Float32Array[], M: number, T: number): Float64Array {
  const A = new Float64Array(T * M);
  for (let t = 0; t < T; t++)
    for (let i = 0; i < M; i++) A[t * M + i] = params[i][params[i].length === 1 ? 0 : t];
  return A;
}

function noise(rnd: () => number, T: number): Float32Array {
  return Float32Array.from({ length: T }, () => 0.5 * (2 * rnd() - 1));
}

describe('generated lattice equals the generic loop (bit for bit)', () => {
  for (let M = 1; M <= 40; M++) {
    it(`M=${M}: per-sample and constant K, float64 and float32 out`, () => {
      const rnd = mulberry32(3000 + M);
      for (const T of [0, 1, M + 3, 200]) {
        const x = Float64Array.from({ length: T }, () => 2 * rnd() - 1);
        const s0 = Float64Array.from({ length: M }, () => 0.3 * (2 * rnd() - 1));
        const Ktv = Float64Array.from({ length: T * M }, () => 0.95 * (2 * rnd() - 1));
        const Kti = Ktv.length >= M ? Ktv.slice(0, M) : Float64Array.from({ length: M }, () => 0.5);
        for (const K of [Ktv, Kti]) {
          if (K.length !== M && K.length !== T * M) continue;
          for (const f32 of [false, true]) {
            const y1 = f32 ? new Float32Array(T) : new Float64Array(T);
            const y2 = f32 ? new Float32Array(T) : new Float64Array(T);
            const a = Float64Array.from(s0);
            const b = Float64Array.from(s0);
            lattice(x, K, M, a, y1);
            latticeGeneric(x, K, b, y2, T, K.length === M && T !== 1 ? 0 : M);
            expect(Array.from(y1)).toEqual(Array.from(y2));
            expect(Array.from(a)).toEqual(Array.from(b));
          }
        }
      }
      if (M <= 32) expect(LATTICE[M].name).toBe(`lattice${M}`);
      else expect(LATTICE[0]).toBe(latticeGeneric);
    });
  }
});

describe('latticeFromParams / allpoleFromParams equal the gathered-matrix paths', () => {
  for (let M = 1; M <= 40; M++) {
    for (const mode of ['per-sample', 'constant', 'mixed'] as const) {
      it(`M=${M}, ${mode} params: reflection and direct, float32 out, blocks = whole run`, () => {
        const rnd = mulberry32(M * 131 + mode.length);
        const sizes = [128, 1, 37, 128, M, 5];
        for (const direct of [false, true]) {
          const x = noise(
            rnd,
            sizes.reduce((p, q) => p + q, 0),
          );
          const state = new Float64Array(M);
          const stateC = new Float64Array(M);
          const ref = new Float64Array(M);
          const whole = new Float32Array(x.length);
          const blockwise = new Float32Array(x.length);
          const packed = new Float32Array(x.length);
          // Packing scratch larger than M·T, holding garbage from earlier blocks (as in the worklet).
          const columns = new Float32Array(M * 128 + 3).fill(Number.NaN);
          let t0 = 0;
          for (const T of sizes) {
            const params = makeParams(rnd, M, T, mode, direct);
            const xs = x.subarray(t0, t0 + T);
            const y = blockwise.subarray(t0, t0 + T);
            const yc = packed.subarray(t0, t0 + T);
            const code = direct
              ? allpoleFromParams(xs, params, M, state, y)
              : latticeFromParams(xs, params, M, state, y, LIMIT);
            expect(code).toBe(PARAMS_OK);
            const codeC = direct
              ? allpoleFromParams(xs, params, M, stateC, yc, columns)
              : latticeFromParams(xs, params, M, stateC, yc, LIMIT, columns);
            expect(codeC).toBe(PARAMS_OK);
            expect(Array.from(stateC)).toEqual(Array.from(state));
            // Existing path: gathered matrix (constant rows as one row), clamp, lattice/allpole.
            const allConst = params.every((p) => p.length === 1);
            const A = allConst ? gather(params, M, 1) : gather(params, M, T);
            const r = whole.subarray(t0, t0 + T);
            if (direct) {
              const zf = new Float64Array(M);
              allpole(xs, A, M, ref, { y: r, zf });
              ref.set(zf);
            } else {
              clampReflection(A, LIMIT);
              latticeGeneric(xs, A, ref, r, T, A.length === M && T !== 1 ? 0 : M);
            }
            expect(Array.from(state)).toEqual(Array.from(ref));
            t0 += T;
          }
          expect(Array.from(blockwise)).toEqual(Array.from(whole));
          expect(Array.from(packed)).toEqual(Array.from(whole));
          expect(blockwise.some((v) => v !== 0)).toBe(true);
        }
      });
    }
  }

  it('the clamp acts: a coefficient at 1 is filtered as 0.999999', () => {
    const T = 64;
    const x = new Float64Array(T);
    x[0] = 1;
    const y = new Float64Array(T);
    expect(latticeFromParams(x, [Float32Array.of(1)], 1, new Float64Array(1), y, LIMIT)).toBe(PARAMS_OK);
    let r = 1;
    for (let t = 0; t < T; t++, r = -LIMIT * r) expect(y[t]).toBe(r);
    expect(y[T - 1]).not.toBe((-1) ** (T - 1));
  });

  it('float64 input and output, output aliasing the input', () => {
    const rnd = mulberry32(99);
    const M = 7;
    const T = 300;
    const params = makeParams(rnd, M, T, 'per-sample', false);
    const x = Float64Array.from({ length: T }, () => 2 * rnd() - 1);
    const y = Float64Array.from(x);
    latticeFromParams(y, params, M, new Float64Array(M), y);
    const K = gather(params, M, T);
    clampReflection(K, LIMIT);
    const ref = new Float64Array(T);
    lattice(x, K, M, new Float64Array(M), ref);
    expect(Array.from(y)).toEqual(Array.from(ref));
  });
});

describe('fault codes', () => {
  const M = 4;
  const T = 128;
  const setup = () => {
    const rnd = mulberry32(7);
    return { x: noise(rnd, T), y: new Float32Array(T), s: new Float64Array(M) };
  };
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    for (const constant of [false, true]) {
      it(`coefficient ${bad} (${constant ? 'constant' : 'per-sample'}): NONFINITE_COEFFICIENT in both domains`, () => {
        for (const direct of [false, true]) {
          for (const at of [0, 1, M - 1]) {
            for (const columns of [undefined, new Float32Array(M * T)]) {
              const { x, y, s } = setup();
              const params = makeParams(mulberry32(at), M, T, constant ? 'constant' : 'per-sample', direct);
              params[at][constant ? 0 : 77] = bad;
              const code = direct
                ? allpoleFromParams(x, params, M, s, y, columns)
                : latticeFromParams(x, params, M, s, y, LIMIT, columns);
              expect(code, `direct=${direct} at=${at} columns=${columns !== undefined}`).toBe(
                PARAMS_NONFINITE_COEFFICIENT,
              );
              expect(paramsFinite(params, M)).toBe(false);
            }
          }
        }
      });
    }
  }
  it('high-order generic kernels detect a non-finite coefficient too', () => {
    const M2 = 36;
    const { x, y } = setup();
    for (const direct of [false, true]) {
      const params = makeParams(mulberry32(5), M2, T, 'per-sample', direct);
      params[20][127] = Number.POSITIVE_INFINITY;
      const s = new Float64Array(M2);
      const code = direct
        ? allpoleFromParams(x, params, M2, s, y)
        : latticeFromParams(x, params, M2, s, y, LIMIT);
      expect(code).toBe(PARAMS_NONFINITE_COEFFICIENT);
    }
  });
  it('non-finite input, or direct-form overflow: NONFINITE_OUTPUT', () => {
    const { x, y, s } = setup();
    x[50] = Number.NaN;
    const params = makeParams(mulberry32(1), M, T, 'per-sample', false);
    expect(latticeFromParams(x, params, M, s, y, LIMIT)).toBe(PARAMS_NONFINITE_OUTPUT);
    const x2 = new Float32Array(4000).fill(1);
    const unstable = [Float32Array.of(-1.9), Float32Array.of(1.5)];
    expect(allpoleFromParams(x2, unstable, 2, new Float64Array(2), new Float32Array(4000))).toBe(
      PARAMS_NONFINITE_OUTPUT,
    );
  });
  it('finite params give PARAMS_OK and paramsFinite true', () => {
    const { x, y, s } = setup();
    const params = makeParams(mulberry32(2), M, T, 'mixed', false);
    expect(latticeFromParams(x, params, M, s, y)).toBe(PARAMS_OK);
    expect(paramsFinite(params, M)).toBe(true);
  });
  it('bad arguments: RangeError naming the argument', () => {
    const { x, y, s } = setup();
    const params = makeParams(mulberry32(3), M, T, 'per-sample', false);
    expect(() => latticeFromParams(x, params, 0, s, y)).toThrow(/order M/);
    expect(() => latticeFromParams(x, params.slice(0, 2), M, s, y)).toThrow(/params must hold/);
    expect(() => latticeFromParams(x, params, M, new Float64Array(3), y)).toThrow(/state\.length/);
    expect(() => allpoleFromParams(x, params, M, s, new Float32Array(5))).toThrow(/out\.length/);
    const wrong = params.slice();
    wrong[2] = new Float32Array(64);
    expect(() => allpoleFromParams(x, wrong, M, s, y)).toThrow(/params\[2\]\.length/);
    expect(() => latticeFromParams(x, params, M, s, y, 1.5)).toThrow(/limit/);
    const short = new Float32Array(M * T - 1);
    expect(() => latticeFromParams(x, params, M, s, y, LIMIT, short)).toThrow(/columns/);
    expect(() => allpoleFromParams(x, params, M, s, y, short)).toThrow(/columns/);
    const f64 = new Float64Array(M * T) as unknown as Float32Array;
    expect(() => allpoleFromParams(x, params, M, s, y, f64)).toThrow(/columns/);
  });
});
