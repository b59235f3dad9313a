import type { NumericInput, RealArray } from '../api.js';
import { latticeAdjoint, latticeRecord } from './lattice-tape.js';
import {
  checkFinite,
  checkLength,
  checkNumeric,
  checkOrder,
  checkReal,
  checkTrackAfter,
} from './validate.js';

/** Default segment length S of the checkpointed lattice VJP (samples recomputed per segment). */
export const LATTICE_SEGMENT = 4096;

/** Vector-Jacobian products of {@link lattice} for `L = Σ g·y`. */
export interface LatticeGradients {
  /** ∂L/∂x, length T. */
  dx: Float64Array;
  /** ∂L/∂K, the shape of the K passed: T×M row-major, or M (one row, summed over t). */
  dK: Float64Array;
  /** ∂L/∂zi in the lattice state layout (`zi[j] = b_j[-1]`), length M. */
  dzi: Float64Array;
}

/** Caller buffers and options of {@link latticeVjp}; every field is optional. */
export interface LatticeVjpOptions {
  /** Output ∂L/∂x, length T. */
  dx?: Float64Array;
  /** Output ∂L/∂K, length K.length (overwritten, also when K is one row). */
  dK?: Float64Array;
  /** Output ∂L/∂zi, length M. */
  dzi?: Float64Array;
  /**
   * Upstream gradient of the final state zf (length M, lattice layout), for block-wise
   * (streaming) backward passes: the `dzi` of the next block. Default zero.
   */
  dzf?: NumericInput;
  /** Work space, length ≥ {@link latticeVjpScratchLength}(T, M, segment). */
  scratch?: Float64Array;
  /** Segment length S (integer ≥ 1, default `LATTICE_SEGMENT`). */
  segment?: number;
}

/**
 * Scratch length of {@link latticeVjp}: `M·(⌈T/S'⌉ + 2·S' + 1)` with `S' = min(S, max(T, 1))`
 * (one state per checkpoint, one segment's state history, one segment's ∂L/∂K rows when K is
 * one row).
 */
export function latticeVjpScratchLength(T: number, M: number, segment = LATTICE_SEGMENT): number {
  const S = Math.min(segment, Math.max(T, 1));
  return M * (Math.ceil(T / S) + 2 * S + 1);
}

/**
 * Adjoint (vector-Jacobian product) of {@link lattice} for `L = Σ_t g[t]·y[t]`: ∂L/∂x, ∂L/∂K
 * and ∂L/∂zi in one backward pass over time (conventions and state layout of lattice.ts; the
 * reference is `lattice_tv.json`).
 *
 * - `g` (T) is the upstream gradient, `x` (T), `K` (T×M per sample, or M for one constant row)
 *   and `zi` (M, lattice state `zi[j] = b_j[-1]`, null = rest) are the forward call's inputs.
 * - Returns `dx` (T), `dK` (K.length; summed over t when K is one row) and `dzi` (M, in the same
 *   lattice layout; NOT the direct-form zi of `allpoleVjp`: with constant K the direct-form
 *   gradient is `Pᵀ·dzi`, where `P` maps past outputs to lattice state).
 *
 * How the backward reuses the forward: the adjoint of a lattice sample needs every stage's old
 * state `s_{m-1}` and forward error `f_{m-1}`, which the forward does not keep. The states are
 * recomputed by the same recursion (`latticeRecord`, bit-identical to `lattice`) into a
 * history, segment by segment, and the `f_{m-1}` are rebuilt from them inside the adjoint
 * (lattice-tape.ts). A first pass stores the state every S samples (checkpoints); then the
 * segments are replayed last to first, each followed by its adjoint (`latticeAdjoint`). The
 * last segment's history is still valid from the first pass, so T ≤ S costs one recorded
 * forward plus the adjoint; in general one extra forward. Working memory is
 * `O(M·(T/S + S))`, whatever T.
 * Inverting the recursion backwards in time was rejected: it needs
 * `s_{M-1} = (x − f_{M-1})/k_M` (undefined at k_M = 0) and runs a contractive (stable) map
 * in reverse, which amplifies rounding errors exponentially over long signals.
 *
 * - Streaming: the backward of a signal cut into blocks is the blocks' backward, last block
 *   first, each given `opts.dzf` = the `dzi` of the block after it (tested).
 * - `opts.dx`, `opts.dK`, `opts.dzi` and `opts.scratch` (see {@link latticeVjpScratchLength})
 *   are caller buffers: when all are given, nothing but the returned object is allocated. They
 *   must not alias the inputs. A wrong length is a RangeError naming the argument.
 * - Non-finite K: a single row is rejected up front; a T×M track is scanned only when a result
 *   turns non-finite (then a RangeError names the entry).
 */
export function latticeVjp(
  g: RealArray,
  x: RealArray,
  K: RealArray,
  M: number,
  zi?: NumericInput | null,
  opts?: LatticeVjpOptions,
): LatticeGradients {
  const fn = 'latticeVjp';
  checkReal(fn, 'g', g);
  checkReal(fn, 'x', x);
  checkReal(fn, 'K', K);
  checkOrder(fn, M);
  const T = g.length;
  checkLength(fn, 'x', x, T);
  const perSample = K.length === T * M;
  if (!perSample && K.length !== M) {
    throw new RangeError(`${fn}: K.length must be T*M = ${T * M} or M = ${M} (got ${K.length})`);
  }
  if (!perSample) checkFinite(fn, 'K', K);
  if (zi != null) {
    checkNumeric(fn, 'zi', zi);
    checkLength(fn, 'zi', zi, M);
    checkFinite(fn, 'zi', zi);
  }
  const dzf = opts?.dzf ?? null;
  if (dzf !== null) {
    checkNumeric(fn, 'opts.dzf', dzf);
    checkLength(fn, 'opts.dzf', dzf, M);
    checkFinite(fn, 'opts.dzf', dzf);
  }
  const seg = opts?.segment ?? LATTICE_SEGMENT;
  if (!Number.isInteger(seg) || seg < 1) {
    throw new RangeError(`${fn}: segment must be an integer >= 1 (got ${seg})`);
  }
  const dx = opts?.dx ?? new Float64Array(T);
  const dK = opts?.dK ?? new Float64Array(K.length);
  const dzi = opts?.dzi ?? new Float64Array(M);
  const need = latticeVjpScratchLength(T, M, seg);
  const w = opts?.scratch ?? new Float64Array(need);
  checkLength(fn, 'opts.dx', dx, T);
  checkLength(fn, 'opts.dK', dK, K.length);
  checkLength(fn, 'opts.dzi', dzi, M);
  if (w.length < need)
    throw new RangeError(`${fn}: opts.scratch.length must be >= ${need} (got ${w.length})`);
  if (
    aliases(dx, g, x, K, zi) ||
    aliases(dK, g, x, K, zi) ||
    aliases(dzi, g, x, K, zi) ||
    aliases(w, g, x, K, zi)
  ) {
    throw new RangeError(
      `${fn}: opts.dx, opts.dK, opts.dzi and opts.scratch must not alias g, x, K, zi or dzf`,
    );
  }
  latticeVjpCore(g, x, K, perSample ? M : 0, zi, dzf, dx, dK, dzi, w, M, T, seg);
  if (perSample) {
    checkTrackAfter(fn, 'K', K, dx);
    checkTrackAfter(fn, 'K', K, dzi);
  }
  return { dx, dK, dzi };
}

/** True when the buffer `b` is one of the inputs (same object; views are the caller's care). */
function aliases(b: object, g: object, x: object, K: object, zi: unknown): boolean {
  return b === g || b === x || b === K || b === zi;
}

/**
 * Unchecked checkpointed VJP (see {@link latticeVjp}); `kStride` M (per-sample K, dK written)
 * or 0 (one row, dK summed). `w` holds the checkpoints (⌈T/S⌉ rows of M), then one segment's
 * state history (S+1 rows), then S rows of per-sample ∂L/∂K (one-row K only). `dzi` doubles as the pending adjoint of the state.
 */
function latticeVjpCore(
  g: RealArray,
  x: RealArray,
  K: RealArray,
  kStride: number,
  zi: NumericInput | null | undefined,
  dzf: NumericInput | null,
  dx: Float64Array,
  dK: Float64Array,
  dzi: Float64Array,
  w: Float64Array,
  M: number,
  T: number,
  segment: number,
): void {
  const S = Math.min(segment, Math.max(T, 1));
  const nSeg = Math.ceil(T / S);
  const hist = nSeg * M;
  const rows = hist + (S + 1) * M;
  // Forward: checkpoint c is the state before segment c; the history rows of the segment
  // being run start from it, and its last row is the next checkpoint.
  for (let j = 0; j < M; j++) w[j] = zi != null ? zi[j] : 0;
  for (let c = 0; c < nSeg; c++) {
    const t0 = c * S;
    const n = Math.min(S, T - t0);
    w.copyWithin(hist, c * M, c * M + M);
    latticeRecord(x, t0, K, t0 * kStride, kStride, w, hist, M, n);
    if (c + 1 < nSeg) w.copyWithin((c + 1) * M, hist + n * M, hist + n * M + M);
  }
  for (let j = 0; j < M; j++) dzi[j] = dzf !== null ? dzf[j] : 0;
  if (kStride === 0) dK.fill(0);
  // Backward, last segment first (its history is still in place), replaying the others.
  for (let c = nSeg - 1; c >= 0; c--) {
    const t0 = c * S;
    const n = Math.min(S, T - t0);
    if (c !== nSeg - 1) {
      w.copyWithin(hist, c * M, c * M + M);
      latticeRecord(x, t0, K, t0 * kStride, kStride, w, hist, M, n);
    }
    if (kStride !== 0) latticeAdjoint(g, t0, K, t0 * M, M, w, hist, dzi, dx, t0, dK, t0 * M, M, n);
    else {
      // One row of K: per-sample rows into the scratch, summed (latest sample first).
      latticeAdjoint(g, t0, K, 0, 0, w, hist, dzi, dx, t0, w, rows, M, n);
      for (let i = n - 1; i >= 0; i--) for (let j = 0; j < M; j++) dK[j] += w[rows + i * M + j];
    }
  }
}
