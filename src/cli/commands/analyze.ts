import { toReflectionTrackFile } from '../../core/coefficients-file.js';
import { lpcFrames } from '../../core/lpc/lpc-frames.js';
import type { CliIo } from '../api.js';
import { encodeCoefficientsFile } from '../coefficients-io.js';
import { argError, CliError, oneLine } from '../errors.js';
import { prepareOutput } from '../output-target.js';
import { readMonoWav } from '../wav.js';

export interface AnalyzeOptions {
  input: string;
  order: number;
  hop: number;
  frameLength?: number;
  out: string;
  force?: boolean;
}

/**
 * White-noise correction of the analysis (the speech coders' 1.0001 on r[0], −40 dB): keeps every
 * |k| clearly below 1 on tonal or DC input, so the written track is well conditioned.
 */
export const ANALYZE_WHITE_NOISE = 1e-4;

/** Log-gains of the frames' RMS excitation; silent frames get a floor 100 dB below the loudest. */
function logGains(gain: Float64Array): number[] {
  let peak = 0;
  for (const g of gain) peak = Math.max(peak, g);
  const floor = peak > 0 ? peak * 1e-5 : 1;
  return Array.from(gain, (g) => Math.log(Math.max(g, floor)));
}

/**
 * `diffiir analyze`: frame-wise LPC (autocorrelation method, core `lpcFrames`, white-noise
 * correction {@link ANALYZE_WHITE_NOISE}) of --input, written as a reflection-track file
 * (`domain: 'reflection'`, hop = --hop): the frames' reflection coefficients and the log of their
 * RMS excitation gains (from the prediction error). Rendering unit-variance white noise through it
 * gives a signal with the input's spectral envelope and level over time; the lattice it plays
 * through is stable by construction (every |k| < 1), with no conversion to direct form.
 */
export function analyzeCommand(o: AnalyzeOptions, io: CliIo): void {
  const frameLength = o.frameLength ?? 4 * o.hop;
  if (o.order >= frameLength) {
    throw argError('--order', `must be smaller than the frame length (${frameLength} samples)`);
  }
  const target = prepareOutput(o.out, 'file', {
    option: '--out',
    inputs: { '--input': o.input },
    force: o.force === true,
  });
  try {
    const audio = readMonoWav(o.input);
    const x = audio.samples;
    if (x.length < frameLength) {
      throw new CliError(
        `${o.input}: too short for analysis (${x.length} samples < frame length ${frameLength})`,
      );
    }
    let file: ReturnType<typeof toReflectionTrackFile>;
    try {
      const { K, gain } = lpcFrames(x, o.order, { frameLength, hop: o.hop, whiteNoise: ANALYZE_WHITE_NOISE });
      file = toReflectionTrackFile({
        sampleRate: audio.sampleRate,
        order: o.order,
        k: K,
        hop: o.hop,
        logGain: logGains(gain),
      });
    } catch (e) {
      throw new CliError(`${o.input}: LPC analysis failed (${oneLine(e)})`);
    }
    target.write('', encodeCoefficientsFile(file));
    target.commit();
    io.out(
      `wrote ${o.out} (${file.frames} reflection frames of order ${o.order}, hop ${o.hop}, frame length ${frameLength})\n`,
    );
  } finally {
    target.discard();
  }
}
