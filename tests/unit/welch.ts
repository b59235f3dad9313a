/** Test helper: the Welch H1 estimate of src/core/lti/welch.ts under its former name. */
import { welchTransferFunction } from '../../src/core/lti/welch.js';

/** |H1| at f = k/nperseg cycles/sample for k = 0..nperseg/2 (see welchTransferFunction). */
export function welchH1(
  x: Float64Array,
  y: Float64Array,
  nperseg: number,
): { freqs: Float64Array; mag: Float64Array } {
  const { freqs, mag } = welchTransferFunction(x, y, nperseg);
  return { freqs, mag };
}
