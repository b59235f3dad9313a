/**
 * Core kernel benchmark: median wall time (ms) of single-threaded float64 runs.
 *
 *   npm run bench            readable table with ratios to the peers
 *   npm run bench -- --json  one JSON object { key: median ms }
 *
 * Peers (ms, measured elsewhere; the low end of each range is used for ratios):
 * scipy.signal.lfilter, torchlpc sample_wise_lpc, torchaudio.functional.lfilter.
 * Targets: every forward <= 0.7x its peer, every backward <= 2x our own forward.
 * The machine is shared: medians of many repetitions after warm-up, still noisy under load.
 */
import { allpoleVjp } from '../src/core/allpole/adjoint.js';
import { allpole } from '../src/core/allpole/forward.js';
import { lfilter } from '../src/core/lti/lfilter.js';
import { lfilterVjp } from '../src/core/lti/lfilter-vjp.js';
import { reflectionToDirect } from '../src/core/params/reflection.js';
import { mulberry32 } from '../src/core/random/mulberry32.js';
import { chirp } from '../src/core/signals/chirp.js';

interface Case {
  key: string;
  peer: string;
  /** Peer time range in ms [low, high]. */
  peerMs: [number, number];
  /** For a backward case: the key of its forward (target <= 2x that). */
  forward?: string;
  run: () => void;
  /** Memory-traffic floor: a plain loop touching the same big arrays (read A / read A + write dA). */
  floor?: () => void;
}

let sink = 0;

/** Streams through `a` once (four accumulators): the cost of just reading the coefficients. */
function readAll(a: Float64Array): void {
  let s0 = 0;
  let s1 = 0;
  const n = a.length;
  for (let i = 0; i + 1 < n; i += 2) {
    s0 += a[i];
    s1 += a[i + 1];
  }
  sink += s0 + s1;
}

/** Reads `a` and writes `b` once: the cost of reading A and writing dA. */
function readWrite(a: Float64Array, b: Float64Array): void {
  const n = a.length;
  for (let i = 0; i < n; i++) b[i] = -a[i];
}

/** A slowly varying stable T×M track (reflection coefficients interpolated, then step-up). */
function tvTrack(T: number, M: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  const k0 = Float64Array.from({ length: M }, () => (2 * rnd() - 1) * 0.9);
  const k1 = Float64Array.from({ length: M }, () => (2 * rnd() - 1) * 0.9);
  const A = new Float64Array(T * M);
  const k = new Float64Array(M);
  for (let t = 0; t < T; t++) {
    const w = t / T;
    for (let i = 0; i < M; i++) k[i] = (1 - w) * k0[i] + w * k1[i];
    reflectionToDirect(k, A.subarray(t * M, (t + 1) * M));
  }
  return A;
}

function noise(T: number, seed: number): Float64Array {
  const rnd = mulberry32(seed);
  return Float64Array.from({ length: T }, () => 2 * rnd() - 1);
}

function tvCases(
  T: number,
  M: number,
  name: string,
  peerFwd: [number, number],
  peerBwd: [number, number],
): Case[] {
  const A = tvTrack(T, M, 11 * M);
  const x = noise(T, 3);
  const g = noise(T, 4);
  const zi = noise(M, 5).map((v) => 0.1 * v);
  const y = new Float64Array(T);
  const zf = new Float64Array(M);
  const dx = new Float64Array(T);
  const dA = new Float64Array(T * M);
  const dzi = new Float64Array(M);
  allpole(x, A, M, zi, { y, zf });
  return [
    {
      key: `${name}_fwd`,
      peer: 'torchlpc',
      peerMs: peerFwd,
      run: () => allpole(x, A, M, zi, { y, zf }),
      floor: () => readAll(A),
    },
    {
      key: `${name}_bwd`,
      peer: 'torchlpc',
      peerMs: peerBwd,
      forward: `${name}_fwd`,
      run: () => allpoleVjp(g, y, A, M, zi, { dx, dA, dzi }),
      floor: () => readWrite(A, dA),
    },
  ];
}

function cases(): Case[] {
  const seedX = chirp(32000, 1, 1000, 16000);
  const seedY = new Float64Array(32000);
  const seedZf = new Float64Array(2);
  const b1 = [1, 0];
  const a1 = [1, -1.8, 0.81];

  const T8 = 48000;
  const rnd = mulberry32(8);
  const k8 = Float64Array.from({ length: 8 }, () => (2 * rnd() - 1) * 0.8);
  const a8tail = new Float64Array(8);
  reflectionToDirect(k8, a8tail);
  const a8 = [1, ...a8tail];
  const b8 = Array.from({ length: 9 }, () => 2 * rnd() - 1);
  const x8 = noise(T8, 9);
  const g8 = noise(T8, 10);
  const y8 = new Float64Array(T8);
  const zf8 = new Float64Array(8);
  lfilter(b8, a8, x8, null, { y: y8, zf: zf8 });
  const out8 = { db: new Float64Array(9), da: new Float64Array(9), dx: new Float64Array(T8) };

  return [
    {
      key: 'seed_lfilter',
      peer: 'scipy',
      peerMs: [0.19, 0.19],
      run: () => lfilter(b1, a1, seedX, null, { y: seedY, zf: seedZf }),
    },
    ...tvCases(48000, 16, 'tv16', [0.7, 1.0], [48, 48]),
    ...tvCases(16384, 20, 'tv20', [0.3, 0.5], [1.9, 3.1]),
    {
      key: 'lti8_fwd',
      peer: 'torchaudio',
      peerMs: [0.7, 1.0],
      run: () => lfilter(b8, a8, x8, null, { y: y8, zf: zf8 }),
    },
    {
      key: 'lti8_bwd',
      peer: 'torchaudio',
      peerMs: [4.6, 5.6],
      forward: 'lti8_fwd',
      run: () => lfilterVjp(b8, a8, x8, y8, g8, out8),
    },
  ];
}

/** Median ms after warm-up; repetitions sized to ~budgetMs of measuring (at least 25). */
function measure(run: () => void, budgetMs: number): { median: number; min: number; reps: number } {
  const now = () => Number(process.hrtime.bigint()) / 1e6;
  let t0 = now();
  let warm = 0;
  while (warm < 30 || now() - t0 < 300) {
    run();
    warm++;
  }
  const per = (now() - t0) / warm;
  const reps = Math.max(25, Math.min(2000, Math.round(budgetMs / Math.max(per, 1e-3))));
  const times = new Float64Array(reps);
  for (let r = 0; r < reps; r++) {
    t0 = now();
    run();
    times[r] = now() - t0;
  }
  times.sort();
  return { median: times[reps >> 1], min: times[0], reps };
}

function main(): void {
  const json = process.argv.includes('--json');
  const budget = Number(process.env.BENCH_BUDGET_MS ?? 1500);
  const list = cases();
  const result: Record<string, number> = {};
  const rows: string[] = [];
  for (const c of list) {
    const m = measure(c.run, budget);
    result[c.key] = Number(m.median.toFixed(4));
    const floor = c.floor && !json ? measure(c.floor, budget / 3).median.toFixed(3) : '';
    const vsPeer = m.median / c.peerMs[0];
    let target: string;
    if (c.forward) {
      const f = result[c.forward];
      target = `${(m.median / f).toFixed(2)}x own fwd (<= 2: ${m.median <= 2 * f ? 'ok' : 'MISS'})`;
    } else target = `<= 0.7x peer: ${vsPeer <= 0.7 ? 'ok' : 'MISS'}`;
    const peer = c.peerMs[0] === c.peerMs[1] ? `${c.peerMs[0]}` : `${c.peerMs[0]}–${c.peerMs[1]}`;
    rows.push(
      `${c.key.padEnd(13)} ${m.median.toFixed(3).padStart(8)} ${m.min.toFixed(3).padStart(8)} ${floor.padStart(7)} ${String(m.reps).padStart(5)}  ` +
        `${c.peer.padEnd(10)} ${peer.padStart(9)} ${vsPeer.toFixed(2).padStart(6)}x  ${target}`,
    );
  }
  if (json) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log('case           median      min   floor  reps  peer        peer ms  vs peer  target');
  for (const r of rows) console.log(r);
  console.log(
    '(ms, single thread, float64; ratios use the low end of the peer range; shared machine: noisy)',
  );
  console.log(
    '(floor: a plain loop that only reads A (fwd) or reads A and writes dA (bwd): memory traffic alone)',
  );
  if (sink === Number.MAX_VALUE) console.log(sink);
}

main();
