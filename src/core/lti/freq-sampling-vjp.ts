/**
 * Gradients of the frequency-sampling filter and of the frequency-sampled FIR.
 *
 * `y = freqSamplingFilter(b, a, x)` is `y = C x` with C circulant, `C = F⁻¹ diag(H) F`. For
 * `L = Σ g·y`:
 * - `dx = Cᵀ g = F⁻¹ diag(conj H) F g` — the same circular filter with the conjugate response
 *   (circular correlation with the folded impulse response);
 * - `L = (1/T) Σ_k H_k X_k conj(G_k)`, so b and a receive the freqz gradient with the upstream
 *   `G'_k = conj(X_k)·G_k / T` (see freqz-vjp.ts).
 * For `h = firFromIir(b, a, nTaps, nfft)` and `L = Σ_t g_t h_t`: `L = (1/N) Σ_k H_k conj(G_k)`
 * with G the DFT of g zero-padded to N = nfft, so the freqz upstream is `G / N`.
 * Only the bins k ≤ n/2 are computed: for real signals and coefficients the terms of bins k and
 * n-k are equal, so inner bins get weight 2 (DC and, for even n, Nyquist weight 1).
 */

/** Weight of half-spectrum bin k of an n-point real DFT in a full-spectrum sum. */
function binWeight(k: number, n: number): number {
  return k === 0 || 2 * k === n ? 1 : 2;
}

import type { CoefficientGradients, LfilterGradients, NumericInput, RealArray } from '../api.js';
import { getRealDftPlan } from '../spectral/real-dft.js';
import { sampledResponse } from './freq-sampling.js';
import { accumulateResponseVjp } from './freqz-vjp.js';
import { checkFilter, checkLength, checkSignal, checkSize } from './validate.js';

/**
 * Vector-Jacobian product of {@link freqSamplingFilter} for `L = Σ g·y`.
 *
 * @param x forward input (length T ≥ 1), @param g dL/dy (length T).
 * @param out optional caller-owned `db` (len b), `da` (len a), `dx` (T; may be g).
 */
export function freqSamplingFilterVjp(
  b: NumericInput,
  a: NumericInput,
  x: RealArray,
  g: RealArray,
  out?: { db?: Float64Array; da?: Float64Array; dx?: Float64Array },
): LfilterGradients {
  const fn = 'freqSamplingFilterVjp';
  checkFilter(fn, b, a);
  checkSignal(fn, 'x', x);
  checkSignal(fn, 'g', g);
  const T = checkSize(fn, 'x.length', x.length, 1);
  checkLength(fn, 'g', g, T);
  const db = out?.db ?? new Float64Array(b.length);
  const da = out?.da ?? new Float64Array(a.length);
  const dx = out?.dx ?? new Float64Array(T);
  checkLength(fn, 'out.db', db, b.length);
  checkLength(fn, 'out.da', da, a.length);
  checkLength(fn, 'out.dx', dx, T);
  const H = sampledResponse(fn, b, a, T);
  const plan = getRealDftPlan(T);
  const K = plan.bins;
  const xr = new Float64Array(K);
  const xi = new Float64Array(K);
  const gr = new Float64Array(K);
  const gi = new Float64Array(K);
  plan.forward(x, xr, xi);
  plan.forward(g, gr, gi);
  // Upstream for the response: G' = conj(X)·G / T (stored over X), times the bin weight.
  for (let k = 0; k < K; k++) {
    const s = binWeight(k, T) / T;
    const r = (xr[k] * gr[k] + xi[k] * gi[k]) * s;
    xi[k] = (xr[k] * gi[k] - xi[k] * gr[k]) * s;
    xr[k] = r;
  }
  db.fill(0);
  da.fill(0);
  accumulateResponseVjp(b, a, H.w, xr, xi, db, da);
  // dx = F⁻¹(conj(H)·G) / T.
  for (let k = 0; k < K; k++) {
    const r = gr[k] * H.re[k] + gi[k] * H.im[k];
    gi[k] = gi[k] * H.re[k] - gr[k] * H.im[k];
    gr[k] = r;
  }
  plan.inverse(gr, gi, dx);
  for (let t = 0; t < T; t++) dx[t] /= T;
  return { db, da, dx };
}

/**
 * Vector-Jacobian product of {@link firFromIir}: gradients of `L = Σ_t g_t h_t` (g has nTaps
 * entries) with respect to b and a.
 */
export function firFromIirVjp(
  b: NumericInput,
  a: NumericInput,
  nTaps: number,
  nfft: number,
  g: NumericInput,
  out?: { db?: Float64Array; da?: Float64Array },
): CoefficientGradients {
  const fn = 'firFromIirVjp';
  checkFilter(fn, b, a);
  checkSize(fn, 'nfft', nfft, 1);
  checkSize(fn, 'nTaps', nTaps, 1);
  if (nTaps > nfft) throw new RangeError(`${fn}: nTaps must be <= nfft (got ${nTaps} > ${nfft})`);
  checkLength(fn, 'g', g, nTaps);
  const db = out?.db ?? new Float64Array(b.length);
  const da = out?.da ?? new Float64Array(a.length);
  checkLength(fn, 'out.db', db, b.length);
  checkLength(fn, 'out.da', da, a.length);
  const H = sampledResponse(fn, b, a, nfft);
  const plan = getRealDftPlan(nfft);
  const gp = new Float64Array(nfft);
  for (let t = 0; t < nTaps; t++) gp[t] = g[t];
  const K = plan.bins;
  const gr = new Float64Array(K);
  const gi = new Float64Array(K);
  plan.forward(gp, gr, gi);
  for (let k = 0; k < K; k++) {
    const s = binWeight(k, nfft) / nfft;
    gr[k] *= s;
    gi[k] *= s;
  }
  db.fill(0);
  da.fill(0);
  accumulateResponseVjp(b, a, H.w, gr, gi, db, da);
  return { db, da };
}
