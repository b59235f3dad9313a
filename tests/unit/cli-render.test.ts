import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWav } from '../../src/cli/wav.js';
import { allpole } from '../../src/core/allpole/index.js';
import type { ModelSpec } from '../../src/core/api.js';
import { toCoefficientsFile } from '../../src/core/coefficients-file.js';
import { lfilter } from '../../src/core/lti/lfilter.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import { createModel } from '../../src/train/models/index.js';
import { runCli, tempDir, writeWav } from './cli-test-utils.js';
import { maxAbsDiff } from './helpers.js';

const dir = tempDir('cli-render');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fs = 8000;
const T = 512;
const impulse = new Float64Array(T);
impulse[0] = 1;

function writeJson(name: string, v: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(v));
  return p;
}

function readOut(path: string) {
  return decodeWav(readFileSync(path), path);
}

describe('diffiir render', () => {
  const A = Float64Array.from([-1.8, 0.81]);
  const imp = writeWav(dir, 'impulse.wav', impulse, fs, '32f');

  it("renders an impulse to core allpole's impulse response (float WAV, 1e-6)", async () => {
    const coeffs = writeJson('c.json', toCoefficientsFile({ sampleRate: fs, order: 2, coefficients: A }));
    const out = join(dir, 'ir.wav');
    const r = await runCli(['render', '--coeffs', coeffs, '--input', imp, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const got = readOut(out);
    expect(got.format).toBe('32f');
    const ref = allpole(impulse, A, 2).y;
    expect(Math.max(...ref)).toBeGreaterThan(3); // the response exceeds full scale: float keeps it
    expect(maxAbsDiff(got.channels[0], ref)).toBeLessThanOrEqual(1e-6);
  });

  it('applies gain and numerator sections: equals lfilter(gain·B, A) (independent route)', async () => {
    const a4 = [-0.9, 0.5, -0.1, 0.05];
    const sections = [
      [1, -0.5, 0.25],
      [0.5, 0.2, 0.1],
    ];
    const file = toCoefficientsFile({
      sampleRate: fs,
      order: 4,
      coefficients: a4,
      gain: 0.7,
      numerator: { sections },
    });
    const coeffs = writeJson('pz.json', file);
    const out = join(dir, 'pz.wav');
    const r = await runCli(['render', '--coeffs', coeffs, '--input', imp, '--out', out]);
    expect(r.code).toBe(0);
    const b = lfilter(sections[1], [1], Float64Array.from([...sections[0], 0, 0])).y.map((v) => 0.7 * v);
    const ref = lfilter(b, [1, ...a4], impulse).y;
    expect(maxAbsDiff(readOut(out).channels[0], ref)).toBeLessThanOrEqual(1e-6);
  });

  it('a time-varying file whose frames are all equal renders like the time-invariant one', async () => {
    const x = Float64Array.from({ length: T }, (_, t) => Math.sin(0.05 * t) * 0.3 + (t === 0 ? 1 : 0));
    const xin = writeWav(dir, 'x.wav', x, fs, '32f');
    const rows = Array.from({ length: 5 }, () => Array.from(A));
    const tv = writeJson(
      'tv.json',
      toCoefficientsFile({ sampleRate: fs, order: 2, coefficients: rows, hop: 128 }),
    );
    const out = join(dir, 'tv.wav');
    const r = await runCli(['render', '--coeffs', tv, '--input', xin, '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const xq = readOut(xin).channels[0]; // the float32 samples actually stored
    expect(maxAbsDiff(readOut(out).channels[0], allpole(xq, A, 2).y)).toBeLessThanOrEqual(1e-6);
  });

  it('a time-varying file changes the filter over time (early vs late frames differ)', async () => {
    const noise = Float64Array.from({ length: 2048 }, (_, t) => Math.sin(t * 1.7) * Math.sin(t * 0.31) * 0.1);
    const xin = writeWav(dir, 'n.wav', noise, fs, '32f');
    const rows = [
      [-1.8, 0.81],
      [-1.8, 0.81],
      [0.5, 0.3],
      [0.5, 0.3],
      [0.5, 0.3],
    ];
    const tv = writeJson(
      'tv2.json',
      toCoefficientsFile({ sampleRate: fs, order: 2, coefficients: rows, hop: 512 }),
    );
    const out = join(dir, 'tv2.wav');
    expect((await runCli(['render', '--coeffs', tv, '--input', xin, '--out', out])).code).toBe(0);
    const y = readOut(out).channels[0];
    const xq = readOut(xin).channels[0];
    const early = allpole(xq, Float64Array.from(rows[0]), 2).y;
    const late = allpole(xq, Float64Array.from(rows[4]), 2).y;
    // before the first transition the output is the first frame's filter; at the end the last one's
    expect(maxAbsDiff(y.subarray(0, 200), early.subarray(0, 200))).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(y.subarray(1900), late.subarray(1900))).toBeLessThanOrEqual(1e-6);
  });

  it('keeps 16-bit input as 16-bit output', async () => {
    const x = Float64Array.from({ length: 256 }, (_, t) => 0.01 * Math.sin(0.2 * t));
    const xin = writeWav(dir, 'x16.wav', x, fs, '16');
    const coeffs = writeJson('c16.json', toCoefficientsFile({ sampleRate: fs, order: 2, coefficients: A }));
    const out = join(dir, 'y16.wav');
    expect((await runCli(['render', '--coeffs', coeffs, '--input', xin, '--out', out])).code).toBe(0);
    const got = readOut(out);
    expect(got.format).toBe('16');
    const xq = decodeWav(readFileSync(xin), xin).channels[0];
    expect(maxAbsDiff(got.channels[0], allpole(xq, A, 2).y)).toBeLessThanOrEqual(0.5 / 32768 + 1e-12);
  });
});

describe('diffiir render reproduces the core models (what train writes is what the model computed)', () => {
  const fs2 = 16000;
  const T2 = 4096;
  const normal = gaussian(mulberry32(11));
  const x = Float32Array.from({ length: T2 }, () => 0.1 * normal()); // float32 values: exact in the WAV
  const x64 = Float64Array.from(x);
  const target = allpole(x64, Float64Array.from([-1.2, 0.8]), 2).y;
  const xin = writeWav(dir, 'model-x.wav', x64, fs2, '32f');

  const specs: ModelSpec[] = [
    { kind: 'allpole', order: 6, gain: true },
    { kind: 'polezero', sections: 2, gain: true },
    { kind: 'tv-allpole', order: 4, hop: 512, gain: true },
  ];
  it.each(specs.map((s) => [s.kind, s] as const))('%s', async (_kind, spec) => {
    const model = createModel(spec, { target, input: x64, sampleRate: fs2 });
    // move away from the data-driven start so every parameter (incl. per-frame gains) matters
    for (let i = 0; i < model.params.length; i++) model.params[i] += 0.05 * Math.sin(3.7 * i + 1);
    expect(model.isStable()).toBe(true);
    const y = Float64Array.from(model.forward(x64));
    const coeffs = writeJson(`model-${spec.kind}.json`, model.toCoefficientsFile(fs2));
    const out = join(dir, `model-${spec.kind}.wav`);
    const r = await runCli(['render', '--coeffs', coeffs, '--input', xin, '--out', out]);
    expect(r.code).toBe(0);
    const got = readOut(out).channels[0];
    let peak = 0;
    for (const v of y) peak = Math.max(peak, Math.abs(v));
    expect(maxAbsDiff(got, y)).toBeLessThanOrEqual(1e-6 * Math.max(1, peak));
  });
});
