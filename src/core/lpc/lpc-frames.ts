/**
 * Frame-wise LPC analysis (autocorrelation method) of a whole signal.
 *
 * Framing convention: frame f is centred on sample `f·hop`, i.e. it covers
 * `x[f·hop - ⌊N/2⌋ .. f·hop - ⌊N/2⌋ + N - 1]` (N = frameLength), with zeros outside the signal
 * (like `torch.stft(center=True)` with zero padding). There are `frames = 1 + ⌈(T-1)/hop⌉`
 * frames, so the last centre is ≥ T-1 and every sample lies between two frame centres — the
 * layout `expandTrack` interpolates. Each frame: window (default `hannTrimmed(N)`), autocorr,
 * Levinson (lpc/lpc.ts conventions, same as shared/reference/lpc.json), with the optional
 * speech-coder conditioning of lpc/lpc-conditioning.ts (lag window, white-noise correction,
 * bandwidth expansion, |k| ≤ kMax; `speechLpcConditioning(sampleRate)` gives the usual values).
 */
import type { LpcFramesOptions, LpcFramesResult, NumericInput } from '../api.js';
import { autocorr, hannTrimmed } from './autocorr.js';
import { LEVINSON_K_MAX, levinson, levinsonScratchLength } from './levinson.js';
import {
  applyLagWindow,
  checkConditioning,
  expandAndBound,
  quadraticErrorPower,
} from './lpc-conditioning.js';

/**
 * LPC of order M on every frame of `x`; see the module doc for framing. Returns
 * `A`/`K` (frames×M row-major), `error` (prediction error power per frame), `gain`
 * (`sqrt(error / Σ w²)`, the RMS excitation that drives `1/A(z)` to match the frame's level;
 * 0 for silent frames), and the framing parameters. Allocates its outputs and O(N + M) scratch
 * once per call (nothing per frame).
 * @throws RangeError naming `x` (empty / non-finite), `M`, `opts.frameLength`, `opts.hop`,
 * `opts.window` (length ≠ frameLength), `opts.whiteNoise`, `opts.lagWindow`, `opts.bandwidthExpansion`
 * or `opts.kMax`.
 */
export function lpcFrames(x: NumericInput, M: number, opts: LpcFramesOptions): LpcFramesResult {
  const T = x.length;
  if (T < 1) throw new RangeError('lpcFrames: x must not be empty');
  if (!Number.isInteger(M) || M < 1)
    throw new RangeError(`lpcFrames: M (order) must be an integer >= 1 (got ${M})`);
  const N = opts.frameLength;
  const hop = opts.hop;
  if (!Number.isInteger(N) || N < 1) {
    throw new RangeError(`lpcFrames: opts.frameLength must be an integer >= 1 (got ${N})`);
  }
  if (!Number.isInteger(hop) || hop < 1)
    throw new RangeError(`lpcFrames: opts.hop must be an integer >= 1 (got ${hop})`);
  for (let i = 0; i < T; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`lpcFrames: x[${i}] must be finite`);
  }
  const wn = opts.whiteNoise ?? 0;
  if (!(wn >= 0 && Number.isFinite(wn))) {
    throw new RangeError(`lpcFrames: opts.whiteNoise must be finite and >= 0 (got ${wn})`);
  }
  checkConditioning('lpcFrames', opts);
  const kMax = opts.kMax ?? LEVINSON_K_MAX;
  if (!(kMax > 0 && kMax <= 1)) throw new RangeError(`lpcFrames: opts.kMax must be in (0, 1] (got ${kMax})`);
  const lagWindow = opts.lagWindow ?? 0;
  const gamma = opts.bandwidthExpansion ?? 1;
  const conditioned = lagWindow > 0 || gamma < 1;
  const win = opts.window === undefined ? hannTrimmed(N) : opts.window;
  if (win !== null && win.length !== N) {
    throw new RangeError(`lpcFrames: opts.window must have length frameLength = ${N} (got ${win.length})`);
  }
  let wEnergy = 0;
  for (let n = 0; n < N; n++) wEnergy += win === null ? 1 : win[n] * win[n];

  const frames = 1 + Math.ceil((T - 1) / hop);
  const A = new Float64Array(frames * M);
  const K = new Float64Array(frames * M);
  const error = new Float64Array(frames);
  const gain = new Float64Array(frames);
  const frame = new Float64Array(N);
  const scratch = new Float64Array(N);
  const r = new Float64Array(M + 1);
  const rRaw = new Float64Array(M + 1);
  // One set of Levinson buffers for all frames (results copied into the rows of A and K).
  const lev = {
    a: new Float64Array(M),
    k: new Float64Array(M),
    scratch: new Float64Array(levinsonScratchLength(M)),
  };
  const half = Math.floor(N / 2);
  for (let f = 0; f < frames; f++) {
    const start = f * hop - half;
    for (let n = 0; n < N; n++) {
      const t = start + n;
      frame[n] = t >= 0 && t < T ? x[t] : 0;
    }
    autocorr(frame, M, win, r, scratch);
    rRaw.set(r);
    applyLagWindow(r, M, lagWindow);
    r[0] *= 1 + wn;
    const sol = levinson(r, M, lev, kMax);
    let err = sol.error;
    if (conditioned) {
      expandAndBound(lev.a, lev.k, M, gamma, kMax);
      err = quadraticErrorPower(rRaw, lev.a, M);
    }
    A.set(lev.a, f * M);
    K.set(lev.k, f * M);
    error[f] = err;
    gain[f] = wEnergy > 0 ? Math.sqrt(err / wEnergy) : 0;
  }
  return { A, K, error, gain, frames, hop, M, frameLength: N };
}
