import { describe, expect, it } from 'vitest';
import type { StftResolution } from '../../src/core/api.js';
import { createMrStftLoss, MrStftLoss, mrstftLoss } from '../../src/train/loss/mrstft.js';
import { mse } from '../../src/train/loss/mse.js';
import { loadReference, maxAbsDiff, mulberry32 } from './helpers.js';

interface MrCase {
  name: string;
  resolutions: StftResolution[];
  estimate: number[];
  target: number[];
  loss: number;
  grad: number[];
}
const ref = loadReference<{ cases: MrCase[] }>('mrstft.json');

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

describe('MrStftLoss vs torch reference (mrstft.json)', () => {
  for (const c of ref.cases) {
    it(`${c.name}: loss and gradient within 1e-7`, () => {
      const grad = new Float64Array(c.estimate.length);
      const loss = mrstftLoss(c.estimate, c.target, c.resolutions, grad);
      expect(Math.abs(loss - c.loss)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(c.loss)));
      expect(maxAbsDiff(grad, c.grad)).toBeLessThanOrEqual(1e-7 * Math.max(1, maxAbs(c.grad)));
    });
  }

  it('cached target gives identical results across calls, and zero loss at the target', () => {
    const c = ref.cases[0];
    const loss = createMrStftLoss(c.target, c.resolutions);
    const g1 = new Float64Array(c.target.length);
    const g2 = new Float64Array(c.target.length);
    const l1 = loss.compute(c.estimate, g1);
    const l2 = loss.compute(c.estimate, g2);
    expect(l2).toBe(l1);
    expect(maxAbsDiff(g1, g2)).toBe(0);
    expect(loss.compute(c.target)).toBe(0);
  });
});

describe('loss gradients by finite differences (float64, seeded)', () => {
  it('MR-STFT gradient matches central differences on random coordinates', () => {
    const rand = mulberry32(7);
    const T = 700;
    const est = new Float64Array(T).map(() => rand() - 0.5);
    const tgt = new Float64Array(T).map(() => rand() - 0.5);
    const res: StftResolution[] = [
      [256, 64, 200],
      [128, 32, 128],
    ];
    const loss = new MrStftLoss(tgt, res);
    const g = new Float64Array(T);
    loss.compute(est, g);
    const h = 1e-6;
    // include reflect-padded edges and interior samples
    const idx = [0, 1, 5, 63, 64, 200, 350, 640, 690, 698, 699];
    for (const i of idx) {
      const p = est.slice();
      p[i] += h;
      const m = est.slice();
      m[i] -= h;
      const fd = (loss.compute(p) - loss.compute(m)) / (2 * h);
      expect(Math.abs(fd - g[i])).toBeLessThanOrEqual(1e-7 * Math.max(1e-3, Math.abs(g[i])) + 1e-9);
    }
  });

  it('mse value and gradient', () => {
    const rand = mulberry32(3);
    const T = 50;
    const a = new Float64Array(T).map(() => rand());
    const b = new Float64Array(T).map(() => rand());
    const g = new Float64Array(T);
    const l = mse(a, b, g);
    const h = 1e-6;
    for (const i of [0, 17, 49]) {
      const p = a.slice();
      p[i] += h;
      const m = a.slice();
      m[i] -= h;
      expect(Math.abs((mse(p, b) - mse(m, b)) / (2 * h) - g[i])).toBeLessThan(1e-9);
    }
    let ref2 = 0;
    for (let i = 0; i < T; i++) ref2 += (a[i] - b[i]) ** 2;
    expect(Math.abs(l - ref2 / T)).toBeLessThan(1e-15);
  });

  it('rejects bad input naming the argument', () => {
    expect(() => new MrStftLoss(new Float64Array(100), [[256, 64, 256]])).toThrow(/length/);
    expect(() => new MrStftLoss(new Float64Array(1000), [[300, 64, 256]])).toThrow(/nFft/);
    const l = new MrStftLoss(new Float64Array(1000), [[256, 64, 256]]);
    expect(() => l.compute(new Float64Array(999))).toThrow(/estimate length/);
    expect(() => mse([1, 2], [1])).toThrow(/target length/);
  });
});
