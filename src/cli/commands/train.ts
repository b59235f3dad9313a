import { join } from 'node:path';
import type { CoefficientsFile, FilterModel, ModelSpec } from '../../core/api.js';
import { makeSource, type SourceKind } from '../../core/signals/sources.js';
import { DEFAULT_RESOLUTIONS } from '../../train/loss/mrstft.js';
import { createModel } from '../../train/models/index.js';
import { train } from '../../train/session.js';
import type { CliIo } from '../api.js';
import { formatCoefficientsFile } from '../coefficients-io.js';
import { argError, CliError, oneLine } from '../errors.js';
import { formatLoss } from '../format.js';
import { createProgress } from '../progress.js';
import { renderCoefficients } from '../render-coefficients.js';
import { trainingReportSvg } from '../report.js';
import { logFrequencies, measuredResponseDb, responseDb } from '../response.js';
import { StagedOutput } from '../staged-output.js';
import { encodeWav, type MonoAudio, readMonoWav } from '../wav.js';

/** The learning rate decays exponentially from --lr to this fraction of it over the run. */
const LR_FINAL_FRACTION = 0.1;

export interface TrainCommandOptions {
  target: string;
  input?: string;
  source?: SourceKind;
  f0: number;
  order: number;
  zeros: number;
  hop: number;
  loss: 'mrstft' | 'mse';
  steps: number;
  lr: number;
  seed: number;
  out: string;
}

/** What a finished training run produced (returned for `example`). */
export interface TrainOutcome {
  file: CoefficientsFile;
  /** The model's data-driven starting point (before the first step). */
  initial: CoefficientsFile;
  history: Float64Array;
  firstLoss: number;
  bestLoss: number;
  bestStep: number;
  steps: number;
  elapsedMs: number;
  aborted: boolean;
}

/** Builds the model description from the options; bad combinations name the option. */
export function modelSpecFromOptions(o: Pick<TrainCommandOptions, 'order' | 'zeros' | 'hop'>): ModelSpec {
  if (o.zeros > 0) {
    if (o.hop > 0) throw argError('--zeros', 'a time-varying (--hop > 0) pole-zero filter is not supported');
    if (o.zeros !== o.order || o.order % 2 !== 0) {
      throw argError(
        '--zeros',
        `the pole-zero cascade uses biquads: --zeros must equal --order and be even (got ${o.zeros} zeros, ${o.order} poles)`,
      );
    }
    return { kind: 'polezero', sections: o.order / 2, gain: true };
  }
  if (o.hop > 0) return { kind: 'tv-allpole', order: o.order, hop: o.hop, gain: true };
  return { kind: 'allpole', order: o.order, gain: true };
}

/** The signals a training run uses. */
export interface TrainSignals {
  target: MonoAudio;
  input: Float64Array;
  /** Names the target in error messages (its path). */
  targetLabel?: string;
}

/** Optional parts of a run used by `example`. */
export interface TrainExtras {
  /** Additional files (name → contents) committed together with the results. */
  files?: Record<string, string | Uint8Array>;
  /** Replaces the measured target curve of the report (e.g. by the true response). */
  targetCurve?: { label: string; db: (freqHz: Float64Array) => Float64Array };
}

/** Loads target and input (or generates the source), checking formats, rates and lengths. */
export function loadSignals(o: TrainCommandOptions): TrainSignals {
  if (o.input !== undefined && o.source !== undefined)
    throw argError('--source', 'give either --input or --source, not both');
  const target = readMonoWav(o.target);
  const T = target.samples.length;
  if (o.input === undefined) {
    const kind = o.source ?? 'noise';
    return { target, input: makeSource(kind, T, target.sampleRate, o.seed, o.f0), targetLabel: o.target };
  }
  const input = readMonoWav(o.input);
  if (input.sampleRate !== target.sampleRate) {
    throw new CliError(
      `${o.input}: sample rate ${input.sampleRate} Hz does not match ${o.target} (${target.sampleRate} Hz)`,
    );
  }
  if (input.samples.length !== T) {
    throw new CliError(
      `${o.input}: length ${input.samples.length} samples does not match ${o.target} (${T} samples)`,
    );
  }
  return { target, input: input.samples, targetLabel: o.target };
}

/**
 * Trains on `signals` and writes DIR/coefficients.json, output.wav, loss.csv and report.svg
 * (plus `extras.files`), all-or-nothing: on any failure DIR holds none of them.
 */
export async function runTraining(
  o: Omit<TrainCommandOptions, 'target' | 'input' | 'source' | 'f0'>,
  signals: TrainSignals,
  io: CliIo,
  extras: TrainExtras = {},
): Promise<TrainOutcome> {
  const spec = modelSpecFromOptions(o);
  const { target, input } = signals;
  const minLength = Math.max(...DEFAULT_RESOLUTIONS.map(([nFft]) => nFft)) / 2 + 1;
  if (o.loss === 'mrstft' && target.samples.length < minLength) {
    throw new CliError(
      `${signals.targetLabel ?? 'target'}: too short for the mrstft loss (${target.samples.length} samples, ` +
        `needs at least ${minLength}); use --loss mse`,
    );
  }
  const sr = target.sampleRate;
  let model: FilterModel;
  try {
    model = createModel(spec, { target: target.samples, input, sampleRate: sr });
  } catch (e) {
    throw new CliError(`cannot build the model: ${oneLine(e)}`);
  }
  const initial = model.toCoefficientsFile(sr);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const progress = createProgress(o.steps, io);
  let result: Awaited<ReturnType<typeof train>>;
  try {
    result = await train({
      model,
      input,
      target: target.samples,
      loss: o.loss,
      steps: o.steps,
      learningRate: o.lr,
      // exponential decay to 10% of --lr over the run: late Adam steps near the loss floor
      // otherwise overshoot (periodic loss spikes once the second-moment estimate has decayed)
      learningRateDecay: LR_FINAL_FRACTION ** (1 / Math.max(1, o.steps)),
      signal: controller.signal,
      progressEvery: Math.max(1, Math.floor(o.steps / 100)),
      onProgress: (p) => progress.update(p),
    });
  } catch (e) {
    throw new CliError(`training failed: ${oneLine(e)}`);
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onSigint);
  }
  if (!Number.isFinite(result.bestLoss)) throw new CliError('training failed: the loss never became finite');
  const file = result.model.toCoefficientsFile(sr);
  const output = renderCoefficients(file, input);
  const lossName = o.loss === 'mse' ? 'MSE' : 'multi-resolution STFT';
  const detail =
    spec.kind === 'tv-allpole'
      ? { kind: 'spectrograms' as const, sampleRate: sr, target: target.samples, output }
      : (() => {
          const freqHz = logFrequencies(sr);
          return {
            kind: 'response' as const,
            freqHz,
            learnedDb: responseDb(file, freqHz),
            targetDb: extras.targetCurve
              ? extras.targetCurve.db(freqHz)
              : measuredResponseDb(input, target.samples, sr, freqHz),
            targetLabel: extras.targetCurve?.label ?? 'target / input (measured)',
          };
        })();
  const staged = new StagedOutput();
  try {
    staged.ensureDir(o.out);
    staged.write(join(o.out, 'coefficients.json'), formatCoefficientsFile(file));
    const wav = encodeWav(output, sr, target.format);
    staged.write(join(o.out, 'output.wav'), wav.bytes);
    staged.write(join(o.out, 'loss.csv'), lossCsv(result.history));
    staged.write(join(o.out, 'report.svg'), trainingReportSvg(result.history, lossName, detail));
    for (const [name, data] of Object.entries(extras.files ?? {})) staged.write(join(o.out, name), data);
    staged.commit();
    if (wav.clipped > 0) io.err(`diffiir: warning: ${wav.clipped} samples clipped in output.wav\n`);
  } catch (e) {
    staged.discard();
    throw e;
  }
  return {
    file,
    initial,
    history: result.history,
    firstLoss: result.history[0],
    bestLoss: result.bestLoss,
    bestStep: result.bestStep,
    steps: result.steps,
    elapsedMs: result.elapsedMs,
    aborted: result.aborted,
  };
}

function lossCsv(history: Float64Array): string {
  const lines = ['step,loss'];
  for (let i = 0; i < history.length; i++) lines.push(`${i + 1},${history[i]}`);
  return `${lines.join('\n')}\n`;
}

/** Describes the model in words for the summary line. */
export function describeSpec(spec: ModelSpec): string {
  if (spec.kind === 'polezero') return `pole-zero cascade (${spec.sections} biquads)`;
  if (spec.kind === 'tv-allpole') return `time-varying all-pole (order ${spec.order}, hop ${spec.hop})`;
  return `all-pole (order ${spec.order})`;
}

/** `diffiir train`. */
export async function trainCommand(o: TrainCommandOptions, io: CliIo): Promise<void> {
  const spec = modelSpecFromOptions(o);
  const signals = loadSignals(o);
  if (o.input === undefined && o.loss === 'mse') {
    io.err(
      'diffiir: warning: --loss mse compares waveforms sample by sample; with a generated --source use mrstft\n',
    );
  }
  const r = await runTraining(o, signals, io);
  io.out(
    `${describeSpec(spec)}: ${r.steps} steps in ${(r.elapsedMs / 1000).toFixed(1)} s${r.aborted ? ' (stopped early)' : ''}; ` +
      `loss ${formatLoss(r.firstLoss)} -> ${formatLoss(r.bestLoss)} (best at step ${r.bestStep + 1})\n` +
      `wrote ${join(o.out, 'coefficients.json')}, output.wav, loss.csv, report.svg\n`,
  );
}
