/**
 * Do the worklet's kernels need priming? The worklet calls allpoleFromParams/latticeFromParams
 * once per 128-sample render quantum, so every call runs the whole function (no first long loop
 * that V8 would compile on-stack before the code after it has run, the case dispatch.ts primes
 * against). This measures, in a fresh process per variant, the steady-state time per quantum
 * after 20 000 quanta, unprimed vs primed as dispatch.ts primes (12 short calls first).
 * Usage: npx tsx bench/worklet-priming.ts [order] (runs both variants as child processes).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { allpoleFromParams, latticeFromParams } from '../src/core/allpole/from-params.js';

const M = Number(process.argv[2] ?? 16);
const mode = process.argv[3];

function run(primed: boolean): number {
  const Q = 128;
  const x = Float32Array.from({ length: Q }, (_, i) => Math.sin(i) * 0.1);
  const y = new Float32Array(Q);
  const s = new Float64Array(M);
  const sl = new Float64Array(M);
  const P = Array.from({ length: M }, (_, i) => new Float32Array(Q).fill((i % 2 ? -0.3 : 0.3) / (i + 1)));
  if (primed) {
    const xs = x.subarray(0, Math.min(Q, 3 * M + 2));
    const Ps = P.map((p) => p.subarray(0, xs.length));
    for (let r = 0; r < 12; r++) {
      allpoleFromParams(xs, Ps, M, s, y.subarray(0, xs.length));
      latticeFromParams(xs, Ps, M, sl, y.subarray(0, xs.length));
    }
  }
  for (let q = 0; q < 20000; q++) {
    allpoleFromParams(x, P, M, s.fill(0), y);
    latticeFromParams(x, P, M, sl.fill(0), y);
  }
  const t0 = performance.now();
  for (let q = 0; q < 20000; q++) {
    allpoleFromParams(x, P, M, s.fill(0), y);
    latticeFromParams(x, P, M, sl.fill(0), y);
  }
  return ((performance.now() - t0) / 20000) * 1e3;
}

if (mode === 'primed' || mode === 'unprimed') {
  console.log(run(mode === 'primed').toFixed(3));
} else {
  const self = fileURLToPath(import.meta.url);
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
  const once = (m: string) =>
    Number(execFileSync(process.execPath, [tsx, self, String(M), m], { encoding: 'utf8' }));
  const u: number[] = [];
  const p: number[] = [];
  for (let r = 0; r < 3; r++) {
    u.push(once('unprimed'));
    p.push(once('primed'));
  }
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[1];
  console.log(`order ${M}: µs per quantum (allpole + lattice params), median of 3 fresh processes`);
  console.log(
    `unprimed ${med(u).toFixed(2)}  primed ${med(p).toFixed(2)}  ratio ${(med(u) / med(p)).toFixed(2)}`,
  );
}
