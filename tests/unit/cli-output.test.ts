/**
 * Output places (src/cli/output-target.ts): checked before any work, staged beside the target,
 * committed with one rename, old results complete after any failure.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors.js';
import { prepareOutput } from '../../src/cli/output-target.js';
import { tempDir } from './cli-test-utils.js';

const dir = tempDir('cli-output');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = { option: '--out', inputs: {}, force: false };
let n = 0;
const fresh = () => join(dir, `case${n++}`);
const visible = (d: string) => readdirSync(d).filter((f) => !f.startsWith('.'));
const hidden = (d: string) => readdirSync(d).filter((f) => f.startsWith('.'));

function refused(fn: () => unknown, mention: RegExp): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).message).toMatch(/^--out: /);
    expect((e as CliError).message).toMatch(mention);
    expect((e as CliError).message).not.toMatch(/\n/);
    return;
  }
  throw new Error('expected a refusal');
}

describe('output folder', () => {
  it('nothing is visible before commit; commit moves every file in at once', () => {
    const parent = fresh();
    const out = join(parent, 'a', 'b');
    const t = prepareOutput(out, 'folder', rules);
    t.write('coefficients.json', '1');
    t.write('loss.csv', '2');
    expect(visible(join(parent, 'a'))).toEqual([]); // only the hidden staging folder exists
    t.commit();
    expect(readdirSync(out).sort()).toEqual(['coefficients.json', 'loss.csv']);
    expect(hidden(join(parent, 'a'))).toEqual([]);
  });

  it('discard removes the staging folder and the parents it created', () => {
    const parent = fresh();
    mkdirSync(parent);
    const t = prepareOutput(join(parent, 'x', 'y'), 'folder', rules);
    t.write('output.wav', 'w');
    t.discard();
    expect(readdirSync(parent)).toEqual([]);
  });

  it('existing results are refused without --force; with --force a failed run leaves them complete', () => {
    const out = fresh();
    mkdirSync(out);
    writeFileSync(join(out, 'coefficients.json'), 'old c');
    writeFileSync(join(out, 'output.wav'), 'old w');
    refused(() => prepareOutput(out, 'folder', rules), /already holds results.*--force/);
    const t = prepareOutput(out, 'folder', { ...rules, force: true });
    t.write('coefficients.json', 'new c');
    // a failure in the middle of writing (e.g. a bad value): the run is discarded
    expect(() => t.write('output.wav', 42 as unknown as string)).toThrow(CliError);
    t.discard();
    expect(readFileSync(join(out, 'coefficients.json'), 'utf8')).toBe('old c');
    expect(readFileSync(join(out, 'output.wav'), 'utf8')).toBe('old w');
    expect(hidden(dir).filter((f) => f.includes(out.split('/').pop()!))).toEqual([]);
  });

  it('--force replaces the old results as a set', () => {
    const out = fresh();
    mkdirSync(out);
    writeFileSync(join(out, 'coefficients.json'), 'old');
    writeFileSync(join(out, 'report.svg'), 'old');
    const t = prepareOutput(out, 'folder', { ...rules, force: true });
    t.write('coefficients.json', 'new');
    t.commit();
    expect(readdirSync(out)).toEqual(['coefficients.json']);
    expect(readFileSync(join(out, 'coefficients.json'), 'utf8')).toBe('new');
    expect(hidden(dir)).toEqual([]);
  });

  it('a folder holding other files is never replaced, even with --force', () => {
    const out = fresh();
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.tex'), 'precious');
    refused(
      () => prepareOutput(out, 'folder', { ...rules, force: true }),
      /holds other files \(thesis\.tex\)/,
    );
  });

  it('an empty existing folder is used', () => {
    const out = fresh();
    mkdirSync(out);
    const t = prepareOutput(out, 'folder', rules);
    t.write('loss.csv', 'x');
    t.commit();
    expect(readdirSync(out)).toEqual(['loss.csv']);
  });

  it('refuses a file where a folder is expected, a file as a parent, special filesystems and inputs inside', () => {
    const f = fresh();
    writeFileSync(f, 'a file');
    refused(() => prepareOutput(f, 'folder', rules), /exists and is not a folder/);
    refused(() => prepareOutput(join(f, 'sub'), 'folder', rules), /parent is a file|is a file, not a folder/);
    refused(() => prepareOutput('/proc/diffiir-out', 'folder', rules), /special filesystem \(\/proc\)/);
    refused(() => prepareOutput('/sys/kernel/x', 'file', rules), /special filesystem \(\/sys\)/);
    const out = fresh();
    mkdirSync(out);
    const input = join(out, 'target.wav');
    writeFileSync(input, 'x');
    refused(
      () => prepareOutput(out, 'folder', { ...rules, force: true, inputs: { '--target': input } }),
      /holds the input .*target\.wav \(--target\)/,
    );
    expect(readdirSync(out)).toEqual(['target.wav']);
  });
});

describe('output file', () => {
  it('refuses an existing file without --force, a folder, /dev/null, and an input (also through a symlink)', () => {
    const d = fresh();
    mkdirSync(d);
    const f = join(d, 'y.wav');
    writeFileSync(f, 'old');
    refused(() => prepareOutput(f, 'file', rules), /exists; pass --force/);
    refused(() => prepareOutput(d, 'file', rules), /is a folder/);
    refused(
      () => prepareOutput('/dev/null', 'file', { ...rules, force: true }),
      /special filesystem \(\/dev\)/,
    );
    refused(
      () => prepareOutput(f, 'file', { ...rules, force: true, inputs: { '--input': f } }),
      /also the input \(--input\)/,
    );
    const link = join(d, 'link.wav');
    symlinkSync(f, link);
    refused(
      () => prepareOutput(link, 'file', { ...rules, force: true, inputs: { '--input': f } }),
      /also the input/,
    );
    expect(readFileSync(f, 'utf8')).toBe('old');
  });

  it('stages beside the target and replaces it atomically with --force', () => {
    const d = fresh();
    mkdirSync(d);
    const f = join(d, 'y.wav');
    writeFileSync(f, 'old');
    const t = prepareOutput(f, 'file', { ...rules, force: true });
    expect(hidden(d)).toHaveLength(1); // the temporary file proves the folder is writable
    t.write('', 'new');
    expect(readFileSync(f, 'utf8')).toBe('old');
    t.commit();
    t.discard(); // after commit: nothing to remove
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readdirSync(d)).toEqual(['y.wav']);
  });
});
