/**
 * Faults never stop the audio: non-finite input, non-finite values driven into coefficient
 * params, unstable direct-form coefficients, malformed port messages, and a loud impulse
 * followed by silence (the tail decays to exact zeros, never to denormals).
 */
import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/tests/browser/pages/harness.html');
  await expect(page).toHaveTitle('harness ready', { timeout: 30_000 });
});

for (const bad of ['NaN', 'Infinity'] as const) {
  test(`${bad} in the input: that quantum is silent, a fault is reported, then normal output`, async ({
    page,
  }) => {
    const res = await page.evaluate(async (bad) => {
      const { h } = window;
      const sr = 48000;
      const T = 4096;
      const M = 4;
      const k = [0.5, -0.3, 0.2, 0.1];
      const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: T, sampleRate: sr });
      await h.host.addAllPoleModule(ctx);
      const node = new h.host.AllPoleFilterNode(ctx, { order: M, coefficients: k, channelCount: 2 });
      const faults: { code: string; frame: number }[] = [];
      const events: string[] = [];
      node.onfault = (e) => faults.push(e.detail);
      node.addEventListener('fault', (e) => events.push((e as CustomEvent).detail.code));
      const x0 = h.noise(T, 1);
      const x1 = h.noise(T, 2);
      x1[1000] = bad === 'NaN' ? Number.NaN : Number.POSITIVE_INFINITY; // quantum 896..1023
      const b = ctx.createBuffer(2, T, sr);
      b.copyToChannel(x0, 0);
      b.copyToChannel(x1, 1);
      const src = ctx.createBufferSource();
      src.buffer = b;
      src.start(0);
      src.connect(node).connect(ctx.destination);
      const buf = await ctx.startRendering();
      await new Promise((r) => setTimeout(r, 100));
      const y0 = buf.getChannelData(0);
      const y1 = buf.getChannelData(1);
      const K = Float64Array.from(k, Math.fround);
      const before = h.relErr(y0.subarray(0, 896), h.refLattice(x0.subarray(0, 896), K, M));
      let silent = true;
      for (let t = 896; t < 1024; t++) silent = silent && y0[t] === 0 && y1[t] === 0;
      // After the fault the state restarts from rest.
      const after0 = h.relErr(y0.subarray(1024), h.refLattice(x0.subarray(1024), K, M));
      const after1 = h.relErr(y1.subarray(1024), h.refLattice(x1.subarray(1024), K, M));
      let finite = true;
      for (let t = 0; t < T; t++) finite = finite && Number.isFinite(y0[t]) && Number.isFinite(y1[t]);
      return { faults, events, before, silent, after0, after1, finite };
    }, bad);
    expect(res.finite).toBe(true);
    expect(res.silent).toBe(true);
    expect(res.before).toBeLessThanOrEqual(1e-6);
    expect(res.after0).toBeLessThanOrEqual(1e-6);
    expect(res.after1).toBeLessThanOrEqual(1e-6);
    expect(res.faults).toEqual([expect.objectContaining({ code: 'nonfinite-input', frame: 896 })]);
    expect(res.events).toEqual(['nonfinite-input']);
  });
}

test('non-finite values driven into coefficient params never reach the output', async ({ page }) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const sr = 48000;
    const T = 2048;
    const out: Record<string, { finite: boolean; faults: string[]; tailErr: number }> = {};
    for (const domain of ['reflection', 'direct'] as const) {
      const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
      await h.host.addAllPoleModule(ctx);
      const node = new h.host.AllPoleFilterNode(ctx, { order: 1, domain, channelCount: 1 });
      const faults: string[] = [];
      node.onfault = (e) => faults.push(e.detail.code);
      const c = new Float32Array(T);
      c[300] = Number.NaN;
      c[600] = Number.POSITIVE_INFINITY;
      c[700] = Number.NEGATIVE_INFINITY;
      h.sourceOf(ctx, c).connect(node.coefficients[0]);
      const g = new Float32Array(T);
      g[800] = Number.NaN;
      h.sourceOf(ctx, g).connect(node.gain);
      const x = h.noise(T, 4);
      h.sourceOf(ctx, x).connect(node).connect(ctx.destination);
      const y = (await ctx.startRendering()).getChannelData(0);
      await new Promise((r) => setTimeout(r, 100));
      let finite = true;
      for (const v of y) finite = finite && Number.isFinite(v) && Math.abs(v) <= 1e6;
      // Clean coefficients (0) from frame 1024: output = input again.
      out[domain] = { finite, faults, tailErr: h.relErr(y.subarray(1024), x.subarray(1024)) };
    }
    return out;
  });
  // Chrome sanitises NaN in AudioParam values and clamps ±Infinity to the nominal range: the
  // reflection node clamps k to (-1, 1) (stable); the direct node meets a1 = ±3.4e38 and
  // reports 'output-bound' (the Node unit tests cover NaN coefficients reaching process()).
  expect(res.reflection).toEqual({ finite: true, faults: [], tailErr: 0 });
  expect(res.direct.finite).toBe(true);
  expect(res.direct.faults).toEqual(['output-bound']);
  expect(res.direct.tailErr).toBe(0);
});

test('unstable direct-form coefficients: bounded output, silenced quanta, fault, recovery', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const sr = 48000;
    const T = 8192;
    const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
    await h.host.addAllPoleModule(ctx);
    const limit = 100;
    const node = new h.host.AllPoleFilterNode(ctx, {
      order: 2,
      domain: 'direct',
      channelCount: 1,
      outputLimit: limit,
    });
    // A root outside the unit circle, set on the AudioParams themselves (the node's own
    // constructor and setCoefficients refuse it): the processor must contain it.
    node.coefficients[0].setValueAtTime(-1.9, 0);
    node.coefficients[1].setValueAtTime(0.5, 0);
    node.setCoefficients([-1.6, 0.8], 4000 / sr); // stable from frame 4000
    const faults: { code: string; frame: number }[] = [];
    node.onfault = (e) => faults.push(e.detail);
    const x = h.noise(T, 8);
    h.sourceOf(ctx, x).connect(node).connect(ctx.destination);
    const y = (await ctx.startRendering()).getChannelData(0);
    await new Promise((r) => setTimeout(r, 100));
    let peak = 0;
    let silentQuanta = 0;
    let lastSilent = -1;
    for (let q = 0; q < T / 128; q++) {
      let s = true;
      for (let t = q * 128; t < q * 128 + 128; t++) {
        peak = Math.max(peak, Math.abs(y[t]));
        s = s && y[t] === 0;
      }
      if (s) {
        silentQuanta++;
        lastSilent = q;
      }
    }
    // From the quantum after the last silenced one the filter starts from rest: the core run on
    // the same input and coefficients (unstable until frame 4000, stable after) from there on.
    const start = (lastSilent + 1) * 128;
    const A = new Float64Array((T - start) * 2);
    for (let t = start; t < T; t++) {
      A[(t - start) * 2] = Math.fround(t < 4000 ? -1.9 : -1.6);
      A[(t - start) * 2 + 1] = Math.fround(t < 4000 ? 0.5 : 0.8);
    }
    const tail = h.relErr(y.subarray(start), h.refDirect(x.subarray(start), A, 2));
    let tailPeak = 0;
    for (let t = start; t < T; t++) tailPeak = Math.max(tailPeak, Math.abs(y[t]));
    return { peak, silentQuanta, faults, tail, start, tailPeak, limit };
  });
  expect(res.peak).toBeLessThanOrEqual(res.limit);
  expect(res.silentQuanta).toBeGreaterThan(0);
  expect(res.faults).toHaveLength(1); // one report per run of faulty quanta
  expect(res.faults.every((f) => f.code === 'output-bound')).toBe(true);
  expect(res.start).toBeLessThanOrEqual(4096 + 128);
  expect(res.tailPeak).toBeGreaterThan(0.1);
  expect(res.tail).toBeLessThanOrEqual(1e-6);
});

test('malformed port messages are ignored and reported; valid control messages work', async ({ page }) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const sr = 48000;
    const T = 1024;
    const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
    await h.host.addAllPoleModule(ctx);
    const node = new h.host.AllPoleFilterNode(ctx, { order: 1, coefficients: [0.5], channelCount: 1 });
    const codes: string[] = [];
    node.onfault = (e) => codes.push(e.detail.code);
    for (const m of [
      'garbage',
      null,
      7,
      { type: 'reset', extra: 1 },
      { type: 'nope' },
      { type: 'outputLimit', value: 'x' },
    ]) {
      node.port.postMessage(m);
    }
    node.resetState();
    node.setOutputLimit(1e3);
    const x = h.noise(T, 9);
    h.sourceOf(ctx, x).connect(node).connect(ctx.destination);
    const y = (await ctx.startRendering()).getChannelData(0);
    await new Promise((r) => setTimeout(r, 200));
    return { codes, err: h.relErr(y, h.refLattice(x, Float64Array.of(0.5), 1)) };
  });
  // { type: 'reset', extra: 1 } is a valid reset (extra fields are ignored).
  expect(res.codes).toEqual(['bad-message', 'bad-message', 'bad-message', 'bad-message', 'bad-message']);
  expect(res.err).toBeLessThanOrEqual(1e-6);
});

test('loud impulse then silence: the tail decays to exact zeros, never through denormals', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const sr = 48000;
    const T = 48000;
    const out: { denormals: number; zerosFrom: number; first: number }[] = [];
    for (const domain of ['reflection', 'direct'] as const) {
      const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
      await h.host.addAllPoleModule(ctx);
      const k = [0.9, -0.8, 0.5, 0.3];
      const c = domain === 'reflection' ? k : Array.from(h.core.reflectionToDirect(k));
      const node = new h.host.AllPoleFilterNode(ctx, {
        order: 4,
        domain,
        coefficients: c,
        channelCount: 1,
        outputLimit: 1e9, // a deliberately loud impulse (1e5): the bound is not what is tested here
      });
      const x = new Float32Array(256);
      x[0] = 1e5;
      h.sourceOf(ctx, x).connect(node).connect(ctx.destination);
      const y = (await ctx.startRendering()).getChannelData(0);
      let denormals = 0;
      let zerosFrom = T;
      for (let t = 0; t < T; t++) if (y[t] !== 0 && Math.abs(y[t]) < 2 ** -126) denormals++;
      while (zerosFrom > 0 && y[zerosFrom - 1] === 0) zerosFrom--;
      out.push({ denormals, zerosFrom, first: y[0] });
    }
    return out;
  });
  for (const r of res) {
    expect(r.first).toBe(1e5);
    expect(r.denormals).toBe(0);
    expect(r.zerosFrom).toBeGreaterThan(1000); // it rang for a while…
    expect(r.zerosFrom).toBeLessThan(40000); // …then became exactly silent
  }
});

test('slowly unstable direct-form filters (pole radii 1.095, 1.0005, 1.00005) are silenced below the default bound', async ({
  page,
}) => {
  const res = await page.evaluate(async () => {
    const { h } = window;
    const sr = 48000;
    const out: { r: number; faults: string[]; faultFrame: number; peakBefore: number }[] = [];
    for (const r of [1.095, 1.0005, 1.00005]) {
      const T = sr * 5;
      const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
      await h.host.addAllPoleModule(ctx);
      const node = new h.host.AllPoleFilterNode(ctx, { order: 2, domain: 'direct', channelCount: 1 });
      const a = [-2 * r * Math.cos(0.3), r * r];
      node.coefficients[0].value = a[0];
      node.coefficients[1].value = a[1];
      const faults: { code: string; frame: number }[] = [];
      node.onfault = (e) => faults.push(e.detail);
      h.sourceOf(ctx, h.noise(T, 3, 1e-4))
        .connect(node)
        .connect(ctx.destination);
      const y = (await ctx.startRendering()).getChannelData(0);
      await new Promise((res) => setTimeout(res, 100));
      const end = faults.length ? faults[0].frame : T;
      let peakBefore = 0;
      for (let t = 0; t < end; t++) peakBefore = Math.max(peakBefore, Math.abs(y[t]));
      let peakAll = 0;
      for (const v of y) peakAll = Math.max(peakAll, Math.abs(v));
      out.push({
        r,
        faults: faults.map((f) => f.code),
        faultFrame: end,
        peakBefore: Math.max(peakBefore, peakAll),
      });
    }
    // The node's API refuses such coefficients outright.
    const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: 128, sampleRate: sr });
    await h.host.addAllPoleModule(ctx);
    const refused: string[] = [];
    const bad = [-2 * 1.00005 * Math.cos(0.3), 1.00005 ** 2];
    try {
      new h.host.AllPoleFilterNode(ctx, { order: 2, domain: 'direct', coefficients: bad });
    } catch (e) {
      refused.push((e as Error).name);
    }
    try {
      new h.host.AllPoleFilterNode(ctx, { order: 2, domain: 'direct' }).setCoefficients(bad);
    } catch (e) {
      refused.push((e as Error).name);
    }
    return { out, refused };
  });
  expect(res.refused).toEqual(['RangeError', 'RangeError']);
  for (const o of res.out) {
    expect(o.faults.length, `r=${o.r}`).toBeGreaterThan(0);
    expect(o.peakBefore, `r=${o.r}`).toBeLessThan(4); // the default bound; nothing louder leaves
    if (o.r < 1.01) {
      expect(o.faults[0], `r=${o.r}`).toBe('growth');
      expect(o.faultFrame / 48000, `r=${o.r}`).toBeLessThan(4);
    }
  }
});
