import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../src/cli/wav.js';
import { parseCoefficientsFile } from '../../src/core/coefficients-file.js';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { reflectionToDirect } from '../../src/core/params/reflection.js';
import { whiteNoise } from '../../src/core/signals/sources.js';
import { asDirect, runCli, tempDir, writeWav } from './cli-test-utils.js';

const dir = tempDir('cli-train');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fs = 8000;
const T = 4096;
const x = whiteNoise(T, 3);
// a resonance at ~1 kHz (r = 0.9): what the learned filter must produce
const target = lfilter([1], [1, -2 * 0.9 * Math.cos((2 * Math.PI * 1000) / fs), 0.81], x).y;
const input = writeWav(dir, 'x.wav', x, fs, '32f');
const targetPath = writeWav(dir, 'y.wav', target, fs, '32f');

function lossCsv(out: string): number[] {
  const lines = readFileSync(join(out, 'loss.csv'), 'utf8').trim().split('\n');
  expect(lines[0]).toBe('step,loss');
  return lines.slice(1).map((l) => Number(l.split(',')[1]));
}

describe('diffiir train', () => {
  it('all-pole from an input/target pair: the Steiglitz-McBride start is exact, L-BFGS (auto) converges; writes all outputs', async () => {
    const out = join(dir, 'ap');
    const r = await runCli([
      'train',
      '--target',
      targetPath,
      '--input',
      input,
      '--order',
      '2',
      '--steps',
      '60',
      '--lr',
      '0.05',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['coefficients.json', 'loss.csv', 'output.wav', 'report.svg']);
    const losses = lossCsv(out);
    expect(losses.length).toBeGreaterThanOrEqual(1);
    expect(losses.length).toBeLessThan(60); // converged before the budget
    expect(losses[0]).toBeLessThan(1e-6); // noise-free pair: the classical start is the filter itself
    expect(Math.min(...losses)).toBeLessThanOrEqual(losses[0]);
    expect(r.out).toMatch(/^all-pole \(order 2\): L-BFGS \(auto\), \d+ steps in [\d.]+ s \(converged\)$/m);
    expect(r.out).toMatch(/^loss [\d.e+-]+ at the start \(Steiglitz-McBride fit\) -> [\d.e+-]+ final/m);
    const db = /measured response \(Welch H1, 100 Hz-16 kHz\): ([\d.]+) dB RMS/.exec(r.out);
    expect(db).not.toBeNull();
    expect(Number(db![1])).toBeLessThan(0.05);
    // The all-pole model learns reflection coefficients and writes them as a one-frame track.
    const file = parseCoefficientsFile(readFileSync(join(out, 'coefficients.json'), 'utf8'));
    if (file.domain !== 'reflection') throw new Error('expected a reflection-track file');
    expect(file.order).toBe(2);
    const aTrue = [-2 * 0.9 * Math.cos((2 * Math.PI * 1000) / fs), 0.81];
    const a = reflectionToDirect(file.k);
    expect(Math.abs(a[0] - aTrue[0])).toBeLessThan(1e-9);
    expect(Math.abs(a[1] - aTrue[1])).toBeLessThan(1e-9);
    expect(file.k.length).toBe(2);
    expect(file.sampleRate).toBe(fs);
    const y = decodeWav(readFileSync(join(out, 'output.wav')), 'output.wav');
    expect(y.format).toBe('32f');
    expect(y.length).toBe(T);
    const svg = readFileSync(join(out, 'report.svg'), 'utf8');
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toMatch(/Magnitude response/);
    expect(r.out).toMatch(/loss .* -> /);
    // plain progress lines (not a TTY), about ten of them
    expect(
      r.err
        .trim()
        .split('\n')
        .every((l) => /^step \d+\/60 /.test(l)),
    ).toBe(true);
  });

  it('--optimizer adam runs the whole step budget and says so', async () => {
    const out = join(dir, 'ap-adam');
    // no --input: from the exact Steiglitz–McBride start any Adam step raises the loss, and a run
    // that ends above its start is reported as failed (exit 1); the LPC start leaves room to descend
    const r = await runCli([
      'train',
      '--target',
      targetPath,
      '--order',
      '2',
      '--steps',
      '20',
      '--optimizer',
      'adam',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(lossCsv(out)).toHaveLength(20);
    expect(r.out).toMatch(/^all-pole \(order 2\): Adam, 20 steps in /m);
  });

  it('rejects an unknown --optimizer and lm with the mrstft loss, naming the option', async () => {
    const bad = await runCli([
      'train',
      '--target',
      targetPath,
      '--input',
      input,
      '--optimizer',
      'sgd',
      '--out',
      join(dir, 'bad1'),
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--optimizer/);
    const lm = await runCli([
      'train',
      '--target',
      targetPath,
      '--input',
      input,
      '--optimizer',
      'lm',
      '--out',
      join(dir, 'bad2'),
    ]);
    expect(lm.code).not.toBe(0);
    expect(lm.err).toMatch(/lm.*mse/);
    expect(existsSync(join(dir, 'bad2', 'coefficients.json'))).toBe(false);
  });

  it('pole-zero (--zeros) with the mse loss: Levenberg-Marquardt (auto) from the Steiglitz-McBride start; writes a numerator', async () => {
    // a noisy measurement (SNR ~20 dB): the equation-error fit is biased, Steiglitz-McBride and LM are not
    const n = whiteNoise(T, 4, 0.1 * Math.sqrt(target.reduce((p, v) => p + v * v, 0) / T));
    const noisy = writeWav(
      dir,
      'y-noisy.wav',
      Float64Array.from(target, (v, t) => v + n[t]),
      fs,
      '32f',
    );
    const out = join(dir, 'pz');
    const r = await runCli([
      'train',
      '--target',
      noisy,
      '--input',
      input,
      '--order',
      '2',
      '--zeros',
      '2',
      '--loss',
      'mse',
      '--steps',
      '40',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const losses = lossCsv(out);
    expect(Math.min(...losses)).toBeLessThanOrEqual(losses[0]);
    expect(r.out).toMatch(/^pole-zero cascade \(1 biquads\): Levenberg-Marquardt \(auto\), \d+ steps/m);
    expect(r.out).toMatch(/at the start \(Steiglitz-McBride fit\)/);
    // the noise floor: MSE ≈ noise power (0.1² of the target power)
    const noisePower = n.reduce((p, v) => p + v * v, 0) / T;
    expect(Math.min(...losses)).toBeLessThan(1.01 * noisePower);
    const file = asDirect(parseCoefficientsFile(readFileSync(join(out, 'coefficients.json'), 'utf8')));
    expect(file.numerator).toBeDefined();
    const aTrue = [-2 * 0.9 * Math.cos((2 * Math.PI * 1000) / fs), 0.81];
    expect(Math.abs(file.coefficients[0][0] - aTrue[0])).toBeLessThan(0.01);
    expect(Math.abs(file.coefficients[0][1] - aTrue[1])).toBeLessThan(0.01);
  });

  it('time-varying (--hop) with a generated source writes frames and a spectrogram report', async () => {
    const out = join(dir, 'tv');
    const r = await runCli([
      'train',
      '--target',
      targetPath,
      '--source',
      'pulse',
      '--order',
      '4',
      '--hop',
      '1024',
      '--steps',
      '20',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const file = parseCoefficientsFile(readFileSync(join(out, 'coefficients.json'), 'utf8'));
    expect(file.hop).toBe(1024);
    expect(file.frames).toBeGreaterThan(1);
    expect(readFileSync(join(out, 'report.svg'), 'utf8')).toMatch(/spectrogram/);
    expect(existsSync(join(out, 'output.wav'))).toBe(true);
  });
});
