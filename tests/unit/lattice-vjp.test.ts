import { describe, expect, it } from 'vitest';
import { allpoleVjp } from '../../src/core/allpole/adjoint.js';
import { allpole } from '../../src/core/allpole/forward.js';
import { lattice } from '../../src/core/allpole/lattice.js';
import { latticeJvp } from '../../src/core/allpole/lattice-jvp.js';
import { latticeVjp, latticeVjpScratchLength } from '../../src/core/allpole/lattice-vjp.js';
import { reflectionToDirect, reflectionToDirectVjp } from '../../src/core/params/reflection.js';
import { dot, expectClose, mulberry32, uniformArray } from './helpers.js';

/** Independent naive lattice (the recursion of lattice_tv.json's convention, written out). */
function naiveLattice(x: ArrayLike<number>, K: ArrayLike<number>, M: number, zi: ArrayLike<number>) {
  const T = x.length;
  const per = K.length === T * M;
  let s = Array.from(zi);
  const y = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    const k = (m: number) => K[(per ? t * M : 0) + m - 1];
    const next = s.slice();
    let f = x[t];
    for (let m = M; m >= 1; m--) {
      f = f - k(m) * s[m - 1];
      if (m <= M - 1) next[m] = s[m - 1] + k(m) * f;
    }
    next[0] = f;
    y[t] = f;
    s = next;
  }
  return { y, zf: Float64Array.from(s) };
}

/** A random problem: per-sample K jumping (`jump`) or smooth, |k| < kmax. */
function problem(seed: number, T: number, M: number, kmax: number, perSample: boolean, jump = true) {
  const r = mulberry32(seed);
  let K: Float64Array;
  if (!perSample) K = uniformArray(r, M, kmax);
  else if (jump) K = uniformArray(r, T * M, kmax);
  else {
    const k0 = uniformArray(r, M, kmax);
    const k1 = uniformArray(r, M, kmax);
    K = new Float64Array(T * M);
    for (let t = 0; t < T; t++) {
      const w = t / Math.max(1, T - 1);
      for (let m = 0; m < M; m++) K[t * M + m] = (1 - w) * k0[m] + w * k1[m];
    }
  }
  return { x: uniformArray(r, T), K, zi: uniformArray(r, M), g: uniformArray(r, T), r };
}

const L = (g: ArrayLike<number>, y: ArrayLike<number>) => dot(g, y);

describe('latticeVjp: central finite differences (float64)', () => {
  // h = 1e-5: truncation error ~ h²·|L'''|/6 and rounding ~ 1e-16·Σ|g·y|/h are both below
  // ~1e-8 for these sizes (|y| ≲ 10, T ≤ 40), so 1e-6·max(1, |fd|) is a fair bound that a
  // wrong gradient (an error of O(|fd|)) cannot meet.
  const h = 1e-5;
  for (const [M, per] of [
    [1, true],
    [3, true],
    [7, true],
    [16, true],
    [5, false],
  ] as const) {
    it(`M=${M} ${per ? 'per-sample' : 'constant'} K: dx, dK, dzi`, () => {
      const T = 40;
      const p = problem(10 + M, T, M, 0.95, per);
      const G = latticeVjp(p.g, p.x, p.K, M, p.zi);
      const fd = (v: Float64Array, j: number) => {
        const o = v[j];
        v[j] = o + h;
        const lp = L(p.g, naiveLattice(p.x, p.K, M, p.zi).y);
        v[j] = o - h;
        const lm = L(p.g, naiveLattice(p.x, p.K, M, p.zi).y);
        v[j] = o;
        return (lp - lm) / (2 * h);
      };
      for (const [name, v, d] of [
        ['x', p.x, G.dx],
        ['K', p.K, G.dK],
        ['zi', p.zi, G.dzi],
      ] as const) {
        for (let j = 0; j < v.length; j++) {
          const n = fd(v, j);
          expect(Math.abs(d[j] - n), `${name}[${j}]`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(n)));
        }
      }
    });
  }
});

describe('latticeJvp', () => {
  for (const M of [1, 2, 3, 7, 16, 32, 48]) {
    for (const per of [true, false]) {
      const tag = `M=${M} ${per ? 'per-sample' : 'constant'} K, |k| < 0.999`;
      it(`${tag}: adjoint identity <g, J·v> = <Jᵀ·g, v> at 1e-9`, () => {
        const T = 97;
        const p = problem(100 * M + (per ? 1 : 0), T, M, 0.999, per);
        const tx = uniformArray(p.r, T);
        const tK = uniformArray(p.r, p.K.length);
        const tzi = uniformArray(p.r, M);
        const dy = latticeJvp(p.x, p.K, M, p.zi, tx, tK, tzi);
        const G = latticeVjp(p.g, p.x, p.K, M, p.zi);
        const a = dot(tx, G.dx);
        const b = dot(tK, G.dK);
        const c = dot(tzi, G.dzi);
        const mag = Math.abs(a) + Math.abs(b) + Math.abs(c);
        expect(Math.abs(dot(p.g, dy) - (a + b + c))).toBeLessThanOrEqual(1e-9 * Math.max(1, mag));
      });
      it(`${tag}: JVP equals a central difference along (tx, tK, tzi)`, () => {
        const T = 60;
        const p = problem(200 * M + (per ? 1 : 0), T, M, 0.999, per, false);
        const tx = uniformArray(p.r, T);
        // Keep |k ± h·tK| < 1.
        const tK = uniformArray(p.r, p.K.length);
        const tzi = uniformArray(p.r, M);
        const dy = latticeJvp(p.x, p.K, M, p.zi, tx, tK, tzi);
        const at = (e: number) =>
          naiveLattice(
            p.x.map((v, i) => v + e * tx[i]),
            p.K.map((v, i) => v + e * tK[i]),
            M,
            p.zi.map((v, i) => v + e * tzi[i]),
          ).y;
        // h = 1e-7 keeps |k| < 1; error O(h²·|y'''|) + O(1e-16·|y|/h) ≤ 1e-6 of the scale.
        const h = 1e-7;
        const yp = at(h);
        const ym = at(-h);
        const num = yp.map((v, i) => (v - ym[i]) / (2 * h));
        expectClose(dy, num, 1e-6);
      });
    }
  }
  it('its primal output is the lattice, bit for bit; null tangents are zero', () => {
    const p = problem(5, 80, 9, 0.9, true);
    const y = new Float64Array(80);
    const dy = latticeJvp(p.x, p.K, 9, p.zi, null, null, null, { y });
    const st = Float64Array.from(p.zi);
    const ref = new Float64Array(80);
    lattice(p.x, p.K, 9, st, ref);
    expect(Array.from(y)).toEqual(Array.from(ref));
    expect(dy.every((v) => v === 0)).toBe(true);
    // An x-only tangent is the lattice of tx from rest (linear in x).
    const tx = uniformArray(p.r, 80);
    const d2 = latticeJvp(p.x, p.K, 9, p.zi, tx, null, null);
    const r2 = new Float64Array(80);
    lattice(tx, p.K, 9, new Float64Array(9), r2);
    expect(Array.from(d2)).toEqual(Array.from(r2));
  });
});

describe('latticeVjp against allpoleVjp on step-up(K) (constant K)', () => {
  for (const M of [1, 2, 6, 16, 32]) {
    it(`M=${M}: y and dx agree; dK = step-up VJP of dA (zi = 0); dzi = Pᵀ·dzi_lattice`, () => {
      const T = 300;
      const p = problem(40 + M, T, M, 0.95, false);
      const a = reflectionToDirect(p.K) as Float64Array;
      // Direct-form past outputs zd[i] = y[-1-i]; the lattice state they imply is P·zd,
      // obtained by driving the lattice from rest so that it outputs y[-M..-1].
      const toLattice = (zd: ArrayLike<number>) => {
        const past = Float64Array.from({ length: M }, (_, n) => zd[M - 1 - n]);
        const drive = past.map((v, n) => {
          let s = v;
          for (let i = 1; i <= n; i++) s += a[i - 1] * past[n - i];
          return s;
        });
        const st = new Float64Array(M);
        lattice(drive, p.K, M, st, new Float64Array(M));
        return st;
      };
      const zl = toLattice(p.zi);
      const yl = new Float64Array(T);
      lattice(p.x, p.K, M, Float64Array.from(zl), yl);
      const { y } = allpole(p.x, a, M, p.zi);
      expectClose(yl, y, 1e-9);
      const Gl = latticeVjp(p.g, p.x, p.K, M, zl);
      const Gd = allpoleVjp(p.g, y, a, M, p.zi);
      expectClose(Gl.dx, Gd.dx, 1e-9);
      // dzi_direct[i] = Σ_j P[j][i]·dzi_lattice[j]; P's column i is toLattice(e_i).
      const mapped = new Float64Array(M);
      for (let i = 0; i < M; i++) {
        const e = new Float64Array(M);
        e[i] = 1;
        mapped[i] = dot(toLattice(e), Gl.dzi);
      }
      expectClose(mapped, Gd.dzi, 1e-9);
      // At zi = 0 the state map drops out and dK is the step-up's VJP of dA.
      const G0 = latticeVjp(p.g, p.x, p.K, M, null);
      const { y: y0 } = allpole(p.x, a, M, null);
      const dA0 = allpoleVjp(p.g, y0, a, M, null).dA;
      expectClose(G0.dK, reflectionToDirectVjp(p.K, dA0), 1e-9);
    });
  }
});

describe('latticeVjp: segments, streaming and buffers', () => {
  it('every segment length gives the same result, bit for bit (per-sample and constant K)', () => {
    for (const per of [true, false]) {
      const p = problem(77, 1000, 12, 0.99, per);
      const ref = latticeVjp(p.g, p.x, p.K, 12, p.zi, { segment: 1000 });
      for (const segment of [1, 7, 128, 999, 1001, 4096]) {
        const G = latticeVjp(p.g, p.x, p.K, 12, p.zi, { segment });
        expect(Array.from(G.dx)).toEqual(Array.from(ref.dx));
        expect(Array.from(G.dK)).toEqual(Array.from(ref.dK));
        expect(Array.from(G.dzi)).toEqual(Array.from(ref.dzi));
      }
    }
  });

  it('block-wise backward (last block first, dzf = next dzi) equals the whole signal', () => {
    const M = 10;
    const T = 500;
    const cut = [0, 130, 131, 400, T];
    const p = problem(88, T, M, 0.99, true);
    const whole = latticeVjp(p.g, p.x, p.K, M, p.zi);
    // States at the cuts from the forward.
    const states: Float64Array[] = [];
    const st = Float64Array.from(p.zi);
    for (let b = 0; b + 1 < cut.length; b++) {
      states.push(Float64Array.from(st));
      const n = cut[b + 1] - cut[b];
      lattice(
        p.x.subarray(cut[b], cut[b + 1]),
        p.K.subarray(cut[b] * M, cut[b + 1] * M),
        M,
        st,
        new Float64Array(n),
      );
    }
    let dzf: Float64Array = new Float64Array(M);
    const dx = new Float64Array(T);
    const dK = new Float64Array(T * M);
    for (let b = cut.length - 2; b >= 0; b--) {
      const [t0, t1] = [cut[b], cut[b + 1]];
      const G = latticeVjp(
        p.g.subarray(t0, t1),
        p.x.subarray(t0, t1),
        p.K.subarray(t0 * M, t1 * M),
        M,
        states[b],
        {
          dzf,
        },
      );
      dx.set(G.dx, t0);
      dK.set(G.dK, t0 * M);
      dzf = G.dzi;
    }
    expectClose(dx, whole.dx, 1e-12);
    expectClose(dK, whole.dK, 1e-12);
    expectClose(dzf, whole.dzi, 1e-12);
  });

  it('caller buffers: same result, reused dirty buffers are fully overwritten', () => {
    for (const per of [true, false]) {
      const M = 8;
      const T = 300;
      const p = problem(99, T, M, 0.9, per);
      const ref = latticeVjp(p.g, p.x, p.K, M, p.zi);
      const bufs = {
        dx: new Float64Array(T).fill(Number.NaN),
        dK: new Float64Array(p.K.length).fill(Number.NaN),
        dzi: new Float64Array(M).fill(Number.NaN),
        scratch: new Float64Array(latticeVjpScratchLength(T, M, 64)).fill(Number.NaN),
        segment: 64,
      };
      for (let rep = 0; rep < 2; rep++) {
        const G = latticeVjp(p.g, p.x, p.K, M, p.zi, bufs);
        expect(G.dx).toBe(bufs.dx);
        expect(G.dK).toBe(bufs.dK);
        expect(G.dzi).toBe(bufs.dzi);
        expect(Array.from(G.dx)).toEqual(Array.from(ref.dx));
        expect(Array.from(G.dK)).toEqual(Array.from(ref.dK));
        expect(Array.from(G.dzi)).toEqual(Array.from(ref.dzi));
      }
      const jb = {
        dy: new Float64Array(T).fill(Number.NaN),
        scratch: new Float64Array(3 * M).fill(Number.NaN),
      };
      const tK = uniformArray(p.r, p.K.length);
      const d0 = latticeJvp(p.x, p.K, M, p.zi, p.g, tK, null);
      expect(Array.from(latticeJvp(p.x, p.K, M, p.zi, p.g, tK, null, jb))).toEqual(Array.from(d0));
      expect(Array.from(latticeJvp(p.x, p.K, M, p.zi, p.g, tK, null, jb))).toEqual(Array.from(d0));
    }
  });

  it('Float32 inputs are accepted and give the float64 result of the same values', () => {
    const p = problem(3, 100, 4, 0.9, true);
    const x32 = Float32Array.from(p.x);
    const G32 = latticeVjp(Float32Array.from(p.g), x32, Float32Array.from(p.K), 4, p.zi);
    const G64 = latticeVjp(
      Float64Array.from(Float32Array.from(p.g)),
      Float64Array.from(x32),
      Float64Array.from(Float32Array.from(p.K)),
      4,
      p.zi,
    );
    expect(Array.from(G32.dK)).toEqual(Array.from(G64.dK));
  });

  it('bad arguments are RangeErrors/TypeErrors naming them', () => {
    const p = problem(4, 20, 3, 0.5, true);
    expect(() => latticeVjp(p.g, p.x, p.K, 0)).toThrow(/order M/);
    expect(() => latticeVjp(p.g, p.x.subarray(1), p.K, 3)).toThrow(/x\.length/);
    expect(() => latticeVjp(p.g, p.x, p.K.subarray(1), 3)).toThrow(/K\.length/);
    expect(() => latticeVjp(p.g, p.x, p.K, 3, [1, 2])).toThrow(/zi\.length/);
    expect(() => latticeVjp(p.g, p.x, p.K, 3, null, { dx: new Float64Array(3) })).toThrow(/opts\.dx/);
    expect(() => latticeVjp(p.g, p.x, p.K, 3, null, { dK: new Float64Array(3) })).toThrow(/opts\.dK/);
    expect(() => latticeVjp(p.g, p.x, p.K, 3, null, { scratch: new Float64Array(3) })).toThrow(
      /opts\.scratch/,
    );
    expect(() => latticeVjp(p.g, p.x, p.K, 3, null, { segment: 0 })).toThrow(/segment/);
    expect(() => latticeVjp(p.g, p.x, p.K, 3, null, { dzf: [1] })).toThrow(/dzf/);
    expect(() => latticeVjp(p.g, p.x, p.K, 3, null, { dx: p.g })).toThrow(/alias/);
    expect(() => latticeVjp([1] as unknown as Float64Array, p.x, p.K, 3)).toThrow(TypeError);
    const bad = Float64Array.from(p.K);
    bad[17] = Number.NaN;
    expect(() => latticeVjp(p.g, p.x, bad, 3)).toThrow(/K\[17\]/);
    expect(() => latticeJvp(p.x, bad, 3, null, p.x, null, null)).toThrow(/K\[17\]/);
    expect(() => latticeJvp(p.x, p.K, 3, null, null, p.K.subarray(2), null)).toThrow(/tK\.length/);
    expect(() => latticeJvp(p.x, p.K, 3, null, null, null, null, { dy: new Float64Array(2) })).toThrow(
      /opts\.dy/,
    );
  });
});
