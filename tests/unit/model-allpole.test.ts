import { describe, expect, it } from 'vitest';
import { lattice } from '../../src/core/allpole/lattice.js';
import type { FilterModel } from '../../src/core/api.js';
import { mulberry32 } from '../../src/core/random/mulberry32.js';
import { renderCoefficients } from '../../src/core/render/render-coefficients.js';
import { AllPoleModel } from '../../src/train/models/allpole-model.js';
import { K_MAX } from '../../src/train/models/reflection-map.js';
import { checkModelGradient } from './model-gradient-check.js';

describe('AllPoleModel (time-invariant)', () => {
  for (const p of ['direct', 'reflection', 'lar'] as const) {
    it(`${p}: gradient matches central finite differences (with gain)`, () => {
      const rand = mulberry32(11);
      const m = new AllPoleModel({ order: 6, parameterisation: p, gain: true });
      const k = [0.5, -0.3, 0.2, 0.1, -0.4, 0.25];
      m.setDirect(Float64Array.from(stepUp(k)));
      m.setGain(0.7);
      const worst = checkModelGradient(m as FilterModel, 300, rand);
      expect(worst).toBeLessThan(1e-6);
    });
  }

  it('setDirect round-trips through every parameterisation', () => {
    const a = stepUp([0.9, -0.8, 0.5, 0.3]);
    for (const p of ['direct', 'reflection', 'lar'] as const) {
      const m = new AllPoleModel({ order: 4, parameterisation: p });
      m.setDirect(a);
      const c = m.coefficients();
      for (let i = 0; i < 4; i++) expect(Math.abs(c[i] - a[i])).toBeLessThan(1e-12);
      expect(m.isStable()).toBe(true);
    }
  });

  it('direct form reports instability; reflection forms never are unstable', () => {
    const m = new AllPoleModel({ order: 2, parameterisation: 'direct' });
    m.params.set([-2.1, 1.2]);
    expect(m.isStable()).toBe(false);
    const r = new AllPoleModel({ order: 2, parameterisation: 'reflection' });
    r.params.set([5, -7]);
    expect(r.isStable()).toBe(true);
  });

  it('toCoefficientsFile holds a and gain (direct parameterisation)', () => {
    const m = new AllPoleModel({ order: 2, parameterisation: 'direct', gain: true });
    m.params.set([-1.8, 0.81, Math.log(2)]);
    const f = m.toCoefficientsFile(16000);
    if (f.domain !== 'direct') throw new Error('expected a direct-form file');
    expect(f.coefficients).toEqual([[-1.8, 0.81]]);
    expect(f.hop).toBe(0);
    expect(Math.abs(f.gain - 2)).toBeLessThan(1e-15);
  });

  it('reflection parameterisations export a one-frame reflection track that renders as the model', () => {
    const m = new AllPoleModel({ order: 32, parameterisation: 'reflection', gain: true });
    // |k| up to 0.999 at order 32: near the edge where the float64 step-up of k stops being
    // minimum phase (a direct-form file of it could be refused); the lattice plays it, bounded.
    for (let i = 0; i < 32; i++) m.params[i] = Math.atanh((0.999 * Math.sin(7.3 * i + 1)) / K_MAX);
    m.params[32] = Math.log(1e-6);
    const f = m.toCoefficientsFile(16000);
    if (f.domain !== 'reflection') throw new Error('expected a reflection-track file');
    expect(f.k.length).toBe(32);
    for (const k of f.k) expect(Math.abs(k)).toBeLessThan(1);
    expect(f.logGain).toEqual([Math.log(1e-6)]);
    const x = new Float64Array(4000);
    x[0] = 1;
    const { y, fault } = renderCoefficients(f, x);
    expect(fault).toBeNull();
    const want = new Float64Array(4000);
    lattice(
      x.map((v) => Math.exp(f.logGain[0]) * v),
      Float64Array.from(f.k),
      32,
      new Float64Array(32),
      want,
    );
    expect(Array.from(y)).toEqual(Array.from(want));
  });
});

function stepUp(k: number[]): Float64Array {
  let a: number[] = [];
  for (let m = 0; m < k.length; m++) {
    const next = a.map((v, i) => v + k[m] * a[a.length - 1 - i]);
    next.push(k[m]);
    a = next;
  }
  return Float64Array.from(a);
}
