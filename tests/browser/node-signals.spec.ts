/**
 * The node in real graphs: an LFO (OscillatorNode → GainNode) modulating coefficient params,
 * multichannel input with independent per-channel state, and getFrequencyResponse following
 * the current coefficient values with the native filter nodes' rules.
 */
import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/tests/browser/pages/harness.html');
  await expect(page).toHaveTitle('harness ready', { timeout: 30_000 });
});

for (const domain of ['reflection', 'direct'] as const) {
  test(`${domain}: an LFO connected into a coefficient param modulates it`, async ({ page }) => {
    const res = await page.evaluate(async (domain) => {
      const { h } = window;
      const sr = 48000;
      const T = 8192;
      const M = 2;
      const base = domain === 'reflection' ? [0.2, 0.5] : [-0.5, 0.3];
      const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: T, sampleRate: sr });
      await h.host.addAllPoleModule(ctx);
      const node = new h.host.AllPoleFilterNode(ctx, {
        order: M,
        domain,
        channelCount: 1,
        coefficients: base,
      });
      const lfo = ctx.createOscillator();
      lfo.frequency.value = 30;
      const depth = ctx.createGain();
      depth.gain.value = 0.6;
      lfo.connect(depth);
      depth.connect(node.coefficients[0]);
      const merger = ctx.createChannelMerger(2);
      depth.connect(merger, 0, 1); // record the modulation signal itself
      lfo.start(0);
      const x = h.noise(T, 31);
      h.sourceOf(ctx, x).connect(node).connect(merger, 0, 0);
      merger.connect(ctx.destination);
      const buf = await ctx.startRendering();
      const out = buf.getChannelData(0);
      const mod = buf.getChannelData(1);
      const C = new Float64Array(T * M);
      let lo = Infinity;
      let hi = -Infinity;
      for (let t = 0; t < T; t++) {
        C[t * M] = Math.fround(Math.fround(base[0]) + mod[t]); // intrinsic value + input, in float32
        C[t * M + 1] = Math.fround(base[1]);
        lo = Math.min(lo, C[t * M]);
        hi = Math.max(hi, C[t * M]);
      }
      const ref = domain === 'reflection' ? h.refLattice(x, C, M) : h.refDirect(x, C, M);
      // Unmodulated reference, to show the modulation is audible.
      const still = new Float64Array(C);
      for (let t = 0; t < T; t++) still[t * M] = Math.fround(base[0]);
      const refStill = domain === 'reflection' ? h.refLattice(x, still, M) : h.refDirect(x, still, M);
      return { err: h.relErr(out, ref), errStill: h.relErr(out, refStill), lo, hi };
    }, domain);
    expect(res.hi - res.lo).toBeGreaterThan(1.1);
    expect(res.err).toBeLessThanOrEqual(1e-6);
    expect(res.errStill).toBeGreaterThan(1e-2);
  });
}

test('multichannel: each channel filtered with its own state (2 and 4 channels)', async ({ page }) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const sr = 48000;
    const T = 3000;
    const M = 8;
    const errs: number[] = [];
    for (const channels of [2, 4]) {
      const ctx = new OfflineAudioContext({ numberOfChannels: channels, length: T, sampleRate: sr });
      await h.host.addAllPoleModule(ctx);
      const node = new h.host.AllPoleFilterNode(ctx, {
        order: M,
        channelCount: channels,
        channelInterpretation: 'discrete',
      });
      const K = h.smoothReflectionTrack(T, M, 5 + channels);
      for (let i = 0; i < M; i++) h.sourceOf(ctx, h.column(K, M, i)).connect(node.coefficients[i]);
      const xs = Array.from({ length: channels }, (_, c) => h.noise(T, 100 + c, 0.2 + 0.2 * c));
      const b = ctx.createBuffer(channels, T, sr);
      xs.forEach((x, c) => {
        b.copyToChannel(x, c);
      });
      const src = ctx.createBufferSource();
      src.buffer = b;
      src.start(0);
      src.connect(node).connect(ctx.destination);
      const buf = await ctx.startRendering();
      for (let c = 0; c < channels; c++)
        errs.push(h.relErr(buf.getChannelData(c), h.refLattice(xs[c], K, M)));
    }
    return errs;
  });
  expect(res).toHaveLength(6);
  for (const e of res) expect(e).toBeLessThanOrEqual(1e-6);
});

test('getFrequencyResponse: current coefficients and gain, native rules (lengths, range, types)', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const sr = 48000;
    const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: 128, sampleRate: sr });
    await h.host.addAllPoleModule(ctx);
    const a = [-1.6, 0.8];
    const node = new h.host.AllPoleFilterNode(ctx, {
      order: 2,
      domain: 'direct',
      coefficients: a,
      gain: 0.5,
    });
    const iir = ctx.createIIRFilter([0.5], [1, ...a]);
    const f = Float32Array.from([0, 50, 440, 1000, 5000, 23999, 24000, -1, 24001]);
    const m1 = new Float32Array(f.length);
    const p1 = new Float32Array(f.length);
    const m2 = new Float32Array(f.length);
    const p2 = new Float32Array(f.length);
    node.getFrequencyResponse(f, m1, p1);
    iir.getFrequencyResponse(f, m2, p2);
    const errors: string[] = [];
    try {
      node.getFrequencyResponse(f, new Float32Array(3), p1);
    } catch (e) {
      errors.push((e as Error).name);
    }
    try {
      iir.getFrequencyResponse(f, new Float32Array(3), p2);
    } catch (e) {
      errors.push((e as Error).name);
    }
    try {
      node.getFrequencyResponse([1] as unknown as Float32Array, m1, p1);
    } catch (e) {
      errors.push((e as Error).name);
    }
    // Reflection domain: same filter given as k.
    const k = [-0.8888888888888888, 0.8]; // step-down of a = [-1.6, 0.8]
    const nk = new h.host.AllPoleFilterNode(ctx, { order: 2, coefficients: k, gain: 0.5 });
    const m3 = new Float32Array(f.length);
    nk.getFrequencyResponse(f, m3, new Float32Array(f.length));
    return {
      m1: Array.from(m1),
      p1: Array.from(p1),
      m2: Array.from(m2),
      p2: Array.from(p2),
      m3: Array.from(m3),
      errors,
    };
  });
  for (let i = 0; i < 7; i++) {
    expect(Math.abs(res.m1[i] - res.m2[i])).toBeLessThanOrEqual(1e-4 * Math.max(1, res.m2[i]));
    expect(Math.abs(res.p1[i] - res.p2[i])).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(res.m3[i] - res.m2[i])).toBeLessThanOrEqual(1e-4 * Math.max(1, res.m2[i]));
  }
  // Outside [0, nyquist]: NaN, like the native node.
  for (const i of [7, 8]) {
    expect(res.m1[i]).toBeNaN();
    expect(res.p1[i]).toBeNaN();
    expect(res.m2[i]).toBeNaN();
  }
  expect(res.errors).toEqual(['InvalidAccessError', 'InvalidAccessError', 'TypeError']);
});
