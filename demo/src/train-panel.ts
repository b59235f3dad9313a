/**
 * Panel 2: trains an all-pole model (core AllPoleModel, reflection parameterisation + gain) on
 * a target with the project's training loop (diffiir/train TrainingSession, MR-STFT loss), in the
 * page. Live: loss curve, learned vs target response, target/output spectrograms, and — when
 * "listen" is on — the session bound to a node playing the source in a loop. Export/import of
 * coefficients JSON (CLI schema or torchlpc arrays) and playback of an imported file.
 */
import type { CoefficientsFile, FilterModel } from 'diffiir/core';
import type { TrainProgress } from 'diffiir/train';
import { AllPoleModel, createModel, rms, TrainingSession } from 'diffiir/train';
import { DEMO_SAMPLE_RATE, decodeToMono, getAudioContext } from './audio-context.js';
import {
  coefficientsJson,
  describeCoefficients,
  downloadText,
  importCoefficients,
} from './coefficients-io.js';
import { byId } from './dom.js';
import { drawLossCurve } from './loss-plot.js';
import { recordMicrophone } from './microphone.js';
import { outputBus } from './output-bus.js';
import { drawResponse, type ResponseTrace } from './response-plot.js';
import { computeSpectrogram, drawSpectrogram } from './spectrogram.js';
import { errorText, showStatus } from './status.js';
import { hooks } from './test-hooks.js';
import { type Player, playCoefficientsFile, startLivePlayer } from './train-playback.js';
import { FREQS, modelTrace, response, targetTrace } from './train-traces.js';
import { buildTrainingData, type SourceKind, type TargetKind, type TrainingData } from './training-data.js';

/** Length of the training signals: 0.5 s keeps a step in the tens of milliseconds. */
const TRAIN_SAMPLES = DEMO_SAMPLE_RATE / 2;
/** Redraw the response and output spectrogram at most this often during training. */
const PLOT_INTERVAL_MS = 300;
/** Control-frame hop of the time-varying model: 10 ms. */
const TV_HOP = DEMO_SAMPLE_RATE / 100;

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
  let player: Player | null = null;
  let imported: CoefficientsFile | null = null;
  let lastPlot = 0;

  const stopPlayBtn = byId<HTMLButtonElement>('train-stop-playback');
  let listenGeneration = 0;

  function reportFault(message: string): void {
    hooks.train.faults.push(message);
    const ctx = hooks.context;
    if (!player || !ctx) return;
    const v = outputBus(ctx).voice('train');
    if (v.silenced) return;
    v.fadeOut();
    showStatus(
      'train-status',
      `Playback filter fault: ${message}. Playback faded out; play again to retry.`,
      'error',
    );
  }

  function stopPlayer(): void {
    listenGeneration++;
    player?.stop();
    player = null;
    hooks.train.output = null;
    hooks.train.node = null;
    stopPlayBtn.disabled = true;
  }

  function adoptPlayer(ctx: AudioContext, p: Player): void {
    player = p;
    hooks.train.output = p.output;
    hooks.train.node = p.node;
    outputBus(ctx).voice('train').resume();
    stopPlayBtn.disabled = false;
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
    const gen = ++listenGeneration;
    const ctx = await getAudioContext();
    hooks.context = ctx;
    const live = await startLivePlayer(ctx, data, model, reportFault);
    // Unticked (or restarted) while the player was starting: it must not outlive the request.
    if (gen !== listenGeneration || !listen.checked) {
      live.player.stop();
      return;
    }
    adoptPlayer(ctx, live.player);
    session?.bind(live.binding);
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
    const source = (
      sourceSel.value === 'mic' && recording
        ? 'mic'
        : sourceSel.value === 'example'
          ? 'noise'
          : sourceSel.value
    ) as SourceKind;
    const gen = listenGeneration;
    const p = await playCoefficientsFile(
      ctx,
      imported,
      (T) => buildTrainingData('example-eq', source, T, DEMO_SAMPLE_RATE, null, recording).input,
      reportFault,
    );
    if (gen !== listenGeneration) {
      p.stop();
      return;
    }
    adoptPlayer(ctx, p);
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
  stopPlayBtn.addEventListener('click', () => {
    session?.unbind();
    listen.checked = false;
    stopPlayer();
    showStatus('train-status', 'Playback stopped.');
  });
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
