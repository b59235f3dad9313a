/**
 * Training benchmark (not a test): 500 MR-STFT steps (auraloss resolutions) of a time-invariant
 * order-16 all-pole model (reflection parameterisation, with gain) on 1 s of audio at 48 kHz.
 * Target: ≤ 20 s total. Prints the median step, the loss/backward split and the total, and, when
 * python3 with torch is present, PyTorch's torch.stft MR-STFT forward + backward on the same machine
 * (bench/torch_mrstft.py) and the ratio (target: diffiir ≤ 0.5× PyTorch); otherwise says it skipped.
 * The peer compares the MR-STFT loss + gradient only (the filter is not in it: torchlpc is optional).
 * The interpreter is `$PYTHON` when set (one with torch), else `python3`.
 * Run: [PYTHON=<python with torch>] npm run bench:train [-- steps]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { allpole } from '../src/core/allpole/forward.js';
import { reflectionToDirect } from '../src/core/params/reflection.js';
import { gaussian, mulberry32 } from '../src/core/random/mulberry32.js';
import { createMrStftLoss } from '../src/train/loss/mrstft.js';
import { AllPoleModel } from '../src/train/models/allpole-model.js';
import { TrainingSession } from '../src/train/session.js';

const steps = Number(process.argv[2] ?? 500);
const fs = 48000;
const T = fs;
const M = 16;
const rand = mulberry32(2024);
const g = gaussian(rand);
const input = Float64Array.from({ length: T }, () => g());
const aTrue = reflectionToDirect(
  Float64Array.from({ length: M }, () => (2 * rand() - 1) * 0.7),
) as Float64Array;
const target = allpole(input, aTrue, M).y as Float64Array;

const model = new AllPoleModel({ order: M, parameterisation: 'reflection', gain: true });
const loss = createMrStftLoss(target);
const session = new TrainingSession({ model, input, target, loss, learningRate: 0.01 });

const times = new Float64Array(steps);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < steps; i++) {
  const s = performance.now();
  session.step();
  times[i] = performance.now() - s;
}
const total = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const res = session.finish();

// split of one step: MR-STFT value+gradient vs model forward/backward
const y = Float64Array.from(model.forward(input));
const gy = new Float64Array(T);
const gp = new Float64Array(model.params.length);
const reps = 21;
const tls = new Float64Array(reps);
const tms = new Float64Array(reps);
for (let r = 0; r < reps; r++) {
  let s = performance.now();
  loss.compute(y, gy);
  tls[r] = performance.now() - s;
  s = performance.now();
  model.forward(input);
  model.backward(gy, gp);
  tms[r] = performance.now() - s;
}
const medianOf = (v: Float64Array): number => Float64Array.from(v).sort()[v.length >> 1];
const tl = medianOf(tls);
const tm = medianOf(tms);
const sorted = Array.from(times).sort((a, b) => a - b);
const median = sorted[Math.floor(steps / 2)];
console.log(`bench:train — ${steps} MR-STFT steps, TI all-pole order ${M}, T = ${T} (1 s @ ${fs} Hz)`);
console.log(
  `  median step ${median.toFixed(2)} ms  (p10 ${sorted[Math.floor(steps * 0.1)].toFixed(2)}, p90 ${sorted[Math.floor(steps * 0.9)].toFixed(2)})`,
);
console.log(
  `  per step (median of ${reps}): MR-STFT loss+grad ${tl.toFixed(2)} ms, model forward+backward ${tm.toFixed(2)} ms`,
);
console.log(
  `  CPU time ${(cpuMs / 1000).toFixed(2)} s (${(cpuMs / steps).toFixed(2)} ms/step; wall time inflates on a loaded machine)`,
);
console.log(
  `  total ${(total / 1000).toFixed(2)} s wall (target ≤ 20 s)  loss ${res.history[0].toFixed(4)} → best ${res.bestLoss.toFixed(4)}`,
);

// PyTorch peer (same resolutions, same length, loss + gradient only), when $PYTHON has torch
const lossMs = tl;
const python = process.env.PYTHON || 'python3';
const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
if (probe.status !== 0) {
  console.log(
    `  PyTorch peer: skipped (\`${python} -c "import torch"\` failed; set PYTHON to an interpreter with torch)`,
  );
} else {
  const script = fileURLToPath(new URL('./torch_mrstft.py', import.meta.url));
  const r = spawnSync(python, [script, '50'], { encoding: 'utf8' });
  const m = /torch_mrstft_ms ([\d.]+)/.exec(r.stdout ?? '');
  if (m === null) console.log(`  PyTorch peer: failed (${(r.stderr ?? '').trim().split('\n').pop()})`);
  else {
    const torchMs = Number(m[1]);
    console.log(
      `  PyTorch torch.stft MR-STFT loss+grad ${torchMs.toFixed(2)} ms; diffiir/PyTorch = ${(lossMs / torchMs).toFixed(2)} (target ≤ 0.5)`,
    );
  }
}
