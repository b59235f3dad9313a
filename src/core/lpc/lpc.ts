/**
 * LPC analysis of one frame (autocorrelation method): window → autocorrelation → Levinson.
 * Same convention as `shared/reference/lpc.json`; see lpc/autocorr and lpc/levinson.
 */
import type { LpcOptions, LpcResult, NumericInput } from '../api.js';
import { autocorr } from './autocorr.js';
import { LEVINSON_K_MAX, levinson } from './levinson.js';
import {
  applyLagWindow,
  checkConditioning,
  expandAndBound,
  quadraticErrorPower,
} from './lpc-conditioning.js';

/**
 * LPC of order M for `frame`: `A(z) = 1 + Σ a_i z^-i` minimising the windowed prediction error,
 * its reflection coefficients `k` (|k| < 1, step-up convention), prediction error power and
 * the autocorrelation `r` (length M+1, before white-noise correction).
 * Options: `window` (default hannTrimmed(N), `null` rectangular), `whiteNoise` (r0 scaled by
 * 1 + whiteNoise before solving; default 0), `kMax` (see levinson), `lagWindow` and
 * `bandwidthExpansion` (lpc/lpc-conditioning.ts; with either, `error` is the prediction error
 * power of the returned `a` on the frame). Allocates its outputs.
 * @throws RangeError naming `frame`, `M`, `window`, `opts.whiteNoise`, `opts.lagWindow` or
 * `opts.bandwidthExpansion` on bad input.
 */
export function lpc(frame: NumericInput, M: number, opts?: LpcOptions): LpcResult {
  return lpcFromAutocorr(autocorr(frame, M, opts?.window) as Float64Array, M, opts);
}

/**
 * The solve of {@link lpc} from an autocorrelation `r` (length M+1, e.g. lpc/autocorr-stream.ts
 * for a long signal); `opts.window` is not used. `r` is returned as the result's `r`.
 * @throws RangeError naming `opts.whiteNoise`, `opts.lagWindow` or `opts.bandwidthExpansion`.
 */
export function lpcFromAutocorr(r: Float64Array, M: number, opts?: LpcOptions): LpcResult {
  const wn = opts?.whiteNoise ?? 0;
  if (!(wn >= 0 && Number.isFinite(wn))) {
    throw new RangeError(`lpc: opts.whiteNoise must be finite and >= 0 (got ${wn})`);
  }
  checkConditioning('lpc', opts);
  const lagWindow = opts?.lagWindow ?? 0;
  const gamma = opts?.bandwidthExpansion ?? 1;
  const kMax = opts?.kMax ?? LEVINSON_K_MAX;
  let sol: { a: Float64Array; k: Float64Array; error: number };
  if (wn > 0 || lagWindow > 0) {
    const rc = Float64Array.from(r);
    applyLagWindow(rc, M, lagWindow);
    rc[0] *= 1 + wn;
    sol = levinson(rc, M, undefined, kMax);
  } else {
    sol = levinson(r, M, undefined, kMax);
  }
  if (lagWindow > 0 || gamma < 1) {
    expandAndBound(sol.a, sol.k, M, gamma, kMax);
    return { a: sol.a, k: sol.k, error: quadraticErrorPower(r, sol.a, M), r };
  }
  return { a: sol.a, k: sol.k, error: sol.error, r };
}
