/**
 * Segment training with a second-order method (train/fit-set.ts): the fixed fitting set is drawn
 * from the seed apart from the evaluation segments, its loss is the mean of the segments' losses
 * with no gradient in the warm-ups, Levenberg–Marquardt and L-BFGS fit it (memory bounded by the set,
 * not the file), and the result is the best params by the held-out evaluation, the start included.
 */
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import { buildFitSet, drawFitStarts, FIT_SET_JACOBIAN_BYTES, fitSetCount } from '../../src/train/fit-set.js';
import { createMseLoss } from '../../src/train/loss/mse.js';
import { createModel } from '../../src/train/models/create-model.js';
import { PoleZeroModel } from '../../src/train/models/polezero-model.js';
import { TrainingSession } from '../../src/train/session.js';

function noise(T: number, seed: number): Float64Array {
  const g = gaussian(mulberry32(seed));
  return Float64Array.from({ length: T }, () => g());
}

/** A stable 2-section pole-zero system (reflection poles) and its output for `input`. */
function truth(input: Float64Array): { model: PoleZeroModel; target: Float64Array } {
  const model = new PoleZeroModel({ sections: 2, poles: 'reflection', gain: true });
  model.setSectionDirect(0, -1.6, 0.81, [1, -0.5, 0.3]);
  model.setSectionDirect(1, 0.4, 0.5, [0.7, 0.2, -0.1]);
  return { model, target: Float64Array.from(model.forward(input)) };
}

const evalStartsOf = (T: number, L: number, n: number) =>
  Array.from({ length: n }, (_, e) => Math.round((e * (T - L)) / (n - 1)));

describe('fit set', () => {
  it("caps Levenberg–Marquardt's set so that its Jacobian stays within the budget", () => {
    const span = 12000 + 96000; // warm-up + segment of the CLI at 48 kHz (0.25 s + 2 s)
    // order 48 pole-zero (121 parameters): 4 segments would take 418 MB; 2 take 209 MB
    expect(fitSetCount(4, 121, span, true)).toBe(2);
    expect(2 * 121 * span * 8).toBeLessThanOrEqual(FIT_SET_JACOBIAN_BYTES);
    expect(fitSetCount(4, 121, 2 * span, true)).toBe(1); // 96 kHz: one segment
    expect(fitSetCount(4, 1e4, span, true)).toBe(1); // never none
    expect(fitSetCount(4, 41, span, true)).toBe(4); // order 16: the requested count
    expect(fitSetCount(4, 121, span, false)).toBe(4); // L-BFGS holds no Jacobian
  });

  it('draws its segments from the seed, in range, apart from each other and from the held-out ones', () => {
    const T = 50000;
    const L = 2000;
    const held = evalStartsOf(T, L, 4);
    const a = drawFitStarts(T, L, 6, held, mulberry32(3));
    expect(drawFitStarts(T, L, 6, held, mulberry32(3))).toEqual(a);
    expect(drawFitStarts(T, L, 6, held, mulberry32(4))).not.toEqual(a);
    expect(a).toHaveLength(6);
    const all = [...held, ...a];
    a.forEach((s, i) => {
      expect(s >= 0 && s <= T - L).toBe(true);
      // every other segment (held-out or drawn, equal starts included) lies apart from this one
      all.forEach((o, j) => {
        if (j !== held.length + i) expect(s + L <= o || o + L <= s).toBe(true);
      });
    });
    // no room apart from the held-out segments: still `count` segments, in range
    const short = drawFitStarts(4000, 2000, 2, evalStartsOf(4000, 2000, 2), mulberry32(1));
    expect(short).toHaveLength(2);
    for (const s of short) expect(s >= 0 && s <= 2000).toBe(true);
  });

  it('its loss is the mean of the segment losses, with zero gradient in the warm-ups', () => {
    const T = 9000;
    const x = noise(T, 1);
    const t = noise(T, 2);
    const starts = [100, 3000, 6000];
    const L = 1000;
    const W = 500;
    const set = buildFitSet(x, Float32Array.from(t), starts, L, W, createMseLoss);
    // the first segment has only 100 samples before it
    expect(set.input.length).toBe(100 + L + 2 * (W + L));
    const est = noise(set.input.length, 3);
    const grad = new Float64Array(est.length).fill(7);
    const loss = set.loss.compute(est, grad);
    let want = 0;
    const offs = [100, 100 + L + W, 100 + L + (W + L) + W];
    offs.forEach((o, k) => {
      const tk = Float32Array.from(t.subarray(starts[k], starts[k] + L));
      const gk = new Float64Array(L);
      want += createMseLoss(tk).compute(est.subarray(o, o + L), gk) / 3;
      for (let i = 0; i < L; i++) expect(grad[o + i]).toBeCloseTo(gk[i] / 3, 15);
      for (let i = 0; i < L; i++) expect(set.input[o + i]).toBe(x[starts[k] + i]);
    });
    expect(loss).toBeCloseTo(want, 12);
    for (let i = 0; i < est.length; i++) {
      const inSegment = offs.some((o) => i >= o && i < o + L);
      expect(set.mask[i]).toBe(inSegment ? 1 : 0);
      if (!inSegment) expect(grad[i]).toBe(0);
    }
  });
});

describe('TrainingSession: segment training with a second-order method', () => {
  const T = 60000;
  const segment = { length: 2000, warmup: 1000, evalSegments: 4, fitSegments: 3 };

  for (const [loss, method] of [
    ['mse', 'lm'],
    ['mrstft', 'lbfgs'],
  ] as const) {
    it(`'auto' from a Steiglitz–McBride start runs ${method} (${loss}) on the fitting set and refines it`, async () => {
      const input = noise(T, 5);
      const { target } = truth(input);
      const model = createModel(
        { kind: 'polezero', sections: 2, poles: 'reflection', gain: true },
        { input, target },
      ) as PoleZeroModel;
      expect(model.start).toBe('steiglitz-mcbride');
      // every param off by 0.05 (the poles in their tanh domain)
      for (let i = 0; i < model.params.length; i++) model.params[i] += i % 2 === 0 ? 0.05 : -0.05;
      const s = new TrainingSession({ model, input, target, loss, optimizer: 'auto', seed: 2, segment });
      expect(s.optimizer.name).toBe(method);
      // the step's loss covers the fitting set only: 3 × (warm-up + segment), not the file
      expect(s.loss?.length).toBe(3 * 3000);
      const r = await s.run(100);
      expect(r.status).toBe('done');
      expect(r.optimizer).toBe(method);
      // measured 2e-29 (lm, 10 steps) and 1.3e-9 (lbfgs)
      expect(r.bestLoss).toBeLessThan((loss === 'mse' ? 1e-20 : 1e-6) * r.initialLoss);
    }, 60_000);
  }

  it('returns the start, done, when every step on the fitting set raises the held-out loss', async () => {
    const input = noise(T, 6);
    const { model, target } = truth(input);
    // the target is exact on the evaluation segments and noisy everywhere else (so on the fitting set)
    const held = evalStartsOf(T, segment.length, segment.evalSegments);
    const n = noise(T, 7);
    for (let t = 0; t < T; t++)
      if (!held.some((e) => t >= e && t < e + segment.length)) target[t] += 0.5 * n[t];
    const start = Float64Array.from(model.params);
    const r = await new TrainingSession({ model, input, target, loss: 'mse', optimizer: 'lm', segment }).run(
      10,
    );
    expect(r.steps).toBeGreaterThan(0);
    expect(r.endLoss).toBeGreaterThan(r.initialLoss);
    expect(r.status).toBe('done');
    expect(r.bestStep).toBe(0);
    expect(r.bestLoss).toBe(r.initialLoss);
    expect(Array.from(model.params)).toEqual(Array.from(start));
  });

  it("keeps Adam on random segments for 'adam' and for 'auto' without a classical start; refuses 'lm' for a time-varying model", () => {
    const input = noise(T, 8);
    const { target } = truth(input);
    const model = new PoleZeroModel({ sections: 2, poles: 'reflection', gain: true });
    expect(model.start).toBe('flat');
    for (const optimizer of ['adam', 'auto'] as const) {
      const s = new TrainingSession({ model, input, target, loss: 'mse', optimizer, segment });
      expect(s.optimizer.name).toBe('adam');
      expect(s.loss).toBeNull();
    }
    // asked for by name, LM fits the fixed set from any start
    const lm = new TrainingSession({ model, input, target, loss: 'mse', optimizer: 'lm', segment });
    expect(lm.optimizer.name).toBe('lm');
    expect(lm.loss?.length).toBe(3 * 3000);
    const tv = createModel({ kind: 'tv-allpole', order: 2, hop: 400 }, { length: T });
    expect(
      () => new TrainingSession({ model: tv, input, target, loss: 'mse', optimizer: 'lm', segment }),
    ).toThrow(/optimizer 'lm' needs whole-signal training or a time-invariant model/);
  });
});
