/**
 * L-BFGS stopping rule (train/optim/lbfgs.ts): the run ends once the loss fell by at most
 * `tolerance`·f per step on average over the last `patience` accepted steps, or a step moved no
 * parameter by more than `stepTolerance`·(1 + |θᵢ|), or no descent is possible — not earlier, and a
 * tail of tiny improvements is cut. The loss is a function of the parameters through an identity
 * "model" (forward returns θ), so each case is an exact, deterministic objective.
 */
import { describe, expect, it } from 'vitest';
import type { DifferentiableLoss, FilterModel } from '../../src/core/api.js';
import { Lbfgs, type LbfgsOptions } from '../../src/train/optim/lbfgs.js';

type Objective = (x: Float64Array, g?: Float64Array) => number;

/** Runs L-BFGS on `f` from `x0` for at most `maxSteps`; returns the losses at each step's start. */
function run(f: Objective, x0: number[], maxSteps: number, opts: LbfgsOptions = {}) {
  const params = Float64Array.from(x0);
  const model = {
    params,
    isStable: () => true,
    forward: () => Float64Array.from(params),
  } as unknown as FilterModel;
  const loss = { length: params.length, compute: (e: Float64Array) => f(e) } as unknown as DifferentiableLoss;
  const opt = new Lbfgs(model, new Float64Array(params.length), loss, opts);
  const history: number[] = [];
  const g = new Float64Array(params.length);
  while (history.length < maxSteps && !opt.converged) {
    const fx = f(params, g);
    history.push(fx);
    opt.step(params, g, fx);
  }
  return { history, final: f(params), params, converged: opt.converged };
}

/** 1 + ½ Σ dᵢ xᵢ², dᵢ from 1 to 100 (condition number 100): minimum 1 at x = 0. */
const quadratic =
  (offset: number): Objective =>
  (x, g) => {
    let f = offset;
    for (let i = 0; i < x.length; i++) {
      const d = 100 ** (i / (x.length - 1));
      f += 0.5 * d * x[i] * x[i];
      if (g) g[i] = d * x[i];
    }
    return f;
  };

describe('Lbfgs stopping rule', () => {
  it('stops at the progress tolerance on a quadratic with minimum 1, not before', () => {
    const tol = 1e-5;
    const p = 5;
    const r = run(quadratic(1), [1, -2, 0.5, 3, -1, 2], 200, { tolerance: tol, patience: p });
    expect(r.converged).toBe(true);
    const h = [...r.history, r.final]; // h[k] = loss after k accepted steps
    const n = h.length - 1;
    expect(n).toBeLessThan(60); // measured 21
    // the window ending at the last step meets the test ...
    expect(h[n - p] - h[n]).toBeLessThanOrEqual(p * tol * h[n - p]);
    // ... and no earlier window did
    for (let k = p; k < n; k++) expect(h[k - p] - h[k]).toBeGreaterThan(p * tol * h[k - p]);
    // and the minimum is reached to well within the tolerance's reach
    expect(r.final - 1).toBeLessThan(1e-6);
  });

  it('reaches the minimiser of a quadratic with minimum 0 and stops within 60 steps', () => {
    const r = run(quadratic(0), [1, -2, 0.5, 3, -1, 2], 200);
    expect(r.converged).toBe(true);
    expect(r.history.length).toBeLessThan(60); // measured 32, max |x| 2.5e-12
    for (const v of r.params) expect(Math.abs(v)).toBeLessThan(1e-8);
  });

  it('minimises the Rosenbrock function to 1e-8 within 200 steps', () => {
    const rosen: Objective = (x, g) => {
      const a = 1 - x[0];
      const b = x[1] - x[0] * x[0];
      if (g) {
        g[0] = -2 * a - 400 * x[0] * b;
        g[1] = 200 * b;
      }
      return a * a + 100 * b * b;
    };
    const r = run(rosen, [-1.2, 1], 200);
    expect(r.converged).toBe(true);
    expect(r.final).toBeLessThan(1e-8); // measured 44 steps, 2.9e-27
  });

  it('cuts a tail of tiny improvements after `patience` steps', () => {
    // f = 1 − 1e-6·x₀: every step gains ~1e-7 of the loss, forever
    const slope: Objective = (x, g) => {
      if (g) {
        g.fill(0);
        g[0] = -1e-6;
      }
      return 1 - 1e-6 * x[0];
    };
    const tail = run(slope, [0, 0], 300);
    expect(tail.converged).toBe(true);
    expect(tail.history.length).toBe(5);
    // a tolerance below the per-step gain keeps going to the step budget
    const strict = run(slope, [0, 0], 300, { tolerance: 1e-9 });
    expect(strict.converged).toBe(false);
    expect(strict.history.length).toBe(300);
  });

  it('stops on a step that moves no parameter by more than stepTolerance·(1 + |θ|)', () => {
    // the first trial step is learningRate along −g/‖g‖: 1e-3 in a parameter of size 1e3
    const slope: Objective = (x, g) => {
      if (g) g[0] = -1;
      return 10 - x[0];
    };
    const r = run(slope, [1e3], 100, { learningRate: 1e-3, stepTolerance: 1e-5, tolerance: 0 });
    expect(r.converged).toBe(true);
    expect(r.history.length).toBe(1);
    const free = run(slope, [1e3], 100, { learningRate: 1e-3, stepTolerance: 1e-7, tolerance: 0 });
    expect(free.history.length).toBeGreaterThan(1);
  });

  it('rejects bad options naming the argument', () => {
    const f = quadratic(0);
    expect(() => run(f, [1, 1], 1, { patience: 0 })).toThrow(/patience/);
    expect(() => run(f, [1, 1], 1, { patience: 2.5 })).toThrow(RangeError);
    expect(() => run(f, [1, 1], 1, { tolerance: -1 })).toThrow(/tolerance/);
    expect(() => run(f, [1, 1], 1, { stepTolerance: Number.NaN })).toThrow(/stepTolerance/);
  });
});
