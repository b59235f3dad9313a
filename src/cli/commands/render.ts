import type { CliIo } from '../api.js';
import { readCoefficientsFile } from '../coefficients-io.js';
import { CliError } from '../errors.js';
import { prepareOutput } from '../output-target.js';
import { renderBlocks } from '../render-checked.js';
import { readMonoWav, WavWriter } from '../wav.js';

export interface RenderOptions {
  coeffs: string;
  input: string;
  out: string;
  force?: boolean;
  allowUnstable?: boolean;
  /** Sample rate of a bare torchlpc array (default: the input's rate); must match a diffiir file's. */
  rate?: number;
  /** Samples between the rows of a bare torchlpc array (default 1: per-sample rows). */
  hop?: number;
  /** Largest allowed |y| of the output. */
  limit?: number;
}

/**
 * `diffiir render`: filters --input with --coeffs into --out (core `renderCoefficients`). The
 * output keeps the input's sample format (32-bit float in → float out, so impulse responses
 * survive unclipped). --out is checked before anything is read and written atomically.
 */
export function renderCommand(opts: RenderOptions, io: CliIo): void {
  const target = prepareOutput(opts.out, 'file', {
    option: '--out',
    inputs: { '--input': opts.input, '--coeffs': opts.coeffs },
    force: opts.force === true,
  });
  try {
    const input = readMonoWav(opts.input);
    const file = readCoefficientsFile(opts.coeffs, {
      sampleRate: opts.rate ?? input.sampleRate,
      hop: opts.hop,
    });
    if (opts.rate !== undefined && opts.rate !== file.sampleRate) {
      throw new CliError(
        `--rate: ${opts.rate} Hz differs from the sample rate stated in ${opts.coeffs} (${file.sampleRate} Hz)`,
        2,
      );
    }
    if (input.sampleRate !== file.sampleRate) {
      throw new CliError(
        `${opts.input}: sample rate ${input.sampleRate} Hz does not match ${opts.coeffs} (${file.sampleRate} Hz)`,
      );
    }
    const x = input.samples;
    const wav = new WavWriter(x.length, input.sampleRate, input.format);
    renderBlocks(
      file,
      x,
      { allowUnstable: opts.allowUnstable, limit: opts.limit, label: opts.coeffs },
      (y, off) => wav.write(y, off),
    );
    const clipped = wav.clipped;
    target.write('', wav.bytes);
    target.commit();
    if (clipped > 0)
      io.err(`diffiir: warning: ${clipped} samples clipped in ${opts.out} (use a float input to avoid)\n`);
    io.out(`wrote ${opts.out} (${x.length} samples, ${input.sampleRate} Hz, ${formatName(input.format)})\n`);
  } finally {
    target.discard();
  }
}

export function formatName(format: string): string {
  return format === '32f' ? '32-bit float' : `${format}-bit PCM`;
}
