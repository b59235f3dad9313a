/**
 * Panel 2: fits an all-pole model to a target. The run itself happens in a Worker
 * (train-worker.ts, diffiir/train TrainingSession, MR-STFT loss); this controller holds one state
 * object, reacts to the controls and to the worker's messages, and `render()` brings the page in
 * line with the state (plots at most every PLOT_INTERVAL_MS). Sound: target / learned output /
 * imported file through TrainAudio, with an A/B switch that works during and after a run.
 */
import type { CoefficientsFile } from 'diffiir/core';
import { DEMO_SAMPLE_RATE, getAudioContext } from './audio-context.js';
import { downloadBlob, readAudioFile, wavBlob } from './audio-files.js';
import {
  coefficientsJson,
  describeCoefficients,
  downloadText,
  fileFrames,
  importCoefficients,
} from './coefficients-io.js';
import { byId } from './dom.js';
import { drawLossCurve } from './loss-plot.js';
import { recordMicrophone } from './microphone.js';
import { outputBus } from './output-bus.js';
import { drawPoleZero } from './polezero-plot.js';
import { drawResponse, type ResponseTrace } from './response-plot.js';
import {
  checkLearningRate,
  checkSteps,
  importProblem,
  liveWarning,
  MAX_JSON_BYTES,
  runFailure,
} from './run-checks.js';
import { computeSpectrogram, drawSpectrogram, type Spectrogram } from './spectrogram.js';
import { errorText, type StatusKind, showStatus } from './status.js';
import { hooks } from './test-hooks.js';
import { TrainAudio } from './train-audio.js';
import {
  type ModelSnapshot,
  SPECTROGRAM_STFT,
  type TrainReply,
  type TrainRequest,
} from './train-protocol.js';
import { FREQS, middleFrame, modelTrace, response, targetTrace } from './train-traces.js';
import {
  buildTrainingData,
  type SourceKind,
  type TargetKind,
  type TrainingData,
  type UserSignals,
} from './training-data.js';

/** Length of the training signals: 0.5 s keeps a step in the tens of milliseconds. */
const TRAIN_SAMPLES = DEMO_SAMPLE_RATE / 2;
/** Redraw the response, poles and output spectrogram at most this often. */
const PLOT_INTERVAL_MS = 400;
/** Control-frame hop of the time-varying model: 10 ms. */
const TV_HOP = DEMO_SAMPLE_RATE / 100;
/** Target files: only this much is read and decoded. */
const MAX_FILE_SECONDS = 10;
const SPEC = { ...SPECTROGRAM_STFT, sampleRate: DEMO_SAMPLE_RATE };

type Phase = 'idle' | 'running' | 'done' | 'failed' | 'stopped';

/** Everything the panel shows, in one place. */
interface TrainState {
  phase: Phase;
  user: UserSignals;
  fileNote: string;
  data: TrainingData | null;
  history: number[];
  requestedSteps: number;
  snapshot: ModelSnapshot | null;
  /** Latest output signal of the model (for the WAV download) and its spectrogram. */
  output: Float32Array | null;
  outputSpectrogram: Spectrogram | null;
  imported: CoefficientsFile | null;
  status: { text: string; kind: StatusKind };
  /** What "play" means: hear the target or the learned output. */
  hear: 'target' | 'output';
  /** The play box is ticked: keep playing `hear` (the output starts with a run's first snapshot). */
  wantPlay: boolean;
  dirtyPlots: boolean;
}

/** Wires the panel; returns the handler of files dropped anywhere on the page. */
export function setupTrainPanel(): { dropFile: (f: File) => Promise<void> } {
  const el = {
    target: byId<HTMLSelectElement>('train-target'),
    file: byId<HTMLInputElement>('train-file'),
    fileNote: byId<HTMLElement>('train-file-note'),
    recordTarget: byId<HTMLButtonElement>('train-record-target'),
    source: byId<HTMLSelectElement>('train-source'),
    record: byId<HTMLButtonElement>('train-record'),
    settings: byId<HTMLFieldSetElement>('train-settings'),
    order: byId<HTMLSelectElement>('train-order'),
    model: byId<HTMLSelectElement>('train-model'),
    steps: byId<HTMLInputElement>('train-steps'),
    lr: byId<HTMLInputElement>('train-lr'),
    initLpc: byId<HTMLInputElement>('train-init-lpc'),
    run: byId<HTMLButtonElement>('train-run'),
    stop: byId<HTMLButtonElement>('train-stop'),
    hearTarget: byId<HTMLInputElement>('train-hear-target'),
    hearOutput: byId<HTMLInputElement>('train-hear-output'),
    ab: byId<HTMLButtonElement>('train-ab'),
    listen: byId<HTMLInputElement>('train-listen'),
    stopPlayback: byId<HTMLButtonElement>('train-stop-playback'),
    exportJson: byId<HTMLButtonElement>('train-export'),
    exportWav: byId<HTMLButtonElement>('train-download-wav'),
    importIn: byId<HTMLInputElement>('train-import'),
    hop: byId<HTMLInputElement>('train-import-hop'),
    playImport: byId<HTMLButtonElement>('train-play-import'),
    loss: byId<HTMLCanvasElement>('train-loss'),
    resp: byId<HTMLCanvasElement>('train-response'),
    pz: byId<HTMLCanvasElement>('train-polezero'),
    specTarget: byId<HTMLCanvasElement>('train-spec-target'),
    specOutput: byId<HTMLCanvasElement>('train-spec-output'),
  };

  const state: TrainState = {
    phase: 'idle',
    user: { file: null, targetRecording: null, recording: null },
    fileNote: '',
    data: null,
    history: [],
    requestedSteps: 0,
    snapshot: null,
    output: null,
    outputSpectrogram: null,
    imported: null,
    status: { text: '', kind: 'info' },
    hear: 'output',
    wantPlay: false,
    dirtyPlots: true,
  };
  let worker: Worker | null = null;
  let audio: TrainAudio | null = null;
  let lastPlot = 0;
  let targetDrawn: TrainingData | null = null;
  let targetTraceFor: { data: TrainingData; trace: ResponseTrace } | null = null;
  let outputDrawn: Spectrogram | null = null;
  let placeholderDrawn = false;
  let frame = 0;

  const say = (text: string, kind: StatusKind = 'info') => {
    state.status = { text, kind };
    scheduleRender();
  };

  // ---- render ------------------------------------------------------------------------------

  function scheduleRender(): void {
    if (!frame) frame = requestAnimationFrame(render);
  }

  function render(): void {
    frame = 0;
    const running = state.phase === 'running';
    el.settings.disabled = running;
    for (const c of [el.target, el.file, el.source, el.record, el.recordTarget]) c.disabled = running;
    el.run.disabled = running;
    el.stop.disabled = !running;
    const hasModel = state.snapshot !== null && state.phase !== 'idle';
    el.exportJson.disabled = !hasModel || running;
    el.exportWav.disabled = !state.output || running;
    el.playImport.disabled = !state.imported;
    el.stopPlayback.disabled = !audio?.playing;
    el.listen.checked = state.wantPlay;
    el.hearTarget.checked = state.hear === 'target';
    el.hearOutput.checked = state.hear === 'output';
    el.fileNote.textContent = state.fileNote;
    showStatus('train-status', state.status.text, state.status.kind);
    drawLossCurve(el.loss, state.history, Math.max(1, state.requestedSteps));
    if (state.dirtyPlots && performance.now() - lastPlot >= PLOT_INTERVAL_MS) drawPlots();
    else if (state.dirtyPlots) setTimeout(scheduleRender, PLOT_INTERVAL_MS);
    hooks.train.running = running;
    hooks.train.phase = state.phase;
    hooks.train.output = audio?.output ?? null;
    hooks.train.node = audio?.node ?? null;
    hooks.train.playing = audio?.playing ?? null;
  }

  function drawPlots(): void {
    state.dirtyPlots = false;
    lastPlot = performance.now();
    const d = state.data;
    if (d && targetTraceFor?.data !== d) targetTraceFor = { data: d, trace: targetTrace(d) };
    const traces: ResponseTrace[] = d && targetTraceFor ? [targetTraceFor.trace] : [];
    const s = state.snapshot;
    if (s?.stable && state.phase !== 'idle') {
      traces.push(modelTrace(s));
      drawPoleZero(el.pz, middleFrame(s).a, `step ${s.step}`);
    } else if (state.imported) {
      const f = state.imported;
      const v = fileFrames(f);
      const m = Math.floor(f.frames / 2);
      const mid = v.a[m];
      traces.push({
        label: `imported${f.frames > 1 ? ' (middle frame)' : ''}`,
        color: '#ffa657',
        mag: response(mid, v.gains[m]),
      });
      drawPoleZero(el.pz, mid, 'imported');
    } else drawPoleZero(el.pz, [], 'press Train');
    drawResponse(el.resp, FREQS, traces);
    // The target's spectrogram is drawn once per target; the output's comes from the worker.
    if (d && d !== targetDrawn) {
      targetDrawn = d;
      drawSpectrogram(el.specTarget, computeSpectrogram(d.target, SPEC.fftSize, SPEC.hop), SPEC);
    }
    if (state.outputSpectrogram && state.phase !== 'idle') {
      if (state.outputSpectrogram !== outputDrawn) {
        outputDrawn = state.outputSpectrogram;
        drawSpectrogram(el.specOutput, state.outputSpectrogram, SPEC);
      }
    } else if (outputDrawn !== null || !placeholderDrawn) {
      outputDrawn = null;
      placeholderDrawn = true;
      placeholder(el.specOutput, 'the model’s output appears here while it trains');
    }
    hooks.train.plotUpdates++;
  }

  function placeholder(c: HTMLCanvasElement, text: string): void {
    const g = c.getContext('2d');
    if (!g) return;
    g.fillStyle = '#0f1419';
    g.fillRect(0, 0, c.width, c.height);
    g.fillStyle = '#8a9aa8';
    g.font = '12px sans-serif';
    g.fillText(text, 12, c.height / 2);
  }

  // ---- data --------------------------------------------------------------------------------

  function currentData(): TrainingData {
    return buildTrainingData(
      el.target.value as TargetKind,
      el.source.value as SourceKind,
      TRAIN_SAMPLES,
      DEMO_SAMPLE_RATE,
      state.user,
    );
  }

  /** While idle: the chosen target's spectrogram and response. */
  function preview(): void {
    if (state.phase === 'running') return;
    try {
      state.data = currentData();
    } catch {
      state.data = null; // a file or recording is missing: Train says so
    }
    state.dirtyPlots = true;
    scheduleRender();
  }

  // ---- training ----------------------------------------------------------------------------

  function run(): void {
    const steps = checkSteps(el.steps.value);
    const lr = checkLearningRate(el.lr.value);
    if (steps.error !== undefined || lr.error !== undefined) {
      say(`Not started: ${steps.error ?? lr.error}`, 'error');
      return;
    }
    let data: TrainingData;
    try {
      data = currentData();
    } catch (e) {
      say(`Not started: ${(e as Error).message}`, 'error');
      return;
    }
    stopWorker();
    state.phase = 'running';
    state.data = data;
    state.history = [];
    state.requestedSteps = steps.value;
    state.snapshot = null;
    state.output = null;
    state.outputSpectrogram = null;
    state.dirtyPlots = true;
    hooks.train.history = state.history;
    hooks.train.plotUpdates = 0;
    const request: TrainRequest = {
      type: 'train',
      input: Float64Array.from(data.input),
      target: Float64Array.from(data.target),
      model: el.model.value === 'tv-allpole' ? 'tv-allpole' : 'allpole',
      order: Number(el.order.value),
      hop: TV_HOP,
      initLpc: el.initLpc.checked,
      steps: steps.value,
      learningRate: lr.value,
      sampleRate: DEMO_SAMPLE_RATE,
      snapshotEvery: 5,
      outputEveryMs: 1000,
    };
    const w = new Worker(new URL('./train-worker.ts', import.meta.url), {
      type: 'module',
      name: 'diffiir-train',
    });
    worker = w;
    w.onmessage = (e: MessageEvent<TrainReply>) => {
      if (w === worker) onReply(e.data);
    };
    w.onerror = (e) => {
      if (w !== worker) return;
      stopWorker();
      state.phase = 'failed';
      say(`Failed: the training worker crashed (${e.message}).`, 'error');
    };
    w.postMessage(request, [request.input.buffer, request.target.buffer]);
    // New data: what plays restarts with it (the output with the run's first snapshot).
    if (state.wantPlay) {
      if (state.hear === 'target') void play();
      else audio?.stop();
    }
    say(`Training on ${data.description} (in a worker)…`);
  }

  function onReply(m: TrainReply): void {
    if (m.type === 'progress') {
      state.history.push(m.loss);
      const warn = liveWarning(state.history);
      if (m.step % 5 === 0 || warn)
        say(
          `step ${m.step}/${state.requestedSteps}: loss ${m.loss.toPrecision(4)} (best ${m.bestLoss.toPrecision(4)})${warn ? ` — ${warn}` : ''}`,
          warn ? 'error' : 'info',
        );
      else scheduleRender();
    } else if (m.type === 'snapshot') {
      adoptSnapshot(m.snapshot);
    } else if (m.type === 'done') {
      stopWorker();
      adoptSnapshot(m.snapshot);
      state.history.splice(0, state.history.length, ...Array.from(m.history));
      const failure = runFailure({
        history: m.history,
        bestLoss: m.bestLoss,
        requestedSteps: state.requestedSteps,
        steps: m.steps,
      });
      const first = state.history.find((v) => Number.isFinite(v)) ?? Number.NaN;
      const summary = `${m.steps} steps in ${(m.elapsedMs / 1000).toFixed(1)} s: loss ${first.toPrecision(4)} → ${m.bestLoss.toPrecision(4)} (best)${m.rollbacks ? `, ${m.rollbacks} rollbacks` : ''}`;
      state.phase = failure ? 'failed' : 'done';
      if (failure) say(`Failed: the run ${failure}. ${summary}.`, 'error');
      else say(`Done after ${summary}.`, 'ok');
    } else {
      stopWorker();
      state.phase = 'failed';
      say(`Failed: ${m.message}`, 'error');
    }
  }

  function adoptSnapshot(s: ModelSnapshot): void {
    state.snapshot = s;
    if (s.output) state.output = s.output;
    if (s.spectrogram) state.outputSpectrogram = s.spectrogram;
    state.dirtyPlots = true;
    audio?.push(s);
    if (state.wantPlay && state.hear === 'output' && audio?.playing !== 'output' && s.stable) void play();
    scheduleRender();
  }

  function stopWorker(): void {
    worker?.terminate();
    worker = null;
  }

  function stop(): void {
    if (state.phase !== 'running') return;
    stopWorker();
    state.phase = 'stopped';
    say(
      `Stopped after ${state.history.length} of ${state.requestedSteps} steps; the last snapshot (step ${state.snapshot?.step ?? 0}) is kept.`,
    );
  }

  // ---- sound -------------------------------------------------------------------------------

  async function audioOut(): Promise<TrainAudio> {
    const ctx = await getAudioContext();
    hooks.context = ctx;
    audio ??= new TrainAudio(ctx, (message) => {
      hooks.train.faults.push(message);
      const v = outputBus(ctx).voice('train');
      if (v.silenced) return;
      v.fadeOut();
      say(`Playback filter fault: ${message}. Playback faded out; press play again to retry.`, 'error');
    });
    return audio;
  }

  /** Plays what `state.hear` selects (target, or the learned output when there is a model). */
  async function play(): Promise<void> {
    state.wantPlay = true;
    const a = await audioOut();
    if (!state.wantPlay) return;
    const d = state.data ?? (preview(), state.data);
    if (!d) {
      say('Nothing to play yet: choose a target (and record or load it).', 'error');
      a.stop();
    } else if (state.hear === 'target') await a.playTarget(d);
    else if (state.snapshot?.stable && state.phase !== 'idle') await a.playOutput(d, state.snapshot);
    else {
      // Nothing learned yet: the output starts with the next run's first snapshot.
      a.stop();
      if (state.phase !== 'running') say('The learned output plays as soon as you press Train.');
    }
    if (!state.wantPlay) a.stop();
    scheduleRender();
  }

  function stopSound(): void {
    state.wantPlay = false;
    audio?.stop();
    scheduleRender();
  }

  // ---- files -------------------------------------------------------------------------------

  async function loadTargetFile(f: File): Promise<void> {
    if (state.phase === 'running') {
      say(`Not loaded: ${f.name} would change the running target; stop the run first.`, 'error');
      return;
    }
    try {
      const ctx = await getAudioContext();
      say(`Reading ${f.name}…`);
      const r = await readAudioFile(ctx, f, MAX_FILE_SECONDS);
      state.user.file = r.signal;
      state.fileNote = `Target file ${f.name}: ${r.note}; the first ${(TRAIN_SAMPLES / DEMO_SAMPLE_RATE).toFixed(1)} s is the target.`;
      el.target.value = 'file';
      preview();
      say(`Loaded ${f.name} (${r.note}).`, 'ok');
    } catch (e) {
      say(`Could not load ${f.name}: ${(e as Error).message}`, 'error');
    }
  }

  async function importFile(f: File): Promise<void> {
    try {
      if (f.size > MAX_JSON_BYTES) throw new Error(`it is ${(f.size / 1e6).toFixed(1)} MB (limit 20 MB)`);
      const hop = Number(el.hop.value);
      if (!(Number.isInteger(hop) && hop >= 1))
        throw new Error(`the PyTorch hop must be a whole number ≥ 1 (got ${el.hop.value})`);
      const file = importCoefficients(await f.text(), hop, DEMO_SAMPLE_RATE);
      const problem = importProblem(file);
      if (problem) throw new Error(problem);
      state.imported = file;
      hooks.train.lastImport = {
        order: file.order,
        frames: file.frames,
        hop: file.hop,
        coefficients: fileFrames(file).a,
        gain: file.domain === 'direct' ? file.gain : Math.exp(file.logGain[0]),
      };
      state.dirtyPlots = true;
      say(`Imported ${f.name}: ${describeCoefficients(file)}.`, 'ok');
    } catch (e) {
      say(`Refused ${f.name}: ${errorText(e).replace(/^\w*Error: /, '')}`, 'error');
    }
  }

  async function playImported(): Promise<void> {
    const f = state.imported;
    if (!f) return;
    const a = await audioOut();
    const src = (
      el.source.value === 'mic' && state.user.recording
        ? 'mic'
        : el.source.value === 'example'
          ? 'noise'
          : el.source.value
    ) as SourceKind;
    state.wantPlay = false;
    try {
      say(`Playing imported coefficients (${describeCoefficients(f)}) on ${src}.`, 'ok');
      await a.playImport(
        f,
        (T) => buildTrainingData('example-eq', src, T, DEMO_SAMPLE_RATE, state.user).input,
      );
    } catch (e) {
      a.stop();
      say(`Refused to play: ${(e as Error).message}.`, 'error');
    }
    scheduleRender();
  }

  async function record(which: 'target' | 'source'): Promise<void> {
    const btn = which === 'target' ? el.recordTarget : el.record;
    btn.disabled = true;
    say(`Recording the ${which} (2 s) from the microphone…`);
    try {
      const ctx = await getAudioContext();
      const r = await recordMicrophone(ctx, 2);
      if (typeof r === 'string') say(r, 'error');
      else {
        if (which === 'target') {
          state.user.targetRecording = r;
          el.target.value = 'mic';
        } else {
          state.user.recording = r;
          el.source.value = 'mic';
        }
        preview();
        say(`Recorded ${(r.length / ctx.sampleRate).toFixed(2)} s; ${which} set to the recording.`, 'ok');
      }
    } catch (e) {
      say(errorText(e), 'error');
    } finally {
      btn.disabled = false;
      scheduleRender();
    }
  }

  // ---- wiring ------------------------------------------------------------------------------

  el.run.addEventListener('click', run);
  el.stop.addEventListener('click', stop);
  el.target.addEventListener('change', preview);
  el.source.addEventListener('change', preview);
  el.listen.addEventListener('change', () => (el.listen.checked ? void play() : stopSound()));
  el.stopPlayback.addEventListener('click', stopSound);
  const hear = (h: 'target' | 'output') => {
    state.hear = h;
    if (state.wantPlay) void play();
    else scheduleRender();
  };
  el.hearTarget.addEventListener('change', () => hear('target'));
  el.hearOutput.addEventListener('change', () => hear('output'));
  el.ab.addEventListener('click', () => {
    state.hear = state.hear === 'target' ? 'output' : 'target';
    void play();
  });
  el.exportJson.addEventListener('click', () => {
    const s = state.snapshot;
    if (!s) return;
    const text = coefficientsJson(s.file);
    hooks.train.lastExport = text;
    downloadText(text, `diffiir-coefficients-order${s.order}.json`);
  });
  el.exportWav.addEventListener('click', () => {
    if (state.output) downloadBlob(wavBlob(state.output, DEMO_SAMPLE_RATE), 'diffiir-output.wav');
  });
  el.importIn.addEventListener('change', () => {
    const f = el.importIn.files?.[0];
    if (f) void importFile(f);
  });
  el.playImport.addEventListener('click', () => void playImported());
  el.file.addEventListener('change', () => {
    const f = el.file.files?.[0];
    if (f) void loadTargetFile(f);
  });
  el.recordTarget.addEventListener('click', () => void record('target'));
  el.record.addEventListener('click', () => void record('source'));

  preview();
  return {
    /** A file dropped on the page: coefficients JSON → import, anything else → target audio. */
    dropFile: (f: File) => {
      const json = /\.json$/i.test(f.name) || f.type.includes('json');
      return json ? importFile(f) : loadTargetFile(f);
    },
  };
}
