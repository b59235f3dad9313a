import { describe, expect, it } from 'vitest';
import { allpole } from '../../src/core/allpole/forward.js';
import type { DifferentiableLoss } from '../../src/core/api.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import type { CoefficientSink, TrainProgress } from '../../src/train/api.js';
import { createMseLoss } from '../../src/train/loss/mse.js';
import { AllPoleModel } from '../../src/train/models/allpole-model.js';
import { Adam, clipGlobalNorm } from '../../src/train/optim/adam.js';
import { TrainingSession, train } from '../../src/train/session.js';

/** MSE against `target` that returns NaN on its call number `at` (0-based; -1: never). */
function nanInjectingLoss(target: Float64Array): DifferentiableLoss & { at: number } {
  const mse = createMseLoss(target);
  let calls = 0;
  return {
    at: -1,
    length: mse.length,
    compute(estimate, grad) {
      const l = mse.compute(estimate, grad);
      return calls++ === this.at ? Number.NaN : l;
    },
  };
}

function problem(seed = 5, T = 2000) {
  const g = gaussian(mulberry32(seed));
  const input = Float64Array.from({ length: T }, () => g());
  const aTrue = Float64Array.from([-1.2, 0.7]);
  const target = allpole(input, aTrue, 2).y as Float64Array;
  return { input, target, aTrue };
}

describe('Adam', () => {
  it('is deterministic: same inputs give bit-identical trajectories', () => {
    const run = () => {
      const rand = mulberry32(9);
      const p = Float64Array.from([1, -2, 3]);
      const opt = new Adam(3, { learningRate: 0.1, clipNorm: 2 });
      for (let i = 0; i < 50; i++) {
        const gr = Float64Array.from(p, (v) => 2 * v + (rand() - 0.5));
        opt.step(p, gr);
      }
      return p;
    };
    expect(Array.from(run())).toEqual(Array.from(run()));
  });

  it('first step moves each parameter by lr against the gradient sign', () => {
    const p = Float64Array.from([0, 0]);
    const opt = new Adam(2, { learningRate: 0.01, clipNorm: 0 });
    opt.step(p, Float64Array.from([3, -0.5]));
    expect(p[0]).toBeCloseTo(-0.01, 8);
    expect(p[1]).toBeCloseTo(0.01, 8);
  });

  it('clips by global norm and rejects non-finite gradients', () => {
    const g = Float64Array.from([3, 4]);
    expect(clipGlobalNorm(g, 1)).toBe(5);
    expect(Math.hypot(g[0], g[1])).toBeCloseTo(1, 14);
    const p = Float64Array.from([1, 1]);
    expect(Number.isNaN(new Adam(2).step(p, Float64Array.from([Number.NaN, 0])))).toBe(true);
    expect(Array.from(p)).toEqual([1, 1]);
  });
});

describe('TrainingSession', () => {
  it('reduces the MSE and keeps the best params; progress is reported', async () => {
    const { input, target } = problem();
    const model = new AllPoleModel({ order: 2, parameterisation: 'reflection' });
    const seen: TrainProgress[] = [];
    const res = await train({
      model,
      input,
      target,
      loss: 'mse',
      steps: 60,
      learningRate: 0.05,
      progressEvery: 20,
      onProgress: (p) => seen.push(p),
    });
    expect(res.steps).toBe(60);
    expect(seen.map((p) => p.step)).toEqual([20, 40, 60]);
    expect(res.bestLoss).toBeLessThan(res.history[0] * 0.5);
    let min = Number.POSITIVE_INFINITY;
    for (const l of res.history) if (l < min) min = l;
    expect(res.bestLoss).toBe(min);
    expect(res.history[res.bestStep]).toBe(res.bestLoss);
    expect(Array.from(model.params)).toEqual(Array.from(res.bestParams));
  });

  it('stops on abort and returns what it has', async () => {
    const { input, target } = problem();
    const model = new AllPoleModel({ order: 2 });
    const ctl = new AbortController();
    const res = await train({
      model,
      input,
      target,
      loss: 'mse',
      steps: 1000,
      signal: ctl.signal,
      yieldEvery: 1,
      onProgress: (p) => {
        if (p.step >= 5) ctl.abort();
      },
      progressEvery: 1,
    });
    expect(res.aborted).toBe(true);
    expect(res.steps).toBe(5);
  });

  it('records an injected NaN step in the history and counts the rollback', () => {
    const { input, target } = problem();
    const model = new AllPoleModel({ order: 2 });
    const nan = nanInjectingLoss(target);
    const s = new TrainingSession({ model, input, target, loss: nan, learningRate: 0.04 });
    s.step();
    s.step();
    nan.at = 2;
    s.step();
    s.step();
    const r = s.finish();
    expect(Number.isNaN(r.history[2])).toBe(true);
    expect(Number.isFinite(r.history[3])).toBe(true);
    expect(r.rollbacks).toBe(1);
    expect(Number.isFinite(r.bestLoss)).toBe(true);
  });

  it('rollback restores the last evaluated good params exactly and halves lr', () => {
    const { input, target } = problem();
    const model = new AllPoleModel({ order: 2, parameterisation: 'direct' });
    const nan = nanInjectingLoss(target);
    const s = new TrainingSession({ model, input, target, loss: nan, learningRate: 0.04 });
    s.step();
    const evaluated = Float64Array.from(model.params); // params after update = next to evaluate
    s.step(); // evaluates `evaluated` -> last good
    nan.at = 2;
    s.step();
    expect(Array.from(model.params)).toEqual(Array.from(evaluated));
    expect(s.adam.learningRate).toBeCloseTo(0.02, 15);
  });

  it('an unstable direct-form step is rolled back and never pushed live', async () => {
    const { input, target } = problem();
    const model = new AllPoleModel({ order: 2, parameterisation: 'direct' });
    const pushed: number[][] = [];
    const sink: CoefficientSink = { setCoefficients: (c) => pushed.push(Array.from(c)) };
    // huge learning rate drives the direct form unstable
    const s = new TrainingSession({
      model,
      input,
      target,
      loss: 'mse',
      learningRate: 3,
      clipNorm: 0,
      live: { sink, every: 1 },
    });
    const res = await s.run(40);
    expect(res.rollbacks).toBeGreaterThan(0);
    expect(pushed.length).toBeGreaterThan(0);
    for (const c of pushed) {
      const m = new AllPoleModel({ order: 2, parameterisation: 'direct' });
      m.params.set(c);
      expect(m.isStable()).toBe(true);
    }
    expect(model.isStable()).toBe(true);
  });

  it('live binding pushes every N steps and the best at the end', async () => {
    const { input, target } = problem();
    const model = new AllPoleModel({ order: 2 });
    let n = 0;
    const sink: CoefficientSink = { setCoefficients: () => n++ };
    await train({ model, input, target, loss: 'mse', steps: 30, live: { sink, every: 10 } });
    expect(n).toBe(4); // steps 0, 10, 20 and the final best
  });
});

describe('TrainingSession scheduling', () => {
  it('yields to the event loop while running (a macrotask scheduled before run fires mid-run)', async () => {
    const { input, target } = problem();
    const model = new AllPoleModel({ order: 2 });
    let fired = -1;
    const s = new TrainingSession({ model, input, target, loss: 'mse', yieldEvery: 2 });
    setTimeout(() => {
      fired = s.stepCount;
    }, 0);
    await s.run(200);
    expect(fired).toBeGreaterThan(0);
    expect(fired).toBeLessThan(200);
  });

  it('time-varying models push only through a map that forms one vector', async () => {
    const { TvAllPoleModel } = await import('../../src/train/models/tv-allpole-model.js');
    const { input, target } = problem(5, 400);
    const model = new TvAllPoleModel({ order: 2, hop: 100, frames: 4 });
    const got: number[][] = [];
    const sink: CoefficientSink = { setCoefficients: (c) => got.push(Array.from(c)) };
    const s = new TrainingSession({ model, input, target, loss: 'mse', live: { sink, every: 1 } });
    await s.run(3);
    expect(got.length).toBe(0);
    s.bind({ sink, every: 1, map: (c) => c.subarray(0, 2) });
    await s.run(3);
    expect(got.length).toBe(4);
    for (const c of got) expect(c.length).toBe(2);
  });
});
