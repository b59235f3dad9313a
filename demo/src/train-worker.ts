/**
 * The training panel's Worker (a module Worker built by Vite): builds the model, runs the
 * diffiir/train TrainingSession off the main thread and streams progress and model snapshots
 * (coefficients, gains, and now and then the output signal) back to the page. The page stops a
 * run by terminating the worker.
 */
import type { FilterModel } from 'diffiir/core';
import {
  AllPoleModel,
  createModel,
  paramsToReflection,
  rms,
  TrainingSession,
  TvAllPoleModel,
} from 'diffiir/train';
import { computeSpectrogram } from './spectrogram.js';
import {
  type ModelSnapshot,
  SPECTROGRAM_STFT,
  type TrainReply,
  type TrainRequest,
} from './train-protocol.js';

const scope = self as unknown as {
  postMessage(m: TrainReply, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<TrainRequest>) => void) | null;
};

function snapshot(
  model: FilterModel,
  step: number,
  input: Float64Array | null,
  sampleRate: number,
): ModelSnapshot {
  const stable = model.isStable();
  const a = model.coefficients();
  const frames = a.length / model.order;
  let k: Float64Array | null = null;
  let gains: Float64Array;
  if (model instanceof TvAllPoleModel) {
    k = new Float64Array(model.frames * model.order);
    paramsToReflection(model.parameterisation, model.params.subarray(0, k.length), k);
    gains = model.frameGains();
  } else gains = Float64Array.of(model.gain());
  const output = stable && input ? Float32Array.from(model.forward(input)) : null;
  const spectrogram = output
    ? computeSpectrogram(output, SPECTROGRAM_STFT.fftSize, SPECTROGRAM_STFT.hop)
    : null;
  return {
    step,
    order: model.order,
    hop: model.hop,
    frames,
    stable,
    a,
    k,
    gains,
    file: model.toCoefficientsFile(sampleRate),
    output,
    spectrogram,
  };
}

function transfers(s: ModelSnapshot): Transferable[] {
  const t: Transferable[] = [s.a.buffer, s.gains.buffer];
  if (s.k) t.push(s.k.buffer);
  if (s.output) t.push(s.output.buffer);
  if (s.spectrogram) t.push(s.spectrogram.db.buffer);
  return t;
}

function buildModel(r: TrainRequest): FilterModel {
  if (r.model === 'tv-allpole')
    return createModel(
      { kind: 'tv-allpole', order: r.order, hop: r.hop },
      { target: r.target, input: r.input, sampleRate: r.sampleRate },
    );
  const m = new AllPoleModel({ order: r.order, parameterisation: 'reflection', gain: true });
  if (r.initLpc) m.initFromTarget(r.target, r.input);
  else m.setGain(Math.max(rms(r.target), 1e-9) / Math.max(rms(r.input), 1e-9));
  return m;
}

async function run(r: TrainRequest): Promise<void> {
  const model = buildModel(r);
  let lastOutput = 0;
  const send = (step: number) => {
    const due = performance.now() - lastOutput >= r.outputEveryMs;
    if (due) lastOutput = performance.now();
    const s = snapshot(model, step, due ? r.input : null, r.sampleRate);
    scope.postMessage({ type: 'snapshot', snapshot: s }, transfers(s));
  };
  send(0);
  const session = new TrainingSession({
    model,
    input: r.input,
    target: r.target,
    steps: r.steps,
    learningRate: r.learningRate,
    loss: 'mrstft',
    progressEvery: 1,
    onProgress: (p) => {
      scope.postMessage({
        type: 'progress',
        step: p.step,
        loss: p.loss,
        bestLoss: p.bestLoss,
        rollbacks: p.rollbacks,
        elapsedMs: p.elapsedMs,
      });
      if (p.step % r.snapshotEvery === 0 && p.step < r.steps) send(p.step);
    },
  });
  const result = await session.run(r.steps);
  const s = snapshot(model, result.steps, r.input, r.sampleRate);
  scope.postMessage(
    {
      type: 'done',
      steps: result.steps,
      bestLoss: result.bestLoss,
      bestStep: result.bestStep,
      rollbacks: result.rollbacks,
      elapsedMs: result.elapsedMs,
      history: result.history,
      snapshot: s,
    },
    [...transfers(s), result.history.buffer],
  );
}

scope.onmessage = (e) => {
  run(e.data).catch((err: unknown) =>
    scope.postMessage({
      type: 'error',
      message: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    }),
  );
};
