import { describe, expect, it } from 'vitest';
import type { FilterModel } from '../../src/core/api.js';
import { mulberry32 } from '../../src/core/random/mulberry32.js';
import { AllPoleModel } from '../../src/train/models/allpole-model.js';
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

  it('toCoefficientsFile holds a and gain', () => {
    const m = new AllPoleModel({ order: 2, parameterisation: 'direct', gain: true });
    m.params.set([-1.8, 0.81, Math.log(2)]);
    const f = m.toCoefficientsFile(16000);
    expect(f.coefficients).toEqual([[-1.8, 0.81]]);
    expect(f.hop).toBe(0);
    expect(Math.abs(f.gain - 2)).toBeLessThan(1e-15);
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
