/**
 * Browser benchmark of the all-pole AudioWorklet node (not a test): `npm run bench:browser`
 * (builds dist/ first) or
 * `tsx bench/browser.ts [--json] [--repeats N] [--seconds S] [--short S0] [--only kinds]`.
 *
 * Headless Debian chromium renders each graph at 48 kHz in OfflineAudioContext runs of two
 * lengths, S seconds (default 12) and S0 seconds (default 2), after a warm-up render of the
 * same graph. Every render is a fresh context, hence a fresh AudioWorkletGlobalScope whose
 * processor code starts cold (interpreted, then optimised by V8 during the render), so a whole
 * render's time per sample mixes JIT warm-up with the steady state. Two figures are reported:
 * - whole render: (t_S − t_S(empty)) / (UNITS × S·48000), what a render of S seconds costs;
 * - steady state (marginal): ((t_S − t_S0) − (empty's t_S − t_S0)) / (UNITS × (S − S0)·48000),
 *   the cost of the extra samples once warm-up is paid (warm-up happens in both renders and
 *   cancels). `--short 0` skips the short renders (whole-render figures only).
 * Graphs:
 * - ours: AllPoleFilterNode (dist/host, loaded as plain ESM) of order 16, every coefficient
 *   and the gain automated per sample (linear ramps: a-rate arrays of length 128), in the
 *   'reflection' (lattice) and 'direct' domains;
 * - ours in track mode ({ control: 'track' }), order 16: a reflection track with a new frame
 *   every TRACK_HOP = 16 samples and a log-gain per frame, posted with playTrack, so k and the
 *   gain change on every sample (interpolated in the processor, no coefficient AudioParams);
 * - a native IIRFilterNode of order 16 (fixed coefficients);
 * - a cascade of 8 BiquadFilterNodes with a-rate automated frequency.
 * Each graph has UNITS parallel copies fed by one source; the render time of the bare source
 * graph ('empty') is subtracted, and the rest divided by UNITS × frames gives ns per unit-sample.
 * Ratios are taken against the native IIRFilterNode(16) of the same run, for both figures.
 * Targets: track mode <= 2.0x native IIR; the param mode's own cost (ours minus the
 * pass-through worklet with the same 17 automated params) <= 25 ns/sample. Repeats run
 * round-robin over the graphs (short and long render of a graph back to back) and the median of
 * N per graph and length is used. Timing varies with machine load: run it on a quiet machine.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
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
  .option('--short <s>', 'rendered duration of the short run (0: none, whole-render figures only)', '2')
  .option('--only <kinds>', 'comma-separated graph kinds to run (diagnostics)')
  .parse();
const opts = program.opts<{
  json?: boolean;
  repeats: string;
  seconds: string;
  short: string;
  only?: string;
}>();
const repeats = Math.max(1, Number.parseInt(opts.repeats, 10));
const seconds = Number(opts.seconds);
const shortSeconds = Number(opts.short);
if (!(seconds > 0) || !(shortSeconds >= 0 && shortSeconds < seconds)) {
  console.error('bench:browser: need --seconds > 0 and 0 <= --short < --seconds');
  process.exit(1);
}

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

const browser = await chromium.launch(chromiumLaunch);
const results: Record<string, number> = {};
/** Steady-state (marginal) ns per unit-sample, by graph kind (see the header). */
const steady: Record<string, number> = {};
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/bench.html`);
  await page.waitForFunction(() => document.title === 'bench ready');
  /** Renders `seconds` of graph `kind`: returns the wall time of startRendering() in ms. */
  const render = (kind: GraphKind, seconds: number) =>
    page.evaluate(
      async ([kind, seconds, units, trackHop]) => {
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
        const t0 = performance.now();
        await ctx.startRendering();
        return performance.now() - t0;
      },
      [kind, seconds, UNITS, TRACK_HOP] as const,
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
  const ms: Record<string, number> = {};
  const selected = opts.only
    ? kinds.filter((k) => k === 'empty' || opts.only?.split(',').includes(k))
    : kinds;
  const msShort: Record<string, number> = {};
  // Warm-up of every graph, then the repeats round-robin over the graphs (short and long render
  // back to back), so that a change in machine load affects them alike; medians per graph.
  for (const kind of selected) await render(kind, shortSeconds > 0 ? shortSeconds : seconds);
  const runs: Record<string, number[]> = {};
  const runsShort: Record<string, number[]> = {};
  for (let r = 0; r < repeats; r++) {
    for (const kind of selected) {
      if (shortSeconds > 0) (runsShort[kind] ??= []).push(await render(kind, shortSeconds));
      (runs[kind] ??= []).push(await render(kind, seconds));
    }
  }
  const fmtRuns = (xs: number[] | undefined) => (xs ?? []).map((v) => v.toFixed(1)).join(', ');
  for (const kind of selected) {
    ms[kind] = median(runs[kind]);
    if (shortSeconds > 0) msShort[kind] = median(runsShort[kind]);
    if (!opts.json) {
      const short = shortSeconds > 0 ? `; ${shortSeconds} s: ${fmtRuns(runsShort[kind])}` : '';
      console.error(`${kind}: ${seconds} s: ${fmtRuns(runs[kind])}${short} ms`);
    }
  }
  const frames = Math.round(seconds * 48000);
  const dFrames = frames - Math.round(shortSeconds * 48000);
  for (const kind of selected.slice(1)) {
    results[kind] = ((ms[kind] - ms.empty) * 1e6) / (UNITS * frames);
    if (shortSeconds > 0) {
      const dKind = ms[kind] - msShort[kind];
      const dEmpty = ms.empty - msShort.empty;
      steady[kind] = ((dKind - dEmpty) * 1e6) / (UNITS * dFrames);
    }
  }
  results.emptyGraphMs = ms.empty;
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

const whole = figures(results);
const report = {
  seconds,
  shortSeconds,
  sampleRate: 48000,
  units: UNITS,
  repeats,
  trackHop: TRACK_HOP,
  ...whole,
  steadyState: shortSeconds > 0 ? figures(steady) : null,
  targets: { trackVsIir: 2.0, paramModeOwnCostNs: 25 },
};

if (opts.json) {
  console.log(JSON.stringify(report, null, 2));
} else if (opts.only) {
  console.log(JSON.stringify(report, null, 2)); // partial run: only the selected graphs
} else {
  const w = whole;
  const st = report.steadyState;
  const col = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2)).padStart(8);
  const row = (label: string, key: keyof typeof w.nsPerSample) =>
    console.log(`  ${label.padEnd(64)} ${col(w.nsPerSample[key])} ${st ? col(st.nsPerSample[key]) : ''}`);
  console.log(
    `browser bench: 48 kHz, ${UNITS} parallel units, median of ${repeats}; ns/sample: whole ${seconds} s render${st ? `, steady state (${seconds} s − ${shortSeconds} s marginal)` : ''}`,
  );
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
  const pair = (f: (x: typeof w) => number, digits = 3) =>
    `${f(w).toFixed(digits)}${st ? ` (steady ${f(st).toFixed(digits)})` : ''}`;
  console.log(`  ratio ours(track)/IIR          = ${pair((x) => x.ratios.trackVsIir)} (target <= 2.0)`);
  console.log(
    `  param mode's own cost above the 17-param pass-through: reflection ${pair((x) => x.paramModeOwnCost.reflection16, 2)}, direct ${pair((x) => x.paramModeOwnCost.direct16, 2)} ns/sample (target <= 25)`,
  );
  console.log(`  ratio ours(reflection)/IIR     = ${pair((x) => x.ratios.reflectionVsIir)}`);
  console.log(`  ratio ours(reflection)/biquad8 = ${pair((x) => x.ratios.reflectionVsBiquad8)}`);
  console.log(`  ratio ours(direct)/IIR         = ${pair((x) => x.ratios.directVsIir)}`);
  console.log(`  ratio ours(direct)/biquad8     = ${pair((x) => x.ratios.directVsBiquad8)}`);
}
