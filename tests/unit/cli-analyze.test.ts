import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allpole } from '../../src/core/allpole/index.js';
import { parseCoefficientsFile } from '../../src/core/coefficients-file.js';
import { directToReflection } from '../../src/core/params/reflection.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import { runCli, tempDir, writeWav } from './cli-test-utils.js';

const dir = tempDir('cli-analyze');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('diffiir analyze', () => {
  it('writes a reflection track whose frames recover a known AR(2) process', async () => {
    const fs = 8000;
    const T = 8192;
    const normal = gaussian(mulberry32(7));
    const e = Float64Array.from({ length: T }, () => 0.02 * normal());
    const a = Float64Array.from([-1.2, 0.72]); // poles at radius ~0.85
    const x = allpole(e, a, 2).y;
    const input = writeWav(dir, 'ar2.wav', x, fs, '24');
    const out = join(dir, 'lpc.json');
    const r = await runCli(['analyze', '--input', input, '--order', '2', '--hop', '512', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/lpc\.json/);
    const file = parseCoefficientsFile(JSON.parse(readFileSync(out, 'utf8')));
    if (file.domain !== 'reflection') throw new Error('analyze must write a reflection track');
    const k = directToReflection(a);
    expect(file.sampleRate).toBe(fs);
    expect(file.order).toBe(2);
    expect(file.hop).toBe(512);
    expect(file.k.length).toBe(file.frames * 2);
    expect(file.frames).toBeGreaterThanOrEqual(Math.floor(T / 512));
    // interior frames (full 2048-sample windows) estimate a within sampling error
    let worst = 0;
    for (let f = 4; f < file.frames - 4; f++) {
      worst = Math.max(worst, Math.abs(file.k[2 * f] - k[0]), Math.abs(file.k[2 * f + 1] - k[1]));
    }
    expect(worst).toBeLessThan(0.1);
    // frame log-gains estimate the excitation's standard deviation (0.02)
    for (let f = 4; f < file.frames - 4; f++)
      expect(Math.abs(Math.exp(file.logGain[f]) / 0.02 - 1)).toBeLessThan(0.2);
  });

  it('honours --frame-length', async () => {
    const x = Float64Array.from(
      { length: 4000 },
      (_, t) => Math.sin(0.3 * t) * 0.2 + Math.sin(1.1 * t) * 0.1,
    );
    const input = writeWav(dir, 'tones.wav', x, 16000, '32f');
    const out = join(dir, 'sub', 'tones.json');
    const r = await runCli([
      'analyze',
      '--input',
      input,
      '--order',
      '6',
      '--hop',
      '100',
      '--frame-length',
      '300',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const file = parseCoefficientsFile(readFileSync(out, 'utf8'));
    expect(file.order).toBe(6);
    expect(file.domain).toBe('reflection');
    expect(r.out).toMatch(/frame length 300/);
  });
});
