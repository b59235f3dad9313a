/**
 * The fixed fitting set of segment training with a second-order method (Levenberg–Marquardt,
 * L-BFGS): K segments of the signals, drawn once from the session's seed, kept apart from the
 * evaluation segments when the signal leaves room, each preceded by its warm-up samples, laid end
 * to end in one bounded buffer. The loss over the set is the mean of the segments' losses; the
 * warm-ups are excluded (mask 0, zero gradient). Its length is K·(warm-up + segment) samples
 * whatever the file's length, so the second-order methods (whose Jacobian or line search need a
 * fixed objective) run in memory bounded by the set.
 */
import type { DifferentiableLoss } from '../core/api.js';

type Signal = Float64Array | Float32Array;

/** A fixed fitting set (see the module comment). */
export interface FitSet {
  /** Warm-ups and segments of the input, end to end (length K·(warm-up + L) at most). */
  input: Float64Array;
  /** The target over the same samples (its warm-up parts are not in the loss). */
  target: Float64Array;
  /** 1 where a sample is in the loss (a segment), 0 in a warm-up. */
  mask: Uint8Array;
  /** Start of each segment in the signal (ascending). */
  starts: number[];
  /** Mean of the segments' losses over `input`'s length; warm-up gradient 0. */
  loss: DifferentiableLoss;
}

/**
 * Bytes the Levenberg–Marquardt Jacobian of a fitting set may take (n parameters × set samples ×
 * 8): 256 MB, so that a 10-minute CLI run stays under 1 GB even at order 48 or 96 kHz.
 */
export const FIT_SET_JACOBIAN_BYTES = 256 * 2 ** 20;

/**
 * Segments of a fitting set: `requested`, capped when the method builds a Jacobian (`jacobian`,
 * i.e. Levenberg–Marquardt) so that `params` × segments × `span` samples × 8 B stays within
 * {@link FIT_SET_JACOBIAN_BYTES}; at least 1.
 */
export function fitSetCount(requested: number, params: number, span: number, jacobian: boolean): number {
  if (!jacobian) return requested;
  return Math.max(1, Math.min(requested, Math.floor(FIT_SET_JACOBIAN_BYTES / (8 * params * span))));
}

/** True when [s, s + L) overlaps one of the segments starting at `others` (each of length L). */
function overlaps(s: number, L: number, others: readonly number[]): boolean {
  for (const o of others) if (s < o + L && o < s + L) return true;
  return false;
}

/**
 * Draws `count` segment starts in [0, T − L] from `random` (uniform, rejection): first apart from
 * each other and from `heldOut` (segments of length L), then, when a signal too short leaves no room
 * after 64 tries per segment, apart from each other only, then anywhere. Sorted ascending.
 */
export function drawFitStarts(
  T: number,
  L: number,
  count: number,
  heldOut: readonly number[],
  random: () => number,
): number[] {
  const starts: number[] = [];
  const span = T - L + 1;
  for (const avoid of [[...heldOut], [], null]) {
    for (let tries = 0; starts.length < count && tries < 64 * count; tries++) {
      const s = Math.min(T - L, Math.floor(random() * span));
      if (avoid === null || !overlaps(s, L, [...avoid, ...starts])) starts.push(s);
    }
  }
  return starts.sort((a, b) => a - b);
}

/**
 * Builds the fitting set of the segments starting at `starts` (each of `length` samples, after up
 * to `warmup` samples of the signal before it) with one loss per segment from `make`.
 */
export function buildFitSet(
  input: Signal,
  target: Signal,
  starts: readonly number[],
  length: number,
  warmup: number,
  make: (target: Float64Array) => DifferentiableLoss,
): FitSet {
  const blocks = starts.map((s) => ({ w0: Math.max(0, s - warmup), s }));
  const total = blocks.reduce((n, b) => n + b.s + length - b.w0, 0);
  const x = new Float64Array(total);
  const t = new Float64Array(total);
  const mask = new Uint8Array(total);
  const offsets: number[] = [];
  const losses: DifferentiableLoss[] = [];
  let at = 0;
  for (const { w0, s } of blocks) {
    const n = s + length - w0;
    for (let i = 0; i < n; i++) {
      x[at + i] = input[w0 + i];
      t[at + i] = target[w0 + i];
    }
    const off = at + s - w0;
    mask.fill(1, off, off + length);
    offsets.push(off);
    losses.push(make(t.slice(off, off + length)));
    at += n;
  }
  const K = losses.length;
  const loss: DifferentiableLoss = {
    length: total,
    compute(estimate, grad) {
      if (estimate.length !== total)
        throw new RangeError(`fit set loss: estimate length ${estimate.length} must equal ${total}`);
      grad?.fill(0);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const o = offsets[k];
        const e =
          estimate instanceof Float64Array
            ? estimate.subarray(o, o + length)
            : Float64Array.from({ length }, (_, i) => estimate[o + i]);
        const g = grad?.subarray(o, o + length);
        sum += losses[k].compute(e, g);
        if (g !== undefined) for (let i = 0; i < length; i++) g[i] /= K;
      }
      return sum / K;
    },
  };
  return { input: x, target: t, mask, starts: [...starts], loss };
}
