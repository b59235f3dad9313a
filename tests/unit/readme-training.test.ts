import { describe, expect, it } from 'vitest';
import { allpole, gaussian, isStable, mulberry32, reflectionToDirect } from '../../src/core/index.js';
import { createModel, TrainingSession } from '../../src/train/index.js';

// The README's training snippet, run as written (smaller sizes): an order-4 all-pole filter is
// learned from noise, the session is bound to a sink that records every push, and the result
// improves on its start.
describe('README training snippet', () => {
  it('learns, pushes only stable coefficients to the bound sink, and keeps the best params', async () => {
    const rand = gaussian(mulberry32(7));
    const T = 8000;
    const input = Float64Array.from({ length: T }, () => rand());
    const trueA = reflectionToDirect([0.6, -0.4, 0.3, -0.2]);
    const target = allpole(input, trueA, 4).y as Float64Array;

    const model = createModel({ kind: 'allpole', order: 4, parameterisation: 'reflection' }, {});
    const pushes: Float64Array[] = [];
    const node = { setCoefficients: (a: Float64Array | number[]) => void pushes.push(Float64Array.from(a)) };
    const steps: number[] = [];
    const session = new TrainingSession({
      model,
      input,
      target,
      loss: 'mse',
      learningRate: 0.05,
      onProgress: (p) => void steps.push(p.step),
    });
    session.bind({ sink: node, every: 10 });
    const result = await session.run(200, new AbortController().signal);

    expect(result.steps).toBe(200);
    expect(result.bestLoss).toBeLessThan(result.history[0] * 0.01);
    expect(steps.length).toBeGreaterThan(5);
    expect(pushes.length).toBeGreaterThanOrEqual(20);
    for (const a of pushes) {
      expect(a).toHaveLength(4);
      expect(isStable(a)).toBe(true);
    }
  });
});
