/**
 * Honest states of the training panel: validation of the run settings and of imported files, and
 * the verdict on a finished run (a run that diverges or ends above its start has failed).
 */
import type { CoefficientsFile } from 'diffiir/core';
import { MAX_ORDER } from 'diffiir/host';

/** Accepted ranges of the run settings. */
export const STEPS_RANGE = [1, 5000] as const;
export const LEARNING_RATE_RANGE = [1e-4, 1] as const;

/** `{ value }` or `{ error }` (a sentence that says why). */
export type Checked = { value: number; error?: undefined } | { value?: undefined; error: string };

/** Steps: an integer in 1–5000. */
export function checkSteps(text: string): Checked {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v)) return { error: `Steps must be a number (got “${text}”).` };
  if (!Number.isInteger(v)) return { error: `Steps must be a whole number (got ${v}).` };
  if (v < STEPS_RANGE[0] || v > STEPS_RANGE[1])
    return { error: `Steps must be between ${STEPS_RANGE[0]} and ${STEPS_RANGE[1]} (got ${v}).` };
  return { value: v };
}

/** Learning rate: a number in [1e-4, 1] (Adam steps in the parameters' units; above 1 it diverges). */
export function checkLearningRate(text: string): Checked {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v))
    return { error: `Learning rate must be a number (got “${text}”).` };
  if (v < LEARNING_RATE_RANGE[0] || v > LEARNING_RATE_RANGE[1])
    return {
      error: `Learning rate must be between ${LEARNING_RATE_RANGE[0]} and ${LEARNING_RATE_RANGE[1]} (got ${v}); larger steps make Adam diverge.`,
    };
  return { value: v };
}

/** Why an imported coefficients file cannot be played here (null when it can). */
export function importProblem(f: CoefficientsFile): string | null {
  if (f.order > MAX_ORDER) return `its order ${f.order} exceeds the filter node's maximum order ${MAX_ORDER}`;
  if (f.frames > 1 && f.hop < 1) return `it has ${f.frames} frames but no hop`;
  return null;
}

/** Imported files above this size are refused before reading. */
export const MAX_JSON_BYTES = 20e6;

/** A run's loss history (NaN = rolled-back step) and its best loss. */
export interface RunOutcome {
  history: ArrayLike<number>;
  bestLoss: number;
  requestedSteps: number;
  steps: number;
}

/** Losses above this mean the filter's output is exploding (MR-STFT is O(1) for sane outputs). */
const EXPLODED_LOSS = 1e3;

/**
 * Why a run failed, or null if it succeeded: no finite loss; an exploding loss at the end;
 * ending at or above the first loss; or giving up early after repeated divergence.
 */
export function runFailure(o: RunOutcome): string | null {
  let first = Number.NaN;
  for (let i = 0; i < o.history.length && !Number.isFinite(first); i++) first = o.history[i];
  if (!Number.isFinite(first) || !Number.isFinite(o.bestLoss))
    return 'diverged: no step produced a finite loss';
  if (o.bestLoss > EXPLODED_LOSS)
    return `diverged: the loss stayed at ${o.bestLoss.toPrecision(3)} (the filter's output explodes)`;
  if (!(o.bestLoss < first))
    return `ended at or above its start (loss ${first.toPrecision(4)} → best ${o.bestLoss.toPrecision(4)})`;
  if (o.steps < o.requestedSteps)
    return `gave up after ${o.steps} of ${o.requestedSteps} steps (the loss kept diverging)`;
  return null;
}

/** While running: a reason to warn now (loss non-finite for 10 steps in a row, or exploding). */
export function liveWarning(history: ArrayLike<number>): string | null {
  const n = history.length;
  if (n >= 10) {
    let bad = true;
    for (let i = n - 10; i < n; i++) if (Number.isFinite(history[i])) bad = false;
    if (bad) return 'diverging: the last 10 steps had no finite loss';
  }
  const last = history[n - 1];
  if (Number.isFinite(last) && last > EXPLODED_LOSS) return `diverging: loss ${last.toPrecision(3)}`;
  return null;
}
