import { join } from 'node:path';
import type { CoefficientsFile, FilterModel, ModelSpec, RealArray } from '../../core/api.js';
import { welchTransferFunction } from '../../core/lti/welch.js';
import { makeSource, type SourceKind } from '../../core/signals/sources.js';
import { DEFAULT_RESOLUTIONS } from '../../train/loss/mrstft.js';
import { createModel } from '../../train/models/index.js';
import type { OptimizerName } from '../../train/optim/optimizer.js';
import { train } from '../../train/session.js';
import type { CliIo } from '../api.js';
import { CLI_MAX_ORDER } from '../args.js';
import { encodeCoefficientsFile } from '../coefficients-io.js';
import { argError, CliError, oneLine } from '../errors.js';
import { formatLoss } from '../format.js';
import { EXIT_INTERRUPTED, watchInterrupt } from '../interrupt.js';
import { prepareOutput, type StagedTarget } from '../output-target.js';
import { createProgress } from '../progress.js';
import { renderBlocks } from '../render-checked.js';
import { SpectrogramStream, spectrogramDb, trainingReportSvg } from '../report.js';
import { logFrequencies, measuredResponseDb, responseDb } from '../response.js';
import { type MonoAudio, readMonoWav, WavWriter } from '../wav.js';

/**
 * Signals longer than this (seconds) train on segments of SEGMENT_SECONDS (bounded memory): random
 * ones per step for Adam (time-varying models), a fixed fitting set of 4 for the second-order
 * methods of fixed filters (train/fit-set.ts; with FIT_WARMUP_SECONDS of warm-up each, 9 s in all).
 */
const SEGMENT_ABOVE_SECONDS = 30;
const SEGMENT_SECONDS = 2;
/** Warm-up before each fitting segment: a pole at the model's largest radius (0.999) decays by e⁻¹². */
const FIT_WARMUP_SECONDS = 0.25;

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
  /** 'auto' (default) picks LM for mse, L-BFGS for mrstft on time-invariant models, Adam otherwise. */
  optimizer?: OptimizerName;
  steps: number;
  lr: number;
  seed: number;
  out: string;
  /** Replace existing results in --out. */
  force?: boolean;
  /**
   * Pole-zero fits from an --input pair only: the slower, more thorough classical start
   * (`ModelInit.thorough`: delta-operator start and pair restarts; ~50 s at order 16 instead of ~3 s).
   */
  thorough?: boolean;
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
  /** The method that ran ('lm', 'lbfgs' or 'adam'). */
  optimizer: Exclude<OptimizerName, 'auto'>;
  /** How the model was started ('steiglitz-mcbride', 'lpc', 'flat', …). */
  start: string;
  /** True when a second-order method stopped because it converged (before the step budget). */
  converged: boolean;
  /** |H_learned| vs the Welch H1 estimate of input → target, dB RMS over 100 Hz–16 kHz (pole-zero/all-pole with an input). */
  welchErrorDb?: number;
  /** Stopped by Ctrl-C (the command then exits with 130 after writing the best result). */
  interrupted: boolean;
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
    return { kind: 'polezero', sections: o.order / 2, gain: true, poles: 'reflection' };
  }
  if (o.hop > 0) return { kind: 'tv-allpole', order: o.order, hop: o.hop, gain: true };
  return { kind: 'allpole', order: o.order, gain: true };
}

/** Highest order `--thorough` takes: its pair restarts grow with the square of the sections (~50 s at 16). */
export const THOROUGH_MAX_ORDER = 16;

/** `--thorough` needs a pole-zero fit (`--zeros`) from an `--input` pair, up to {@link THOROUGH_MAX_ORDER}. */
function checkThorough(o: Pick<TrainCommandOptions, 'zeros' | 'order' | 'input'>): void {
  if (o.zeros === 0 || o.input === undefined)
    throw argError('--thorough', 'applies to pole-zero fits (--zeros) from an --input/--target pair');
  if (o.order > THOROUGH_MAX_ORDER)
    throw argError(
      '--thorough',
      `applies up to --order ${THOROUGH_MAX_ORDER} (its restarts grow with the square of the sections)`,
    );
}

/** The signals a training run uses: decoded WAV files are float32 (exact), generated ones float64. */
export interface TrainSignals {
  target: Omit<MonoAudio, 'samples'> & { samples: RealArray };
  input: RealArray;
  /** Names the target in error messages (its path). */
  targetLabel?: string;
  /** True when `input` is a measured recording (--input), not a generated source. */
  measured?: boolean;
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
  return { target, input: input.samples, targetLabel: o.target, measured: true };
}

/**
 * Trains on `signals` and writes coefficients.json, output.wav, loss.csv and report.svg (plus
 * `extras.files`) into `out` (checked and staged by `prepareOutput` before the signals were
 * read), all-or-nothing: `out.commit()` only after every file is written and the rendered output
 * passed its check. The caller discards `out` on failure. Ctrl-C stops after the current step and
 * the best result so far is committed (`aborted`).
 */
export async function runTraining(
  o: Omit<TrainCommandOptions, 'target' | 'input' | 'source' | 'f0'>,
  signals: TrainSignals,
  io: CliIo,
  extras: TrainExtras,
  out: StagedTarget,
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
  if (o.thorough === true)
    io.err('diffiir: fitting the --thorough start (up to about a minute at order 16)\n');
  try {
    model = createModel(spec, {
      target: target.samples,
      input,
      sampleRate: sr,
      thorough: o.thorough === true,
    });
  } catch (e) {
    throw new CliError(`cannot build the model: ${oneLine(e)}`);
  }
  const initial = model.toCoefficientsFile(sr);
  const interrupt = watchInterrupt(io, () => out.discard());
  const progress = createProgress(o.steps, io);
  let result: Awaited<ReturnType<typeof train>>;
  try {
    result = await train({
      model,
      input,
      target: target.samples,
      loss: o.loss,
      optimizer: o.optimizer ?? 'auto',
      steps: o.steps,
      learningRate: o.lr,
      // exponential decay to 10% of --lr over the run: late Adam steps near the loss floor
      // otherwise overshoot (periodic loss spikes once the second-moment estimate has decayed)
      learningRateDecay: LR_FINAL_FRACTION ** (1 / Math.max(1, o.steps)),
      seed: o.seed,
      signal: interrupt.signal,
      // look at Ctrl-C after every step
      yieldEvery: 1,
      ...(target.samples.length > SEGMENT_ABOVE_SECONDS * sr
        ? {
            segment: {
              length: Math.round(SEGMENT_SECONDS * sr),
              ...(model.hop === 0 ? { warmup: Math.round(FIT_WARMUP_SECONDS * sr) } : {}),
            },
          }
        : {}),
      progressEvery: Math.max(1, Math.floor(o.steps / 100)),
      onProgress: (p) => progress.update(p),
    });
  } catch (e) {
    throw new CliError(`training failed: ${oneLine(e)}`);
  } finally {
    progress.stop();
    interrupt.dispose();
  }
  if (result.status === 'failed') throw new CliError(`training failed: ${result.reason}`);
  const file = result.model.toCoefficientsFile(sr);
  // Render block by block straight into the output file's bytes (and the report's output
  // spectrogram): the output is never held as a whole signal.
  const T = input.length;
  const wav = new WavWriter(T, sr, target.format);
  const outputSpectrogram = spec.kind === 'tv-allpole' ? new SpectrogramStream(T, sr) : null;
  renderBlocks(file, input, { label: 'the learned filter' }, (y, off) => {
    wav.write(y, off);
    outputSpectrogram?.push(y);
  });
  const lossName = o.loss === 'mse' ? 'MSE' : 'multi-resolution STFT';
  const detail =
    outputSpectrogram !== null
      ? {
          kind: 'spectrograms' as const,
          sampleRate: sr,
          length: T,
          target: spectrogramDb(target.samples, sr),
          output: outputSpectrogram.result(),
        }
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
  out.write('coefficients.json', encodeCoefficientsFile(file));
  out.write('output.wav', wav.bytes);
  out.write('loss.csv', lossCsv(result.history));
  out.write('report.svg', trainingReportSvg(result.history, lossName, detail));
  for (const [name, data] of Object.entries(extras.files ?? {})) out.write(name, data);
  out.commit();
  if (wav.clipped > 0) io.err(`diffiir: warning: ${wav.clipped} samples clipped in output.wav\n`);
  return {
    file,
    initial,
    history: result.history,
    // the start's loss where the best loss is measured (segment training: the evaluation segments)
    firstLoss: result.initialLoss,
    bestLoss: result.bestLoss,
    bestStep: result.bestStep,
    steps: result.steps,
    elapsedMs: result.elapsedMs,
    aborted: result.aborted,
    optimizer: result.optimizer,
    start: (model as { start?: string }).start ?? (spec.kind === 'tv-allpole' ? 'lpc' : 'flat'),
    converged: !result.aborted && result.steps < o.steps && result.optimizer !== 'adam',
    welchErrorDb:
      spec.kind === 'tv-allpole' || !signals.measured ? undefined : welchErrorDb(file, input, target.samples),
    interrupted: interrupt.interrupted(),
  };
}

/** Band of the reported magnitude error (Hz). */
const ERROR_BAND: readonly [number, number] = [100, 16000];

/**
 * RMS (dB) of 20·log10(|H_learned| / |H1|) over the Welch bins in 100 Hz–16 kHz (capped at 0.49·fs),
 * H1 the Welch cross-spectral estimate of the pair (segments of ≤ 4096 samples, Hann, 50 % overlap).
 */
export function welchErrorDb(
  file: CoefficientsFile,
  input: RealArray,
  target: RealArray,
): number | undefined {
  const T = input.length;
  let nperseg = 4096;
  while (nperseg > 64 && nperseg * 4 > T) nperseg >>= 1;
  if (nperseg > T) return undefined;
  const sr = file.sampleRate;
  const H = welchTransferFunction(input, target, nperseg);
  const fHz: number[] = [];
  const ref: number[] = [];
  for (let k = 1; k < H.freqs.length; k++) {
    const f = H.freqs[k] * sr;
    if (f >= ERROR_BAND[0] && f <= Math.min(ERROR_BAND[1], 0.49 * sr) && H.mag[k] > 0) {
      fHz.push(f);
      ref.push(20 * Math.log10(H.mag[k]));
    }
  }
  if (fHz.length === 0) return undefined;
  const learned = responseDb(file, fHz);
  let e = 0;
  for (let i = 0; i < fHz.length; i++) e += (learned[i] - ref[i]) ** 2;
  return Math.sqrt(e / fHz.length);
}

const METHOD_NAMES: Record<Exclude<OptimizerName, 'auto'>, string> = {
  lm: 'Levenberg-Marquardt',
  lbfgs: 'L-BFGS',
  adam: 'Adam',
};

const START_NAMES: Record<string, string> = {
  'steiglitz-mcbride': 'Steiglitz-McBride fit',
  lpc: 'LPC',
  flat: 'flat',
};

/** The summary lines of a finished run (method, start and final loss, and the fit's magnitude error). */
export function formatSummary(
  spec: ModelSpec,
  r: TrainOutcome,
  requested: OptimizerName,
  thorough = false,
): string {
  const method = `${METHOD_NAMES[r.optimizer]}${requested === 'auto' ? ' (auto)' : ''}`;
  const stop = r.aborted ? ' (stopped early)' : r.converged ? ' (converged)' : '';
  let text =
    `${describeSpec(spec)}: ${method}, ${r.steps} steps in ${(r.elapsedMs / 1000).toFixed(1)} s${stop}\n` +
    `loss ${formatLoss(r.firstLoss)} at the start (${START_NAMES[r.start] ?? r.start}) -> ${formatLoss(r.bestLoss)} final (best at step ${r.bestStep + 1})\n`;
  if (r.welchErrorDb !== undefined) {
    text += `magnitude error vs the measured response (Welch H1, ${ERROR_BAND[0]} Hz-${ERROR_BAND[1] / 1000} kHz): ${r.welchErrorDb.toFixed(3)} dB RMS\n`;
    // a run stopped early is not at its floor: no hint about the model's order
    if (!r.aborted) text += largerModelHint(spec, r.welchErrorDb, thorough) ?? '';
  }
  return text;
}

/**
 * Magnitude error (dB RMS vs Welch H1) above which the summary says the model may be too small:
 * 15× the estimator's own floor on 1 s of 16-bit noise (0.006 dB, the error of an exact fit).
 */
export const LARGER_MODEL_HINT_DB = 0.1;

/**
 * The summary's line when a time-invariant fit is `errorDb` off the measured response and that is
 * above {@link LARGER_MODEL_HINT_DB}. Up to order 8 the fit is at the limit of its order (an order-8
 * cascade cannot hold an order-16 EQ chain; longer multi-restart fits find nothing better), so it
 * suggests twice the order (at most CLI_MAX_ORDER); above order 8 the fit itself can also stop in a
 * local minimum, and the line says so, suggesting `--thorough` first for a pole-zero fit up to
 * {@link THOROUGH_MAX_ORDER} that did not use it (`thorough`). Null otherwise.
 */
export function largerModelHint(spec: ModelSpec, errorDb: number, thorough = false): string | null {
  if (!(errorDb > LARGER_MODEL_HINT_DB) || spec.kind === 'tv-allpole') return null;
  const order = spec.kind === 'polezero' ? 2 * spec.sections : spec.order;
  const tries: string[] = [];
  if (spec.kind === 'polezero' && order > 8 && order <= THOROUGH_MAX_ORDER && !thorough)
    tries.push('--thorough (slower)');
  const higher = Math.min(2 * order, CLI_MAX_ORDER);
  if (higher > order)
    tries.push(spec.kind === 'polezero' ? `--order ${higher} --zeros ${higher}` : `--order ${higher}`);
  const why =
    order <= 8
      ? `the filter is likely of higher order than ${order}`
      : `the filter may be of higher order than ${order}, or the fit missed the best filter of this order (above order 8 it can stop in a local minimum)`;
  const tryText = tries.length > 0 ? `; try ${tries.join(', or ')}` : '';
  return `note: this is well above the error of an exact fit (about 0.006 dB on 1 s of 16-bit noise): ${why}${tryText}\n`;
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

/**
 * `diffiir train`. Resolves to the exit code: 0, or {@link EXIT_INTERRUPTED} when Ctrl-C stopped
 * the run (the best result so far is written).
 */
export async function trainCommand(o: TrainCommandOptions, io: CliIo): Promise<number> {
  const spec = modelSpecFromOptions(o);
  if (o.thorough === true) checkThorough(o);
  const out = prepareOutput(o.out, 'folder', {
    option: '--out',
    inputs: { '--target': o.target, '--input': o.input },
    force: o.force === true,
  });
  let r: TrainOutcome;
  try {
    const signals = loadSignals(o);
    if (o.input === undefined && o.loss === 'mse') {
      io.err(
        'diffiir: warning: --loss mse compares waveforms sample by sample; with a generated --source use mrstft\n',
      );
    }
    r = await runTraining(o, signals, io, {}, out);
  } finally {
    out.discard();
  }
  io.out(
    formatSummary(spec, r, o.optimizer ?? 'auto', o.thorough === true) +
      `wrote ${join(o.out, 'coefficients.json')}, output.wav, loss.csv, report.svg\n`,
  );
  return r.interrupted ? EXIT_INTERRUPTED : 0;
}
