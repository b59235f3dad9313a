/**
 * OfflineAudioContext renders of AllPoleFilterNode against the core forward pass on the same
 * input and the same per-sample coefficients (fed exactly as audio signals into the params).
 */
import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/tests/browser/pages/harness.html');
  await expect(page).toHaveTitle('harness ready', { timeout: 30_000 });
});

for (const domain of ['reflection', 'direct'] as const) {
  test(`${domain}: per-sample coefficients match the core within 1e-6`, async ({ page }) => {
    const err = await page.evaluate(async (domain) => {
      const { h } = window;
      const sr = 48000;
      const T = 4096 + 37;
      const M = 16;
      const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
      await h.host.addAllPoleModule(ctx);
      const node = new h.host.AllPoleFilterNode(ctx, { order: M, domain, channelCount: 1, outputLimit: 1e6 });
      const x = h.noise(T, 7);
      const K = h.smoothReflectionTrack(T, M, 11);
      const C = domain === 'reflection' ? K : h.stepUpTrack(K, M);
      for (let i = 0; i < M; i++) h.sourceOf(ctx, h.column(C, M, i)).connect(node.coefficients[i]);
      h.sourceOf(ctx, x).connect(node).connect(ctx.destination);
      const out = (await ctx.startRendering()).getChannelData(0);
      const ref = domain === 'reflection' ? h.refLattice(x, C, M) : h.refDirect(x, C, M);
      let peak = 0;
      for (const v of ref) peak = Math.max(peak, Math.abs(v));
      return { err: h.relErr(out, ref), peak };
    }, domain);
    expect(err.peak).toBeGreaterThan(0.1);
    expect(err.err).toBeLessThanOrEqual(1e-6);
  });
}

test('realtime AudioContext: one registration per context, nodes of every order construct', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const ctx = new AudioContext({ sampleRate: 48000 });
    const p1 = h.host.addAllPoleModule(ctx);
    const same = p1 === h.host.addAllPoleModule(ctx);
    await p1;
    const orders = [1, 16, 32, 48];
    const names = orders.map((order) => {
      const n = new h.host.AllPoleFilterNode(ctx, { order, domain: order % 2 ? 'direct' : 'reflection' });
      return [n instanceof AudioWorkletNode, n.coefficients.length, n.channelCount, n.numberOfOutputs];
    });
    const params = [...new h.host.AllPoleFilterNode(ctx, { order: 3 }).parameters.keys()];
    await ctx.close();
    return { same, names, params, sampleRate: ctx.sampleRate };
  });
  expect(res.same).toBe(true);
  expect(res.sampleRate).toBe(48000);
  expect(res.names).toEqual([
    [true, 1, 2, 1],
    [true, 16, 2, 1],
    [true, 32, 2, 1],
    [true, 48, 2, 1],
  ]);
  expect(res.params.sort()).toEqual(['gain', 'k1', 'k2', 'k3']);
});

test('realtime: a node connected long after creation plays; released first, it stays stopped', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const ctx = new AudioContext({ sampleRate: 48000 });
    await ctx.resume();
    await h.host.addAllPoleModule(ctx);
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const peaks: number[] = [];
    for (const release of [false, true]) {
      const node = new h.host.AllPoleFilterNode(ctx, { order: 2, coefficients: [0.5, 0.2], channelCount: 1 });
      const tap = new AnalyserNode(ctx, { fftSize: 256 });
      node.connect(tap);
      tap.connect(ctx.destination);
      if (release) node.release();
      await wait(300); // many input-less quanta
      const dc = new ConstantSourceNode(ctx, { offset: 0.5 });
      dc.connect(node);
      dc.start();
      await wait(300);
      const data = new Float32Array(256);
      tap.getFloatTimeDomainData(data);
      peaks.push(Math.max(...data.map(Math.abs)));
      dc.stop();
      node.disconnect();
    }
    await ctx.close();
    return peaks;
  });
  // Steady state of 0.5 through 1/A(z), a = step-up([0.5, 0.2]) = [0.6, 0.2]: 0.5 / 1.8.
  expect(res[0]).toBeCloseTo(0.5 / 1.8, 5);
  // Released: it ended at its first input-less quantum (Chrome never restarts a processor).
  expect(res[1]).toBe(0);
});
