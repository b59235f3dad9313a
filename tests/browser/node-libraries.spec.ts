/**
 * The node through standardized-audio-context (its own OfflineAudioContext and AudioWorkletNode
 * class) and inside a Tone.js graph (the diffiir/tone wrapper on a Tone OfflineContext): same
 * samples as the core forward pass, frame-exact setValueAtTime, Tone Params automating.
 */
import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/tests/browser/pages/harness.html');
  await expect(page).toHaveTitle('harness ready', { timeout: 30_000 });
});

for (const domain of ['reflection', 'direct'] as const) {
  test(`standardized-audio-context (${domain}): per-sample coefficients and setValueAtTime match the core`, async ({
    page,
  }) => {
    const res = await page.evaluate(async (domain) => {
      const { h } = window;
      const sac = await h.sac();
      const sr = 48000;
      const T = 4096 + 77;
      const M = 6;
      const ctx = new sac.OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
      await h.host.addAllPoleModule(ctx);
      const node = h.host.createAllPoleFilterNode(
        ctx,
        { order: M, domain, channelCount: 1 },
        sac.AudioWorkletNode,
      );
      // Direct: small k, so that any a1 in [-0.3, 0.2] keeps Σ|a_i| < 1 (stable).
      const K = h.smoothReflectionTrack(T, M, 42, domain === 'reflection' ? 0.85 : 0.1);
      const C = domain === 'reflection' ? K : h.stepUpTrack(K, M);
      // Coefficients 2..M from audio signals; coefficient 1 by setValueAtTime at frames 0 and 1234.
      for (let i = 1; i < M; i++) {
        const b = ctx.createBuffer(1, T, sr);
        b.copyToChannel(h.column(C, M, i), 0);
        const s = ctx.createBufferSource();
        s.buffer = b;
        s.connect(node.coefficients[i] as never);
        s.start(0);
      }
      const v0 = domain === 'reflection' ? 0.4 : -0.3;
      const v1 = domain === 'reflection' ? -0.6 : 0.2;
      node.coefficients[0].setValueAtTime(v0, 0);
      node.coefficients[0].setValueAtTime(v1, 1234 / sr);
      for (let t = 0; t < T; t++) C[t * M] = Math.fround(t < 1234 ? v0 : v1);
      const x = h.noise(T, 6);
      const xb = ctx.createBuffer(1, T, sr);
      xb.copyToChannel(x, 0);
      const src = ctx.createBufferSource();
      src.buffer = xb;
      src.connect(node as never);
      (node as unknown as { connect(d: unknown): void }).connect(ctx.destination);
      src.start(0);
      const faults: unknown[] = [];
      node.onfault = (e) => faults.push(e.detail);
      const out = (await ctx.startRendering()).getChannelData(0);
      const ref = domain === 'reflection' ? h.refLattice(x, C, M) : h.refDirect(x, C, M);
      return {
        err: h.relErr(out, ref),
        faults,
        isSacNode: node instanceof (sac.AudioWorkletNode as unknown as new () => object),
      };
    }, domain);
    expect(res.isSacNode).toBe(true);
    expect(res.faults).toEqual([]);
    expect(res.err).toBeLessThanOrEqual(1e-6);
  });
}

test('standardized-audio-context: registration is shared per context; faults arrive as events', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const sac = await h.sac();
    const sr = 48000;
    const T = 2048;
    const ctx = new sac.OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
    const p1 = h.host.addAllPoleModule(ctx);
    const same = p1 === h.host.addAllPoleModule(ctx);
    await p1;
    const node = h.host.createAllPoleFilterNode(ctx, { order: 2, channelCount: 1 }, sac.AudioWorkletNode);
    const codes: string[] = [];
    node.onfault = (e) => codes.push(e.detail.code);
    const x = h.noise(T, 1);
    x[700] = Number.NaN;
    const xb = ctx.createBuffer(1, T, sr);
    xb.copyToChannel(x, 0);
    const src = ctx.createBufferSource();
    src.buffer = xb;
    src.connect(node as never);
    (node as unknown as { connect(d: unknown): void }).connect(ctx.destination);
    src.start(0);
    const out = (await ctx.startRendering()).getChannelData(0);
    await new Promise((r) => setTimeout(r, 100));
    let silent = true;
    for (let t = 640; t < 768; t++) silent = silent && out[t] === 0;
    return { same, codes, silent };
  });
  expect(res).toEqual({ same: true, codes: ['nonfinite-input'], silent: true });
});

test('Tone.js: the diffiir/tone wrapper in a Tone graph, coefficients automated through Tone Params', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const Tone = await h.tone();
    const { AllPoleFilter, loadAllPoleFilter } = await h.toneWrapper();
    const sr = 48000;
    const T = 4096;
    const M = 3;
    const context = new Tone.OfflineContext(1, T / sr, sr);
    Tone.setContext(context);
    await loadAllPoleFilter(context);
    const defaults = AllPoleFilter.getDefaults();
    const f = new AllPoleFilter({ order: M, coefficients: [0.5, -0.2, 0.1], channels: 1 });
    f.toDestination();
    const x = h.noise(T, 17);
    const buffer = new Tone.ToneAudioBuffer(Tone.ToneAudioBuffer.fromArray(x).get());
    const player = new Tone.ToneBufferSource({ url: buffer }).connect(f);
    player.start(0);
    // Tone Param automation, landing on exact frames.
    f.coefficients[0].setValueAtTime(-0.7, 1000 / sr);
    f.coefficients[2].setValueAtTime(0.6, 3001 / sr);
    f.gain.setValueAtTime(0.5, 2000 / sr);
    const rendered = await context.render();
    const out = rendered.getChannelData(0);
    const C = new Float64Array(T * M);
    const g = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      C[t * M] = Math.fround(t < 1000 ? 0.5 : -0.7);
      C[t * M + 1] = Math.fround(-0.2);
      C[t * M + 2] = Math.fround(t < 3001 ? 0.1 : 0.6);
      g[t] = t < 2000 ? 1 : 0.5;
    }
    // The gain scales the input, before the lattice.
    const ref = h.refLattice(
      Float64Array.from(x, (v, t) => v * g[t]),
      C,
      M,
    );
    const names = { name: f.name, order: f.order, domain: f.domain, params: f.coefficients.length };
    f.dispose();
    return { err: h.relErr(out, ref), defaults, names, disposed: f.disposed };
  });
  expect(res.defaults).toMatchObject({ order: 2, domain: 'reflection', gain: 1, channels: 2 });
  expect(res.names).toEqual({ name: 'AllPoleFilter', order: 3, domain: 'reflection', params: 3 });
  expect(res.disposed).toBe(true);
  expect(res.err).toBeLessThanOrEqual(1e-6);
});

test('diffiir/standardized: createAllPoleFilterNode(context, options) picks the node class for standardized-audio-context and native contexts', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const sac = await h.sac();
    const std = await h.standardized();
    const sr = 48000;
    const T = 4096 + 33;
    const M = 5;
    const out: Record<string, unknown> = {};
    const x = h.noise(T, 23);
    const K = h.smoothReflectionTrack(T, M, 9, 0.1);
    for (const domain of ['reflection', 'direct'] as const) {
      const C = domain === 'reflection' ? K : h.stepUpTrack(K, M);
      const row = Array.from(C.subarray(0, M));
      for (const kind of ['sac-offline', 'native-offline'] as const) {
        const ctx =
          kind === 'sac-offline'
            ? new sac.OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr })
            : new OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
        await std.addAllPoleModule(ctx);
        // No AudioWorkletNode class argument.
        const node = std.createAllPoleFilterNode(ctx, {
          order: M,
          domain,
          coefficients: row,
          channelCount: 1,
        });
        const faults: unknown[] = [];
        node.onfault = (e) => faults.push(e.detail);
        const xb = ctx.createBuffer(1, T, sr);
        xb.copyToChannel(x, 0);
        const src = ctx.createBufferSource();
        src.buffer = xb;
        src.connect(node as never);
        (node as unknown as { connect(d: unknown): void }).connect(ctx.destination);
        src.start(0);
        const y = (await ctx.startRendering()).getChannelData(0);
        const Crow = new Float64Array(T * M);
        for (let t = 0; t < T; t++) for (let i = 0; i < M; i++) Crow[t * M + i] = Math.fround(row[i]);
        const ref = domain === 'reflection' ? h.refLattice(x, Crow, M) : h.refDirect(x, Crow, M);
        out[`${kind}/${domain}`] = {
          err: h.relErr(y, ref) <= 1e-6,
          faults,
          sacNode: node instanceof (sac.AudioWorkletNode as unknown as new () => object),
          nativeNode: node instanceof AudioWorkletNode,
          allPoleNode: node instanceof std.AllPoleFilterNode,
          standardized: std.isStandardizedContext(ctx),
        };
      }
    }
    out.sameModuleRegistry = std.addAllPoleModule === h.host.addAllPoleModule;
    out.unknown = (() => {
      try {
        std.createAllPoleFilterNode({ sampleRate: 1, currentTime: 0 } as never, { order: 2 });
        return 'no error';
      } catch (e) {
        return (e as Error).name;
      }
    })();
    return out;
  });
  for (const domain of ['reflection', 'direct']) {
    expect(res[`sac-offline/${domain}`]).toEqual({
      err: true,
      faults: [],
      sacNode: true,
      nativeNode: false,
      allPoleNode: false,
      standardized: true,
    });
    expect(res[`native-offline/${domain}`]).toEqual({
      err: true,
      faults: [],
      sacNode: false,
      nativeNode: true,
      allPoleNode: true,
      standardized: false,
    });
  }
  expect(res.unknown).toBe('TypeError');
});
