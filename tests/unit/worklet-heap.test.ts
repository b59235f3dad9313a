/**
 * process() of the all-pole processor allocates nothing: drive it tens of thousands of times
 * (per-sample automated coefficients, 2 channels, both domains) and watch the young-generation
 * heap (where every JS allocation lands; JIT code and metadata do not) and the GC. A long
 * warm-up lets V8 finish tiering up first (its compilations allocate, the processor doesn't).
 * A deliberately allocating loop of the same length is measured the same way as a control,
 * so the measurement itself is shown able to fail.
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProcessor, loadProcessors } from './worklet-shim.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

beforeAll(loadProcessors);

const WARMUP = 20000;
const RUNS = 20000;
const BOUND = 32 * 1024;

function newSpaceUsed(): number {
  const s = getHeapSpaceStatistics().find((x) => x.space_name === 'new_space');
  if (!s) throw new Error('no new_space statistics');
  return s.space_used_size;
}

/**
 * Young-generation growth and GC count of the quietest of 3 windows of `RUNS` calls of `body`
 * (after a warm-up). A real allocation in process() happens on every call, so it shows in every
 * window; V8's tier-up (which allocates when new type feedback arrives) settles after a window.
 */
async function measure(body: (i: number) => void): Promise<{ grown: number; gcs: number }> {
  for (let i = 0; i < WARMUP; i++) body(i);
  let best = { grown: Number.POSITIVE_INFINITY, gcs: Number.POSITIVE_INFINITY };
  for (let w = 0; w < 3; w++) {
    gc();
    let gcs = 0;
    let counting = false;
    const obs = new PerformanceObserver((list) => {
      if (counting) gcs += list.getEntries().length;
    });
    obs.observe({ entryTypes: ['gc'] });
    await new Promise((r) => setTimeout(r, 20));
    counting = true;
    const h0 = newSpaceUsed();
    for (let i = 0; i < RUNS; i++) body(i);
    const h1 = newSpaceUsed();
    await new Promise((r) => setTimeout(r, 50));
    counting = false;
    obs.disconnect();
    if (gcs < best.gcs || (gcs === best.gcs && h1 - h0 < best.grown)) best = { grown: h1 - h0, gcs };
  }
  return best;
}

describe('worklet process() allocation', () => {
  it('the measurement detects a loop that allocates (control)', async () => {
    const sink: Float32Array[] = new Array(8);
    const r = await measure((i) => {
      sink[i & 7] = new Float32Array(4);
    });
    expect(r.grown > BOUND || r.gcs > 0).toBe(true);
  });

  for (const domain of ['reflection', 'direct'] as const) {
    it(`${domain}, order 16, every coefficient and the gain automated per sample: no allocation`, async () => {
      const M = 16;
      const T = 128;
      const proc = createProcessor(`diffiir-allpole-${domain === 'direct' ? 'd' : 'r'}${M}`, 2);
      const params: Record<string, Float32Array> = { gain: new Float32Array(T).fill(0.5) };
      for (let i = 0; i < M; i++) {
        const p = new Float32Array(T);
        // Small stable coefficients (direct: |a| sum < 1), varying per sample.
        for (let t = 0; t < T; t++) p[t] = (0.5 / M) * Math.sin(0.01 * t + i);
        params[`${domain === 'direct' ? 'a' : 'k'}${i + 1}`] = p;
      }
      const inputs = [[new Float32Array(T), new Float32Array(T)]];
      for (let t = 0; t < T; t++) {
        inputs[0][0][t] = Math.sin(t);
        inputs[0][1][t] = Math.cos(t);
      }
      const outputs = [[new Float32Array(T), new Float32Array(T)]];
      const r = await measure(() => {
        proc.process(inputs, outputs, params);
      });
      expect(outputs[0][0].some((v) => v !== 0)).toBe(true);
      expect(proc.port.sent).toEqual([]);
      expect(r.gcs).toBe(0);
      expect(r.grown).toBeLessThan(BOUND);
    });
  }

  // hop 1: every sample starts a frame (the gain table's anchors); hop 100: anchors inside the
  // intervals and quanta starting between them (the anchored gain recursion's replay).
  for (const hop of [1, 100]) {
    it(`track mode, order 16, hop ${hop} (k and gain interpolated every sample), 2 channels: no allocation`, async () => {
      const M = 16;
      const T = 128;
      const span = 64 * T;
      const proc = createProcessor('diffiir-allpole-t16', 2);
      const F = Math.ceil(span / hop) + 1;
      const k = new Float64Array(F * M);
      for (let i = 0; i < k.length; i++) k[i] = 0.3 * Math.sin(0.001 * i);
      const lg = Float64Array.from({ length: F }, (_, f) => -0.5 + 0.1 * Math.sin(0.01 * f));
      proc.port.deliver({ type: 'track', id: 1, start: 0, hop, k, logGain: lg });
      proc.port.sent.length = 0;
      const inputs = [[new Float32Array(T), new Float32Array(T)]];
      for (let t = 0; t < T; t++) {
        inputs[0][0][t] = Math.sin(t);
        inputs[0][1][t] = Math.cos(t);
      }
      const outputs = [[new Float32Array(T), new Float32Array(T)]];
      const params = { gain: Float32Array.of(1) };
      const g = globalThis as unknown as { currentFrame: number };
      const r = await measure((i) => {
        g.currentFrame = (i & 63) * T; // cycle through the track: interpolation on every call
        proc.process(inputs, outputs, params);
      });
      expect(outputs[0][0].some((v) => v !== 0)).toBe(true);
      expect(proc.port.sent).toEqual([]);
      expect(r.gcs).toBe(0);
      expect(r.grown).toBeLessThan(BOUND);
    });
  }

  it('direct domain with the growth detector running over many blocks: no allocation', async () => {
    const proc = createProcessor('diffiir-allpole-d4', 1);
    const params: Record<string, Float32Array> = { gain: Float32Array.of(0.5) };
    const a = [0.2, -0.1, 0.05, -0.02]; // Σ|a| < 1: stable
    for (let i = 0; i < 4; i++) params[`a${i + 1}`] = Float32Array.of(a[i]);
    const x = [[Float32Array.from({ length: 128 }, (_, t) => 0.3 * Math.sin(0.3 * t))]];
    const outputs = [[new Float32Array(128)]];
    const r = await measure(() => {
      proc.process(x, outputs, params);
    });
    expect(proc.port.sent).toEqual([]);
    expect(r.gcs).toBe(0);
    expect(r.grown).toBeLessThan(BOUND);
  });

  it('constant (length-1) params and a tail with no input: no allocation either', async () => {
    const proc = createProcessor('diffiir-allpole-r8', 1);
    const params: Record<string, Float32Array> = { gain: Float32Array.of(1) };
    for (let i = 0; i < 8; i++) params[`k${i + 1}`] = Float32Array.of(0.3);
    const x = [[new Float32Array(128).fill(0.1)]];
    const none: Float32Array[][] = [[]];
    const outputs = [[new Float32Array(128)]];
    const r = await measure((i) => {
      proc.process(i % 4 === 0 ? x : none, outputs, params);
    });
    expect(r.gcs).toBe(0);
    expect(r.grown).toBeLessThan(BOUND);
  });
});
