/**
 * The microphone panel's filter maths and views, without audio or controls: the power
 * normalisation of a coefficient vector and the drawing of its response and pole-zero plot.
 */
import { directToReflection, reflectionToDirect } from 'diffiir/core';
import { allPoleFrequencyResponse } from 'diffiir/host';
import { drawPoleZero } from './polezero-plot.js';
import type { CoefficientPreset } from './presets.js';
import { drawResponse, logFrequencies } from './response-plot.js';

/** Coefficient domain of the panel's filter. */
export type MicDomain = 'reflection' | 'direct';

/** Sample rate the presets are designed for and the plots are drawn at. */
export const MIC_DESIGN_RATE = 48000;

const FREQS = logFrequencies(256, 30, 20000);
const mag = new Float32Array(FREQS.length);
const phase = new Float32Array(FREQS.length);

/** A fresh copy of preset `p`'s coefficients in `domain`. */
export function presetCoefficients(p: CoefficientPreset, domain: MicDomain): Float64Array {
  return Float64Array.from(domain === 'reflection' ? p.k : p.a);
}

/**
 * sqrt(Π(1 − k_i²)): the gain that gives `1/A(z)` unit power gain for white noise (the usual
 * LPC gain), so that resonant presets are not 40–50 dB louder than the flat filter. For a
 * direct-form vector that is not minimum phase, 1 (the node will report a fault).
 */
export function powerNormalisation(coeffs: Float64Array, domain: MicDomain): number {
  let k: ArrayLike<number> = coeffs;
  if (domain === 'direct') {
    try {
      k = directToReflection(coeffs, new Float64Array(coeffs.length));
    } catch {
      return 1;
    }
  }
  let p = 1;
  for (let i = 0; i < k.length; i++) p *= Math.max(0, 1 - k[i] * k[i]);
  return Math.sqrt(p);
}

/** What the plots show: the coefficients as set, the total gain, and an LFO offset on one k. */
export interface MicFilterView {
  coeffs: Float64Array;
  domain: MicDomain;
  /** Output gain × power normalisation. */
  gain: number;
  /** The LFO's current offset and its 0-based coefficient index, when it drives one. */
  lfo: { index: number; offset: number } | null;
}

/** Plots gain/A(z) on `response` and the poles with the unit circle on `polezero`. */
export function drawMicFilter(
  response: HTMLCanvasElement,
  polezero: HTMLCanvasElement,
  view: MicFilterView,
): void {
  const c = Float64Array.from(view.coeffs);
  const M = c.length;
  let label = `${view.domain} M=${M}`;
  if (view.lfo) {
    const i = view.lfo.index;
    c[i] += view.lfo.offset;
    label += `, k${i + 1} = ${c[i].toFixed(2)} (LFO)`;
  }
  try {
    allPoleFrequencyResponse(c, view.domain, view.gain, MIC_DESIGN_RATE, FREQS, mag, phase);
  } catch {
    mag.fill(Number.NaN);
  }
  drawResponse(response, FREQS, [{ label, color: '#58a6ff', mag }]);
  let a: ArrayLike<number> = c;
  if (view.domain === 'reflection') {
    const k = c.map((v) => Math.max(-0.999999, Math.min(0.999999, v)));
    a = reflectionToDirect(k, new Float64Array(k.length));
  }
  drawPoleZero(polezero, a, `${view.domain} order ${M}`);
}
