/**
 * `npm run soak`: the long reliability runs (not part of `npm test`), in Debian's Chromium through
 * Playwright, against the node built from src (Vite dev server on the repo root).
 *
 * 1. Offline soak (default 600 s of audio at 48 kHz, `--minutes`): an OfflineAudioContext renders
 *    noise with clicks through a params-mode reflection node of order 16 under random automation
 *    (setValueAtTime / linearRamp events on every k, one every ~50 ms per param) and a track-mode
 *    node playing a random reflection track (hop 256) that is replaced at random suspend points.
 *    Reported: automation events, frames, non-finite samples, peak, faults, wall time.
 * 2. Realtime run (default 60 s, `--realtime-seconds`): an AudioContext plays the same kind of graph
 *    with random automation scheduled ahead and track frames appended every 100 ms. Underruns are
 *    estimated from the audio clock against the wall clock (time the audio clock fell behind, per
 *    100 ms tick) and read from `AudioContext.playbackStats` when the browser has it.
 * Prints one JSON line per run and a summary; exits non-zero if a sample is non-finite or beyond the
 * node's output limit (4), or if a processor died.
 */
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { chromiumLaunch } from '../playwright.config.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const minutes = arg('--minutes', 10);
const realtimeSeconds = arg('--realtime-seconds', 60);

const server = await createServer({
  configFile: 'vite.config.ts',
  server: { port: 0, host: '127.0.0.1', strictPort: false },
  logLevel: 'error',
});
await server.listen();
const address = server.httpServer?.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({
  ...chromiumLaunch,
  args: [...chromiumLaunch.args, '--enable-blink-features=AudioContextPlaybackStats'],
});
let failed = false;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(0);
  // tsx (esbuild keepNames) wraps named functions in __name(); the page needs the helper
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(`http://127.0.0.1:${port}/tests/browser/pages/harness.html`);
  await page.waitForFunction(() => document.title === 'harness ready', null, { timeout: 60_000 });

  const offline = await page.evaluate(async (seconds) => {
    const { h } = window;
    let seed = 1;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const sr = 48000;
    const T = Math.round(seconds * sr);
    const M = 16;
    const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
    await h.host.addAllPoleModule(ctx);
    const params = new h.host.AllPoleFilterNode(ctx, { order: M, domain: 'reflection' });
    const track = new h.host.AllPoleFilterNode(ctx, { order: M, domain: 'reflection', control: 'track' });
    let died = 0;
    const faults: Record<string, number> = {};
    for (const n of [params, track]) {
      n.onprocessorerror = () => died++;
      n.addEventListener('fault', (e) => {
        const c = (e as CustomEvent<{ code: string }>).detail.code;
        faults[c] = (faults[c] ?? 0) + 1;
      });
    }
    // input: looped noise (10 s) with a loud click every ~7 s
    const loop = h.noise(10 * sr, 3, 0.5);
    loop[12345] = 30;
    const b = ctx.createBuffer(1, loop.length, sr);
    b.copyToChannel(loop, 0);
    const src = ctx.createBufferSource();
    src.buffer = b;
    src.loop = true;
    src.start(0);
    const sum = ctx.createGain();
    sum.gain.value = 0.5;
    src.connect(params).connect(sum);
    src.connect(track).connect(sum);
    sum.connect(ctx.destination);
    // random automation on every k: an event every ~50 ms per param
    let events = 0;
    const tEnd = T / sr;
    for (let i = 0; i < M; i++) {
      const p = params.coefficients[i];
      const lim = 0.95 / (1 + 0.15 * i);
      for (let t = 0; t < tEnd; t += 0.02 + 0.06 * rand()) {
        const v = lim * (2 * rand() - 1);
        if (rand() < 0.5) p.setValueAtTime(v, t);
        else p.linearRampToValueAtTime(v, t);
        events++;
      }
    }
    const randomTrack = (frames: number) => {
      const k = new Float64Array(frames * M);
      for (let j = 0; j < k.length; j++) k[j] = (0.9 / (1 + 0.2 * (j % M))) * (2 * rand() - 1);
      const logGain = Float64Array.from({ length: frames }, () => -1 + rand());
      return { k, logGain, hop: 256 };
    };
    await track.playTrack(randomTrack(Math.ceil(T / 256) + 1), 0);
    let replaced = 0;
    for (let s = 30; s < tEnd; s += 30 + 30 * rand()) {
      const at = Math.floor((s * sr) / 128) * 128;
      ctx.suspend(at / sr).then(async () => {
        await track.playTrack(randomTrack(Math.ceil((T - at) / 256) + 1), at / sr);
        replaced++;
        ctx.resume();
      });
    }
    const t0 = performance.now();
    const y = (await ctx.startRendering()).getChannelData(0);
    const wall = (performance.now() - t0) / 1000;
    let nonFinite = 0;
    let peak = 0;
    let denormal = 0;
    for (let t = 0; t < y.length; t++) {
      const v = y[t];
      if (!Number.isFinite(v)) nonFinite++;
      else {
        const a = Math.abs(v);
        if (a > peak) peak = a;
        if (a !== 0 && a < 1.1754943508222875e-38) denormal++;
      }
    }
    return {
      seconds,
      frames: T,
      automationEvents: events,
      tracksReplaced: replaced,
      nonFinite,
      denormal,
      peak,
      bound: 4,
      faults,
      died,
      wallSeconds: wall,
      realtimeFactor: seconds / wall,
    };
  }, minutes * 60);
  console.log(`offline soak: ${JSON.stringify(offline)}`);
  if (offline.nonFinite > 0 || offline.peak > 4 || offline.died > 0) failed = true;

  const realtime = await page.evaluate(async (seconds) => {
    const { h } = window;
    let seed = 2;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const sr = 48000;
    const M = 16;
    const ctx = new AudioContext({ sampleRate: sr, latencyHint: 'interactive' });
    await h.host.addAllPoleModule(ctx);
    const params = new h.host.AllPoleFilterNode(ctx, { order: M, domain: 'reflection' });
    const track = new h.host.AllPoleFilterNode(ctx, { order: M, domain: 'reflection', control: 'track' });
    let died = 0;
    let faults = 0;
    for (const n of [params, track]) {
      n.onprocessorerror = () => died++;
      n.addEventListener('fault', () => faults++);
    }
    const loop = h.noise(5 * sr, 4, 0.3);
    const b = ctx.createBuffer(1, loop.length, sr);
    b.copyToChannel(loop, 0);
    const src = ctx.createBufferSource();
    src.buffer = b;
    src.loop = true;
    const sum = ctx.createGain();
    sum.gain.value = 0.5;
    src.connect(params).connect(sum);
    src.connect(track).connect(sum);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    sum.connect(analyser).connect(ctx.destination);
    await ctx.resume();
    src.start();
    const frame = () => {
      const k = new Float64Array(M);
      for (let j = 0; j < M; j++) k[j] = (0.9 / (1 + 0.2 * j)) * (2 * rand() - 1);
      return k;
    };
    await track.playTrack({ k: frame(), hop: 480 }, ctx.currentTime + 0.05);
    let events = 0;
    let appended = 0;
    let lagMs = 0;
    let lateTicks = 0;
    let peak = 0;
    let nonFinite = 0;
    const probe = new Float32Array(2048);
    const a0 = ctx.currentTime;
    const w0 = performance.now();
    let lastA = a0;
    let lastW = w0;
    await new Promise<void>((done) => {
      const tick = setInterval(() => {
        const now = ctx.currentTime;
        for (let i = 0; i < M; i++) {
          const v = (0.9 / (1 + 0.2 * i)) * (2 * rand() - 1);
          params.coefficients[i].linearRampToValueAtTime(v, now + 0.1 + 0.05 * rand());
          events++;
        }
        // frames for the next 100 ms (hop 480 = 10 ms)
        const ks = new Float64Array(10 * M);
        for (let f = 0; f < 10; f++) ks.set(frame(), f * M);
        track.appendFrames({ k: ks, logGain: Float64Array.from({ length: 10 }, () => -0.5 * rand()) });
        appended += 10;
        analyser.getFloatTimeDomainData(probe);
        for (const v of probe) {
          if (!Number.isFinite(v)) nonFinite++;
          else peak = Math.max(peak, Math.abs(v));
        }
        const w = performance.now();
        const behind = w - lastW - (now - lastA) * 1000;
        if (behind > 20) {
          lagMs += behind;
          lateTicks++;
        }
        lastA = now;
        lastW = w;
        if (w - w0 > seconds * 1000) {
          clearInterval(tick);
          done();
        }
      }, 100);
    });
    const audioSeconds = ctx.currentTime - a0;
    const wallSeconds = (performance.now() - w0) / 1000;
    const stats = (ctx as unknown as { playbackStats?: Record<string, number> }).playbackStats;
    const playbackStats = stats
      ? {
          underrunDuration: stats.underrunDuration,
          underrunEvents: stats.underrunEvents,
          totalDuration: stats.totalDuration,
        }
      : null;
    await ctx.close();
    return {
      seconds,
      audioSeconds,
      wallSeconds,
      clockDeficitMs: Math.max(0, (wallSeconds - audioSeconds) * 1000),
      lagMs,
      lateTicks,
      automationEvents: events,
      framesAppended: appended,
      faults,
      died,
      peakAtAnalyser: peak,
      nonFinite,
      playbackStats,
      baseLatency: ctx.baseLatency,
    };
  }, realtimeSeconds);
  console.log(`realtime run: ${JSON.stringify(realtime)}`);
  if (realtime.nonFinite > 0 || realtime.died > 0) failed = true;
} finally {
  await browser.close();
  await server.close();
}
console.log(failed ? 'soak: FAILED' : 'soak: passed');
process.exitCode = failed ? 1 : 0;
