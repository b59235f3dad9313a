/**
 * Training memory benchmark (not a test; issue 10 item 4): segment training of the time-varying
 * model (order 16, hop 10 ms, MR-STFT, 1 s segments) on 1 and 10 minutes of synthetic 48 kHz
 * audio, each in a fresh Node process (bench/train-memory-child.ts). Prints the peak resident
 * memory of each run, what training added on top of the signals and parameters, and the ratio
 * of the two: memory is bounded by the segment, not the file. Target: < 1 GB at 10 minutes.
 * Then the whole `diffiir train` CLI run (decode, start, training, render, report, file writes)
 * on a generated 10-minute 48 kHz pair, per model kind (bench/cli-memory.ts): peak RSS per run.
 * Run: npm run bench:train (after bench/train.ts) or tsx bench/train-memory.ts [steps]
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { CLI_KINDS, measureCli } from './cli-memory.js';

const steps = process.argv[2] ?? '10';

interface Report {
  seconds: number;
  steps: number;
  status: string;
  msPerStep: number;
  signalsMB: number;
  paramsMB: number;
  peakRssMB: number;
  trainingRssMB: number;
}

function run(seconds: number): Report {
  const out = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--import',
      'tsx',
      new URL('./train-memory-child.ts', import.meta.url).pathname,
      String(seconds),
      steps,
      '1',
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop() as string) as Report;
}

const rows = [60, 600].map(run);
console.log('training memory (segment training, tv-allpole order 16, hop 480, 1 s segments, MR-STFT)');
for (const r of rows) {
  console.log(
    `  ${(r.seconds / 60).toFixed(0).padStart(2)} min: peak RSS ${r.peakRssMB.toFixed(0)} MB ` +
      `(signals ${r.signalsMB.toFixed(0)} MB float32, params ${r.paramsMB.toFixed(1)} MB, ` +
      `added by training ${r.trainingRssMB.toFixed(0)} MB); ${r.steps} steps, ${r.msPerStep.toFixed(0)} ms/step, ${r.status}`,
  );
}
const [a, b] = rows;
console.log(
  `  10 min / 1 min: peak ×${(b.peakRssMB / a.peakRssMB).toFixed(2)}, added by training ×${(b.trainingRssMB / a.trainingRssMB).toFixed(2)} ` +
    `(file ×10); target < 1024 MB at 10 min: ${b.peakRssMB < 1024 ? 'met' : 'MISSED'}`,
);

console.log('whole CLI run (diffiir train, 10 min of 48 kHz 16-bit audio, 20 steps; bench/cli-memory.ts)');
for (const r of measureCli(600, 20, Object.keys(CLI_KINDS))) {
  console.log(
    `  ${r.kind.padEnd(9)} ${CLI_KINDS[r.kind].join(' ').padEnd(38)} peak RSS ${r.peakRssMB.toFixed(0).padStart(5)} MB, ` +
      `${r.wallS.toFixed(1)} s; target < 1024 MB: ${r.peakRssMB < 1024 && r.code === 0 ? 'met' : 'MISSED'}`,
  );
}
console.log(
  `  load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
