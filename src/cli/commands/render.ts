import { dirname } from 'node:path';
import type { CliIo } from '../api.js';
import { readCoefficientsFile } from '../coefficients-io.js';
import { CliError } from '../errors.js';
import { renderCoefficients } from '../render-coefficients.js';
import { StagedOutput } from '../staged-output.js';
import { encodeWav, readMonoWav } from '../wav.js';

export interface RenderOptions {
  coeffs: string;
  input: string;
  out: string;
}

/**
 * `diffiir render`: filters --input with --coeffs into --out. The output keeps the input's
 * sample format (32-bit float in → float out, so impulse responses survive unclipped).
 */
export function renderCommand(opts: RenderOptions, io: CliIo): void {
  const file = readCoefficientsFile(opts.coeffs);
  const input = readMonoWav(opts.input);
  if (input.sampleRate !== file.sampleRate) {
    throw new CliError(
      `${opts.input}: sample rate ${input.sampleRate} Hz does not match ${opts.coeffs} (${file.sampleRate} Hz)`,
    );
  }
  const y = renderCoefficients(file, input.samples);
  const { bytes, clipped } = encodeWav(y, input.sampleRate, input.format);
  const staged = new StagedOutput();
  staged.ensureDir(dirname(opts.out));
  staged.write(opts.out, bytes);
  staged.commit();
  if (clipped > 0)
    io.err(`diffiir: warning: ${clipped} samples clipped in ${opts.out} (use a float input to avoid)\n`);
  io.out(`wrote ${opts.out} (${y.length} samples, ${input.sampleRate} Hz, ${formatName(input.format)})\n`);
}

export function formatName(format: string): string {
  return format === '32f' ? '32-bit float' : `${format}-bit PCM`;
}
