/**
 * The one rule for the model's per-sample input gain `e[s] ≈ exp(lg[s])` of a reflection track:
 * the forward (the fused kernels generated/lattice-track.ts and `latticeTrackGeneric`, run by
 * `trackLatticeBlock`, hence by the AudioWorklet processor and the CLI's `render`), the VJP and
 * the JVP all take their gains from here, so they compute the same numbers.
 *
 * `lg` is linear between frame centres (frame-interpolation.ts), so within one frame interval
 * `exp(lg)` is a geometric sequence: `exp(lg[s+1]) = exp(lg[s])·r` with `r = exp((L1 − L0)/hop)`.
 * The rule uses that recursion instead of one `exp` per sample (in the kernels an `exp` call
 * spills every register of the lattice), anchored exactly: at every interval offset that is a multiple of {@link GAIN_ANCHOR} (the frame start
 * included) the gain is `exp(L0 + w·(L1 − L0))`, `exp` of the interpolated log-gain
 * (frame-interpolation.ts, `w = off·(1/hop)`), the model's exact rule; between anchors it is
 * multiplied by `r`. A block that starts between anchors replays the multiplications from the
 * anchor, so any split of a signal into blocks gives the same numbers bit for bit.
 *
 * Deviation from the exact rule: at most GAIN_ANCHOR − 1 roundings of the product plus the
 * rounding of `r` raised to that power, i.e. a relative error below about
 * (GAIN_ANCHOR + |L1 − L0|)·2^-52 (≈ 1e-14 for any sensible log-gain step), far below the
 * 1e-9 of the conformance tests and the float32 output of the node
 * (tests/unit/worklet-track-kernel.test.ts bounds it at 1e-13 relative). At or beyond the last
 * frame the gain is `exp(lg[last])`. The gradients treat `∂e/∂lg = e` (exact for `exp`; the
 * recursion's departure from it is of the same 1e-14 order).
 */

/** Interval offsets at which the gain is recomputed exactly (power of two). */
export const GAIN_ANCHOR = 32;

/** Ratio `r = exp((L1 − L0)/hop)` of consecutive gains inside one frame interval. */
export function gainRatio(L0: number, L1: number, hop: number): number {
  return Math.exp((L1 - L0) / hop);
}

/**
 * Gain at interval offset `off` (0 ≤ off < hop) between log-gains `L0` (frame start) and `L1`:
 * the exact value at the anchor `off − off mod GAIN_ANCHOR`, times `r` once per sample after it
 * (`r` from {@link gainRatio}). No allocation.
 */
export function anchoredGain(L0: number, L1: number, off: number, hop: number, r: number): number {
  const a = off - (off % GAIN_ANCHOR);
  const w = a * (1 / hop);
  let g = Math.exp(L0 + w * (L1 - L0));
  for (let j = a; j < off; j++) g *= r;
  return g;
}

/**
 * The gain `e[s]` of track sample `s` (integer ≥ 0) for log-gains `logGain` (`frames` values on
 * a grid of `hop`; null: 1), by the rule of the module doc. Random access: costs up to
 * GAIN_ANCHOR − 1 multiplications; use {@link fillTrackGains} for runs. No allocation.
 */
export function trackGain(logGain: ArrayLike<number> | null, hop: number, frames: number, s: number): number {
  if (logGain === null) return 1;
  const f = Math.floor(s / hop);
  if (f >= frames - 1) return Math.exp(logGain[frames - 1]);
  const L0 = logGain[f];
  const L1 = logGain[f + 1];
  return anchoredGain(L0, L1, s - f * hop, hop, gainRatio(L0, L1, hop));
}

/**
 * `out[off + j] = e[s0 + j]` for j < n (the same values as {@link trackGain}, computed as one
 * run: the kernels' sequence). No allocation.
 */
export function fillTrackGains(
  logGain: ArrayLike<number> | null,
  hop: number,
  frames: number,
  s0: number,
  n: number,
  out: Float64Array,
  off: number,
): void {
  if (logGain === null) {
    out.fill(1, off, off + n);
    return;
  }
  let j = 0;
  let f = Math.floor(s0 / hop);
  let o = s0 - f * hop;
  while (j < n && f < frames - 1) {
    const L0 = logGain[f];
    const L1 = logGain[f + 1];
    const r = gainRatio(L0, L1, hop);
    // Between anchors the running product; at each anchor (the first one included) the exact value.
    let g = o % GAIN_ANCHOR === 0 ? 0 : anchoredGain(L0, L1, o, hop, r);
    for (; j < n && o < hop; j++, o++) {
      if (o % GAIN_ANCHOR === 0) g = anchoredGain(L0, L1, o, hop, r);
      out[off + j] = g;
      g *= r;
    }
    f++;
    o = 0;
  }
  if (j < n) out.fill(Math.exp(logGain[frames - 1]), off + j, off + n);
}

/**
 * Per-frame table of the rule for players that keep a track (the AudioWorklet processor's
 * store), for frames `from ≤ f < to`: `table[2f] = exp(lg[f])`, the gain at interval offset 0
 * (the rule's anchor there, bit for bit: w = 0), and `table[2f+1] = gainRatio(lg[f], lg[f+1],
 * hop)` (1 for the last frame). Kernels given the table read these instead of calling `exp`
 * twice per frame interval; the numbers are the same. No allocation, no checks.
 * @param logGain natural-log gain per frame (length ≥ frames).
 * @param frames frame count of the track; `hop` its samples per frame.
 * @param from first frame to fill; `to` one past the last (0 ≤ from ≤ to ≤ frames).
 * @param table output, length ≥ 2·frames (the same table for the whole track).
 */
export function fillGainTable(
  logGain: ArrayLike<number>,
  frames: number,
  hop: number,
  from: number,
  to: number,
  table: Float64Array,
): void {
  for (let f = from; f < to; f++) {
    table[2 * f] = Math.exp(logGain[f]);
    table[2 * f + 1] = f + 1 < frames ? gainRatio(logGain[f], logGain[f + 1], hop) : 1;
  }
}
