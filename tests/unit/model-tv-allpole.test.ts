import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import { createModel } from '../../src/train/models/create-model.js';
import { expandEnvelope, expandEnvelopeVjp } from '../../src/train/models/frame-envelope.js';
import { TvAllPoleModel } from '../../src/train/models/tv-allpole-model.js';
import { checkModelGradient } from './model-gradient-check.js';

describe('TvAllPoleModel', () => {
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
