import { describe, expect, it } from 'vitest';
import type { FilterModel } from '../../src/core/api.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import { trackLattice } from '../../src/core/track/index.js';
import { createModel } from '../../src/train/models/create-model.js';
import { expandEnvelope, expandEnvelopeVjp } from '../../src/train/models/frame-envelope.js';
import { K_MAX } from '../../src/train/models/reflection-map.js';
import { TvAllPoleModel } from '../../src/train/models/tv-allpole-model.js';
import { loadReference, refScale } from './helpers.js';
import { checkModelGradient } from './model-gradient-check.js';

interface ModelCase {
  name: string;
  M: number;
  F: number;
  hop: number;
  x: number[];
  Kf: number[];
  logGain: number[];
  g: number[];
  y: number[];
  dKf: number[];
  dlogGain: number[];
}

function maxRel(p: ArrayLike<number>, q: ArrayLike<number>): number {
  expect(p.length).toBe(q.length);
  let e = 0;
  for (let i = 0; i < q.length; i++) e = Math.max(e, Math.abs(p[i] - q[i]));
  return e / refScale(q);
}

describe('TvAllPoleModel', () => {
  const ref = loadReference<{ cases: ModelCase[] }>('tv_lattice_model.json');
  it.each(ref.cases.map((c) => [c.name, c] as const))(
    '%s: is the model of tv_lattice_model.json (y, dKf, dlogGain at 1e-9)',
    (_, c) => {
      const m = new TvAllPoleModel({ order: c.M, hop: c.hop, frames: c.F, gain: true });
      m.setReflection(c.Kf);
      m.setFrameGains(c.logGain.map(Math.exp));
      const track = m.track();
      expect(maxRel(track.k, c.Kf)).toBeLessThan(1e-14);
      const y = m.forward(Float64Array.from(c.x));
      expect(maxRel(y, c.y)).toBeLessThanOrEqual(1e-9);
      const gp = new Float64Array(m.params.length);
      m.backward(Float64Array.from(c.g), gp);
      // params are u with k = K_MAX·tanh(u): dL/du = dL/dk · (K_MAX² − k²)/K_MAX
      const dKf = Float64Array.from(c.dKf, (v, i) => (v * (K_MAX * K_MAX - track.k[i] * track.k[i])) / K_MAX);
      expect(maxRel(gp.subarray(0, c.M * c.F), dKf)).toBeLessThanOrEqual(1e-9);
      expect(maxRel(gp.subarray(c.M * c.F), c.dlogGain)).toBeLessThanOrEqual(1e-9);
    },
  );

  it('a block at a track offset equals trackLattice of that block (segment training)', () => {
    const rand = mulberry32(8);
    const m = new TvAllPoleModel({ order: 6, hop: 32, frames: 10, gain: true });
    for (let i = 0; i < m.params.length; i++) m.params[i] = rand() - 0.5;
    const x = Float64Array.from({ length: 100 }, () => rand() - 0.5);
    const y = Float64Array.from(m.forward(x, 123));
    const want = trackLattice(x, m.track(), { start: 123 });
    expect(maxRel(y, want)).toBe(0);
    expect(checkModelGradient(new OffsetModel(m, 57) as unknown as FilterModel, 120, rand)).toBeLessThan(
      1e-6,
    );
  });

  for (const p of ['reflection', 'lar'] as const) {
    it(`${p}: gradient (reflection params and per-frame log-gains) matches finite differences`, () => {
      const rand = mulberry32(31);
      const m = new TvAllPoleModel({ order: 4, hop: 40, frames: 6, parameterisation: p, gain: true });
      for (let i = 0; i < m.params.length; i++) m.params[i] = 1.2 * (rand() - 0.5);
      expect(checkModelGradient(m, 230, rand)).toBeLessThan(1e-6);
    });
  }

  it('envelope interpolation vjp satisfies the adjoint identity', () => {
    const rand = mulberry32(2);
    const f = Float64Array.from({ length: 5 }, () => rand());
    const g = Float64Array.from({ length: 37 }, () => rand());
    const e = expandEnvelope(f, 8, new Float64Array(37));
    const gf = expandEnvelopeVjp(g, 8, new Float64Array(5));
    let lhs = 0;
    for (let t = 0; t < 37; t++) lhs += e[t] * g[t];
    let rhs = 0;
    for (let i = 0; i < 5; i++) rhs += f[i] * gf[i];
    expect(Math.abs(lhs - rhs)).toBeLessThan(1e-12);
  });

  it('createModel initialises from lpcFrames; coefficients are stable frames×order; file carries frame gains', () => {
    const g = gaussian(mulberry32(4));
    const T = 3000;
    const target = Float64Array.from(
      { length: T },
      (_, t) => Math.sin(0.05 * t) * (t < 1500 ? 1 : 0.1) + 0.01 * g(),
    );
    const input = Float64Array.from({ length: T }, () => g());
    const m = createModel({ kind: 'tv-allpole', order: 8, hop: 256 }, { target, input });
    expect(m.kind).toBe('tv-allpole');
    expect(m.isStable()).toBe(true);
    const frames = 1 + Math.ceil((T - 1) / 256);
    expect(m.coefficients().length).toBe(frames * 8);
    const file = m.toCoefficientsFile(48000);
    expect(file.hop).toBe(256);
    expect(file.frames).toBe(frames);
    expect(file.domain === 'direct' ? file.frameGains?.length : file.logGain.length).toBe(frames);
    expect(m.forward(input).every(Number.isFinite)).toBe(true);
  });
});

/** The model run at a fixed track offset (for the generic gradient check). */
class OffsetModel {
  constructor(
    private readonly m: TvAllPoleModel,
    private readonly start: number,
  ) {}
  get params(): Float64Array {
    return this.m.params;
  }
  forward(x: Float64Array): Float64Array {
    return this.m.forward(x, this.start);
  }
  backward(gy: Float64Array, gp: Float64Array): void {
    this.m.backward(gy, gp);
  }
}
