/**
 * Child process of bench/train-memory.ts and tests/unit/train-memory.test.ts: trains the
 * time-varying model (order 16, hop 10 ms, MR-STFT) on `seconds` of synthetic 48 kHz audio with
 * segment training, and prints one JSON line with its memory: resident set and heap before
 * training (signals and model built) and the peak during training (sampled every step).
 * Usage: tsx bench/train-memory-child.ts <seconds> [steps] [segmentSeconds]
 */
import { gaussian, mulberry32 } from '../src/core/random/mulberry32.js';
import { createModel } from '../src/train/models/create-model.js';
import { TrainingSession } from '../src/train/session.js';

const seconds = Number(process.argv[2] ?? 60);
const steps = Number(process.argv[3] ?? 10);
const segmentSeconds = Number(process.argv[4] ?? 1);
const fs = 48000;
const T = Math.round(seconds * fs);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

gc();
const rss0 = process.memoryUsage.rss();
// Target: noise through a slowly moving two-pole resonance (sweeps 300–3000 Hz every 2 s).
const g = gaussian(mulberry32(5));
const input = new Float32Array(T);
const target = new Float32Array(T);
let y1 = 0;
let y2 = 0;
for (let t = 0; t < T; t++) {
  const x = g();
  input[t] = x;
  const f = 300 + 2700 * (0.5 + 0.5 * Math.sin((2 * Math.PI * t) / (2 * fs)));
  const r = 0.98;
  const y = 0.1 * x + 2 * r * Math.cos((2 * Math.PI * f) / fs) * y1 - r * r * y2;
  y2 = y1;
  y1 = y;
  target[t] = y;
}
const model = createModel(
  { kind: 'tv-allpole', order: 16, hop: fs / 100 },
  { target, input, sampleRate: fs },
);
const session = new TrainingSession({
  model,
  input,
  target,
  loss: 'mrstft',
  learningRate: 0.01,
  segment: { length: Math.round(segmentSeconds * fs), warmup: 4096, evalSegments: 2, evalEvery: 1000 },
  progressEvery: 1,
  onProgress: () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  },
});
gc();
const rssBefore = process.memoryUsage.rss();
const heapBefore = process.memoryUsage().heapUsed;
let peakRss = rssBefore;
let peakHeap = heapBefore;
const t0 = performance.now();
const res = await session.run(steps);
const ms = performance.now() - t0;
peakRss = Math.max(peakRss, process.memoryUsage.rss());
const MB = 1 / (1024 * 1024);
console.log(
  JSON.stringify({
    seconds,
    samples: T,
    steps: res.steps,
    status: res.status,
    msPerStep: ms / Math.max(1, res.steps),
    startRssMB: rss0 * MB,
    signalsMB: 2 * 4 * T * MB,
    paramsMB: 8 * model.params.length * MB,
    rssBeforeTrainingMB: rssBefore * MB,
    peakRssMB: peakRss * MB,
    trainingRssMB: (peakRss - rssBefore) * MB,
    trainingHeapMB: (peakHeap - heapBefore) * MB,
  }),
);
