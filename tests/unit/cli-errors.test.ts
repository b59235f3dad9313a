import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { encodeWav } from '../../src/cli/wav.js';
import { toCoefficientsFile } from '../../src/core/coefficients-file.js';
import { runCli, tempDir, writeWav } from './cli-test-utils.js';

const dir = tempDir('cli-errors');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fs = 8000;
const T = 4096;
const x = Float64Array.from({ length: T }, (_, t) => 0.1 * Math.sin(0.37 * t) * Math.cos(0.011 * t));
const good = writeWav(dir, 'good.wav', x, fs, '16');
const good2 = writeWav(dir, 'good2.wav', x, fs, '16');
const otherRate = writeWav(dir, 'rate.wav', x, 16000, '16');
const shorter = writeWav(dir, 'short.wav', x.subarray(0, T - 10), fs, '16');
const empty = join(dir, 'empty.wav');
writeFileSync(empty, new Uint8Array(0));
const text = join(dir, 'text.wav');
writeFileSync(text, 'RIFF? no, this is just a text file pretending to be audio\n');
const truncated = join(dir, 'truncated.wav');
const full = encodeWav(x, fs, '16').bytes;
writeFileSync(truncated, full.subarray(0, Math.floor(full.length / 2) + 1));
const stereo = join(dir, 'stereo.wav');
{
  const w = new wavefile.WaveFile();
  w.fromScratch(2, fs, '16', [
    Array.from(x.subarray(0, 100), (v) => Math.round(v * 32767)),
    new Array(100).fill(0),
  ]);
  writeFileSync(stereo, w.toBuffer());
}
const coeffs = join(dir, 'c.json');
writeFileSync(
  coeffs,
  JSON.stringify(toCoefficientsFile({ sampleRate: fs, order: 2, coefficients: [-1.8, 0.81] })),
);
const badJson = join(dir, 'bad.json');
writeFileSync(badJson, '{ "format": "diffiir-coefficients", ');
const wrongSchema = join(dir, 'schema.json');
writeFileSync(
  wrongSchema,
  JSON.stringify({
    format: 'diffiir-coefficients',
    version: 1,
    sampleRate: fs,
    coefficients: [[1, Number.NaN]],
  }).replace('null', '"x"'),
);

/** Expects a failing run: non-zero exit, exactly one stderr line, no stack, nothing in `out`. */
async function expectFailure(argv: string[], mention: RegExp, out?: string): Promise<string> {
  const r = await runCli(argv);
  expect(r.code).not.toBe(0);
  expect(r.err.endsWith('\n')).toBe(true);
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.err).not.toMatch(/internal error/);
  expect(r.err).toMatch(mention);
  if (out !== undefined && existsSync(out)) {
    const left = readdirSync(out);
    expect(left).toEqual([]);
  }
  return r.err;
}

let n = 0;
const freshOut = () => join(dir, `out${n++}`);

describe('diffiir: bad files give one error line, non-zero exit and no partial output', () => {
  const cases: [string, string][] = [
    ['empty', empty],
    ['not a WAV', text],
    ['truncated', truncated],
    ['stereo', stereo],
    ['missing', join(dir, 'nope.wav')],
  ];
  it.each(cases)('train --target %s', async (_name, file) => {
    const out = freshOut();
    await expectFailure(
      ['train', '--target', file, '--steps', '2', '--out', out],
      new RegExp(file.replace(/[.]/g, '\\.')),
      out,
    );
    expect(existsSync(out)).toBe(false);
  });
  it.each(cases)('train --input %s', async (_name, file) => {
    const out = freshOut();
    await expectFailure(
      ['train', '--target', good, '--input', file, '--steps', '2', '--out', out],
      new RegExp(file.replace(/[.]/g, '\\.')),
      out,
    );
  });
  it.each(cases)('render --input %s', async (_name, file) => {
    const out = freshOut();
    await expectFailure(
      ['render', '--coeffs', coeffs, '--input', file, '--out', join(out, 'y.wav')],
      /\.wav/,
      out,
    );
    expect(existsSync(out)).toBe(false);
  });
  it.each(cases)('analyze --input %s', async (_name, file) => {
    const out = freshOut();
    await expectFailure(
      ['analyze', '--input', file, '--order', '4', '--hop', '256', '--out', join(out, 'c.json')],
      /\.wav/,
      out,
    );
  });

  it('mismatched sample rates (train --input, render)', async () => {
    const out = freshOut();
    await expectFailure(
      ['train', '--target', good, '--input', otherRate, '--steps', '2', '--out', out],
      /rate\.wav: sample rate 16000 Hz does not match/,
      out,
    );
    await expectFailure(
      ['render', '--coeffs', coeffs, '--input', otherRate, '--out', join(out, 'y.wav')],
      /rate\.wav: sample rate 16000 Hz/,
      out,
    );
  });

  it('mismatched lengths (train --input)', async () => {
    const out = freshOut();
    await expectFailure(
      ['train', '--target', good, '--input', shorter, '--steps', '2', '--out', out],
      /short\.wav: length 4086 samples does not match/,
      out,
    );
  });

  it('a target too short for the mrstft loss', async () => {
    const out = freshOut();
    const tiny = writeWav(dir, 'tiny.wav', x.subarray(0, 300), fs, '16');
    await expectFailure(
      ['train', '--target', tiny, '--out', out],
      /tiny\.wav: too short for the mrstft loss \(300 samples/,
      out,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('bad coefficients files (render)', async () => {
    const out = freshOut();
    await expectFailure(
      ['render', '--coeffs', badJson, '--input', good, '--out', join(out, 'y.wav')],
      /bad\.json: not valid JSON/,
      out,
    );
    await expectFailure(
      ['render', '--coeffs', wrongSchema, '--input', good, '--out', join(out, 'y.wav')],
      /schema\.json: /,
      out,
    );
    await expectFailure(
      ['render', '--coeffs', good, '--input', good, '--out', join(out, 'y.wav')],
      /good\.wav: not valid JSON/,
      out,
    );
  });

  it('an existing results folder keeps its files (even with --force) and gains no partial ones', async () => {
    const out = freshOut();
    mkdirSync(out);
    writeFileSync(join(out, 'coefficients.json'), 'old results');
    await expectFailure(
      ['train', '--target', good, '--input', stereo, '--steps', '2', '--out', out, '--force'],
      /stereo\.wav/,
    );
    expect(readdirSync(out)).toEqual(['coefficients.json']);
    expect(readFileSync(join(out, 'coefficients.json'), 'utf8')).toBe('old results');
    // no staging folder or temporary file is left beside it
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('diffiir: bad arguments give one error line naming the argument', () => {
  const cases: [string[], RegExp][] = [
    [[], /missing command/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['train', '--out', 'x'], /--target/],
    [['train', '--target', good], /--out/],
    [['train', '--target', good, '--order', '0', '--out', 'x'], /--order/],
    [['train', '--target', good, '--order', 'three', '--out', 'x'], /--order/],
    [['train', '--target', good, '--steps', '-5', '--out', 'x'], /--steps/],
    [['train', '--target', good, '--lr', '0', '--out', 'x'], /--lr/],
    [['train', '--target', good, '--loss', 'l1', '--out', 'x'], /--loss/],
    [['train', '--target', good, '--source', 'square', '--out', 'x'], /--source/],
    [['train', '--target', good, '--order', '4', '--zeros', '3', '--out', 'x'], /--zeros/],
    [['train', '--target', good, '--order', '4', '--zeros', '4', '--hop', '64', '--out', 'x'], /--zeros/],
    [['train', '--target', good, '--input', good2, '--source', 'noise', '--out', 'x'], /--source/],
    [['train', '--target', good, '--input', good2, '--thorough', '--out', 'x'], /--thorough/],
    [['train', '--target', good, '--order', '4', '--zeros', '4', '--thorough', '--out', 'x'], /--thorough/],
    [
      [
        'train',
        '--target',
        good,
        '--input',
        good2,
        '--order',
        '32',
        '--zeros',
        '32',
        '--thorough',
        '--out',
        'x',
      ],
      /--thorough/,
    ],
    [['render', '--coeffs', coeffs, '--input', good], /--out/],
    [['analyze', '--input', good, '--hop', '0', '--out', 'x.json'], /--hop/],
    [['analyze', '--input', good, '--order', '64', '--hop', '8', '--out', 'x.json'], /--order/],
    [['example', '--out', 'x', '--steps', 'many'], /--steps/],
  ];
  it.each(cases)('%j', async (argv, mention) => {
    const err = await expectFailure(argv, mention);
    expect(err).toMatch(/^diffiir: /);
    expect(existsSync('x')).toBe(false);
  });
});
