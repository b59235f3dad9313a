/** Helpers for the CLI tests: run `main()` in-process with captured output, write WAV fixtures. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/api.js';
import { main } from '../../src/cli/main.js';
import { encodeWav, type WavFormat } from '../../src/cli/wav.js';
import type { CoefficientsFile, DirectCoefficientsFile, ReflectionTrackFile } from '../../src/core/api.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI with `argv`, capturing stdout/stderr (progress goes to a non-TTY stream). */
export async function runCli(argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    progressStream: { isTTY: false } as NodeJS.WriteStream,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

/** A fresh temporary directory under os.tmpdir(). */
export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `diffiir-${tag}-`));
}

/** Writes a mono WAV and returns its path. */
export function writeWav(
  dir: string,
  name: string,
  x: ArrayLike<number>,
  sampleRate: number,
  format: WavFormat,
): string {
  const path = join(dir, name);
  writeFileSync(path, encodeWav(x, sampleRate, format).bytes);
  return path;
}

/** Narrows a parsed coefficients file to the direct form (throws for a reflection track). */
export function asDirect(file: CoefficientsFile): DirectCoefficientsFile {
  if (file.domain !== 'direct') throw new Error(`expected a direct-form file, got domain ${file.domain}`);
  return file;
}

/** Narrows a parsed coefficients file to a reflection track (throws for the direct form). */
export function asReflection(file: CoefficientsFile): ReflectionTrackFile {
  if (file.domain !== 'reflection') throw new Error(`expected a reflection track, got domain ${file.domain}`);
  return file;
}
