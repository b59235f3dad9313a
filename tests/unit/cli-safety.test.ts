/**
 * Issue 11 on the CLI: nothing unstable reaches a file, nothing is lost, small defects fixed.
 * Each case failed on the earlier CLI (render wrote NaN and exited 0, analyze wrote direct-form
 * frames that failed step-down, --out was checked after training, results were overwritten…).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { decodeWav } from '../../src/cli/wav.js';
import { parseCoefficientsFile, toCoefficientsFile } from '../../src/core/coefficients-file.js';
import { gaussian, mulberry32 } from '../../src/core/random/mulberry32.js';
import { asReflection, runCli, tempDir, writeWav } from './cli-test-utils.js';

const dir = tempDir('cli-safety');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fs = 48000;
const normal = gaussian(mulberry32(21));
const noise = Float64Array.from({ length: 12000 }, () => 0.2 * normal());
const noiseF = writeWav(dir, 'noise-f.wav', noise, fs, '32f');
const noise16 = writeWav(dir, 'noise-16.wav', noise, fs, '16');
const dc = writeWav(dir, 'dc.wav', new Float64Array(12000).fill(0.5), fs, '16');
const sine = writeWav(
  dir,
  'sine.wav',
  Float64Array.from({ length: 12000 }, (_, t) => 0.5 * Math.sin((2 * Math.PI * 440 * t) / fs)),
  fs,
  '16',
);
const json = (name: string, v: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof v === 'string' ? v : JSON.stringify(v));
  return p;
};
// poles at radius ~1.05: 1 + a1 z^-1 + a2 z^-2 with a2 = r², a1 = -2 r cos(0.3)
const unstable = json(
  'unstable.json',
  toCoefficientsFile({ sampleRate: fs, order: 2, coefficients: [-2 * 1.05 * Math.cos(0.3), 1.05 ** 2] }),
);
let n = 0;
const fresh = (ext = '') => join(dir, `out${n++}${ext}`);

/** One stderr line, non-zero exit, `mention` in it. */
async function fails(argv: string[], mention: RegExp, code?: number) {
  const r = await runCli(argv);
  expect(r.code, r.err).not.toBe(0);
  if (code !== undefined) expect(r.code).toBe(code);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).toMatch(mention);
  expect(r.err).not.toMatch(/internal error/);
  return r;
}

function wavSamples(path: string): Float64Array {
  return Float64Array.from(decodeWav(readFileSync(path), path).channels[0]);
}

describe('render never writes garbage', () => {
  it.each([
    ['float', noiseF],
    ['16-bit', noise16],
  ])('unstable direct form (%s): refused with one line, nothing written', async (_f, input) => {
    const out = fresh('.wav');
    await fails(
      ['render', '--coeffs', unstable, '--input', input, '--out', out],
      /not minimum phase.*--allow-unstable/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('--allow-unstable runs it and fails at the first sample beyond the bound; nothing written', async () => {
    const out = fresh('.wav');
    await fails(
      ['render', '--coeffs', unstable, '--input', noiseF, '--out', out, '--allow-unstable'],
      /output fails its check at sample \d+ \(\|y\| = .* > 1000\)/,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('--allow-unstable with a slowly unstable filter that stays in bounds writes finite samples', async () => {
    const slow = json(
      'slow.json',
      toCoefficientsFile({ sampleRate: fs, order: 1, coefficients: [-1.00001] }),
    );
    const out = fresh('.wav');
    const r = await runCli(['render', '--coeffs', slow, '--input', noiseF, '--out', out, '--allow-unstable']);
    expect(r.code).toBe(0);
    expect(wavSamples(out).every((v) => Number.isFinite(v) && Math.abs(v) <= 1000)).toBe(true);
  });

  it('--limit bounds a stable but loud output', async () => {
    const loud = json('loud.json', toCoefficientsFile({ sampleRate: fs, order: 1, coefficients: [-0.999] }));
    const out = fresh('.wav');
    await fails(['render', '--coeffs', loud, '--input', noiseF, '--out', out, '--limit', '0.5'], /> 0\.5/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('analyze writes reflection frames; render plays them through the track model', () => {
  it.each([
    ['DC', dc],
    ['a sine', sine],
  ])(
    '%s at order 32: every |k| < 1, and rendering noise through it gives finite samples',
    async (_s, input) => {
      const coeffs = fresh('.json');
      const a = await runCli(['analyze', '--input', input, '--order', '32', '--hop', '256', '--out', coeffs]);
      expect(a.err).toBe('');
      expect(a.code).toBe(0);
      const file = asReflection(parseCoefficientsFile(readFileSync(coeffs, 'utf8')));
      expect(file.order).toBe(32);
      expect(file.k.every((k) => Math.abs(k) < 1)).toBe(true);
      expect(file.logGain.every(Number.isFinite)).toBe(true);
      const out = fresh('.wav');
      const r = await runCli(['render', '--coeffs', coeffs, '--input', noiseF, '--out', out]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(wavSamples(out).every((v) => Number.isFinite(v) && Math.abs(v) <= 1000)).toBe(true);
    },
  );
});

describe('no lost work: --out is checked before any computation', () => {
  const quick = ['train', '--target', noise16, '--steps', '300', '--loss', 'mse'];
  it.each([
    [
      'an existing file',
      () => writeFileSync(fresh(), 'x') ?? join(dir, `out${n - 1}`),
      /exists and is not a folder/,
    ],
    ['a path under /proc', () => '/proc/self/diffiir-out', /special filesystem \(\/proc\)/],
    ['a path below a file', () => join(noiseF, 'sub'), /is a file|parent is a file/],
  ])('train --out %s fails at once with one line', async (_w, make, mention) => {
    const t0 = performance.now();
    const r = await fails([...quick, '--out', make()], mention, 2);
    expect(r.err).toMatch(/^diffiir: --out: /);
    expect(performance.now() - t0).toBeLessThan(1500); // 300 steps would take far longer
  });

  it('existing results are refused without --force and replaced as a whole with it', async () => {
    const out = fresh();
    mkdirSync(out);
    writeFileSync(join(out, 'coefficients.json'), 'old');
    writeFileSync(join(out, 'report.svg'), 'old');
    await fails([...quick.slice(0, 3), '--steps', '2', '--out', out], /already holds results.*--force/, 2);
    expect(readFileSync(join(out, 'coefficients.json'), 'utf8')).toBe('old');
    const r = await runCli([...quick.slice(0, 3), '--steps', '2', '--loss', 'mse', '--out', out, '--force']);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['coefficients.json', 'loss.csv', 'output.wav', 'report.svg']);
    expect(readFileSync(join(out, 'coefficients.json'), 'utf8')).not.toBe('old');
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('render --out equal to --input (or --coeffs) is refused, and the input is unchanged', async () => {
    const input = writeWav(dir, 'keep.wav', noise, fs, '32f');
    const before = readFileSync(input);
    const stable = json(
      'stable.json',
      toCoefficientsFile({ sampleRate: fs, order: 2, coefficients: [-1.2, 0.72] }),
    );
    await fails(
      ['render', '--coeffs', stable, '--input', input, '--out', input, '--force'],
      /also the input \(--input\)/,
      2,
    );
    await fails(
      ['render', '--coeffs', stable, '--input', input, '--out', stable, '--force'],
      /also the input \(--coeffs\)/,
      2,
    );
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('render/analyze refuse an existing output file without --force and replace it with', async () => {
    const out = fresh('.json');
    writeFileSync(out, 'mine');
    await fails(['analyze', '--input', sine, '--order', '4', '--out', out], /exists; pass --force/, 2);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect((await runCli(['analyze', '--input', sine, '--order', '4', '--out', out, '--force'])).code).toBe(
      0,
    );
    expect(asReflection(parseCoefficientsFile(readFileSync(out, 'utf8'))).order).toBe(4);
  });
});

describe('smaller defects', () => {
  it.each([
    ['train', ['train', '--target', noise16, '--out', 'x', '--order', '1e9']],
    ['analyze', ['analyze', '--input', noise16, '--out', 'x.json', '--order', '1e9']],
  ])('%s --order 1e9: one line naming the argument and the allowed range', async (_c, argv) => {
    await fails(argv, /--order.*'1e9'.*\[1, 48\]/, 2);
  });

  it('torchlpc frame arrays render at the input rate (44.1 kHz), or at --rate / --sample-rate', async () => {
    const x44 = writeWav(dir, 'x44.wav', noise.subarray(0, 4410), 44100, '32f');
    const rows = json('torch.json', [
      [-1.2, 0.72],
      [-1.1, 0.6],
    ]);
    for (const extra of [[], ['--rate', '44100'], ['--sample-rate', '44100']]) {
      const out = fresh('.wav');
      const r = await runCli(['render', '--coeffs', rows, '--input', x44, '--out', out, ...extra]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(decodeWav(readFileSync(out), out).sampleRate).toBe(44100);
    }
    const diffiir = json(
      'd48.json',
      toCoefficientsFile({ sampleRate: 48000, order: 1, coefficients: [0.5] }),
    );
    await fails(
      ['render', '--coeffs', diffiir, '--input', x44, '--out', fresh('.wav'), '--rate', '44100'],
      /--rate: 44100 Hz differs/,
      2,
    );
  });

  it('train --order 32 on a sine and --hop 256 --order 32 on DC finish with finite files', async () => {
    for (const argv of [
      ['--target', sine, '--order', '32'],
      ['--target', dc, '--hop', '256', '--order', '32'],
    ]) {
      const out = fresh();
      const r = await runCli(['train', ...argv, '--steps', '3', '--out', out]);
      expect(r.err).not.toMatch(/internal error|diffiir: /);
      expect(r.code).toBe(0);
      expect(wavSamples(join(out, 'output.wav')).every(Number.isFinite)).toBe(true);
      expect(statSync(join(out, 'coefficients.json')).size).toBeGreaterThan(0);
    }
  });
});

describe('Ctrl-C stops within one step', () => {
  it('SIGINT during step s: the run ends after step s and writes the best result (exit 130)', async () => {
    const out = fresh();
    let seen = -1;
    const io = {
      out: () => {},
      err: (s: string) => {
        const m = /^step (\d+)\//.exec(s);
        if (m && seen < 0) {
          seen = Number(m[1]);
          process.emit('SIGINT'); // what the signal delivers to the listener, mid-run
        }
      },
      progressStream: { isTTY: false } as NodeJS.WriteStream,
    };
    const code = await main(
      ['train', '--target', noise16, '--steps', '300', '--loss', 'mse', '--optimizer', 'adam', '--out', out], // first progress line at step 3
      io,
    );
    expect(code).toBe(130);
    expect(seen).toBeGreaterThan(0);
    const rows = readFileSync(join(out, 'loss.csv'), 'utf8').trim().split('\n').length - 1;
    expect(rows).toBe(seen);
  });
});
