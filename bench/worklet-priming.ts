/**
 * Does priming the worklet's kernels pay? The processor's constructor primes the exact kernels
 * its process() runs (prepareFromParams / prepareTrackLattice); this measures, in a fresh
 * process per sample (nothing warmed), for each order and mode:
 * - `prime`: the priming call's time (what the constructor adds, once);
 * - `first`: the first 128-sample render quantum through the kernel the processor runs
 *   (float64 gained input; params of length 1 = not automated, or 128 = automated per sample,
 *   Float32Array output, with the processor's column scratch; track mode: float64 output, the
 *   first 128 samples of a 3-frame track, hop 64, with a log-gain track, replayed each quantum);
 * - `steady`: per quantum after 2000 quanta, the fastest of 20 windows of 100 quanta (the least
 *   disturbed by other load; priming must not slow it down).
 * Unprimed and primed runs alternate; medians of `runs` fresh processes each.
 * Usage: npx tsx bench/worklet-priming.ts [runs=5] [orders=16,32]
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { allpoleFromParams, latticeFromParams } from '../src/core/allpole/from-params.js';
import { prepareFromParams } from '../src/core/allpole/prime-from-params.js';
import { prepareTrackLattice } from '../src/core/track/prime-track-lattice.js';
import { trackLatticeBlock } from '../src/core/track/track-lattice.js';

type Mode = 'reflection-const' | 'reflection-auto' | 'direct-const' | 'direct-auto' | 'track';
const MODES: Mode[] = ['reflection-const', 'reflection-auto', 'direct-const', 'direct-auto', 'track'];
const Q = 128;

/** One child run: JSON {prime, first, steady} in ms / µs / µs. */
function child(M: number, mode: Mode, primed: boolean): string {
  const x = Float64Array.from({ length: Q }, (_, t) => 0.1 * Math.sin(0.3 * t));
  const y = new Float32Array(Q);
  const y64 = new Float64Array(Q);
  const s = new Float64Array(M);
  const auto = mode.endsWith('auto');
  const scale = mode.startsWith('direct') ? 0.5 / M : 0.5;
  const P = Array.from({ length: M }, (_, i) =>
    auto
      ? Float32Array.from({ length: Q }, (_, t) => scale * Math.sin(0.01 * t + i))
      : new Float32Array(1).fill(scale * Math.sin(i)),
  );
  const frames = 3;
  const K = Float64Array.from({ length: frames * M }, (_, i) => 0.5 * Math.sin(i));
  const G = Float64Array.from({ length: frames }, (_, i) => -0.1 * i);
  const C = new Float32Array(M * Q); // the processor's column scratch (core param-columns.ts)
  const quantum =
    mode === 'track'
      ? () => trackLatticeBlock(x, y64, Q, K, G, M, frames, 64, 0, s)
      : mode.startsWith('reflection')
        ? () => latticeFromParams(x, P, M, s, y, 0.999999, C)
        : () => allpoleFromParams(x, P, M, s, y, C);
  let prime = 0;
  if (primed) {
    const t0 = performance.now();
    if (mode === 'track') prepareTrackLattice(M);
    else prepareFromParams(M, mode.startsWith('reflection') ? 'reflection' : 'direct');
    prime = performance.now() - t0;
  }
  const t1 = performance.now();
  quantum();
  const first = (performance.now() - t1) * 1e3;
  for (let q = 1; q < 2000; q++) quantum();
  let steady = Number.POSITIVE_INFINITY;
  for (let w = 0; w < 20; w++) {
    const t2 = performance.now();
    for (let q = 0; q < 100; q++) quantum();
    steady = Math.min(steady, ((performance.now() - t2) / 100) * 1e3);
  }
  return JSON.stringify({ prime, first, steady });
}

const [a1, a2, a3, a4] = process.argv.slice(2);
if (a1 === 'child') {
  console.log(child(Number(a2), a3 as Mode, a4 === 'primed'));
} else {
  const runs = Number(a1 ?? 5);
  const orders = (a2 ?? '16,32').split(',').map(Number);
  const self = fileURLToPath(import.meta.url);
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
  const once = (M: number, mode: Mode, v: string) =>
    JSON.parse(
      execFileSync(process.execPath, [tsx, self, 'child', String(M), mode, v], { encoding: 'utf8' }),
    );
  const med = (a: number[]) => [...a].sort((p, q) => p - q)[a.length >> 1];
  console.log(
    `load average before: ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}; median of ${runs}`,
  );
  console.log('order mode              first µs unprimed → primed   steady µs unprimed / primed   prime ms');
  for (const M of orders) {
    for (const mode of MODES) {
      const u: { first: number; steady: number }[] = [];
      const p: { prime: number; first: number; steady: number }[] = [];
      for (let r = 0; r < runs; r++) {
        u.push(once(M, mode, 'unprimed'));
        p.push(once(M, mode, 'primed'));
      }
      const f = (v: number) => v.toFixed(1).padStart(7);
      console.log(
        `${String(M).padStart(5)} ${mode.padEnd(17)} ${f(med(u.map((r) => r.first)))} → ${f(med(p.map((r) => r.first)))}` +
          `          ${f(med(u.map((r) => r.steady)))} / ${f(med(p.map((r) => r.steady)))}` +
          `          ${med(p.map((r) => r.prime)).toFixed(2)}`,
      );
    }
  }
  console.log(
    `load average after: ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
}
