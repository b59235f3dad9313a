/**
 * Quality: analysis-by-synthesis of real speech (speech_front_center.wav, 48 kHz) with a
 * time-varying all-pole filter (order 16, control frames every 480 samples = 10 ms, reflection
 * parameterisation, per-frame log-gain) driven by seeded white noise. Its LPC initialisation
 * (lpcFrames, frame length 4·hop; gains from the frames' prediction error) is the baseline; 40 Adam
 * steps on the MR-STFT loss (auraloss resolutions) must lower the loss by at least 10 %.
 */
import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import { createMrStftLoss } from '../../src/train/loss/mrstft.js';
import { createModel } from '../../src/train/models/create-model.js';
import { train } from '../../src/train/session.js';
import { AUDIO_DIR } from './helpers.js';
import { readWav } from './quality-helpers.js';

describe('quality: time-varying all-pole fit of speech', () => {
  it('MR-STFT loss after training is ≥ 10 % below its own LPC initialisation', async () => {
    const { x: target, sampleRate } = readWav(`${AUDIO_DIR}speech_front_center.wav`);
    expect(sampleRate).toBe(48000);
    const g = gaussian(mulberry32(1));
    const input = Float64Array.from({ length: target.length }, () => g());
    const model = createModel({ kind: 'tv-allpole', order: 16, hop: 480 }, { target, input, sampleRate });
    const loss = createMrStftLoss(target);
    const initLoss = loss.compute(model.forward(input));
    const res = await train({ model, input, target, loss, steps: 40, learningRate: 0.01 });
    expect(res.history[0]).toBe(initLoss);
    const finalLoss = loss.compute(model.forward(input));
    expect(finalLoss).toBe(res.bestLoss);
    expect(finalLoss).toBeLessThan(0.9 * initLoss);
    expect(model.isStable()).toBe(true);
  });
});
