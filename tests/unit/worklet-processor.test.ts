/**
 * The all-pole AudioWorkletProcessor driven directly in Node (shimmed worklet globals):
 * streaming over quanta of any length equals the core forward pass on the whole signal, with
 * param arrays of length 1 or T; multichannel; gain; faults; tails and denormal flushing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clampReflection } from '../../src/core/allpole/clamp-reflection.js';
import { allpole } from '../../src/core/allpole/forward.js';
import { lattice } from '../../src/core/allpole/lattice.js';
import { mulberry32 } from '../../src/core/random/mulberry32.js';
import { smoothReflectionTrack, stepUpTrack } from '../fixtures/tracks.js';
import {
  advanceFrame,
  createProcessor,
  loadProcessors,
  type ProcessorInstance,
  registry,
} from './worklet-shim.js';

beforeAll(loadProcessors);

/** A processor with a high output bound (these tests check numbers, not the default bound). */
const mk = (n: string, channels = 1, opts: object = {}) =>
  createProcessor(n, channels, { outputLimit: 1e9, ...opts });

type Domain = 'reflection' | 'direct';
const name = (d: Domain, M: number) => `diffiir-allpole-${d === 'direct' ? 'd' : 'r'}${M}`;
const pname = (d: Domain, i: number) => (d === 'direct' ? 'a' : 'k') + (i + 1);

/** Smooth float32-valued reflection track T×M, |k| <= 0.85. */
function reflectionTrack(T: number, M: number, seed: number): Float64Array {
  return smoothReflectionTrack(T, M, seed, { r: 0.85, fSpread: 3, phaseSpread: 6 });
}

function noise(n: number, seed: number): Float32Array {
  const u = mulberry32(seed);
  return Float32Array.from({ length: n }, () => 0.5 * (2 * u() - 1));
}

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let m = 1;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / m;
}

/**
 * Streams channels `xs` through `proc` in quanta of the given sizes. Coefficient i in quantum q
 * is per-sample (array of length T) when `perSample(q, i)`, else the value of the quantum's first
 * frame (length 1). Returns the outputs and the coefficient track actually fed (T×M).
 */
function stream(
  proc: ProcessorInstance,
  d: Domain,
  xs: Float32Array[],
  C: Float64Array,
  M: number,
  sizes: number[],
  perSample: (q: number, i: number) => boolean,
  gain: (q: number, T: number) => Float32Array = () => Float32Array.of(1),
): { ys: Float32Array[]; fed: Float64Array } {
  const N = xs[0].length;
  const ys = xs.map(() => new Float32Array(N));
  const fed = new Float64Array(N * M);
  let t0 = 0;
  for (let q = 0; t0 < N; q++) {
    const T = Math.min(sizes[q % sizes.length], N - t0);
    const params: Record<string, Float32Array> = { gain: gain(q, T) };
    for (let i = 0; i < M; i++) {
      if (perSample(q, i)) {
        const p = new Float32Array(T);
        for (let t = 0; t < T; t++) p[t] = C[(t0 + t) * M + i];
        params[pname(d, i)] = p;
        for (let t = 0; t < T; t++) fed[(t0 + t) * M + i] = p[t];
      } else {
        const v = C[t0 * M + i];
        params[pname(d, i)] = Float32Array.of(v);
        for (let t = 0; t < T; t++) fed[(t0 + t) * M + i] = v;
      }
    }
    const inputs = [xs.map((x) => x.slice(t0, t0 + T))];
    const outputs = [xs.map(() => new Float32Array(T))];
    proc.process(inputs, outputs, params);
    outputs[0].forEach((o, c) => {
      ys[c].set(o, t0);
    });
    t0 += T;
    advanceFrame(T);
  }
  return { ys, fed };
}

function reference(d: Domain, x: ArrayLike<number>, fed: Float64Array, M: number): Float64Array {
  const xx = Float64Array.from(x);
  if (d === 'direct') return allpole(xx, fed, M).y;
  const K = Float64Array.from(fed);
  clampReflection(K);
  const y = new Float64Array(xx.length);
  lattice(xx, K, M, new Float64Array(M), y);
  return y;
}

describe('worklet registration', () => {
  it('registers one processor per domain and order 1..48 with exactly its params, and track processors', () => {
    expect(registry.size).toBe(144);
    const tr = registry.get('diffiir-allpole-t16')!.parameterDescriptors;
    expect(tr.map((p) => p.name)).toEqual(['gain']);
    const r = registry.get('diffiir-allpole-r16')!.parameterDescriptors;
    expect(r.map((p) => p.name)).toEqual([...Array.from({ length: 16 }, (_, i) => `k${i + 1}`), 'gain']);
    expect(r.every((p) => p.automationRate === 'a-rate')).toBe(true);
    expect(r[0]).toMatchObject({ defaultValue: 0, minValue: -1, maxValue: 1 });
    const a = registry.get('diffiir-allpole-d48')!.parameterDescriptors;
    expect(a).toHaveLength(49);
    expect(a[47]).toMatchObject({ name: 'a48', defaultValue: 0 });
    expect(a[47].minValue).toBeUndefined();
    expect(a[48]).toMatchObject({ name: 'gain', defaultValue: 1 });
  });
});

describe('worklet streaming equals the core forward pass', () => {
  const cases: [Domain, number, number[]][] = [
    ['reflection', 16, [128]],
    ['reflection', 5, [128, 96, 256, 1, 37, 512]],
    ['direct', 16, [128]],
    ['direct', 3, [64, 128, 200, 7]],
  ];
  for (const [d, M, sizes] of cases) {
    it(`${d} M=${M}, quanta ${sizes.join('/')}: per-sample and length-1 params`, () => {
      const N = 3000;
      const K = reflectionTrack(N, M, M * 7 + sizes.length);
      const C = d === 'direct' ? stepUpTrack(K, M) : K;
      const x = noise(N, 3);
      const proc = mk(name(d, M), 1);
      // Reflection: coefficient i is per-sample in quanta where (q + i) is even, else constant
      // (any mix is stable). Direct: whole rows alternate (a mixed row may be unstable).
      const mix =
        d === 'reflection' ? (q: number, i: number) => (q + i) % 2 === 0 : (q: number) => q % 2 === 0;
      const { ys, fed } = stream(proc, d, [x], C, M, sizes, mix);
      const ref = reference(d, x, fed, M);
      expect(Math.max(...ref.map(Math.abs))).toBeGreaterThan(0.1);
      expect(relErr(ys[0], ref)).toBeLessThanOrEqual(1e-6);
      expect(proc.port.sent).toEqual([]);
    });
  }

  it('length-1 arrays and constant length-T arrays give identical output', () => {
    const M = 4;
    const N = 1024;
    const C = new Float64Array(N * M);
    for (let t = 0; t < N; t++) C.set([0.5, -0.3, 0.2, 0.1], t * M);
    const x = noise(N, 9);
    const a = stream(mk(name('reflection', M)), 'reflection', [x], C, M, [128], () => false).ys[0];
    const b = stream(mk(name('reflection', M)), 'reflection', [x], C, M, [128], () => true).ys[0];
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('clamps reflection coefficients beyond ±1 (lattice stays stable)', () => {
    const M = 2;
    const N = 4096;
    const C = new Float64Array(N * M).fill(1);
    const x = noise(N, 4);
    const proc = mk(name('reflection', M));
    const { ys, fed } = stream(proc, 'reflection', [x], C, M, [128], () => false);
    expect(relErr(ys[0], reference('reflection', x, fed, M))).toBeLessThanOrEqual(1e-6);
    expect(proc.port.sent).toEqual([]);
  });

  it('processes each channel with its own state; missing input channels ring with zero input', () => {
    const M = 6;
    const N = 1500;
    const K = reflectionTrack(N, M, 21);
    const x0 = noise(N, 1);
    const x1 = noise(N, 2);
    const proc = mk(name('reflection', M), 3);
    // Output has 3 channels, input only 2: channel 2 gets zeros.
    const zeros = new Float32Array(N);
    const { ys, fed } = stream(proc, 'reflection', [x0, x1, zeros], K, M, [128], () => true);
    expect(relErr(ys[0], reference('reflection', x0, fed, M))).toBeLessThanOrEqual(1e-6);
    expect(relErr(ys[1], reference('reflection', x1, fed, M))).toBeLessThanOrEqual(1e-6);
    const p2 = mk(name('reflection', M), 3);
    const out = [[new Float32Array(128), new Float32Array(128), new Float32Array(128)]];
    const params: Record<string, Float32Array> = { gain: Float32Array.of(1) };
    for (let i = 0; i < M; i++) params[pname('reflection', i)] = Float32Array.of(0.5);
    p2.process([[noise(128, 5), noise(128, 6)]], out, params);
    expect(out[0][2].every((v) => v === 0)).toBe(true);
    expect(out[0][0].some((v) => v !== 0)).toBe(true);
  });

  it('applies an a-rate gain to the input (length 1 and length T)', () => {
    const M = 3;
    const N = 512;
    const K = reflectionTrack(N, M, 5);
    const x = noise(N, 8);
    const g = Float32Array.from({ length: N }, (_, t) => Math.fround(0.5 + t / N));
    const ramp = (q: number, T: number) =>
      q % 2 === 0 ? g.slice(q * 128, q * 128 + T) : Float32Array.of(g[q * 128]);
    const { ys, fed } = stream(mk(name('reflection', M)), 'reflection', [x], K, M, [128], () => true, ramp);
    const xg = Float64Array.from(x);
    for (let t = 0; t < N; t++) {
      const q = Math.floor(t / 128);
      xg[t] *= q % 2 === 0 ? g[t] : g[q * 128];
    }
    const ref = reference('reflection', xg, fed, M);
    expect(relErr(ys[0], ref)).toBeLessThanOrEqual(1e-6);
    // Not the same as a gain on the output when the gain varies.
    const post = reference('reflection', x, fed, M);
    for (let t = 0; t < N; t++) post[t] *= xg[t] / (x[t] || 1);
    expect(relErr(ys[0], post)).toBeGreaterThan(1e-4);
  });
});

/** One quantum with constant params; returns [output channels, process() result]. */
function quantum(
  proc: ProcessorInstance,
  d: Domain,
  coeffs: number[],
  input: Float32Array[] | null,
  channels = 1,
  T = 128,
  gain = 1,
): [Float32Array[], boolean] {
  const params: Record<string, Float32Array> = { gain: Float32Array.of(gain) };
  coeffs.forEach((c, i) => {
    params[pname(d, i)] = Float32Array.of(c);
  });
  const out = Array.from({ length: channels }, () => new Float32Array(T));
  const alive = proc.process([input ?? []], [out], params);
  advanceFrame(T);
  return [out, alive];
}

describe('worklet faults: the audio never stops', () => {
  const k = [0.6, -0.4];

  it('NaN/Inf input: silent quantum, state reset, one fault per run, then normal output', () => {
    const proc = mk(name('reflection', 2), 2);
    const fresh = mk(name('reflection', 2), 2);
    quantum(proc, 'reflection', k, [noise(128, 1), noise(128, 2)], 2);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const x = noise(128, 3);
      x[77] = bad;
      const [out, alive] = quantum(proc, 'reflection', k, [noise(128, 4), x], 2);
      expect(alive).toBe(true);
      expect(out.every((ch) => ch.every((v) => v === 0))).toBe(true);
    }
    expect(proc.port.sent).toHaveLength(1);
    expect(proc.port.sent[0]).toMatchObject({ type: 'fault', code: 'nonfinite-input' });
    // Next clean quantum: same as a fresh filter (state was reset).
    const clean = [noise(128, 5), noise(128, 6)];
    const [a] = quantum(proc, 'reflection', k, clean, 2);
    const [b] = quantum(fresh, 'reflection', k, clean, 2);
    expect(a).toEqual(b);
    expect(a[0].some((v) => v !== 0)).toBe(true);
    // A new run of faults is reported again.
    const x = noise(128, 7);
    x[0] = Number.NaN;
    quantum(proc, 'reflection', k, [x, x], 2);
    expect(proc.port.sent).toHaveLength(2);
  });

  it('non-finite coefficient or gain: silent quantum, fault reported, then normal output', () => {
    for (const d of ['reflection', 'direct'] as const) {
      const proc = mk(name(d, 2));
      quantum(proc, d, [0.1, 0.2], [noise(128, 1)]);
      const [o1] = quantum(proc, d, [Number.NaN, 0.2], [noise(128, 2)]);
      expect(o1[0].every((v) => v === 0)).toBe(true);
      const [o2] = quantum(proc, d, [0.1, 0.2], [noise(128, 3)], 1, 128, Number.POSITIVE_INFINITY);
      expect(o2[0].every((v) => v === 0)).toBe(true);
      const [o3] = quantum(proc, d, [0.1, Number.NEGATIVE_INFINITY], [noise(128, 3)]);
      expect(o3[0].every((v) => v === 0)).toBe(true);
      expect(proc.port.sent.map((m) => (m as { code: string }).code)).toEqual([
        'nonfinite-coefficient',
        'nonfinite-gain',
        'nonfinite-coefficient',
      ]);
      const [o4] = quantum(proc, d, [0.1, 0.2], [noise(128, 4)]);
      expect(o4[0].some((v) => v !== 0)).toBe(true);
    }
  });

  it('unstable direct-form coefficients: output never passes the bound, quanta silenced, reported', () => {
    const limit = 1000;
    const proc = mk(name('direct', 1), 1, { outputLimit: limit });
    let faultyQuanta = 0;
    for (let q = 0; q < 40; q++) {
      const [out] = quantum(proc, 'direct', [-1.2], [noise(128, q)]); // pole at 1.2
      expect(out[0].every((v) => Math.abs(v) <= limit)).toBe(true);
      if (out[0].every((v) => v === 0)) faultyQuanta++;
    }
    expect(faultyQuanta).toBeGreaterThan(0);
    expect(proc.port.sent.length).toBeGreaterThan(0);
    expect(proc.port.sent.every((m) => (m as { code: string }).code === 'output-bound')).toBe(true);
    // The bound can be changed by message; a stable filter then plays normally.
    proc.port.deliver({ type: 'outputLimit', value: 10 });
    const [o] = quantum(proc, 'direct', [-0.5], [noise(128, 99)]);
    expect(o[0].some((v) => v !== 0)).toBe(true);
  });

  it('malformed port messages are ignored and reported; reset zeroes the state', () => {
    const proc = mk(name('reflection', 2));
    const bad = [
      null,
      'reset',
      42,
      {},
      { type: 'nope' },
      { type: 'outputLimit', value: -1 },
      { type: 'outputLimit' },
    ];
    for (const m of bad) proc.port.deliver(m);
    expect(proc.port.sent).toHaveLength(bad.length);
    expect(proc.port.sent.every((m) => (m as { code: string }).code === 'bad-message')).toBe(true);
    quantum(proc, 'reflection', k, [noise(128, 1)]);
    proc.port.deliver({ type: 'reset' });
    expect(proc.port.sent).toHaveLength(bad.length);
    const [tail] = quantum(proc, 'reflection', k, [new Float32Array(128)]);
    expect(tail[0].every((v) => v === 0)).toBe(true);
  });
});

describe('worklet tails and denormals', () => {
  for (const d of ['reflection', 'direct'] as const) {
    it(`${d}: loud impulse then silence decays to exact zeros (no denormals); released, process() then returns false`, () => {
      const coeffs = d === 'reflection' ? [0.95, -0.5, 0.3] : [-0.9, 0.2, 0.1];
      const proc = mk(name(d, 3), 2);
      const x = new Float32Array(128);
      x[0] = 1e4;
      const [first, alive0] = quantum(proc, d, coeffs, [x, x], 2);
      expect(alive0).toBe(true);
      expect(first[0][0]).toBe(1e4);
      // Not released: alive through the tail and after it (inputs may be connected later).
      let q = 0;
      let silentAt = -1;
      for (; q < 200; q++) {
        const [out, a] = quantum(proc, d, coeffs, null, 2); // no input connected: tail only
        expect(a).toBe(true);
        for (const ch of out) {
          // No float32 denormals (the float64 state is flushed below 1e-30 each quantum).
          for (const v of ch) expect(v === 0 || Math.abs(v) >= 2 ** -126).toBe(true);
        }
        if (silentAt < 0 && out.every((ch) => ch.every((v) => v === 0))) silentAt = q;
      }
      expect(silentAt).toBeGreaterThan(0);
      expect(silentAt).toBeLessThan(100);
      // Released: alive while an input is connected or the tail rings, then false.
      proc.port.deliver({ type: 'release' });
      expect(proc.port.sent).toEqual([]);
      expect(quantum(proc, d, coeffs, [x, x], 2)[1]).toBe(true);
      let alive = true;
      for (q = 0; alive && q < 1000; q++) alive = quantum(proc, d, coeffs, null, 2)[1];
      expect(alive).toBe(false);
      expect(q).toBeGreaterThanOrEqual(1);
      const [after, a2] = quantum(proc, d, coeffs, null, 2);
      expect(a2).toBe(false);
      expect(after.every((ch) => ch.every((v) => v === 0))).toBe(true);
      // Connected input keeps it processing.
      expect(quantum(proc, d, coeffs, [new Float32Array(128), new Float32Array(128)], 2)[1]).toBe(true);
    });
  }
});
