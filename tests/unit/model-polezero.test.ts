import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/random/mulberry32.js';
import { PoleZeroModel } from '../../src/train/models/polezero-model.js';
import { checkModelGradient } from './model-gradient-check.js';
import { freqzAt } from './quality-helpers.js';

describe('PoleZeroModel', () => {
  for (const poles of ['polar', 'reflection'] as const) {
    it(`${poles}: gradient matches central finite differences (3 sections, gain)`, () => {
      const m = new PoleZeroModel({ sections: 3, gain: true, poles });
      const rand = mulberry32(21);
      for (let i = 0; i < m.params.length; i++) m.params[i] += 0.3 * (rand() - 0.5);
      expect(checkModelGradient(m, 400, rand)).toBeLessThan(1e-6);
    });
  }

  it('reflection poles represent two distinct real poles exactly (polar cannot)', () => {
    const a1 = -(0.9 + 0.2);
    const a2 = 0.9 * 0.2;
    const m = new PoleZeroModel({ sections: 1, poles: 'reflection' });
    m.setSectionDirect(0, a1, a2, [1, 0, 0]);
    const c = m.coefficients();
    expect(Math.abs(c[0] - a1)).toBeLessThan(1e-12);
    expect(Math.abs(c[1] - a2)).toBeLessThan(1e-12);
    const p = new PoleZeroModel({ sections: 1 });
    p.setSectionDirect(0, a1, a2, [1, 0, 0]);
    expect(Math.abs(p.coefficients()[1] - a2)).toBeGreaterThan(0.1);
  });

  it('starts as the identity and stays stable for any finite params', () => {
    const m = new PoleZeroModel({ sections: 2 });
    const x = Float64Array.from({ length: 64 }, (_, i) => Math.sin(i));
    const y = m.forward(x);
    for (let t = 0; t < 64; t++) expect(Math.abs(y[t] - x[t])).toBeLessThan(1e-12);
    m.params.fill(50);
    expect(m.isStable()).toBe(true);
  });

  it('coefficients file: product denominator, numerator sections, same response', () => {
    const m = new PoleZeroModel({ sections: 2, gain: true });
    m.setSection(0, 0.9, 0.3, [1, 0.2, 0.1]);
    m.setSection(1, 0.5, 1.2, [0.5, -0.1, 0.3]);
    m.params[10] = Math.log(1.5);
    const f = m.toCoefficientsFile(48000);
    expect(f.order).toBe(4);
    expect(f.numerator && 'sections' in f.numerator ? f.numerator.sections.length : 0).toBe(2);
    // impulse response of the model equals gain·B/A built from the file
    const T = 200;
    const imp = new Float64Array(T);
    imp[0] = 1;
    const y = Float64Array.from(m.forward(imp));
    const w = [0.1, 0.7, 2.5];
    const hModel = freqzAt(y, [1], w);
    const sec = f.numerator && 'sections' in f.numerator ? f.numerator.sections : [];
    const b = sec.reduce<number[]>((p, s) => conv(p, s), [1]).map((v) => v * f.gain);
    const hFile = freqzAt(b, [1, ...f.coefficients[0]], w);
    for (let i = 0; i < w.length; i++) expect(Math.abs(hModel[i] - hFile[i])).toBeLessThan(1e-6);
  });
});

function conv(p: number[], q: number[]): number[] {
  const out = new Array(p.length + q.length - 1).fill(0);
  for (let i = 0; i < p.length; i++) for (let j = 0; j < q.length; j++) out[i + j] += p[i] * q[j];
  return out;
}
