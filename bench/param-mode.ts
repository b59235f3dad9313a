/**
 * Node harness of the AudioWorklet processor's param mode (not a test):
 * `npx tsx bench/param-mode.ts [reps]`. Drives process() of the real processor (through the
 * worklet shim of tests/unit) in 128-sample quanta, one channel, order 16, as Chrome would call
 * it, and prints the steady-state median ns per sample (after 20,000 warm-up quanta, over
 * `reps` runs of 375 quanta = 1 s at 48 kHz: median wall time, median process CPU time, and the
 * fastest wall time) of:
 * - 'reflection' and 'direct' param modes with the 16 coefficients and the gain automated
 *   (every param array of length 128, values changing per sample) and constant (length 1);
 * - track mode (hop 16, log-gains: k and gain change every sample) as the peer;
 * - a bare loop that only copies the input to the output (the harness's own floor).
 * A distinct parameters object per quantum, built ahead of the timing (Chromium 156 in fact passes the
 * same frozen object every quantum, so this is the harder case). Timing on a shared machine
 * is noisy: compare rows of the same run, and note the load average printed at the end.
 */
import { loadavg } from 'node:os';
import { advanceFrame, createProcessor, loadProcessors } from '../tests/unit/worklet-shim.js';

const M = 16;
const Q = 128;
const QUANTA = 375;
const WARMUP = 20000;
const reps = Number(process.argv[2] ?? 15);
/** Distinct param sets cycled through (see paramSource). */
const RING = 8;

await loadProcessors();

const k0 = Array.from({ length: M }, (_, i) => 0.6 * Math.cos(i + 1) * 0.9 ** i);
const k1 = k0.map((v, i) => -0.5 * v + 0.1 * Math.sin(i));
/** Input: a 220 Hz sawtooth, like the browser bench's source. */
const x = new Float32Array(Q * QUANTA);
for (let t = 0; t < x.length; t++) x[t] = 2 * ((t * 220) / 48000 - Math.floor((t * 220) / 48000)) - 1;

type Variant = 'reflection' | 'direct' | 'reflection-const' | 'direct-const' | 'track' | 'copy';

/**
 * The param arrays of quantum q: ramps over a ring of RING quanta (or constant), one object per
 * quantum. A small ring keeps them cache-resident, as Chrome's reused param buffers are (375
 * distinct sets, 3 MB, made the automated rows measure cache misses).
 */
function paramSource(
  domain: 'reflection' | 'direct',
  automated: boolean,
): (q: number) => Record<string, Float32Array> {
  const scale = domain === 'direct' ? 0.05 : 1;
  const prefix = domain === 'direct' ? 'a' : 'k';
  const n = automated ? Q : 1;
  const arrays: Float32Array[][] = []; // [quantum][param]
  for (let q = 0; q < RING; q++) {
    const row: Float32Array[] = [];
    for (let i = 0; i < M; i++) {
      const p = new Float32Array(n);
      for (let t = 0; t < n; t++) {
        const w = (q * Q + t) / (Q * RING);
        p[t] = scale * ((1 - w) * k0[i] + w * k1[i]);
      }
      row.push(p);
    }
    const g = new Float32Array(n);
    for (let t = 0; t < n; t++) g[t] = 0.5 - (0.25 * (q * Q + t)) / (Q * RING);
    row.push(g);
    arrays.push(row);
  }
  // One parameters object per quantum, built ahead (the harness's own work stays out of the
  // timing; Chrome builds its object natively, and the browser floor pays for that).
  const objects = arrays.map((row) => {
    const o: Record<string, Float32Array> = {};
    for (let i = 0; i < M; i++) o[`${prefix}${i + 1}`] = row[i];
    o.gain = row[M];
    return o;
  });
  return (q) => objects[q % RING];
}

function run(variant: Variant): { wall: number; cpu: number; min: number } {
  const inBuf = new Float32Array(Q);
  const outBuf = new Float32Array(Q);
  const inputs = [[inBuf]];
  const outputs = [[outBuf]];
  let step: (q: number) => void;
  if (variant === 'copy') {
    step = () => {
      outBuf.set(inBuf);
    };
  } else if (variant === 'track') {
    const proc = createProcessor(`diffiir-allpole-t${M}`, 1);
    const hop = 16;
    const F = Math.ceil(((WARMUP + reps * QUANTA) * Q) / hop) + 2;
    const k = new Float64Array(F * M);
    const logGain = new Float64Array(F);
    for (let f = 0; f < F; f++) {
      const w = 0.5 + 0.5 * Math.sin(0.01 * f);
      for (let i = 0; i < M; i++) k[f * M + i] = (1 - w) * k0[i] + w * k1[i];
      logGain[f] = -1 + 0.5 * w;
    }
    proc.port.deliver({ type: 'track', start: 0, hop, k, logGain });
    const gain = new Float32Array(1).fill(1);
    step = () => {
      proc.process(inputs, outputs, { gain });
      advanceFrame(Q);
    };
  } else {
    const domain = variant.startsWith('direct') ? 'direct' : 'reflection';
    const proc = createProcessor(`diffiir-allpole-${domain === 'direct' ? 'd' : 'r'}${M}`, 1);
    const params = paramSource(domain, !variant.endsWith('-const'));
    step = (q) => {
      proc.process(inputs, outputs, params(q));
      advanceFrame(Q);
    };
  }
  let sink = 0;
  let cpu = 0;
  const once = (): number => {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let q = 0; q < QUANTA; q++) {
      inBuf.set(x.subarray(q * Q, q * Q + Q));
      step(q);
      sink += outBuf[7];
    }
    const wall = Number(process.hrtime.bigint() - t0) / (QUANTA * Q);
    const c = process.cpuUsage(c0);
    cpu = ((c.user + c.system) * 1e3) / (QUANTA * Q);
    return wall;
  };
  for (let w = 0; w < WARMUP / QUANTA; w++) once();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let r = 0; r < reps; r++) {
    walls.push(once());
    cpus.push(cpu);
  }
  if (sink === Number.MAX_VALUE) console.log(sink);
  return { wall: median(walls), cpu: median(cpus), min: Math.min(...walls) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const only = process.env.ONLY?.split(',');
const variants: Variant[] = ['copy', 'track', 'reflection', 'direct', 'reflection-const', 'direct-const'];
const load0 = loadavg()
  .map((v) => v.toFixed(2))
  .join(' ');
console.log('variant            ns/sample: wall median, CPU median, wall min');
for (const v of variants) {
  if (only && v !== 'copy' && !only.includes(v)) continue;
  const r = run(v);
  const f = (n: number) => n.toFixed(2).padStart(7);
  console.log(`${v.padEnd(18)} ${f(r.wall)} ${f(r.cpu)} ${f(r.min)}`);
}
const load1 = loadavg()
  .map((v) => v.toFixed(2))
  .join(' ');
console.log(`load average: ${load0} -> ${load1}`);
