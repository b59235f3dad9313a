import { renderCoefficients } from '../../core/render/render-coefficients.js';
import { whiteNoise } from '../../core/signals/sources.js';
import type { CliIo } from '../api.js';
import { encodeCoefficientsFile } from '../coefficients-io.js';
import { EXAMPLE_FILTER_TEXT, exampleSections, sectionsToCoefficientsFile } from '../example-filter.js';
import { formatLoss } from '../format.js';
import { EXIT_INTERRUPTED } from '../interrupt.js';
import { prepareOutput, type StagedTarget } from '../output-target.js';
import { responseDb } from '../response.js';
import { encodeWav } from '../wav.js';
import { describeSpec, modelSpecFromOptions, runTraining, type TrainCommandOptions } from './train.js';

export interface ExampleOptions {
  out: string;
  steps: number;
  seed: number;
  force?: boolean;
}

/** Sample rate and length of the example (1 s at 16 kHz). */
export const EXAMPLE_RATE = 16000;
export const EXAMPLE_SECONDS = 1;
/** Signal-to-noise ratio of the example's measured target (dB). */
export const EXAMPLE_SNR_DB = 30;
/** Adam learning rate of the example. */
export const EXAMPLE_LR = 0.005;
/** Band over which the magnitude error is reported (Hz). */
export const ERROR_BAND: [number, number] = [50, 6000];

/** Max and RMS of |a - b| (dB) over `n` log-spaced frequencies in ERROR_BAND. */
export function bandErrorDb(
  learned: (f: Float64Array) => Float64Array,
  truth: (f: Float64Array) => Float64Array,
  n = 400,
): { maxDb: number; rmsDb: number } {
  const [lo, hi] = ERROR_BAND;
  const f = Float64Array.from({ length: n }, (_, i) => lo * (hi / lo) ** (i / (n - 1)));
  const a = learned(f);
  const b = truth(f);
  let max = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= max)) max = d;
    sq += d * d;
  }
  return { maxDb: max, rmsDb: Math.sqrt(sq / n) };
}

/**
 * `diffiir example`: seeded white noise through a known peaking-EQ + low-pass chain, then a short
 * pole-zero training (2 biquads, MSE loss, --optimizer auto) from the model's Steiglitz-McBride
 * start that should recover it. Writes source.wav, target.wav, true-filter.json and
 * the usual training outputs into DIR; prints the final loss and the dB error vs the true filter.
 */
export async function exampleCommand(o: ExampleOptions, io: CliIo): Promise<number> {
  const out = prepareOutput(o.out, 'folder', { option: '--out', inputs: {}, force: o.force === true });
  try {
    return await runExample(o, io, out);
  } finally {
    out.discard();
  }
}

async function runExample(o: ExampleOptions, io: CliIo, out: StagedTarget): Promise<number> {
  const fs = EXAMPLE_RATE;
  const truth = sectionsToCoefficientsFile(exampleSections(fs), fs);
  const source = whiteNoise(EXAMPLE_SECONDS * fs, o.seed);
  const clean = renderCoefficients(truth, source).y;
  // a measurement is never exact: add white noise at EXAMPLE_SNR_DB below the clean target, so
  // the plain equation-error fit is biased (Steiglitz-McBride and the output-error refinement are not)
  let power = 0;
  for (const v of clean) power += (v * v) / clean.length;
  const noiseStd = Math.sqrt(power) * 10 ** (-EXAMPLE_SNR_DB / 20);
  const noise = whiteNoise(clean.length, o.seed + 1, noiseStd);
  const target = clean.map((v, t) => v + noise[t]);
  const train: Omit<TrainCommandOptions, 'target' | 'input' | 'source' | 'f0'> = {
    order: 4,
    zeros: 4,
    hop: 0,
    // the source is known sample for sample, so the waveform (MSE, output-error) loss applies;
    // a magnitude-only loss (MR-STFT) would leave the zeros' phase free
    loss: 'mse',
    steps: o.steps,
    lr: EXAMPLE_LR,
    seed: o.seed,
    out: o.out,
  };
  const spec = modelSpecFromOptions(train);
  io.out(
    `diffiir example: learn a ${EXAMPLE_FILTER_TEXT}\n` +
      `  from ${EXAMPLE_SECONDS} s of white noise at ${fs / 1000} kHz (seed ${o.seed}), target measured at ${EXAMPLE_SNR_DB} dB SNR,\n` +
      `  with a ${describeSpec(spec)}, MSE loss, --optimizer auto, at most ${o.steps} steps\n`,
  );
  const r = await runTraining(
    train,
    { target: { samples: target, sampleRate: fs, format: '32f' }, input: source },
    io,
    {
      files: {
        'source.wav': encodeWav(source, fs, '32f').bytes,
        'target.wav': encodeWav(target, fs, '32f').bytes,
        'true-filter.json': encodeCoefficientsFile(truth),
      },
      targetCurve: { label: 'true filter', db: (f) => responseDb(truth, f) },
    },
    out,
  );
  const err0 = bandErrorDb(
    (f) => responseDb(r.initial, f),
    (f) => responseDb(truth, f),
  );
  const err = bandErrorDb(
    (f) => responseDb(r.file, f),
    (f) => responseDb(truth, f),
  );
  const band = `${ERROR_BAND[0]} Hz-${ERROR_BAND[1] / 1000} kHz`;
  io.out(
    `final loss ${formatLoss(r.bestLoss)} (start ${formatLoss(r.firstLoss)}, noise floor ` +
      `${formatLoss(noiseStd * noiseStd, 2)}; ${r.optimizer}, ${r.steps} steps in ${(r.elapsedMs / 1000).toFixed(1)} s)\n` +
      `magnitude error vs the true filter (${band}): RMS ${err.rmsDb.toFixed(2)} dB, max ${err.maxDb.toFixed(2)} dB ` +
      `(Steiglitz-McBride start: RMS ${err0.rmsDb.toFixed(2)} dB, max ${err0.maxDb.toFixed(2)} dB)\n` +
      `wrote ${o.out}: source.wav, target.wav, output.wav, coefficients.json, true-filter.json, loss.csv, report.svg\n`,
  );
  return r.interrupted ? EXIT_INTERRUPTED : 0;
}
