/**
 * Core kernel benchmark: median wall time (ms) of single-threaded float64 runs.
 *
 *   npm run bench            readable table with ratios to the peers
 *   npm run bench -- --json  one JSON object { key: median ms }
 *
 * Peers (ms, measured elsewhere; the low end of each range is used for ratios):
 * scipy.signal.lfilter, torchlpc sample_wise_lpc, torchaudio.functional.lfilter.
 * Targets: every forward <= 0.7x its peer, every backward <= 2x our own forward.
 * Lattice and frame-rate model rows (lat16_*, model16_*) have no external peer: their peer
 * column is a case of the same run (the direct-form tv16 rows, then the bare lattice).
 * The machine is shared: medians of many repetitions after warm-up, still noisy under load.
 */
import { allpoleVjp } from '../src/core/allpole/adjoint.js';
import { allpole } from '../src/core/allpole/forward.js';
import { lattice } from '../src/core/allpole/lattice.js';
import { latticeJvp } from '../src/core/allpole/lattice-jvp.js';
import { latticeVjp, latticeVjpScratchLength } from '../src/core/allpole/lattice-vjp.js';
import { lfilter } from '../src/core/lti/lfilter.js';
import { lfilterVjp } from '../src/core/lti/lfilter-vjp.js';
import { reflectionToDirect } from '../src/core/params/reflection.js';
import { mulberry32 } from '../src/core/random/mulberry32.js';
import { chirp } from '../src/core/signals/chirp.js';
import { trackLattice } from '../src/core/track/track-lattice.js';
import { trackLatticeJvp, trackLatticeJvpScratchLength } from '../src/core/track/track-lattice-jvp.js';
import { trackLatticeVjp, trackLatticeVjpScratchLength } from '../src/core/track/track-lattice-vjp.js';

interface Case {
  key: string;
  /** External peer, or `=key` for a case of this run (then peerMs is ignored). */
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

/**
 * Reflection lattice, order M, a new k every sample (smooth random walk inside |k| < 0.9), and
 * the frame-rate model (hop 256) over the same signal: forward, VJP (checkpointed, caller
 * buffers) and JVP. Backward rows report their ratio to their own forward.
 */
function latticeCases(T: number, M: number): Case[] {
  const r = mulberry32(21);
  const K = new Float64Array(T * M);
  for (let m = 0; m < M; m++) K[m] = (2 * r() - 1) * 0.8;
  for (let t = 1; t < T; t++) {
    for (let m = 0; m < M; m++)
      K[t * M + m] = Math.max(-0.9, Math.min(0.9, K[(t - 1) * M + m] + 0.01 * (2 * r() - 1)));
  }
  const x = noise(T, 22);
  const g = noise(T, 23);
  const state = new Float64Array(M);
  const y = new Float64Array(T);
  const lv = {
    dx: new Float64Array(T),
    dK: new Float64Array(T * M),
    dzi: new Float64Array(M),
    scratch: new Float64Array(latticeVjpScratchLength(T, M)),
  };
  const tK = noise(T * M, 24);
  const lj = { dy: new Float64Array(T), scratch: new Float64Array(3 * M) };
  const hop = 256;
  const frames = Math.ceil(T / hop) + 1;
  const track = { k: noise(frames * M, 25).map((v) => 0.8 * v), logGain: noise(frames, 26), order: M, hop };
  const mv = {
    dKf: new Float64Array(frames * M),
    dlogGain: new Float64Array(frames),
    dx: new Float64Array(T),
    dzi: new Float64Array(M),
    scratch: new Float64Array(trackLatticeVjpScratchLength(T, M)),
  };
  const mdir = { k: noise(frames * M, 27), logGain: noise(frames, 28) };
  const mj = { dy: new Float64Array(T), scratch: new Float64Array(trackLatticeJvpScratchLength(M)) };
  const name = `lat${M}`;
  const model = `model${M}`;
  return [
    {
      key: `${name}_fwd`,
      peer: `=tv${M}_fwd`,
      peerMs: [0, 0],
      run: () => {
        state.fill(0);
        lattice(x, K, M, state, y);
      },
      floor: () => readAll(K),
    },
    {
      key: `${name}_bwd`,
      peer: `=tv${M}_bwd`,
      peerMs: [0, 0],
      forward: `${name}_fwd`,
      run: () => latticeVjp(g, x, K, M, null, lv),
      floor: () => readWrite(K, lv.dK),
    },
    {
      key: `${name}_jvp`,
      peer: `=tv${M}_fwd`,
      peerMs: [0, 0],
      forward: `${name}_fwd`,
      run: () => latticeJvp(x, K, M, null, x, tK, null, lj),
    },
    {
      key: `${model}_fwd`,
      peer: `=${name}_fwd`,
      peerMs: [0, 0],
      run: () => trackLattice(x, track, { out: y }),
    },
    {
      key: `${model}_bwd`,
      peer: `=${name}_bwd`,
      peerMs: [0, 0],
      forward: `${model}_fwd`,
      run: () => trackLatticeVjp(g, x, track, mv),
    },
    {
      key: `${model}_jvp`,
      peer: `=${name}_jvp`,
      peerMs: [0, 0],
      forward: `${model}_fwd`,
      run: () => trackLatticeJvp(x, track, mdir, mj),
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
    ...latticeCases(48000, 16),
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
    const inRun = c.peer.startsWith('=');
    const peerLow = inRun ? result[c.peer.slice(1)] : c.peerMs[0];
    const vsPeer = m.median / peerLow;
    let target: string;
    if (c.forward) {
      const f = result[c.forward];
      target = `${(m.median / f).toFixed(2)}x own fwd (<= 2: ${m.median <= 2 * f ? 'ok' : 'MISS'})`;
    } else if (inRun) target = '(peer: same run)';
    else target = `<= 0.7x peer: ${vsPeer <= 0.7 ? 'ok' : 'MISS'}`;
    const peer = inRun
      ? peerLow.toFixed(3)
      : c.peerMs[0] === c.peerMs[1]
        ? `${c.peerMs[0]}`
        : `${c.peerMs[0]}–${c.peerMs[1]}`;
    rows.push(
      `${c.key.padEnd(13)} ${m.median.toFixed(3).padStart(8)} ${m.min.toFixed(3).padStart(8)} ${floor.padStart(7)} ${String(m.reps).padStart(5)}  ` +
        `${(inRun ? c.peer.slice(1) : c.peer).padEnd(10)} ${peer.padStart(9)} ${vsPeer.toFixed(2).padStart(6)}x  ${target}`,
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
