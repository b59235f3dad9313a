/**
 * The analysis window of every spectral path (Welch, the STFT of the loss, spectrograms): the
 * periodic Hann `w[i] = 0.5 − 0.5·cos(2πi/n)` (scipy's `hann(n, sym=False)`, torch's
 * `hann_window(n, periodic=True)`).
 */

/**
 * Periodic Hann window of length `n`, optionally zero-padded centred to `padTo` samples (torch.stft's
 * placement of a `winLength` window in an `nFft` frame: `(padTo − n) >> 1` zeros before it).
 * @param n window length, an integer ≥ 1.
 * @param padTo frame length ≥ n (default n).
 * @throws RangeError naming `n` or `padTo`.
 */
export function periodicHann(n: number, padTo = n): Float64Array {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`periodicHann: n must be an integer ≥ 1 (got ${n})`);
  if (!Number.isInteger(padTo) || padTo < n) {
    throw new RangeError(`periodicHann: padTo must be an integer ≥ n = ${n} (got ${padTo})`);
  }
  const w = new Float64Array(padTo);
  const left = (padTo - n) >> 1;
  for (let i = 0; i < n; i++) w[left + i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
  return w;
}
