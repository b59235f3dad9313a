/**
 * Panel 2: trains an all-pole model (core AllPoleModel, reflection parameterisation + gain) on
 * a target with the project's training loop (host/train TrainingSession, MR-STFT loss), in the
 * page. Live: loss curve, learned vs target response, target/output spectrograms, and — when
 * "listen" is on — the session bound to a node playing the source in a loop. Export/import of
 * coefficients JSON (CLI schema or torchlpc arrays) and playback of an imported file.
 */
import type { CoefficientsFile, FilterModel } from '../../src/core/api.js';
import { hannTrimmed } from '../../src/core/lpc/autocorr.js';
import { lpc } from '../../src/core/lpc/lpc.js';
import { AllPoleModel, rms } from '../../src/core/models/allpole-model.js';
import { createModel } from '../../src/core/models/create-model.js';
import { paramsToReflection } from '../../src/core/models/reflection-map.js';
import { TvAllPoleModel } from '../../src/core/models/tv-allpole-model.js';
import { directToReflection } from '../../src/core/params/reflection.js';
import { allPoleFrequencyResponse } from '../../src/host/index.js';
import type { LiveBinding, TrainProgress } from '../../src/host/train/api.js';
import { TrainingSession } from '../../src/host/train/session.js';
import { DEMO_SAMPLE_RATE, decodeToMono, getAudioContext } from './audio-context.js';
import { CoefficientPlayer } from './coefficient-player.js';
import {
  coefficientsJson,
  describeCoefficients,
  downloadText,
  importCoefficients,
} from './coefficients-io.js';
import { byId } from './dom.js';
import { drawLossCurve } from './loss-plot.js';
import { recordMicrophone } from './microphone.js';
import { drawResponse, logFrequencies, type ResponseTrace } from './response-plot.js';
import { computeSpectrogram, drawSpectrogram } from './spectrogram.js';
import { errorText, showStatus } from './status.js';
import { hooks } from './test-hooks.js';
import { TrackLooper } from './track-looper.js';
import { buildTrainingData, type SourceKind, type TargetKind, type TrainingData } from './training-data.js';

/** Length of the training signals: 0.5 s keeps a step in the tens of milliseconds. */
const TRAIN_SAMPLES = DEMO_SAMPLE_RATE / 2;
/** Redraw the response and output spectrogram at most this often during training. */
const PLOT_INTERVAL_MS = 300;
const FREQS = logFrequencies(200, 30, 20000);
/** Imported tracks with at least this hop and length (samples) loop through a TrackLooper. */
const MIN_LOOP_HOP = 16;
const MIN_LOOP_SAMPLES = DEMO_SAMPLE_RATE / 10;

/** Reflection coefficients of every frame of `f` (frames×order), or null if one is not minimum phase. */
function reflectionTrack(f: CoefficientsFile): Float64Array | null {
  const K = new Float64Array(f.frames * f.order);
  for (let i = 0; i < f.frames; i++) {
    const k = K.subarray(i * f.order, (i + 1) * f.order);
    directToReflection(f.coefficients[i], k, undefined, { onUnstable: 'nan' });
    if (!k.every((v) => Math.abs(v) < 1)) return null;
  }
  return K;
}

/** Control-frame hop of the time-varying model: 10 ms. */
const TV_HOP = DEMO_SAMPLE_RATE / 100;

/** Magnitudes of `gain / A(z)` (direct-form a) at the plot's frequencies. */
function response(a: ArrayLike<number>, gain: number): Float32Array {
  const mag = new Float32Array(FREQS.length);
  allPoleFrequencyResponse(a, 'direct', gain, DEMO_SAMPLE_RATE, FREQS, mag, new Float32Array(FREQS.length));
  return mag;
}

/** Analysis frame of the target envelope: 40 ms around the middle of the target. */
const ENVELOPE_FRAME = 1920;

/**
 * Target trace: the true filter when known, else the LPC envelope (order 24, white-noise
 * correction 1e-3) of the middle 40 ms of the target — the same instant as the middle frame of a
 * time-varying model — scaled for an excitation as loud as the input (residual RMS / input RMS).
 */
function targetTrace(d: TrainingData): ResponseTrace {
  if (d.truth)
    return {
      label: 'target (true filter)',
      color: '#7ee787',
      mag: response(d.truth.a, d.truth.gain),
      dashed: true,
    };
  const start = Math.max(0, Math.floor(d.target.length / 2 - ENVELOPE_FRAME / 2));
  const frame = d.target.subarray(start, start + ENVELOPE_FRAME);
  const w = hannTrimmed(frame.length);
  let we = 0;
  for (let i = 0; i < w.length; i++) we += w[i] * w[i];
  const r = lpc(frame, 24, { window: w, whiteNoise: 1e-3 });
  const g = Math.sqrt(Math.max(r.error, 0) / we) / Math.max(rms(d.input), 1e-12);
  return {
    label: 'target (LPC envelope, middle 40 ms)',
    color: '#7ee787',
    mag: response(r.a, g),
    dashed: true,
  };
}

/** The response shown for a model: its only frame, or the middle frame of a time-varying one. */
function modelTrace(model: FilterModel): ResponseTrace {
  const A = model.coefficients();
  const M = model.order;
  const F = A.length / M;
  const f = Math.floor(F / 2);
  const gain = model instanceof TvAllPoleModel ? model.frameGains()[f] : model.gain();
  const label = F > 1 ? `learned (order ${M}, frame ${f + 1}/${F})` : `learned (order ${M})`;
  return { label, color: '#58a6ff', mag: response(A.subarray(f * M, (f + 1) * M), gain) };
}

/** Wires the training panel's controls. */
export function setupTrainPanel(): void {
  const targetSel = byId<HTMLSelectElement>('train-target');
  const fileIn = byId<HTMLInputElement>('train-file');
  const sourceSel = byId<HTMLSelectElement>('train-source');
  const recordBtn = byId<HTMLButtonElement>('train-record');
  const orderSel = byId<HTMLSelectElement>('train-order');
  const modelSel = byId<HTMLSelectElement>('train-model');
  const stepsIn = byId<HTMLInputElement>('train-steps');
  const lrIn = byId<HTMLInputElement>('train-lr');
  const initLpc = byId<HTMLInputElement>('train-init-lpc');
  const runBtn = byId<HTMLButtonElement>('train-run');
  const stopBtn = byId<HTMLButtonElement>('train-stop');
  const listen = byId<HTMLInputElement>('train-listen');
  const exportBtn = byId<HTMLButtonElement>('train-export');
  const importIn = byId<HTMLInputElement>('train-import');
  const hopIn = byId<HTMLInputElement>('train-import-hop');
  const playBtn = byId<HTMLButtonElement>('train-play-import');
  const lossCanvas = byId<HTMLCanvasElement>('train-loss');
  const respCanvas = byId<HTMLCanvasElement>('train-response');
  const specTarget = byId<HTMLCanvasElement>('train-spec-target');
  const specOutput = byId<HTMLCanvasElement>('train-spec-output');

  let fileSignal: Float64Array | null = null;
  let recording: Float64Array | null = null;
  let model: FilterModel | null = null;
  let data: TrainingData | null = null;
  let session: TrainingSession | null = null;
  let abort: AbortController | null = null;
  let player: CoefficientPlayer | TrackLooper | null = null;
  let imported: CoefficientsFile | null = null;
  let lastPlot = 0;

  function reportFault(message: string): void {
    hooks.train.faults.push(message);
    showStatus('train-status', `Playback filter fault: ${message}`, 'error');
  }

  function stopPlayer(): void {
    player?.stop();
    player = null;
    hooks.train.output = null;
    hooks.train.node = null;
  }

  function plotModel(): void {
    if (!model || !data) return;
    const traces: ResponseTrace[] = [targetTrace(data)];
    if (model.isStable()) traces.push(modelTrace(model));
    drawResponse(respCanvas, FREQS, traces);
    drawSpectrogram(specOutput, computeSpectrogram(model.forward(data.input)));
    hooks.train.plotUpdates++;
    lastPlot = performance.now();
  }

  async function startListening(): Promise<void> {
    if (!data || !model || player) return;
    const ctx = await getAudioContext();
    hooks.context = ctx;
    // The model is matched to the target's level: play at a comfortable −6 dB of its peak.
    let peak = 0;
    for (const v of data.target) peak = Math.max(peak, Math.abs(v));
    const level = 0.5 / Math.max(peak, 1e-6);
    const m = model;
    let binding: LiveBinding;
    if (m instanceof TvAllPoleModel) {
      // Time-varying: the whole track is replayed pass by pass with the latest coefficients.
      // The model is reflection-parameterised: take its k track directly (no round trip
      // through the direct form, which is ill-conditioned for |k| near 1).
      const looper = await TrackLooper.create(ctx, data.input, m.order, m.hop, level, reportFault);
      player = looper;
      (window as unknown as { __looper: unknown }).__looper = looper;
      const push = () => {
        const K = new Float64Array(m.frames * m.order);
        paramsToReflection(m.parameterisation, m.params.subarray(0, K.length), K);
        looper.setTrack(K, m.frameGains());
      };
      if (m.isStable()) push();
      // Time-varying models push only through `map` (the session's contract); the looper takes
      // the k track from the params, so the sink itself has nothing left to do.
      binding = {
        sink: { setCoefficients: () => {} },
        every: 5,
        map: (a) => {
          push();
          return a;
        },
      };
    } else {
      const p = await CoefficientPlayer.create(ctx, data.input, m.order, level, true, reportFault);
      player = p;
      if (m.isStable()) {
        p.setCoefficients(m.coefficients());
        p.setGain(m.gain());
      }
      binding = {
        sink: p,
        every: 5,
        map: (a, mm) => {
          p.setGain(mm.gain());
          return a;
        },
      };
    }
    hooks.train.output = player.output;
    hooks.train.node = player.node;
    session?.bind(binding);
  }

  async function run(): Promise<void> {
    runBtn.disabled = true;
    try {
      const target = targetSel.value as TargetKind;
      const source = sourceSel.value as SourceKind;
      data = buildTrainingData(target, source, TRAIN_SAMPLES, DEMO_SAMPLE_RATE, fileSignal, recording);
      const d = data;
      const order = Number(orderSel.value);
      if (modelSel.value === 'tv-allpole') {
        // Frame-wise LPC of the target is the start; training refines it (analysis by synthesis).
        model = createModel(
          { kind: 'tv-allpole', order, hop: TV_HOP },
          { target: d.target, input: d.input, sampleRate: DEMO_SAMPLE_RATE },
        );
      } else {
        const m = new AllPoleModel({ order, parameterisation: 'reflection', gain: true });
        if (initLpc.checked) m.initFromTarget(d.target, d.input);
        else m.setGain(Math.max(rms(d.target), 1e-9) / Math.max(rms(d.input), 1e-9));
        model = m;
      }
      const steps = Math.max(1, Math.round(Number(stepsIn.value)));
      const history: number[] = [];
      hooks.train.history = history;
      hooks.train.plotUpdates = 0;
      hooks.train.running = true;
      drawSpectrogram(specTarget, computeSpectrogram(d.target));
      plotModel();
      abort = new AbortController();
      stopPlayer();
      session = new TrainingSession({
        model,
        input: d.input,
        target: d.target,
        steps,
        learningRate: Number(lrIn.value),
        loss: 'mrstft',
        signal: abort.signal,
        progressEvery: 1,
        onProgress: (p: TrainProgress) => {
          history.push(p.loss);
          if (p.step % 5 === 0 || p.step === steps) drawLossCurve(lossCanvas, history, steps);
          if (performance.now() - lastPlot > PLOT_INTERVAL_MS) plotModel();
          if (p.step % 10 === 0)
            showStatus(
              'train-status',
              `step ${p.step}/${steps}: loss ${p.loss.toPrecision(4)} (best ${p.bestLoss.toPrecision(4)})`,
            );
        },
      });
      if (listen.checked) await startListening();
      stopBtn.disabled = false;
      showStatus('train-status', `Training on ${d.description}…`);
      const result = await session.run(steps);
      drawLossCurve(lossCanvas, history, steps);
      plotModel();
      exportBtn.disabled = false;
      const first = history.find((v) => Number.isFinite(v)) ?? Number.NaN;
      showStatus(
        'train-status',
        `${result.aborted ? 'Stopped' : 'Done'} after ${result.steps} steps in ${(result.elapsedMs / 1000).toFixed(1)} s: loss ${first.toPrecision(4)} → ${result.bestLoss.toPrecision(4)} (best).`,
        'ok',
      );
    } catch (e) {
      showStatus('train-status', errorText(e), 'error');
    } finally {
      hooks.train.running = false;
      runBtn.disabled = false;
      stopBtn.disabled = true;
    }
  }

  async function playImported(): Promise<void> {
    if (!imported) return;
    const ctx = await getAudioContext();
    hooks.context = ctx;
    stopPlayer();
    const f = imported;
    const loopable = f.frames > 1 && f.hop >= MIN_LOOP_HOP && f.frames * f.hop >= MIN_LOOP_SAMPLES;
    const track = loopable ? reflectionTrack(f) : null;
    // A track loops (one pass = frames·hop samples); a single frame plays the source for 2 s, looped;
    // a per-sample (or unconvertible) track plays once, unconverted, over its own length.
    const T = track
      ? f.frames * f.hop
      : f.frames > 1
        ? Math.max(f.frames * f.hop, DEMO_SAMPLE_RATE)
        : 2 * DEMO_SAMPLE_RATE;
    const source = (
      sourceSel.value === 'mic' && recording
        ? 'mic'
        : sourceSel.value === 'example'
          ? 'noise'
          : sourceSel.value
    ) as SourceKind;
    const d = buildTrainingData('example-eq', source, T, DEMO_SAMPLE_RATE, null, recording);
    if (track) {
      const looper = await TrackLooper.create(ctx, d.input, f.order, f.hop, 0.25, reportFault);
      looper.setTrack(
        track,
        Array.from({ length: f.frames }, (_, i) => f.gain * (f.frameGains?.[i] ?? 1)),
      );
      player = looper;
    } else {
      const p = await CoefficientPlayer.create(ctx, d.input, f.order, 0.25, f.frames === 1, reportFault);
      p.load(f);
      player = p;
    }
    hooks.train.output = player.output;
    hooks.train.node = player.node;
    showStatus(
      'train-status',
      `Playing imported coefficients (${describeCoefficients(imported)}) on ${sourceSel.value}.`,
      'ok',
    );
  }

  /** Before any run: the chosen target's spectrogram and response, and an empty loss plot. */
  function preview(): void {
    if (hooks.train.running) return;
    drawLossCurve(lossCanvas, [], 1);
    try {
      const d = buildTrainingData(
        targetSel.value as TargetKind,
        sourceSel.value as SourceKind,
        TRAIN_SAMPLES,
        DEMO_SAMPLE_RATE,
        fileSignal,
        recording,
      );
      drawSpectrogram(specTarget, computeSpectrogram(d.target));
      drawResponse(respCanvas, FREQS, [targetTrace(d)]);
      const c = specOutput.getContext('2d');
      if (c) {
        c.fillStyle = '#0f1419';
        c.fillRect(0, 0, specOutput.width, specOutput.height);
        c.fillStyle = '#8a9aa8';
        c.font = '12px sans-serif';
        c.fillText('the model’s output appears here while it trains', 12, specOutput.height / 2);
      }
    } catch {
      // A file or recording is still missing: the status line says so when Train is pressed.
    }
  }

  runBtn.addEventListener('click', () => void run());
  targetSel.addEventListener('change', preview);
  sourceSel.addEventListener('change', preview);
  stopBtn.addEventListener('click', () => abort?.abort());
  listen.addEventListener('change', () => {
    if (listen.checked) void startListening();
    else {
      session?.unbind();
      stopPlayer();
    }
  });
  exportBtn.addEventListener('click', () => {
    if (!model) return;
    const text = coefficientsJson(model.toCoefficientsFile(DEMO_SAMPLE_RATE));
    hooks.train.lastExport = text;
    downloadText(text, `diffiir-coefficients-order${model.order}.json`);
  });
  importIn.addEventListener('change', async () => {
    const f = importIn.files?.[0];
    if (!f) return;
    try {
      imported = importCoefficients(
        await f.text(),
        Math.max(1, Math.round(Number(hopIn.value))),
        DEMO_SAMPLE_RATE,
      );
      hooks.train.lastImport = {
        order: imported.order,
        frames: imported.frames,
        hop: imported.hop,
        coefficients: imported.coefficients,
        gain: imported.gain,
      };
      playBtn.disabled = false;
      const mid = imported.coefficients[Math.floor(imported.frames / 2)];
      drawResponse(respCanvas, FREQS, [
        {
          label: `imported${imported.frames > 1 ? ' (middle frame)' : ''}`,
          color: '#ffa657',
          mag: response(mid, imported.gain),
        },
      ]);
      showStatus('train-status', `Imported ${f.name}: ${describeCoefficients(imported)}.`, 'ok');
    } catch (e) {
      showStatus('train-status', `Could not import ${f.name}: ${errorText(e)}`, 'error');
    }
  });
  playBtn.addEventListener('click', () => void playImported());
  fileIn.addEventListener('change', async () => {
    const f = fileIn.files?.[0];
    if (!f) return;
    try {
      const ctx = await getAudioContext();
      fileSignal = await decodeToMono(ctx, await f.arrayBuffer());
      targetSel.value = 'file';
      preview();
      showStatus(
        'train-status',
        `Loaded ${f.name} (${(fileSignal.length / ctx.sampleRate).toFixed(2)} s); the first 0.5 s is the target.`,
        'ok',
      );
    } catch (e) {
      showStatus('train-status', `Could not decode ${f.name}: ${errorText(e)}`, 'error');
    }
  });
  recordBtn.addEventListener('click', async () => {
    recordBtn.disabled = true;
    showStatus('train-status', 'Recording 2 s from the microphone…');
    try {
      const ctx = await getAudioContext();
      const r = await recordMicrophone(ctx, 2);
      if (typeof r === 'string') showStatus('train-status', r, 'error');
      else {
        recording = r;
        sourceSel.value = 'mic';
        preview();
        showStatus(
          'train-status',
          `Recorded ${(r.length / ctx.sampleRate).toFixed(2)} s; source set to the recording.`,
          'ok',
        );
      }
    } catch (e) {
      showStatus('train-status', errorText(e), 'error');
    } finally {
      recordBtn.disabled = false;
    }
  });
  preview();
}
