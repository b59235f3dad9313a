/** Finite-difference check of a FilterModel's backward (float64, seeded). Test helper, not a test. */
import type { FilterModel } from '../../src/core/api.js';
import { gaussian } from '../../src/core/random/mulberry32.js';

/**
 * L = Σ w·forward(x) for seeded random x, w; compares backward with central differences on every
 * parameter. Returns the worst |fd − g| / max(1, |g|).
 */
export function checkModelGradient(model: FilterModel, T: number, rand: () => number, h = 1e-6): number {
  const g = gaussian(rand);
  const x = Float64Array.from({ length: T }, () => g());
  const w = Float64Array.from({ length: T }, () => g());
  const L = (): number => {
    const y = model.forward(x);
    let s = 0;
    for (let t = 0; t < T; t++) s += w[t] * y[t];
    return s;
  };
  L();
  const gp = new Float64Array(model.params.length);
  model.backward(w, gp);
  let worst = 0;
  for (let i = 0; i < model.params.length; i++) {
    const v = model.params[i];
    model.params[i] = v + h;
    const lp = L();
    model.params[i] = v - h;
    const lm = L();
    model.params[i] = v;
    const fd = (lp - lm) / (2 * h);
    worst = Math.max(worst, Math.abs(fd - gp[i]) / Math.max(1, Math.abs(gp[i])));
  }
  return worst;
}
