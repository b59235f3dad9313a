/**
 * Track mode of the all-pole processor, driven directly in Node (shimmed worklet globals): a
 * posted reflection track plays exactly like the core model `trackLattice` (float64 state, the
 * only difference is the float32 output), from a start sample that is not on a quantum
 * boundary, with the constant `coefficients` before it and the lattice state carried over;
 * appended frames continue the grid; frames that run out hold the last one; malformed track
 * messages are refused.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { lattice } from '../../src/core/allpole/lattice.js';
import { mulberry32 } from '../../src/core/random/mulberry32.js';
import { trackLattice } from '../../src/core/track/track-lattice.js';
import { advanceFrame, createProcessor, loadProcessors, type ProcessorInstance } from './worklet-shim.js';

beforeAll(loadProcessors);

function noise(n: number, seed: number, amp = 0.5): Float32Array {
  const u = mulberry32(seed);
  return Float32Array.from({ length: n }, () => amp * (2 * u() - 1));
}

/** frames × M reflection coefficients, |k| <= r, varying from frame to frame. */
function frames(F: number, M: number, seed: number, r = 0.9): Float64Array {
  const u = mulberry32(seed);
  const k = new Float64Array(F * M);
  for (let i = 0; i < k.length; i++) k[i] = r * (2 * u() - 1);
  return k;
}

function logGains(F: number, seed: number): Float64Array {
  const u = mulberry32(seed);
  return Float64Array.from({ length: F }, () => u() - 0.5);
}

/** max |a - b| / max |b|. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / m;
}

/** Resets the shimmed currentFrame to `frame`. */
function at(frame: number): void {
  advanceFrame(frame - (globalThis as unknown as { currentFrame: number }).currentFrame);
}

/**
 * Runs `x` through `proc` from absolute frame `f0` in quanta of `sizes` (cycled); `before(i)`
 * is called before the quantum that starts at input index i. Returns the output.
 */
function run(
  proc: ProcessorInstance,
  x: Float32Array,
  f0: number,
  sizes: number[],
  before: (i: number) => void = () => {},
  gain: Float32Array = Float32Array.of(1),
): Float32Array {
  at(f0);
  const y = new Float32Array(x.length);
  for (let i = 0, q = 0; i < x.length; q++) {
    const T = Math.min(sizes[q % sizes.length], x.length - i);
    before(i);
    const out = [new Float32Array(T)];
    proc.process([[x.slice(i, i + T)]], [out], { gain });
    y.set(out[0], i);
    i += T;
    advanceFrame(T);
  }
  return y;
}

/** Reference: constant `pre` lattice for `lead` samples, then the model with the state carried. */
function reference(
  x: Float32Array,
  lead: number,
  pre: Float64Array,
  track: { k: Float64Array; logGain?: Float64Array; hop: number; order: number },
): Float64Array {
  const M = track.order;
  const state = new Float64Array(M);
  const y = new Float64Array(x.length);
  const head = Float64Array.from(x.subarray(0, lead));
  const yh = new Float64Array(lead);
  if (lead > 0) lattice(head, pre, M, state, yh);
  y.set(yh);
  const tail = trackLattice(Float64Array.from(x.subarray(lead)), track, { state });
  y.set(tail, lead);
  return y;
}

const trackMsg = (id: number, start: number, hop: number, k: Float64Array, logGain: Float64Array | null) => ({
  type: 'track',
  id,
  start,
  hop,
  k,
  logGain,
});

describe('worklet track mode equals the core model', () => {
  const cases: [number, number, number[]][] = [
    [1, 16, [128]],
    [16, 1, [128]],
    [16, 37, [128, 7, 200]],
    [5, 256, [128]],
    [48, 64, [128, 1, 64]],
    [33, 1024, [128]],
  ];
  for (const [M, hop, sizes] of cases) {
    it(`order ${M}, hop ${hop}, quanta ${sizes.join('/')}: start mid-quantum, pre-track k, state carried`, () => {
      const N = 6000;
      const F = Math.ceil(N / hop) + 2;
      const k = frames(F, M, M + hop, M > 30 || hop < 16 ? 0.5 : 0.9);
      const g = logGains(F, hop);
      const pre = frames(1, M, 99, 0.5);
      const proc = createProcessor(`diffiir-allpole-t${M}`, 1, {
        coefficients: Array.from(pre),
        outputLimit: 1e9,
      });
      const f0 = 1000;
      const lead = 333; // not on a quantum boundary
      proc.port.deliver(trackMsg(7, f0 + lead, hop, k.slice(), g.slice()));
      expect(proc.port.sent).toEqual([{ type: 'ack', id: 7, ok: true }]);
      const x = noise(N, M);
      const y = run(proc, x, f0, sizes);
      const ref = reference(x, lead, pre, { k, logGain: g, hop, order: M });
      expect(Math.max(...ref.map(Math.abs))).toBeGreaterThan(0.05);
      // Float32 output is the only difference.
      expect(relErr(y, ref)).toBeLessThanOrEqual(1e-7);
    });
  }

  it('without logGain: unit gain; the gain AudioParam scales the input', () => {
    const M = 4;
    const hop = 50;
    const k = frames(20, M, 3);
    const x = noise(900, 2);
    const proc = createProcessor('diffiir-allpole-t4', 1, { outputLimit: 1e9 });
    proc.port.deliver(trackMsg(1, 0, hop, k.slice(), null));
    const y = run(proc, x, 0, [128], undefined, Float32Array.of(0.25));
    const xs = Float32Array.from(x, (v) => v * 0.25);
    const ref = trackLattice(Float64Array.from(xs), { k, hop, order: M });
    expect(relErr(y, ref)).toBeLessThanOrEqual(1e-7);
  });

  it('a track whose start has passed plays from its current position', () => {
    const M = 3;
    const hop = 10;
    const k = frames(100, M, 5);
    const x = noise(640, 4);
    const proc = createProcessor('diffiir-allpole-t3', 1, { outputLimit: 1e9 });
    proc.port.deliver(trackMsg(1, 0, hop, k.slice(), null));
    const y = run(proc, x, 300, [128]);
    const ref = trackLattice(Float64Array.from(x), { k, hop, order: M }, { start: 300 });
    expect(relErr(y, ref)).toBeLessThanOrEqual(1e-7);
  });
});

describe('worklet track streaming', () => {
  it('appended frames equal the whole track (many appends, played frames dropped, storage grown)', () => {
    const M = 8;
    const hop = 32;
    const F = 400;
    const k = frames(F, M, 11);
    const g = logGains(F, 12);
    const x = noise(F * hop, 13);
    const proc = createProcessor('diffiir-allpole-t8', 1, { outputLimit: 1e9 });
    // First 3 frames, then 5 more ahead of playback every time a quantum starts.
    proc.port.deliver(trackMsg(1, 0, hop, k.slice(0, 3 * M), g.slice(0, 3)));
    let sent = 3;
    const y = run(proc, x, 0, [128], (i) => {
      while (sent < F && sent * hop < i + 8 * hop) {
        const n = Math.min(5, F - sent);
        proc.port.deliver({
          type: 'append',
          id: sent + 1,
          k: k.slice(sent * M, (sent + n) * M),
          logGain: g.slice(sent, sent + n),
        });
        sent += n;
      }
    });
    expect(sent).toBe(F);
    const acks = proc.port.sent as { ok: boolean }[];
    expect(acks.every((a) => a.ok)).toBe(true);
    const ref = trackLattice(Float64Array.from(x), { k, logGain: g, hop, order: M });
    expect(relErr(y, ref)).toBeLessThanOrEqual(1e-7);
  });

  it('frames run out: the last frame is held; late frames take effect on the grid', () => {
    const M = 2;
    const hop = 100;
    const k = frames(10, M, 21);
    const x = noise(2000, 22);
    const proc = createProcessor('diffiir-allpole-t2', 1, { outputLimit: 1e9 });
    proc.port.deliver(trackMsg(1, 0, hop, k.slice(0, 4 * M), null));
    // Frames 4..9 arrive when playback is at sample 1024 (past frame 3 at 300: it was held).
    const y = run(proc, x, 0, [128], (i) => {
      if (i === 1024) proc.port.deliver({ type: 'append', id: 2, k: k.slice(4 * M), logGain: null });
    });
    const held = trackLattice(Float64Array.from(x.subarray(0, 1024)), {
      k: k.slice(0, 4 * M),
      hop,
      order: M,
    });
    expect(relErr(y.subarray(0, 1024), held)).toBeLessThanOrEqual(1e-7);
    // From 1024 on: the full track's grid, from the state reached.
    const state = new Float64Array(M);
    trackLattice(Float64Array.from(x.subarray(0, 1024)), { k: k.slice(0, 4 * M), hop, order: M }, { state });
    const rest = trackLattice(
      Float64Array.from(x.subarray(1024)),
      { k, hop, order: M },
      { state, start: 1024 },
    );
    expect(relErr(y.subarray(1024), rest)).toBeLessThanOrEqual(1e-7);
  });

  it('a second track replaces the first at its start; the state carries over', () => {
    const M = 6;
    const k1 = frames(30, M, 31);
    const k2 = frames(30, M, 32);
    const x = noise(3000, 33);
    const proc = createProcessor('diffiir-allpole-t6', 1, { outputLimit: 1e9 });
    proc.port.deliver(trackMsg(1, 0, 64, k1.slice(), null));
    const y = run(proc, x, 0, [128], (i) => {
      if (i === 512) proc.port.deliver(trackMsg(2, 1500, 40, k2.slice(), null));
    });
    const state = new Float64Array(M);
    const a = trackLattice(Float64Array.from(x.subarray(0, 1500)), { k: k1, hop: 64, order: M }, { state });
    const b = trackLattice(Float64Array.from(x.subarray(1500)), { k: k2, hop: 40, order: M }, { state });
    const ref = new Float64Array(3000);
    ref.set(a);
    ref.set(b, 1500);
    expect(relErr(y, ref)).toBeLessThanOrEqual(1e-7);
  });

  it('malformed track messages are refused (ack ok: false, bad-message) and change nothing', () => {
    const proc = createProcessor('diffiir-allpole-t2', 1, { outputLimit: 1e9 });
    const good = frames(3, 2, 1);
    const bad = [
      trackMsg(1, 0, 0, good.slice(), null),
      trackMsg(2, 0, 1.5, good.slice(), null),
      trackMsg(3, Number.NaN, 4, good.slice(), null),
      trackMsg(4, 0, 4, Float64Array.of(0.1, 0.2, 0.3), null),
      trackMsg(5, 0, 4, Float64Array.of(0.1, 1), null),
      trackMsg(6, 0, 4, Float64Array.of(0.1, Number.NaN), null),
      trackMsg(7, 0, 4, good.slice(), Float64Array.of(0)),
      trackMsg(8, 0, 4, good.slice(), Float64Array.of(0, Number.POSITIVE_INFINITY, 0)),
      { type: 'track', id: 9, start: 0, hop: 4, k: [0.1, 0.2], logGain: null },
      { type: 'append', id: 10, k: good.slice(), logGain: null }, // no track yet
    ];
    for (const m of bad) proc.port.deliver(m);
    const sent = proc.port.sent as { type: string; ok?: boolean; code?: string }[];
    expect(sent.filter((m) => m.type === 'ack').every((m) => m.ok === false)).toBe(true);
    expect(sent.filter((m) => m.type === 'ack')).toHaveLength(bad.length);
    expect(sent.filter((m) => m.code === 'bad-message')).toHaveLength(bad.length);
    // Still the pre-track filter (k = 0: identity).
    const x = noise(256, 3);
    const y = run(proc, x, 0, [128]);
    expect(Array.from(y)).toEqual(Array.from(x));
    // Param processors refuse track messages.
    const p = createProcessor('diffiir-allpole-r2', 1);
    p.port.deliver(trackMsg(1, 0, 4, good.slice(), null));
    expect((p.port.sent as { code?: string }[]).map((m) => m.code)).toEqual(['bad-message']);
  });
});
