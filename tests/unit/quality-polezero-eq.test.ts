/**
 * Quality: learn sox's EQ chain (noise_in.wav → noise_sox_eq.wav) with a pole-zero cascade.
 *
 * Reference ("true") magnitude response: estimated from the recording pair itself with Welch's
 * cross-spectral H1 estimator, |H1(f)| = |Pxy(f)| / Pxx(f) — segments of 4096 samples, periodic
 * Hann window, 50 % overlap, averaged over the 1 s pair (see welch.ts). It is compared with the
 * learned model's |H(e^{jω})| (core freqz of the product numerator/denominator) at every Welch bin
 * between 100 Hz and 16 kHz; the RMS of the dB difference must be ≤ 0.01 dB. Against the chain's own
 * response (sox implements the Audio-EQ-Cookbook biquads: src/cli/example-filter.ts at 48 kHz) it
 * must be ≤ 0.001 dB RMS (both measured at ≈ 0.006 dB and 3e-5 dB).
 *
 * The model: createModel({ kind: 'polezero', sections: 3, poles: 'reflection' }) from the pair
 * (Steiglitz–McBride fit of order 6, split into sections with their nearest zeros), then
 * Levenberg–Marquardt on the time-domain MSE until it converges; the best parameters are kept.
 * Nothing here depends on this particular sox chain; the 'reflection' section form also represents
 * real pole pairs (sox's one-pole filters, Q < 0.5), which the 'polar' (r, θ) form cannot.
 */
import { describe, expect, it } from 'vitest';
import { exampleSections } from '../../src/cli/example-filter.js';
import { freqz } from '../../src/core/lti/freqz.js';
import { createModel } from '../../src/train/models/create-model.js';
import type { PoleZeroModel } from '../../src/train/models/polezero-model.js';
import { train } from '../../src/train/session.js';
import { AUDIO_DIR } from './helpers.js';
import { readWav } from './quality-helpers.js';
import { welchH1 } from './welch.js';

const AUDIO = AUDIO_DIR.replace(/\/$/, '');

function conv(p: number[], q: number[]): number[] {
  const out = new Array(p.length + q.length - 1).fill(0);
  for (let i = 0; i < p.length; i++) for (let j = 0; j < q.length; j++) out[i + j] += p[i] * q[j];
  return out;
}

/** The cascade multiplied out: gain·Π B_s(z) over Π A_s(z) (leading 1 in each A_s). */
function modelPolynomials(model: PoleZeroModel): { num: number[]; den: number[] } {
  const { a, b } = model.sectionCoefficients();
  let num = [model.gain()];
  let den = [1];
  for (let s = 0; s < model.sections; s++) {
    num = conv(num, b[s]);
    den = conv(den, [1, ...a[s]]);
  }
  return { num, den };
}

/** RMS dB error of the model against the Welch H1 estimate over [fLo, fHi] Hz. */
function rmsDbError(model: PoleZeroModel, input: Float64Array, target: Float64Array, fs: number): number {
  const H = welchH1(input, target, 4096);
  const w: number[] = [];
  const ref: number[] = [];
  for (let i = 0; i < H.freqs.length; i++) {
    const f = H.freqs[i] * fs;
    if (f >= 100 && f <= 16000) {
      w.push(2 * Math.PI * H.freqs[i]);
      ref.push(H.mag[i]);
    }
  }
  const { num, den } = modelPolynomials(model);
  const r = freqz(num, den, w);
  let e = 0;
  for (let i = 0; i < w.length; i++) {
    const d = 20 * Math.log10(Math.hypot(r.re[i], r.im[i]) / ref[i]);
    e += d * d;
  }
  return Math.sqrt(e / w.length);
}

describe('quality: pole-zero cascade learns a sox EQ chain', () => {
  it('noise_in → noise_sox_eq within 0.01 dB RMS of the Welch H1 magnitude and 0.001 dB of the true chain (100 Hz – 16 kHz)', async () => {
    const { x: input, sampleRate } = readWav(`${AUDIO}/noise_in.wav`);
    const { x: target } = readWav(`${AUDIO}/noise_sox_eq.wav`);
    const model = createModel(
      { kind: 'polezero', sections: 3, poles: 'reflection' },
      { target, input },
    ) as PoleZeroModel;
    expect(model.start).toBe('steiglitz-mcbride');
    const result = await train({ model, input, target, loss: 'mse', steps: 50, optimizer: 'auto' });
    expect(result.optimizer).toBe('lm');
    expect(result.model).toBe(model);
    expect(model.isStable()).toBe(true);
    const err = rmsDbError(model, input, target, sampleRate);
    expect(err).toBeLessThanOrEqual(0.01);
    const { num, den } = modelPolynomials(model);
    const truth = exampleSections(sampleRate);
    let tNum = [1];
    let tDen = [1];
    for (const s of truth) {
      tNum = conv(tNum, s.b);
      tDen = conv(tDen, [1, ...s.a]);
    }
    const w = Array.from({ length: 400 }, (_, i) => (2 * Math.PI * 100 * 160 ** (i / 399)) / sampleRate);
    const h = freqz(num, den, w);
    const ht = freqz(tNum, tDen, w);
    let e2 = 0;
    for (let i = 0; i < w.length; i++) {
      e2 += (20 * Math.log10(Math.hypot(h.re[i], h.im[i]) / Math.hypot(ht.re[i], ht.im[i]))) ** 2;
    }
    expect(Math.sqrt(e2 / w.length)).toBeLessThanOrEqual(0.001);
  });

  it('polar sections: the response it learned has the chain’s features: ≈ +8 dB near 800 Hz, roll-off above 4 kHz', async () => {
    const { x: input, sampleRate } = readWav(`${AUDIO}/noise_in.wav`);
    const { x: target } = readWav(`${AUDIO}/noise_sox_eq.wav`);
    const model = createModel({ kind: 'polezero', sections: 3 }, { target, input }) as PoleZeroModel;
    await train({ model, input, target, loss: 'mse', steps: 50, learningRate: 1e-4 });
    const { num, den } = modelPolynomials(model);
    const db = (f: number) => {
      const r = freqz(num, den, [(2 * Math.PI * f) / sampleRate]);
      return 20 * Math.log10(Math.hypot(r.re[0], r.im[0]));
    };
    expect(db(800) - db(100)).toBeGreaterThan(6);
    expect(db(12000)).toBeLessThan(db(2000) - 12);
  });
});
