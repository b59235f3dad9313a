/**
 * FFT benchmark (not a test): the core's radix-4 FFT (src/core/spectral/radix4.ts) against fft.js
 * 4.x, which it replaced, on the same interleaved plain arrays; CPU time per transform, median and
 * p10 of 21 alternating rounds (robust to a loaded machine), and their largest difference.
 * Run: npx tsx bench/fft.ts
 */
import FFT from 'fft.js';
import { mulberry32 } from '../src/core/random/mulberry32.js';
import { Radix4Fft } from '../src/core/spectral/radix4.js';

const rand = mulberry32(1);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
for (const n of [2, 4, 8, 16, 512, 1024, 2048]) {
  const inp = Array.from({ length: 2 * n }, () => rand() - 0.5);
  const a = new Array(2 * n).fill(0);
  const b = new Array(2 * n).fill(0);
  const f = new FFT(n);
  const r = new Radix4Fft(n);
  f.transform(a, inp);
  r.transform(b, inp);
  let e = 0;
  for (let i = 0; i < 2 * n; i++) e = Math.max(e, Math.abs(a[i] - b[i]));
  const reps = Math.max(2000, (4e6 / n) | 0);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let round = 0; round < 21; round++) {
    let s = cpu();
    for (let i = 0; i < reps; i++) f.transform(a, inp);
    ta.push(cpu() - s);
    s = cpu();
    for (let i = 0; i < reps; i++) r.transform(b, inp);
    tb.push(cpu() - s);
  }
  ta.sort((x, y) => x - y);
  tb.sort((x, y) => x - y);
  console.log(
    `n = ${n}:`,
    'maxdiff',
    e.toExponential(1),
    'fft.js us',
    ((ta[10] / reps) * 1000).toFixed(2),
    'radix4 us',
    ((tb[10] / reps) * 1000).toFixed(2),
    'ratio med',
    (tb[10] / ta[10]).toFixed(2),
    'ratio p10',
    (tb[2] / ta[2]).toFixed(2),
  );
}
