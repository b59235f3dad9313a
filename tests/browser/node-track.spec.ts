/**
 * Track mode in Chromium: an AllPoleFilterNode({ control: 'track' }) playing a posted reflection
 * track renders what the core model `trackLattice` computes in float64, to 1e-5 of its peak
 * (float32 I/O is the only difference): hops 16–1024, orders 1–48, a start that is not on a
 * render-quantum boundary, random and speech-derived (LPC) tracks; frames appended while an
 * OfflineAudioContext renders (suspend/resume) give the same output as the whole track.
 */
import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/tests/browser/pages/track.html');
  await expect(page).toHaveTitle('track harness ready', { timeout: 30_000 });
});

test('random tracks: orders 1–48 × hops 16–1024, start off the quantum grid, equal the model to 1e-5 of peak', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { t } = window;
    const sr = 48000;
    const out: { M: number; hop: number; err: number; peak: number }[] = [];
    const cases: [number, number][] = [
      [1, 16],
      [2, 1024],
      [5, 100],
      [8, 37 * 16],
      [16, 16],
      [16, 256],
      [24, 64],
      [32, 1024],
      [33, 128],
      [48, 16],
      [48, 512],
    ];
    for (const [M, hop] of cases) {
      const N = 12000;
      const lead = 517; // not a multiple of 128
      const when = lead / sr;
      const F = Math.ceil((N - lead) / hop) + 1;
      const { k, logGain } = t.randomTrack(F, M, M * 1000 + hop, M > 24 ? 0.5 : 0.8);
      const pre = Float64Array.from({ length: M }, (_, i) => (i % 2 ? -0.3 : 0.4) / (i + 1));
      const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: N, sampleRate: sr });
      await t.host.addAllPoleModule(ctx);
      const node = new t.host.AllPoleFilterNode(ctx, {
        order: M,
        control: 'track',
        coefficients: Array.from(pre),
        channelCount: 1,
        outputLimit: 1e3,
      });
      const x = t.noise(N, M + hop);
      t.sourceOf(ctx, x).connect(node).connect(ctx.destination);
      await node.playTrack({ k: M % 2 ? Float32Array.from(k) : k, logGain, hop }, when);
      const y = (await ctx.startRendering()).getChannelData(0);
      // Float32Array k (odd orders) is what the processor received: the model gets the same values.
      const kk = M % 2 ? Float64Array.from(Float32Array.from(k)) : k;
      const ref = t.reference(x, lead, pre, { k: kk, logGain, hop, order: M });
      out.push({ M, hop, ...t.peakErr(y, ref) });
    }
    return out;
  });
  for (const r of res) {
    expect(r.peak, `M=${r.M} hop=${r.hop}`).toBeGreaterThan(0.05);
    expect(r.err, `M=${r.M} hop=${r.hop}`).toBeLessThanOrEqual(1e-5);
  }
});

test('speech-derived tracks (LPC of the speech fixture, |k| <= 0.999) equal the model to 1e-5 of peak', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { t } = window;
    const { x: speech, sampleRate: sr } = await t.readWav('/tests/fixtures/audio/speech_front_center.wav');
    const out: { M: number; hop: number; err: number; peak: number; kmax: number }[] = [];
    for (const [M, hop] of [
      [16, 256],
      [32, 64],
    ]) {
      const lpc = t.lpcFrames(speech, M, { frameLength: Math.max(4 * hop, 1024), hop });
      const k = Float64Array.from(lpc.K, (v) => Math.max(-0.999, Math.min(0.999, v)));
      const logGain = Float64Array.from(lpc.gain, (g) => Math.log(Math.max(g, 1e-4)));
      let kmax = 0;
      for (const v of k) kmax = Math.max(kmax, Math.abs(v));
      const N = speech.length;
      const lead = 300;
      const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: N, sampleRate: sr });
      await t.host.addAllPoleModule(ctx);
      const node = new t.host.AllPoleFilterNode(ctx, {
        order: M,
        control: 'track',
        channelCount: 1,
        outputLimit: 1e6,
      });
      // Excitation: white noise (the model's unvoiced source) at unit RMS-ish level.
      const x = t.noise(N, 5, 1);
      t.sourceOf(ctx, x).connect(node).connect(ctx.destination);
      await node.playTrack({ k, logGain, hop }, lead / sr);
      const y = (await ctx.startRendering()).getChannelData(0);
      const ref = t.reference(x, lead, new Float64Array(M), { k, logGain, hop, order: M });
      out.push({ M, hop, kmax, ...t.peakErr(y, ref) });
    }
    return out;
  });
  for (const r of res) {
    expect(r.kmax, `M=${r.M}`).toBeGreaterThan(0.9); // a demanding (resonant) track
    expect(r.peak, `M=${r.M}`).toBeGreaterThan(0.01);
    expect(r.err, `M=${r.M} hop=${r.hop}`).toBeLessThanOrEqual(1e-5);
  }
});

test('streaming: frames appended while rendering (suspend/resume) equal the whole track; then the last frame is held', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { t } = window;
    const sr = 48000;
    const M = 16;
    const hop = 160;
    const N = 48000;
    const lead = 1000;
    const F = 200; // covers 32,000 samples: the rest holds the last frame
    const { k, logGain } = t.randomTrack(F, M, 77, 0.7);
    const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: N, sampleRate: sr });
    await t.host.addAllPoleModule(ctx);
    const node = new t.host.AllPoleFilterNode(ctx, {
      order: M,
      control: 'track',
      channelCount: 1,
      outputLimit: 1e3,
    });
    const x = t.noise(N, 78);
    t.sourceOf(ctx, x).connect(node).connect(ctx.destination);
    // 4 frames up front, then 10 more at every suspension (every 1024 samples), always ahead.
    await node.playTrack({ k: k.slice(0, 4 * M), logGain: logGain.slice(0, 4), hop }, lead / sr);
    let sent = 4;
    let appends = 0;
    for (let s = 1024; s < N; s += 1024) {
      const at = s;
      ctx.suspend(at / sr).then(async () => {
        if (sent < F) {
          const n = Math.min(10, F - sent);
          await node.appendFrames({
            k: k.subarray(sent * M, (sent + n) * M),
            logGain: logGain.subarray(sent, sent + n),
          });
          sent += n;
          appends++;
        }
        await ctx.resume();
      });
    }
    const y = (await ctx.startRendering()).getChannelData(0);
    const ref = t.reference(x, lead, new Float64Array(M), { k, logGain, hop, order: M });
    return { appends, sent, ...t.peakErr(y, ref) };
  });
  expect(res.sent).toBe(200);
  expect(res.appends).toBeGreaterThan(15);
  expect(res.peak).toBeGreaterThan(0.05);
  expect(res.err).toBeLessThanOrEqual(1e-5);
});

test('realtime AudioContext: playTrack resolves, frames stream in, the node plays and reports nothing', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { t } = window;
    const ctx = new AudioContext({ sampleRate: 48000 });
    await ctx.resume();
    await t.host.addAllPoleModule(ctx);
    const M = 12;
    const node = new t.host.AllPoleFilterNode(ctx, { order: M, control: 'track', channelCount: 1 });
    const faults: string[] = [];
    node.addEventListener('fault', (e) => faults.push((e as CustomEvent).detail.code));
    const src = new ConstantSourceNode(ctx, { offset: 0.1 });
    const tap = new AnalyserNode(ctx, { fftSize: 1024 });
    src.connect(node).connect(tap);
    src.start();
    const { k, logGain } = t.randomTrack(40, M, 5, 0.6, 0.2);
    await node.playTrack(
      { k: k.subarray(0, 10 * M), logGain: logGain.subarray(0, 10), hop: 480 },
      ctx.currentTime + 0.05,
    );
    for (let f = 10; f < 40; f += 10) {
      await new Promise((r) => setTimeout(r, 60));
      await node.appendFrames({ k: k.subarray(f * M, (f + 10) * M), logGain: logGain.subarray(f, f + 10) });
    }
    await new Promise((r) => setTimeout(r, 200));
    const data = new Float32Array(1024);
    tap.getFloatTimeDomainData(data);
    let peak = 0;
    for (const v of data) peak = Math.max(peak, Math.abs(v));
    await ctx.close();
    return { peak, faults };
  });
  expect(res.faults).toEqual([]);
  expect(res.peak).toBeGreaterThan(0.01);
});
