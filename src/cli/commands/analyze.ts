import { dirname } from 'node:path';
import { toCoefficientsFile } from '../../core/coefficients-file.js';
import { lpcFrames } from '../../core/lpc/lpc-frames.js';
import type { CliIo } from '../api.js';
import { formatCoefficientsFile } from '../coefficients-io.js';
import { argError, CliError, oneLine } from '../errors.js';
import { StagedOutput } from '../staged-output.js';
import { readMonoWav } from '../wav.js';

export interface AnalyzeOptions {
  input: string;
  order: number;
  hop: number;
  frameLength?: number;
  out: string;
}

/** Frame gains must be > 0 (they are interpolated in the log domain): silent frames get a floor. */
function positiveGains(gain: Float64Array): Float64Array {
  let peak = 0;
  for (const g of gain) peak = Math.max(peak, g);
  const floor = peak > 0 ? peak * 1e-5 : 1;
  return gain.map((g) => Math.max(g, floor));
}

/**
 * `diffiir analyze`: frame-wise LPC (autocorrelation method, core `lpcFrames`) of --input,
 * written as a time-varying coefficients file (hop = --hop, one frame per hop) whose
 * `frameGains` are the frames' RMS excitation gains: rendering unit-variance white noise
 * through it gives a signal with the input's spectral envelope and level over time.
 */
export function analyzeCommand(o: AnalyzeOptions, io: CliIo): void {
  const frameLength = o.frameLength ?? 4 * o.hop;
  if (o.order >= frameLength) {
    throw argError('--order', `must be smaller than the frame length (${frameLength} samples)`);
  }
  const audio = readMonoWav(o.input);
  const x = audio.samples;
  if (x.length < frameLength) {
    throw new CliError(
      `${o.input}: too short for analysis (${x.length} samples < frame length ${frameLength})`,
    );
  }
  let file: ReturnType<typeof toCoefficientsFile>;
  try {
    const { A, gain } = lpcFrames(x, o.order, { frameLength, hop: o.hop });
    file = toCoefficientsFile({
      sampleRate: audio.sampleRate,
      order: o.order,
      coefficients: A,
      hop: o.hop,
      frameGains: positiveGains(gain),
    });
  } catch (e) {
    throw new CliError(`${o.input}: LPC analysis failed (${oneLine(e)})`);
  }
  const staged = new StagedOutput();
  staged.ensureDir(dirname(o.out));
  staged.write(o.out, formatCoefficientsFile(file));
  staged.commit();
  io.out(
    `wrote ${o.out} (${file.frames} frames of order ${o.order}, hop ${o.hop}, frame length ${frameLength})\n`,
  );
}
