/**
 * Pole-zero system identification on a long pair (> 30 s: segment training). A 60 s, 48 kHz
 * float32 pair: seeded white noise (σ = 0.1) through the CLI example's EQ chain (peaking +8 dB at
 * 800 Hz Q 2, then low-pass 4 kHz Q 0.7; an exact IIR of order 4). `diffiir train --order 8
 * --zeros 8` with default options must exit 0 (it used to fail: Adam on random segments wandered
 * from the Steiglitz–McBride start and the run ended above its start) with a second-order method
 * on the fixed fitting set, and its learned |H| must match the chain's own over 100 Hz–16 kHz.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleSections } from '../../src/cli/example-filter.js';
import { responseDb } from '../../src/cli/response.js';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import { runCli, tempDir, writeWav } from './cli-test-utils.js';

const fs = 48000;
const dir = tempDir('train-long');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** |H| of the chain in dB at `f` Hz. */
function chainDb(f: number): number {
  const w = (2 * Math.PI * f) / fs;
  let mag = 1;
  for (const { b, a } of exampleSections(fs)) {
    const c = [1, a[0], a[1]];
    const re = (p: number[]) => p[0] + p[1] * Math.cos(w) + p[2] * Math.cos(2 * w);
    const im = (p: number[]) => -p[1] * Math.sin(w) - p[2] * Math.sin(2 * w);
    mag *= Math.hypot(re(b), im(b)) / Math.hypot(re(c), im(c));
  }
  return 20 * Math.log10(mag);
}

describe('diffiir train on a 60 s pair (segment training)', () => {
  it('identifies the EQ chain: exit 0, a second-order method, ≤ 1e-6 dB RMS against the true response', async () => {
    const T = 60 * fs;
    const g = gaussian(mulberry32(11));
    const x = new Float32Array(T);
    for (let t = 0; t < T; t++) x[t] = 0.1 * g();
    let y: Float64Array = Float64Array.from(x);
    for (const { b, a } of exampleSections(fs)) y = lfilter(b, [1, ...a], y).y;
    const input = writeWav(dir, 'in.wav', x, fs, '32f');
    const target = writeWav(dir, 'target.wav', y, fs, '32f');
    const out = join(dir, 'fit');
    const r = await runCli([
      'train',
      '--input',
      input,
      '--target',
      target,
      '--order',
      '8',
      '--zeros',
      '8',
      '--out',
      out,
    ]);
    expect(r.err).not.toMatch(/failed/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/: (L-BFGS|Levenberg-Marquardt) \(auto\), /);
    const file = JSON.parse(readFileSync(join(out, 'coefficients.json'), 'utf8'));
    const f = Array.from({ length: 400 }, (_, i) => 100 * 160 ** (i / 399));
    const learned = responseDb(file, f);
    let e = 0;
    for (let i = 0; i < f.length; i++) e += (learned[i] - chainDb(f[i])) ** 2;
    // measured 2.1e-9 dB (float32 signals)
    expect(Math.sqrt(e / f.length)).toBeLessThan(1e-6);
  }, 60_000);
});
