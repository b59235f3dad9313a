import { describe, expect, it } from 'vitest';
import { hannTrimmed } from '../../src/core/lpc/autocorr.js';
import { levinson, levinsonScratchLength } from '../../src/core/lpc/levinson.js';
import { lpc } from '../../src/core/lpc/lpc.js';
import { refineToeplitzSolution, toeplitzResidual } from '../../src/core/lpc/toeplitz-refine.js';
import { reflectionToDirect } from '../../src/core/params/reflection.js';
import { loadReference, mulberry32, relErr } from './helpers.js';

// Independent oracle: Levinson–Durbin entirely in double-double (~106-bit). On the 94 speech
// frames of the stress study it reproduced mpmath (60 digits) to the last bit of a, k, E.
type DD = [number, number];
function twoSum(a: number, b: number): DD {
  const s = a + b;
  const z = s - a;
  return [s, a - (s - z) + (b - z)];
}
function split(a: number): DD {
  const t = 134217729 * a;
  const h = t - (t - a);
  return [h, a - h];
}
function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, al * bl - (p - ah * bh - al * bh - ah * bl)];
}
function norm(h: number, l: number): DD {
  const s = h + l;
  return [s, l - (s - h)];
}
const ddAdd = (x: DD, y: DD): DD => {
  const [s, e] = twoSum(x[0], y[0]);
  return norm(s, e + x[1] + y[1]);
};
const ddMul = (x: DD, y: DD): DD => {
  const [p, e] = twoProd(x[0], y[0]);
  return norm(p, e + x[0] * y[1] + x[1] * y[0]);
};
function ddDiv(x: DD, y: DD): DD {
  const q = x[0] / y[0];
  const r = ddAdd(x, ddMul([-q, 0], y));
  const q2 = r[0] / y[0];
  const r2 = ddAdd(r, ddMul([-q2, 0], y));
  return ddAdd(norm(q, q2), [r2[0] / y[0], 0]);
}
function ddLevinson(r: ArrayLike<number>, M: number): { a: number[]; k: number[]; error: number } {
  let a: DD[] = [];
  const k: number[] = [];
  let E: DD = [r[0], 0];
  for (let m = 1; m <= M; m++) {
    let acc: DD = [r[m], 0];
    for (let i = 0; i < m - 1; i++) acc = ddAdd(acc, ddMul(a[i], [r[m - 1 - i], 0]));
    const km = ddDiv([-acc[0], -acc[1]], E);
    a = [...a.map((ai, i) => ddAdd(ai, ddMul(km, a[m - 2 - i]))), km];
    k.push(km[0]);
    E = ddMul(E, ddAdd([1, 0], ddMul([-km[0], -km[1]], km)));
  }
  return { a: a.map((v) => v[0]), k, error: E[0] };
}

// Exact residual r_i + Σ_j r_|i-j| a_j with BigInt (doubles scaled by 2^1100 are integers here).
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
function big(x: number): bigint {
  if (x === 0) return 0n;
  f64[0] = x;
  const b = u64[0];
  const e = Number((b >> 52n) & 0x7ffn);
  const m = (b & 0xfffffffffffffn) | (e > 0 ? 1n << 52n : 0n);
  const sh = BigInt(Math.max(e, 1) - 1075 + 1100);
  if (sh < 0n) throw new Error('value too small for the exact residual');
  return b >> 63n ? -(m << sh) : m << sh;
}
function exactResidual(r: ArrayLike<number>, M: number, a: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 1; i <= M; i++) {
    let s = big(r[i]) << 1100n;
    for (let j = 1; j <= M; j++) s += big(r[Math.abs(i - j)]) * big(a[j - 1]);
    out.push(Number(s >> 2000n) / 2 ** 200); // scale 2^2200 → value (magnitude to ~1e-45 abs.)
  }
  return out;
}

/** Voiced-speech-like frame: noisy pulse train → one-pole lowpass → five formants (r = 0.99). */
function speechLike(seed: number, N: number): Float64Array {
  const rnd = mulberry32(seed);
  const theta = [0.25, 0.6, 1.0, 1.5, 2.1];
  const st = theta.map(() => [0, 0]);
  const P = 100 + Math.floor(rnd() * 40);
  const x = new Float64Array(N);
  let g1 = 0;
  let g2 = 0;
  for (let n = 0; n < N; n++) {
    g1 = (n % P === 0 ? 1 : 0) + 1e-2 * (rnd() - 0.5) + 0.5 * g1;
    g2 = g1 + 0.5 * g2;
    let v = g2;
    theta.forEach((th, p) => {
      const y = v + 2 * 0.99 * Math.cos(th) * st[p][0] - 0.99 * 0.99 * st[p][1];
      st[p][1] = st[p][0];
      st[p][0] = y;
      v = y;
    });
    x[n] = v;
  }
  return x;
}

const U = 2 ** -53;
const M = 48;
const SEEDS = [1, 2, 3, 4, 5];

describe('levinson iterative refinement (order 48, ill-conditioned speech-like frames)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: a, k, error equal a double-double solve; plain Durbin does not`, () => {
      const res = lpc(speechLike(seed, 2048), M);
      const r = res.r;
      const dd = ddLevinson(r, M);
      // The case is hard: the plain recursion is off by far more than round-off.
      const plain = levinson(r, M, undefined, undefined, 0);
      expect(relErr(plain.a, dd.a)).toBeGreaterThan(1e-10);
      // Refined (lpc's default path): the exact solution for this r to ~1 ulp.
      expect(relErr(res.a, dd.a)).toBeLessThanOrEqual(4 * U);
      // k: step-down of the refined a (~1e-12 from exact; Durbin's k is ~1e-9 off).
      expect(relErr(res.k, dd.k)).toBeLessThanOrEqual(1e-11);
      for (let i = 0; i < M; i++) expect(Math.abs(res.k[i])).toBeLessThan(1);
      expect(relErr(reflectionToDirect(res.k), res.a)).toBeLessThanOrEqual(1e-13);
      expect(Math.abs(res.error - dd.error)).toBeLessThanOrEqual(1e-14 * dd.error);
    });
  }

  it('exact (BigInt) residual of the refined a is at the rounding level of a', () => {
    for (const seed of SEEDS) {
      const r = lpc(speechLike(seed, 2048), M).r;
      const { a } = levinson(r, M);
      const res = exactResidual(r, M, a);
      for (let i = 1; i <= M; i++) {
        // A correctly rounded exact solution leaves |res_i| ≤ u·Σ_j |r_|i-j| a_j|.
        let bound = 0;
        for (let j = 1; j <= M; j++) bound += Math.abs(r[Math.abs(i - j)] * a[j - 1]);
        expect(Math.abs(res[i - 1])).toBeLessThanOrEqual(U * bound);
      }
    }
  });
});

describe('levinson refinement on tests/fixtures/reference/lpc.json (real speech, orders 8-32)', () => {
  const ref = loadReference<{
    cases: { name: string; M: number; frame: number[]; autocorr: number[]; a: number[]; k: number[] }[];
  }>('lpc.json');
  for (const c of ref.cases) {
    it(`${c.name}: exact for the reference r, and within 1e-7 of scipy`, () => {
      const sol = levinson(c.autocorr, c.M);
      const dd = ddLevinson(c.autocorr, c.M);
      expect(relErr(sol.a, dd.a)).toBeLessThanOrEqual(4 * U);
      expect(relErr(sol.a, c.a)).toBeLessThanOrEqual(1e-7);
      expect(relErr(sol.k, c.k)).toBeLessThanOrEqual(1e-7);
      expect(c.frame.length).toBe(hannTrimmed(c.frame.length).length);
    });
  }
});

describe('levinson refinement: buffers, options, fallback', () => {
  const r = lpc(speechLike(3, 2048), M).r;

  it('caller buffers (a, k, scratch) give the same result as the allocating call', () => {
    const a = new Float64Array(M + 2);
    const k = new Float64Array(M + 2);
    const scratch = new Float64Array(levinsonScratchLength(M));
    expect(levinsonScratchLength(M)).toBe(3 * M);
    const sol = levinson(r, M, { a, k, scratch });
    expect(sol.a).toBe(a);
    expect(sol.k).toBe(k);
    const ref = levinson(r, M);
    expect(Array.from(a.subarray(0, M))).toEqual(Array.from(ref.a));
    expect(Array.from(k.subarray(0, M))).toEqual(Array.from(ref.k));
    expect(sol.error).toBe(ref.error);
    // One packed buffer with disjoint views is fine.
    const big = new Float64Array(5 * M);
    const s2 = levinson(r, M, {
      a: big.subarray(0, M),
      k: big.subarray(M, 2 * M),
      scratch: big.subarray(2 * M),
    });
    expect(Array.from(s2.a)).toEqual(Array.from(ref.a));
  });

  it('refineSteps = 0 is the plain recursion (step-up of k rebuilds a bit for bit)', () => {
    const plain = levinson(r, M, undefined, undefined, 0);
    expect(Array.from(reflectionToDirect(plain.k))).toEqual(Array.from(plain.a));
    const one = levinson(r, M, undefined, undefined, 1);
    const dd = ddLevinson(r, M);
    expect(relErr(one.a, dd.a)).toBeLessThan(relErr(plain.a, dd.a) * 1e-4);
  });

  it('falls back to the Durbin result when the refined k would reach kMax', () => {
    // kMax between the largest Durbin |k| and the refined |k| at the same index.
    let found = false;
    for (let seed = 1; seed <= 40 && !found; seed++) {
      const rs = lpc(speechLike(seed, 1024), M).r;
      const plain = levinson(rs, M, undefined, undefined, 0);
      const refined = levinson(rs, M);
      let iMax = 0;
      for (let i = 1; i < M; i++) if (Math.abs(plain.k[i]) > Math.abs(plain.k[iMax])) iMax = i;
      const kd = Math.abs(plain.k[iMax]);
      const kr = Math.abs(refined.k[iMax]);
      const kMax = (kd + kr) / 2;
      if (!(kr > kd) || !(kMax > kd && kMax < kr)) continue;
      found = true;
      const sol = levinson(rs, M, undefined, kMax);
      expect(Array.from(sol.k)).toEqual(Array.from(plain.k));
      expect(Array.from(sol.a)).toEqual(Array.from(plain.a));
      expect(sol.error).toBe(plain.error);
      for (let i = 0; i < M; i++) expect(Math.abs(sol.k[i])).toBeLessThan(kMax);
    }
    expect(found).toBe(true);
  });

  it('converges in several steps when Durbin is only good to ~1e-5 (two sinusoids + 1e-11 noise)', () => {
    const r = Float64Array.from(
      { length: M + 1 },
      (_, i) => 0.5 * Math.cos(0.7 * i) + 0.15 * Math.cos(2.1 * i) + (i === 0 ? 1e-11 : 0),
    );
    const dd = ddLevinson(r, M);
    expect(relErr(levinson(r, M, undefined, undefined, 0).a, dd.a)).toBeGreaterThan(1e-6);
    expect(relErr(levinson(r, M, undefined, undefined, 2).a, dd.a)).toBeGreaterThan(16 * U);
    const sol = levinson(r, M);
    expect(relErr(sol.a, dd.a)).toBeLessThanOrEqual(4 * U);
    for (let i = 0; i < M; i++) expect(Math.abs(sol.k[i])).toBeLessThan(1);
  });

  it('undoes a first step that the next correction does not confirm (wrong k → bad solve)', () => {
    const m = 8;
    const rs = Float64Array.from({ length: m + 1 }, (_, i) => 0.9 ** i + 0.4 * Math.cos(1.3 * i) * 0.8 ** i);
    const plain = levinson(rs, m, undefined, undefined, 0);
    const a = Float64Array.from(plain.a);
    const wrongK = plain.k.map((v) => -v);
    const scratch = new Float64Array(3 * m);
    expect(refineToeplitzSolution(rs, m, a, wrongK, scratch, 10)).toBe(0);
    expect(Array.from(a)).toEqual(Array.from(plain.a));
    // scratch[m..2m) is the residual of the returned a.
    const res = new Float64Array(m);
    toeplitzResidual(rs, m, a, res);
    expect(Array.from(scratch.subarray(m, 2 * m))).toEqual(Array.from(res));
    // With the right k the same call refines.
    expect(refineToeplitzSolution(rs, m, a, plain.k, scratch, 10)).toBeGreaterThanOrEqual(0);
    expect(relErr(a, ddLevinson(rs, m).a)).toBeLessThanOrEqual(4 * U);
  });

  it('rejects bad refineSteps and bad scratch', () => {
    expect(() => levinson(r, M, undefined, undefined, -1)).toThrow(/refineSteps/);
    expect(() => levinson(r, M, undefined, undefined, 1.5)).toThrow(/refineSteps/);
    expect(() => levinson(r, M, { scratch: new Float64Array(3 * M - 1) })).toThrow(/out\.scratch/);
    const a = new Float64Array(4 * M);
    expect(() => levinson(r, M, { a, scratch: a.subarray(M - 1) })).toThrow(/out\.scratch/);
  });
});
