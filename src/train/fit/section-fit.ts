/**
 * Pole-zero identification into S second-order sections, robust to the local minima of the
 * direct-form fit: Steiglitz–McBride of orders (2S, 2S) ({@link steiglitzMcBride}) split into
 * sections, refined by output-error Levenberg–Marquardt in the sections ({@link refineSections}),
 * then several restarts: each section in turn is replaced by the Steiglitz–McBride fit of orders
 * (2, 2) from the input through the other sections to the target (the best single section given the
 * rest: a well-conditioned order-2 problem), and the candidates that lower the output error are
 * refined again; the fit with the smallest output error on the data is kept. Measured on an EQ
 * chain whose order-8 direct form cannot resolve its poles (peak 89 Hz, notch 144 Hz, highpass
 * 25 Hz, peak 1840 Hz at 48 kHz; pink noise, 16-bit): Steiglitz–McBride leaves one section unused at
 * output error 2·10⁻⁴ (0.38 dB), the restart of that section reaches the noise floor 2·10⁻⁸.
 * The refinement runs on at most `headSamples` samples (memory (5S + 3) signals of that length).
 */
import type { NumericInput } from '../../core/api.js';
import { relativeError, sectionCascade } from './cascade-filter.js';
import { deltaSteiglitzMcBride } from './delta-steiglitz-mcbride.js';
import { type PairRestartOptions, pairRestarts } from './pair-restarts.js';
import { type RefinedSections, type RefineSectionsOptions, refineSections } from './refine-sections.js';
import { type SteiglitzMcBrideOptions, steiglitzMcBride } from './steiglitz-mcbride.js';
import { type SectionSplit, splitSections } from './to-sections.js';

export interface SectionFitOptions {
  /** Options of the Steiglitz–McBride start. */
  steiglitzMcBride?: SteiglitzMcBrideOptions;
  /** Options of the output-error refinements (e.g. the model's largest pole radius `rmax`). */
  refine?: RefineSectionsOptions;
  /** Samples the refinement and restarts run on (default 2¹⁶). */
  headSamples?: number;
  /** Rounds of restarts (each tries every section; stops early without improvement; default 2). */
  restartRounds?: number;
  /** Restarts refined per round, best first (default 2). */
  restartsPerRound?: number;
  /**
   * Levenberg–Marquardt steps over the whole fit, first refinement and restarts together (default
   * max(10, 960/S²): 60 for S = 4; a step costs a QR of (samples × 5S)): bounds the time. Each
   * refinement also stops at `refine.maxIterations` (default 30).
   */
  maxSteps?: number;
  /**
   * Also fit the delta-operator Steiglitz–McBride start ({@link deltaSteiglitzMcBride}) and refine
   * whichever start has the smaller output error on the head (default false). Measured on random
   * order-16 EQ chains fitted by 8 sections (bench/eq-chains.ts 16 16, seeds 2026/3/7): it takes two
   * chains from 0.30 and 0.61 dB to 0.015 and 0.16 dB RMS, but the lower output error on pink noise
   * is a worse response on two others (0.052 → 0.060, 3.07 → 3.54 dB), for about 1 s more per fit.
   */
  deltaStart?: boolean;
  /**
   * Pair restarts after the single ones ({@link pairRestarts}; default none: 5 rounds take an order-16
   * fit of 1 s from about 3 s to about 50 s, and most order-12–16 chains from local minima of 0.02–1.9 dB
   * to 0.001–0.005 dB RMS).
   */
  pairRestarts?: PairRestartOptions;
}

export interface SectionFit {
  /** The sections and gain. */
  split: SectionSplit;
  /** ‖y − ŷ‖² / ‖y‖² of these sections on the samples fitted (the head). */
  outputError: number;
  /** Output error of the Steiglitz–McBride start on the same samples (poles inside the refinement's rmax). */
  startError: number;
  /** Restarts that improved the fit. */
  restarts: number;
}

/**
 * Fits S sections from x to y (same length; see the module comment). Returns null when the
 * Steiglitz–McBride start fails (e.g. silent input) or does not split into sections.
 * @throws RangeError naming `S` when it is not an integer ≥ 1.
 */
export function fitSections(
  x: NumericInput,
  y: NumericInput,
  S: number,
  opts: SectionFitOptions = {},
): SectionFit | null {
  if (!Number.isInteger(S) || S < 1) throw new RangeError(`fitSections: S must be an integer ≥ 1 (got ${S})`);
  const sm = steiglitzMcBride(x, y, 2 * S, 2 * S, opts.steiglitzMcBride);
  let start = sm === null ? null : splitSections(sm.b, sm.a, S);
  const n = Math.min(x.length, opts.headSamples ?? 2 ** 16);
  const xh = Float64Array.from({ length: n }, (_, t) => x[t]);
  const yh = Float64Array.from({ length: n }, (_, t) => y[t]);
  const u = new Float64Array(n);
  if (opts.deltaStart === true) {
    // above order 8 the direct form cannot hold clustered poles: the delta-operator fit, when better
    const d = deltaSteiglitzMcBride(xh, yh, S, { rmax: opts.refine?.rmax });
    if (d !== null && (start === null || d.outputError < relativeError(yh, sectionCascade(start, xh, u))))
      start = d.split;
  }
  if (start === null) return null;
  let budget = opts.maxSteps ?? Math.max(10, Math.round(960 / (S * S)));
  const refine = (split: SectionSplit): RefinedSections => {
    const cap = Math.min(opts.refine?.maxIterations ?? 30, budget);
    const r = refineSections(xh, yh, split, { ...opts.refine, maxIterations: Math.max(0, cap) });
    budget -= r.iterations;
    return r;
  };
  let best: RefinedSections = refine(start);
  const startError = best.startError;
  let restarts = 0;
  const rounds = opts.restartRounds ?? 2;
  const perRound = opts.restartsPerRound ?? 2;
  for (let round = 0; round < rounds && S > 1 && budget > 0; round++) {
    const candidates: { split: SectionSplit; error: number }[] = [];
    for (let s = 0; s < S; s++) {
      const g = steiglitzMcBride(sectionCascade(best.split, xh, u, [s]), yh, 2, 2);
      if (g === null) continue;
      const split: SectionSplit = {
        a: best.split.a.map((v, j) => (j === s ? [g.a[1], g.a[2]] : [...v])),
        b: best.split.b.map((v, j) => (j === s ? [g.b[0], g.b[1], g.b[2]] : [...v])),
        gain: best.split.gain,
      };
      const error = relativeError(yh, sectionCascade(split, xh, u));
      if (error < best.outputError * (1 - 1e-3)) candidates.push({ split, error });
    }
    candidates.sort((p, q) => p.error - q.error);
    let improved = false;
    for (const c of candidates.slice(0, perRound)) {
      if (budget <= 0) break;
      const r = refine(c.split);
      if (r.outputError < best.outputError * (1 - 1e-3)) {
        best = r;
        improved = true;
        restarts++;
      }
    }
    if (!improved) break;
  }
  if (opts.pairRestarts !== undefined) {
    const p = pairRestarts(xh, yh, best, { refine: opts.refine, ...opts.pairRestarts });
    best = p.best;
    restarts += p.restarts;
  }
  if (!(best.outputError <= startError))
    return { split: start, outputError: startError, startError, restarts: 0 };
  return { split: best.split, outputError: best.outputError, startError, restarts };
}
