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
      const node = new h.host.AllPoleFilterNode(ctx, { order: M, domain, channelCount: 1 });
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
