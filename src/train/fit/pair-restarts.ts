/**
 * Pair restarts of a section fit (opt-in: fitSections' `pairRounds`). When two sections share one
 * feature of the target (two notches 37 Hz apart fitted by one section) while others spend their
 * poles elsewhere, no single-section restart lowers the output error: the fit sits in a local
 * minimum. Here every pair of sections in turn is replaced by the Steiglitz–McBride fit of orders
 * (4, 4) from the input through the other sections to the target; each candidate is screened by
 * `screenSteps` Levenberg–Marquardt steps over all sections on the first `screenSamples` samples
 * (a pair candidate is often worse than the fit before refinement and far better after it), the
 * best `keep` are refined on all samples, and the best of those replaces the fit when it lowers the
 * output error by 0.1 %; rounds repeat while they improve. Measured with 5 rounds on the order-12–16
 * chains of bench/eq-chains.ts 16 16 that the default fit leaves above 0.02 dB RMS (8 sections, 1 s):
 * seed 2026 chain 15 1.91 → 0.0048 dB, chain 5 0.025 → 0.0047, chain 6 0.043 → 0.0016, chain 14
 * 0.065 → 0.0021; seed 3 chain 7 0.052 → 0.0010, chain 15 0.61 → 0.25; seed 7 chain 7 3.07 → 2.68
 * (output error 6·10⁻⁷ on pink noise: the misfit is where the input has little energy). Cost: a
 * round is S(S − 1)/2 order-4 fits and screenings (S = 8: 28), about 9 s at load 2.7 on 1 s.
 */
import { sectionCascade } from './cascade-filter.js';
import { type RefinedSections, type RefineSectionsOptions, refineSections } from './refine-sections.js';
import { steiglitzMcBride } from './steiglitz-mcbride.js';
import { type SectionSplit, splitSections } from './to-sections.js';

export interface PairRestartOptions {
  /** Rounds at most (each tries every pair; stops early without improvement). */
  rounds: number;
  /** Samples of the screening refinements (default 2¹⁴). */
  screenSamples?: number;
  /** Levenberg–Marquardt steps of each screening (default 3). */
  screenSteps?: number;
  /** Screened candidates refined on all samples per round (default 2). */
  keep?: number;
  /** Options of the refinements (e.g. `rmax`). */
  refine?: RefineSectionsOptions;
}

/**
 * Pair restarts of `best` (refined sections on x → y, same length; see the module comment).
 * Returns the best fit found and the number of restarts that improved it.
 */
export function pairRestarts(
  x: Float64Array,
  y: Float64Array,
  best: RefinedSections,
  o: PairRestartOptions,
): { best: RefinedSections; restarts: number } {
  const S = best.split.a.length;
  const m = Math.min(x.length, o.screenSamples ?? 2 ** 14);
  const [xs, ys] = [x.subarray(0, m), y.subarray(0, m)];
  const u = new Float64Array(x.length);
  let restarts = 0;
  for (let round = 0; round < o.rounds && S > 2; round++) {
    const screened: RefinedSections[] = [];
    for (let i = 0; i < S; i++)
      for (let j = i + 1; j < S; j++) {
        const g = steiglitzMcBride(sectionCascade(best.split, x, u, [i, j]), y, 4, 4);
        const pair = g === null ? null : splitSections(g.b, g.a, 2);
        if (pair === null) continue;
        const split: SectionSplit = {
          a: best.split.a.map((v) => [...v]),
          b: best.split.b.map((v) => [...v]),
          gain: best.split.gain,
        };
        [split.a[i], split.a[j]] = [[...pair.a[0]], [...pair.a[1]]];
        [split.b[i], split.b[j]] = [pair.b[0].map((v) => v * pair.gain), [...pair.b[1]]];
        const screen = { ...o.refine, maxIterations: o.screenSteps ?? 3, minImprovement: 0 };
        screened.push(refineSections(xs, ys, split, screen));
      }
    screened.sort((p, q) => p.outputError - q.outputError);
    let improved = false;
    for (const c of screened.slice(0, o.keep ?? 2)) {
      const r = refineSections(x, y, c.split, { ...o.refine, maxIterations: 20 });
      if (r.outputError < best.outputError * (1 - 1e-3)) {
        best = r;
        improved = true;
        restarts++;
      }
    }
    if (!improved) break;
  }
  return { best, restarts };
}
