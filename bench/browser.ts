/**
 * Browser benchmark of the all-pole AudioWorklet node (not a test): `npm run bench:browser`
 * (builds dist/ first) or
 * `tsx bench/browser.ts [--json] [--repeats N] [--seconds S] [--warm W] [--only kinds]`.
 *
 * Headless Debian chromium renders each graph at 48 kHz in OfflineAudioContext runs of S
 * seconds (default 12), after a warm-up render of the same graph. Every render is a fresh
 * context, hence a fresh AudioWorkletGlobalScope whose processor code starts cold
 * (interpreted, Maglev, then TurboFan; the TurboFan compile of a generated order-16 kernel takes
 * 20-35 ms on a background thread, longer on a loaded machine), so a whole render's time per
 * sample mixes JIT warm-up with the steady state. Each render is therefore suspended at W
 * seconds (default 4; `OfflineAudioContext.suspend`, resumed at once) and two figures are
 * reported:
 * - whole render: (t − t(empty)) / (UNITS × S·48000), what a render of S seconds costs;
 * - steady state: (t_tail − t_tail(empty)) / (UNITS × (S − W)·48000), the cost of the samples
 *   rendered after the warm-up point (same context, so no second render's warm-up to cancel).
 *   Warm-up check: the tail's second half alone (a second suspension) must cost the same per
 *   sample (within 15% or 3 ns), else a warning says to raise --warm; its figures are in the
 *   JSON (lateHalfNsPerSample). `--warm 0`: whole-render figures only.
 * Both in wall time and, where Linux /proc tells it, in CPU time of the render thread
 * ("Offline AudioWorklet": the graph, the parameter marshalling and the processors run there;
 * JIT compiles and GC helpers run on other threads), which a shared machine's load barely moves.
 * Graphs:
 * - ours: AllPoleFilterNode (dist/host, loaded as plain ESM) of order 16, every coefficient
 *   and the gain automated per sample (linear ramps: a-rate arrays of length 128), in the
 *   'reflection' (lattice) and 'direct' domains; and 'reflection' with constant coefficients;
 * - ours in track mode ({ control: 'track' }), order 16: a reflection track with a new frame
 *   every TRACK_HOP = 16 samples and a log-gain per frame, posted with playTrack, so k and the
 *   gain change on every sample (interpolated in the processor, no coefficient AudioParams);
 * - pass-through worklets (copy input to output): bare, and with 17 a-rate params automated
 *   like ours or left constant, what any worklet pays for Chromium's parameter marshalling
 *   (per param and quantum, not per ramp: constant params cost Chromium as much as ramping
 *   ones, a few ns/sample more for its 128-value constancy scan, so each param graph of ours
 *   is compared with the floor of the same kind);
 * - a native IIRFilterNode of order 16 (fixed coefficients);
 * - a cascade of 8 BiquadFilterNodes with a-rate automated frequency.
 * Each graph has UNITS parallel copies fed by one source; the render time of the bare source
 * graph ('empty') is subtracted, and the rest divided by UNITS × frames gives ns per unit-sample.
 * Ratios are taken against the native IIRFilterNode(16) of the same run, for every figure.
 * Targets: track mode <= 2.0x native IIR; the param mode's own cost (ours minus the
 * pass-through worklet with the same 17 params, automated or constant alike) <= 25 ns/sample.
 * Repeats run round-robin over the graphs and the median of N per graph is used. Wall time
 * varies with machine load: run it on a quiet machine, or read the CPU figures.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { Command } from 'commander';
import { chromiumLaunch } from '../playwright.config.js';

const program = new Command()
  .name('bench:browser')
  .option('--json', 'print JSON only')
  .option('--repeats <n>', 'timed renders per graph (median reported)', '5')
  .option('--seconds <s>', 'rendered duration of the long run', '12')
  .option('--warm <s>', 'warm-up point inside each render (0: none, whole-render figures only)', '4')
  .option('--only <kinds>', 'comma-separated graph kinds to run (diagnostics)')
  .parse();
const opts = program.opts<{
  json?: boolean;
  repeats: string;
  seconds: string;
  warm: string;
  only?: string;
}>();
const repeats = Math.max(1, Number.parseInt(opts.repeats, 10));
const seconds = Number(opts.seconds);
const SR = 48000;
const QUANTUM = 128;
/** Warm-up point in whole render quanta (suspend() works on quantum boundaries). */
const warmFrames = Math.round((Number(opts.warm) * SR) / QUANTUM) * QUANTUM;
const frames = Math.round(seconds * SR);
if (!(seconds > 0) || !(warmFrames >= 0 && warmFrames < frames)) {
  console.error('bench:browser: need --seconds > 0 and 0 <= --warm < --seconds');
  process.exit(1);
}
const warmSeconds = warmFrames / SR;
/** Middle of the tail, in whole quanta: the tail's second half checks that warm-up was over. */
const lateFrames = warmFrames + Math.floor((frames - warmFrames) / 2 / QUANTUM) * QUANTUM;

const root = resolve(import.meta.dirname, '..');
if (!existsSync(join(root, 'dist/host/index.js'))) {
  console.error('bench:browser: dist/host/index.js missing; run npm run build:web first');
  process.exit(1);
}

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head>
<body><script type="module">
import * as host from '/dist/host/index.js';
window.host = host;
document.title = 'bench ready';
</script></body></html>`;

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  if (path === '/bench.html') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
    return;
  }
  const file = join(root, path);
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404);
    res.end();
    return;
  }
  const type = extname(file) === '.js' ? 'text/javascript; charset=utf-8' : 'application/octet-stream';
  res.writeHead(200, { 'content-type': type });
  createReadStream(file).pipe(res);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const port = (server.address() as AddressInfo).port;

type GraphKind =
  | 'empty'
  | 'ours-track'
  | 'ours-track-k'
  | 'ours-reflection'
  | 'ours-direct'
  | 'ours-constant'
  | 'floor-automated'
  | 'floor-constant'
  | 'floor-bare'
  | 'iir'
  | 'biquad8';
const UNITS = 4;
const TRACK_HOP = 16;

/**
 * CPU time (ns) used so far by the render threads of OfflineAudioContexts ("Offline AudioWo…",
 * one at a time does work), from Linux /proc; 0 before such a thread exists (it has used
 * none yet, e.g. before the first render starts), -1 where /proc is not available.
 */
function renderThreadCpuNs(): number {
  let ns = 0;
  let found = false;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let tids: string[];
      try {
        tids = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue;
      }
      for (const tid of tids) {
        try {
          if (!readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith('Offline AudioWo')) continue;
          ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
          found = true;
        } catch {
          // the thread ended meanwhile
        }
      }
    }
  } catch {
    return -1;
  }
  return found ? ns : 0;
}

/**
 * One render's figures (ms), wall and CPU: the whole render, the samples after the warm-up
 * point (tail), and the samples of the tail's second half (late: the warm-up check).
 */
interface Timing {
  ms: number;
  tailMs: number;
  lateMs: number;
  cpuMs: number;
  tailCpuMs: number;
  lateCpuMs: number;
}

const browser = await chromium.launch(chromiumLaunch);
type Figures = Record<string, number>;
/** ns per unit-sample by graph kind: whole render and steady state, wall and CPU (see the header). */
const wall: Figures = {};
const steady: Figures = {};
const cpu: Figures = {};
const cpuSteady: Figures = {};
/** Steady-state ns per unit-sample over the tail's second half only (CPU when available). */
const lateHalf: Figures = {};
let cpuAvailable = true;
try {
  const page = await browser.newPage();
  await page.exposeFunction('benchCpuNs', renderThreadCpuNs);
  await page.goto(`http://127.0.0.1:${port}/bench.html`);
  await page.waitForFunction(() => document.title === 'bench ready');
  /** Renders `seconds` of graph `kind`, suspended once at `warmFrames` (if > 0): see Timing. */
  const render = (kind: GraphKind): Promise<Timing> =>
    page.evaluate(
      async ([kind, seconds, warmFrames, lateFrames, units, trackHop]) => {
        type Host = typeof import('../src/host/index.js');
        const host = (window as unknown as { host: Host }).host;
        const sr = 48000;
        const length = Math.round(seconds * sr);
        const end = length / sr;
        const ctx = new OfflineAudioContext({ numberOfChannels: 1, length, sampleRate: sr });
        await host.addAllPoleModule(ctx);
        // Reference floor: a pass-through AudioWorkletProcessor (copy input to output), bare or
        // with 17 a-rate params automated like ours: what any worklet pays for that automation.
        const floorSrc = `class F extends AudioWorkletProcessor {
          static get parameterDescriptors() {
            return Array.from({ length: 17 }, (_, i) => ({ name: 'p' + i, defaultValue: 0, automationRate: 'a-rate' }));
          }
          process(inputs, outputs) { const x = inputs[0][0]; if (x) outputs[0][0].set(x); return true; }
        }
        class B extends AudioWorkletProcessor {
          process(inputs, outputs) { const x = inputs[0][0]; if (x) outputs[0][0].set(x); return true; }
        }
        registerProcessor('bench-floor', F);
        registerProcessor('bench-bare', B);`;
        await ctx.audioWorklet.addModule(
          URL.createObjectURL(new Blob([floorSrc], { type: 'text/javascript' })),
        );
        const src = ctx.createOscillator(); // cheap, endless, deterministic source
        src.frequency.value = 220;
        src.type = 'sawtooth';
        src.start(0);
        const M = 16;
        const k0 = Array.from({ length: M }, (_, i) => 0.6 * Math.cos(i + 1) * 0.9 ** i);
        const k1 = k0.map((v, i) => -0.5 * v + 0.1 * Math.sin(i));
        for (let u = 0; u < units; u++) {
          if (kind === 'empty') {
            src.connect(ctx.destination);
          } else if (kind === 'ours-track' || kind === 'ours-track-k') {
            const node = new host.AllPoleFilterNode(ctx, { order: M, control: 'track', channelCount: 1 });
            // Frames wander between k0 and k1: k changes on every sample (linear interpolation).
            const F = Math.ceil(length / trackHop) + 1;
            const k = new Float64Array(F * M);
            const logGain = new Float64Array(F);
            for (let f = 0; f < F; f++) {
              const w = 0.5 + 0.5 * Math.sin(0.01 * f + u);
              for (let i = 0; i < M; i++) k[f * M + i] = (1 - w) * k0[i] + w * k1[i];
              logGain[f] = -1 + 0.5 * w;
            }
            // 'ours-track-k': the same k without log-gains (unit gain: no exp per sample).
            await node.playTrack(
              kind === 'ours-track' ? { k, logGain, hop: trackHop } : { k, hop: trackHop },
              0,
            );
            src.connect(node).connect(ctx.destination);
          } else if (kind === 'ours-reflection' || kind === 'ours-direct') {
            const domain = kind === 'ours-direct' ? 'direct' : 'reflection';
            const node = new host.AllPoleFilterNode(ctx, { order: M, domain, channelCount: 1 });
            // Every coefficient and the gain ramp over the whole render: per-sample values.
            // Direct domain: ramp the a's between two stable sets close enough to stay stable.
            const a0 = domain === 'direct' ? k0.map((v) => v * 0.05) : k0;
            const a1 = domain === 'direct' ? k1.map((v) => v * 0.05) : k1;
            node.coefficients.forEach((p, i) => {
              p.setValueAtTime(a0[i], 0);
              p.linearRampToValueAtTime(a1[i], end);
            });
            node.gain.setValueAtTime(0.5, 0);
            node.gain.linearRampToValueAtTime(0.25, end);
            src.connect(node).connect(ctx.destination);
          } else if (kind === 'ours-constant') {
            const node = new host.AllPoleFilterNode(ctx, { order: M, coefficients: k0, channelCount: 1 });
            src.connect(node).connect(ctx.destination);
          } else if (kind === 'floor-automated' || kind === 'floor-constant' || kind === 'floor-bare') {
            const node = new AudioWorkletNode(ctx, kind === 'floor-bare' ? 'bench-bare' : 'bench-floor', {
              outputChannelCount: [1],
              channelCount: 1,
              channelCountMode: 'explicit',
            });
            if (kind === 'floor-automated') {
              node.parameters.forEach((p) => {
                p.setValueAtTime(0, 0);
                p.linearRampToValueAtTime(0.5, end);
              });
            }
            src.connect(node).connect(ctx.destination);
          } else if (kind === 'iir') {
            // Order-16 all-pole: a = step-up of k0 (stable), computed in the page.
            const a = [1];
            for (const k of k0) {
              const prev = a.slice();
              for (let i = 1; i < prev.length; i++) a[i] = prev[i] + k * prev[prev.length - i];
              a.push(k);
            }
            const iir = ctx.createIIRFilter([0.5], a);
            src.connect(iir).connect(ctx.destination);
          } else {
            let prev: AudioNode = src;
            for (let b = 0; b < 8; b++) {
              const f = ctx.createBiquadFilter();
              f.type = 'peaking';
              f.Q.value = 2;
              f.gain.value = 6;
              f.frequency.setValueAtTime(200 * (b + 1), 0);
              f.frequency.linearRampToValueAtTime(400 * (b + 1), end);
              prev.connect(f);
              prev = f;
            }
            prev.connect(ctx.destination);
          }
        }
        // Timing: the render is suspended at the warm-up point and at the middle of the tail,
        // where the CPU time is read; the wall clock excludes those pauses (the render thread
        // does no work then).
        const cpuNs = (window as unknown as { benchCpuNs: () => Promise<number> }).benchCpuNs;
        let pausedMs = 0;
        const marks = {
          warm: { t: Number.NaN, c: Number.NaN, paused: 0 },
          late: { t: Number.NaN, c: Number.NaN, paused: 0 },
        };
        // (No named function expressions in here: tsx's __name helper does not exist in the page.)
        if (warmFrames > 0) {
          for (const [frame, mark] of [
            [warmFrames, marks.warm],
            [lateFrames, marks.late],
          ] as const) {
            ctx.suspend(frame / sr).then(async () => {
              const p0 = performance.now();
              mark.c = await cpuNs();
              mark.t = performance.now();
              mark.paused = mark.t - p0;
              pausedMs += mark.paused;
              await ctx.resume();
            });
          }
        }
        const c0 = await cpuNs();
        const t0 = performance.now();
        await ctx.startRendering();
        const t1 = performance.now();
        const c1 = await cpuNs();
        const cpuOk = c0 >= 0;
        return {
          ms: t1 - t0 - pausedMs,
          tailMs: t1 - marks.warm.t - marks.late.paused,
          lateMs: t1 - marks.late.t,
          cpuMs: cpuOk ? (c1 - c0) / 1e6 : Number.NaN,
          tailCpuMs: cpuOk ? (c1 - marks.warm.c) / 1e6 : Number.NaN,
          lateCpuMs: cpuOk ? (c1 - marks.late.c) / 1e6 : Number.NaN,
        };
      },
      [kind, seconds, warmFrames, lateFrames, UNITS, TRACK_HOP] as const,
    );

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const kinds: GraphKind[] = [
    'empty',
    'ours-track',
    'ours-track-k',
    'ours-reflection',
    'ours-direct',
    'ours-constant',
    'floor-automated',
    'floor-constant',
    'floor-bare',
    'iir',
    'biquad8',
  ];
  const selected = opts.only
    ? kinds.filter((k) => k === 'empty' || opts.only?.split(',').includes(k))
    : kinds;
  // Warm-up render of every graph, then the repeats round-robin over the graphs, so that a
  // change in machine load affects them alike; medians per graph.
  for (const kind of selected) await render(kind);
  const runs: Record<string, Timing[]> = {};
  for (let r = 0; r < repeats; r++) {
    for (const kind of selected) (runs[kind] ??= []).push(await render(kind));
  }
  const med = (kind: string, key: keyof Timing) => median(runs[kind].map((t) => t[key]));
  const fmtRuns = (xs: Timing[], key: keyof Timing) => xs.map((t) => t[key].toFixed(1)).join(', ');
  for (const kind of selected) {
    if (!opts.json) {
      const tail = warmFrames > 0 ? `; after ${warmSeconds} s: ${fmtRuns(runs[kind], 'tailMs')}` : '';
      const cpuRuns = `; render-thread CPU: ${fmtRuns(runs[kind], 'cpuMs')}`;
      console.error(`${kind}: ${seconds} s: ${fmtRuns(runs[kind], 'ms')}${tail}${cpuRuns} ms`);
    }
  }
  cpuAvailable = selected.every((k) => runs[k].every((t) => Number.isFinite(t.cpuMs)));
  const perSample = (kind: string, key: keyof Timing, n: number) =>
    ((med(kind, key) - med('empty', key)) * 1e6) / (UNITS * n);
  for (const kind of selected.slice(1)) {
    wall[kind] = perSample(kind, 'ms', frames);
    if (cpuAvailable) cpu[kind] = perSample(kind, 'cpuMs', frames);
    if (warmFrames > 0) {
      steady[kind] = perSample(kind, 'tailMs', frames - warmFrames);
      if (cpuAvailable) cpuSteady[kind] = perSample(kind, 'tailCpuMs', frames - warmFrames);
      // Warm-up check: the tail's second half alone should cost what the whole tail does.
      const late = perSample(kind, cpuAvailable ? 'lateCpuMs' : 'lateMs', frames - lateFrames);
      const tail = cpuAvailable ? cpuSteady[kind] : steady[kind];
      lateHalf[kind] = late;
      if (Math.abs(late - tail) > Math.max(0.15 * tail, 3)) {
        console.error(
          `bench:browser: ${kind}: the tail's second half costs ${late.toFixed(1)} ns/sample, the whole tail ${tail.toFixed(1)}: JIT warm-up not over at ${warmSeconds} s (raise --warm) or load changed`,
        );
      }
    }
  }
  wall.emptyGraphMs = med('empty', 'ms');
} finally {
  await browser.close();
  server.close();
}

/** The figures of one kind of measurement (whole render or steady state) by graph kind. */
function figures(r: Record<string, number>) {
  return {
    nsPerSample: {
      oursTrack16: r['ours-track'],
      oursTrack16UnitGain: r['ours-track-k'],
      oursReflection16: r['ours-reflection'],
      oursDirect16: r['ours-direct'],
      oursReflection16Constant: r['ours-constant'],
      passThroughWorklet17AutomatedParams: r['floor-automated'],
      passThroughWorklet17ConstantParams: r['floor-constant'],
      passThroughWorkletBare: r['floor-bare'],
      nativeIir16: r.iir,
      biquadCascade8: r.biquad8,
    },
    paramModeOwnCost: {
      reflection16: r['ours-reflection'] - r['floor-automated'],
      direct16: r['ours-direct'] - r['floor-automated'],
      reflection16Constant: r['ours-constant'] - r['floor-constant'],
    },
    ratios: {
      trackVsIir: r['ours-track'] / r.iir,
      reflectionVsIir: r['ours-reflection'] / r.iir,
      reflectionVsBiquad8: r['ours-reflection'] / r.biquad8,
      directVsIir: r['ours-direct'] / r.iir,
      directVsBiquad8: r['ours-direct'] / r.biquad8,
    },
  };
}

const hasCpu = cpuAvailable && Object.keys(cpu).length > 0;
const report = {
  seconds,
  warmSeconds,
  sampleRate: SR,
  units: UNITS,
  repeats,
  trackHop: TRACK_HOP,
  ...figures(wall),
  steadyState: warmFrames > 0 ? figures(steady) : null,
  renderThreadCpu: hasCpu
    ? { whole: figures(cpu), steadyState: warmFrames > 0 ? figures(cpuSteady) : null }
    : null,
  /** The warm-up check: steady state of the tail's second half (render-thread CPU if known). */
  lateHalfNsPerSample: warmFrames > 0 ? lateHalf : null,
  targets: { trackVsIir: 2.0, paramModeOwnCostNs: 25 },
};

if (opts.json || opts.only) {
  console.log(JSON.stringify(report, null, 2)); // --only: partial run, only the selected graphs
} else {
  type F = ReturnType<typeof figures>;
  // Columns: wall whole, wall steady, CPU whole, CPU steady (those measured).
  const sets: F[] = [figures(wall)];
  const heads = [`wall ${seconds} s`];
  if (report.steadyState) {
    sets.push(report.steadyState);
    heads.push(`wall >${warmSeconds} s`);
  }
  if (report.renderThreadCpu) {
    sets.push(report.renderThreadCpu.whole);
    heads.push(`cpu ${seconds} s`);
    if (report.renderThreadCpu.steadyState) {
      sets.push(report.renderThreadCpu.steadyState);
      heads.push(`cpu >${warmSeconds} s`);
    }
  }
  const col = (v: number | undefined, digits = 2) =>
    (v === undefined || Number.isNaN(v) ? '—' : v.toFixed(digits)).padStart(11);
  const line = (label: string, f: (x: F) => number | undefined, digits = 2) =>
    console.log(`  ${label.padEnd(64)}${sets.map((x) => col(f(x), digits)).join('')}`);
  const row = (label: string, key: keyof F['nsPerSample']) => line(label, (x) => x.nsPerSample[key]);
  console.log(
    `browser bench: 48 kHz, ${UNITS} parallel units, median of ${repeats}; ns/sample (steady: the samples after the warm-up point of each render; cpu: the render thread)`,
  );
  console.log(`  ${''.padEnd(64)}${heads.map((h) => h.padStart(11)).join('')}`);
  row(`ours, order 16, track mode, hop ${TRACK_HOP} (k, gain change every sample)`, 'oursTrack16');
  row(`ours, order 16, track mode, hop ${TRACK_HOP}, no log-gains (k only)`, 'oursTrack16UnitGain');
  row('ours, order 16, reflection (lattice), all coefficients automated', 'oursReflection16');
  row('ours, order 16, direct, all coefficients automated', 'oursDirect16');
  row('ours, order 16, reflection, constant coefficients', 'oursReflection16Constant');
  row('floor: pass-through worklet, 17 automated a-rate params', 'passThroughWorklet17AutomatedParams');
  row('floor: pass-through worklet, 17 constant a-rate params', 'passThroughWorklet17ConstantParams');
  row('floor: pass-through worklet, no params', 'passThroughWorkletBare');
  row('native IIRFilterNode, order 16', 'nativeIir16');
  row('8 BiquadFilterNodes, a-rate automated frequency', 'biquadCascade8');
  line('ratio ours(track)/IIR (target <= 2.0)', (x) => x.ratios.trackVsIir, 3);
  line('own cost, reflection automated − floor automated (<= 25)', (x) => x.paramModeOwnCost.reflection16);
  line('own cost, direct automated − floor automated (<= 25)', (x) => x.paramModeOwnCost.direct16);
  line(
    'own cost, reflection constant − floor constant (<= 25)',
    (x) => x.paramModeOwnCost.reflection16Constant,
  );
  line('ratio ours(reflection)/IIR', (x) => x.ratios.reflectionVsIir, 3);
  line('ratio ours(reflection)/biquad8', (x) => x.ratios.reflectionVsBiquad8, 3);
  line('ratio ours(direct)/IIR', (x) => x.ratios.directVsIir, 3);
  line('ratio ours(direct)/biquad8', (x) => x.ratios.directVsBiquad8, 3);
}
