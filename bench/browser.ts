/**
 * Browser benchmark of the all-pole AudioWorklet node (not a test): `npm run bench:browser`
 * (builds dist/ first) or `tsx bench/browser.ts [--json] [--repeats N] [--seconds S]`.
 *
 * Headless Debian chromium renders S seconds (default 20) at 48 kHz in one OfflineAudioContext
 * run per measurement, after a warm-up render of the same graph, for:
 * - ours: AllPoleFilterNode (dist/host, loaded as plain ESM) of order 16, every coefficient
 *   and the gain automated per sample (linear ramps: a-rate arrays of length 128), in the
 *   'reflection' (lattice) and 'direct' domains;
 * - ours in track mode ({ control: 'track' }), order 16: a reflection track with a new frame
 *   every TRACK_HOP = 16 samples and a log-gain per frame, posted with playTrack, so k and the
 *   gain change on every sample (interpolated in the processor, no coefficient AudioParams);
 * - a native IIRFilterNode of order 16 (fixed coefficients);
 * - a cascade of 8 BiquadFilterNodes with a-rate automated frequency.
 * Each graph has UNITS parallel copies fed by one source; the render time of the bare source
 * graph is subtracted, and the rest divided by UNITS × frames gives ns per unit-sample.
 * Targets: track mode <= 2.0x native IIR; the param mode's own cost (ours minus the
 * pass-through worklet with the same 17 automated params) <= 25 ns/sample. Repeats run round-robin over
 * the graphs and the median of N is reported. Timing varies with machine load: run it on a quiet machine.
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
  .option('--seconds <s>', 'rendered duration per run', '20')
  .option('--only <kinds>', 'comma-separated graph kinds to run (diagnostics)')
  .parse();
const opts = program.opts<{ json?: boolean; repeats: string; seconds: string; only?: string }>();
const repeats = Math.max(1, Number.parseInt(opts.repeats, 10));
const seconds = Number(opts.seconds);

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
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/bench.html`);
  await page.waitForFunction(() => document.title === 'bench ready');
  /** Renders graph `kind`: returns the wall time of startRendering() in ms. */
  const render = (kind: GraphKind) =>
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
  // Warm-up of every graph, then the repeats round-robin over the graphs, so that a change in
  // machine load affects them alike; the median per graph is kept.
  for (const kind of selected) await render(kind);
  const runs: Record<string, number[]> = {};
  for (let r = 0; r < repeats; r++) {
    for (const kind of selected) (runs[kind] ??= []).push(await render(kind));
  }
  for (const kind of selected) {
    ms[kind] = median(runs[kind]);
    if (!opts.json) console.error(`${kind}: ${runs[kind].map((v) => v.toFixed(1)).join(', ')} ms`);
  }
  const frames = Math.round(seconds * 48000);
  for (const kind of selected.slice(1)) results[kind] = ((ms[kind] - ms.empty) * 1e6) / (UNITS * frames);
  results.emptyGraphMs = ms.empty;
} finally {
  await browser.close();
  server.close();
}

const report = {
  seconds,
  sampleRate: 48000,
  units: UNITS,
  repeats,
  trackHop: TRACK_HOP,
  nsPerSample: {
    oursTrack16: results['ours-track'],
    oursTrack16UnitGain: results['ours-track-k'],
    oursReflection16: results['ours-reflection'],
    oursDirect16: results['ours-direct'],
    oursReflection16Constant: results['ours-constant'],
    passThroughWorklet17AutomatedParams: results['floor-automated'],
    passThroughWorklet17ConstantParams: results['floor-constant'],
    passThroughWorkletBare: results['floor-bare'],
    nativeIir16: results.iir,
    biquadCascade8: results.biquad8,
  },
  paramModeOwnCost: {
    reflection16: results['ours-reflection'] - results['floor-automated'],
    direct16: results['ours-direct'] - results['floor-automated'],
  },
  ratios: {
    trackVsIir: results['ours-track'] / results.iir,
    reflectionVsIir: results['ours-reflection'] / results.iir,
    reflectionVsBiquad8: results['ours-reflection'] / results.biquad8,
    directVsIir: results['ours-direct'] / results.iir,
    directVsBiquad8: results['ours-direct'] / results.biquad8,
  },
  targets: { trackVsIir: 2.0, paramModeOwnCostNs: 25 },
};

if (opts.json) {
  console.log(JSON.stringify(report, null, 2));
} else if (opts.only) {
  console.log(JSON.stringify(report, null, 2)); // partial run: only the selected graphs
} else {
  const n = report.nsPerSample;
  const r = report.ratios;
  console.log(`browser bench: ${seconds} s at 48 kHz, ${UNITS} parallel units, median of ${repeats}`);
  console.log(
    `  ours, order 16, track mode, hop ${TRACK_HOP} (k, gain change every sample): ${n.oursTrack16.toFixed(2)} ns/sample`,
  );
  console.log(
    `  ours, order 16, track mode, hop ${TRACK_HOP}, no log-gains (k only):    ${n.oursTrack16UnitGain.toFixed(2)} ns/sample`,
  );
  console.log(
    `  ours, order 16, reflection (lattice), all coefficients automated: ${n.oursReflection16.toFixed(2)} ns/sample`,
  );
  console.log(
    `  ours, order 16, direct, all coefficients automated:              ${n.oursDirect16.toFixed(2)} ns/sample`,
  );
  console.log(
    `  ours, order 16, reflection, constant coefficients:                ${n.oursReflection16Constant.toFixed(2)} ns/sample`,
  );
  console.log(
    `  floor: pass-through worklet, 17 automated a-rate params:          ${n.passThroughWorklet17AutomatedParams.toFixed(2)} ns/sample`,
  );
  console.log(
    `  floor: pass-through worklet, 17 constant a-rate params:           ${n.passThroughWorklet17ConstantParams.toFixed(2)} ns/sample`,
  );
  console.log(
    `  floor: pass-through worklet, no params:                           ${n.passThroughWorkletBare.toFixed(2)} ns/sample`,
  );
  console.log(
    `  native IIRFilterNode, order 16:                                   ${n.nativeIir16.toFixed(2)} ns/sample`,
  );
  console.log(
    `  8 BiquadFilterNodes, a-rate automated frequency:                  ${n.biquadCascade8.toFixed(2)} ns/sample`,
  );
  const own = report.paramModeOwnCost;
  console.log(`  ratio ours(track)/IIR          = ${r.trackVsIir.toFixed(3)} (target <= 2.0)`);
  console.log(
    `  param mode's own cost above the 17-param pass-through: reflection ${own.reflection16.toFixed(2)}, direct ${own.direct16.toFixed(2)} ns/sample (target <= 25)`,
  );
  console.log(`  ratio ours(reflection)/IIR     = ${r.reflectionVsIir.toFixed(3)}`);
  console.log(`  ratio ours(reflection)/biquad8 = ${r.reflectionVsBiquad8.toFixed(3)}`);
  console.log(`  ratio ours(direct)/IIR         = ${r.directVsIir.toFixed(3)}`);
  console.log(`  ratio ours(direct)/biquad8     = ${r.directVsBiquad8.toFixed(3)}`);
}
