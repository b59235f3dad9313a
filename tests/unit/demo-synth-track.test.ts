/**
 * The talking synth's track streaming (demo/src/synth-track.ts) against the real all-pole
 * processor (shimmed worklet globals): the demo's tap → LpcTracker → SynthTrackStreamer chain
 * on the fake microphone's speech, a unit-RMS carrier, and the host's own track/append messages
 * delivered to the processor after a chosen delay. Shows the cause of the previous attempt's
 * 'output-bound' fault (the carrier passed at unit gain before the first frame, and the state it
 * left rang up through the first resonant frame), that the streamer places frame f at
 * `round(when·sampleRate) + f·hop` (output = the core model), and that late frames (underruns)
 * are counted, held and recovered from without a fault.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleSpeech } from '../../demo/src/examples.js';
import { LpcTracker } from '../../demo/src/lpc-tracker.js';
import { SILENT_LOG_GAIN, SYNTH_OUTPUT_SCALE, SynthTrackStreamer } from '../../demo/src/synth-track.js';
import { trackLattice } from '../../src/core/track/track-lattice.js';
import type { NodeTrack, TrackFrames } from '../../src/host/track.js';
import { appendMessage, trackMessage } from '../../src/host/track.js';
import { DEFAULT_OUTPUT_LIMIT } from '../../src/worklet/protocol.js';
import { createProcessor, loadProcessors, type ProcessorInstance } from './worklet-shim.js';

beforeAll(loadProcessors);

const SR = 48000;
const Q = 128;
const HOP = 480;
const FRAME = 1024;
const M = 16;
/** The fake microphone's speech (8 syllables, 3.5 s), from sample 0. */
const VOICE = Float32Array.from(exampleSpeech(SR, 8));

/** Unit-RMS naive sawtooth at 110 Hz (the carrier). */
function carrier(n: number): Float32Array {
  return Float32Array.from(
    { length: n },
    (_, t) => Math.sqrt(3) * (2 * ((t * 110) / SR - Math.floor((t * 110) / SR)) - 1),
  );
}

/**
 * The previous attempt's rule (merge 4c73c23, demo/src/synth-panel.ts): node gain 0.5, nothing
 * sent before the first voiced frame, which starts the track two hops after `currentTime`.
 */
function previousRule(node: {
  order: number;
  context: { currentTime: number };
  playTrack(t: NodeTrack, when?: number): Promise<void>;
  appendFrames(f: TrackFrames): Promise<void>;
}) {
  let started = false;
  let lastK: Float64Array = new Float64Array(node.order);
  return {
    push(frame: ReturnType<LpcTracker['analyse']>) {
      const k = frame ? frame.k : lastK;
      const logGain = [frame ? Math.log(Math.max(frame.residualRms, 1e-13)) : -30];
      lastK = k;
      if (started) void node.appendFrames({ k, logGain });
      else if (frame) {
        started = true;
        void node.playTrack({ k, logGain, hop: HOP }, node.context.currentTime + (2 * HOP) / SR);
      }
    },
  };
}

interface Run {
  y: Float32Array;
  faults: string[];
  streamer: SynthTrackStreamer;
  /** Absolute sample of frame 0 and the frames sent, for the reference. */
  start: number;
  k: number[];
  logGain: number[];
}

/**
 * Plays VOICE through the chain. `delay(f)`: samples between the tap posting frame f and the main
 * thread receiving it; messages to the processor arrive before the next quantum.
 */
function play(delay: (f: number) => number, open: boolean, rule: 'streamer' | 'previous' = 'streamer'): Run {
  const proc: ProcessorInstance = createProcessor(`diffiir-allpole-t${M}`, 1, {
    outputLimit: DEFAULT_OUTPUT_LIMIT,
  });
  const g = globalThis as unknown as { currentFrame: number };
  const ctx = { currentTime: 0, sampleRate: SR };
  const toProc: { due: number; msg: unknown }[] = [];
  let id = 1;
  const sent = { k: [] as number[], logGain: [] as number[], start: -1 };
  const record = (f: TrackFrames) => {
    sent.k.push(...Array.from(f.k));
    sent.logGain.push(...Array.from(f.logGain ?? []));
  };
  const node = {
    order: M,
    context: ctx,
    playTrack(track: NodeTrack, when = ctx.currentTime) {
      // The last track posted is the streamer's (the first is open()'s silent one).
      const msg = trackMessage(track, when, M, SR, id++);
      sent.start = msg.start;
      sent.k.length = 0;
      sent.logGain.length = 0;
      record(track);
      toProc.push({ due: Math.round(ctx.currentTime * SR), msg });
      return Promise.resolve();
    },
    appendFrames(frames: TrackFrames) {
      record(frames);
      toProc.push({ due: Math.round(ctx.currentTime * SR), msg: appendMessage(frames, M, id++) });
      return Promise.resolve();
    },
  };
  const errors: unknown[] = [];
  const streamer = new SynthTrackStreamer(node, HOP, SYNTH_OUTPUT_SCALE, (e) => errors.push(e));
  if (open) void streamer.open();
  const previous = previousRule(node);
  const tracker = new LpcTracker(M, FRAME);
  const ring = new Float32Array(FRAME);
  const frame = new Float32Array(FRAME);
  const toMain: { due: number; time: number; frame: ReturnType<LpcTracker['analyse']> }[] = [];
  const x = carrier(VOICE.length);
  const y = new Float32Array(VOICE.length);
  let pos = 0;
  let taps = 0;
  for (let t0 = 0; t0 < VOICE.length; t0 += Q) {
    const T = Math.min(Q, VOICE.length - t0);
    ctx.currentTime = t0 / SR;
    toMain.sort((a, b) => a.due - b.due);
    while (toMain.length && toMain[0].due <= t0) {
      const m = toMain.shift() as (typeof toMain)[number];
      if (rule === 'streamer') streamer.push({ frame: m.frame, time: m.time });
      else previous.push(m.frame);
    }
    while (toProc.length && toProc[0].due <= t0) proc.port.deliver((toProc.shift() as { msg: unknown }).msg);
    g.currentFrame = t0;
    const out = [new Float32Array(T)];
    proc.process([[x.subarray(t0, t0 + T)]], [out], { gain: Float32Array.of(rule === 'streamer' ? 1 : 0.5) });
    y.set(out[0], t0);
    // The tap (lpc-tap.worklet.ts): a frame of the last FRAME samples every HOP samples.
    for (let i = 0; i < T; i++) {
      ring[pos] = VOICE[t0 + i];
      pos = (pos + 1) % FRAME;
      if ((t0 + i + 1) % HOP === 0) {
        for (let j = 0; j < FRAME; j++) frame[j] = ring[(pos + j) % FRAME];
        toMain.push({ due: t0 + Q + delay(taps++), time: t0 / SR, frame: tracker.analyse(frame) });
      }
    }
  }
  expect(errors).toEqual([]);
  const faults = (proc.port.sent as { type: string; code?: string }[])
    .filter((m) => m.type === 'fault')
    .map((m) => m.code as string);
  return { y, faults, streamer, start: sent.start, k: sent.k, logGain: sent.logGain };
}

/** Best correlation of the 20 ms RMS envelopes of `a` and `b` over lags 0–160 ms. */
function envelopeCorrelation(a: Float32Array, b: Float32Array): number {
  const W = 960;
  const env = (x: Float32Array) => {
    const e: number[] = [];
    for (let t = 0; t + W <= x.length; t += W) {
      let s = 0;
      for (let i = 0; i < W; i++) s += x[t + i] * x[t + i];
      e.push(Math.sqrt(s / W));
    }
    return e;
  };
  const ea = env(a);
  const eb = env(b);
  const corr = (p: number[], q: number[]) => {
    const n = p.length;
    const mp = p.reduce((s, v) => s + v, 0) / n;
    const mq = q.reduce((s, v) => s + v, 0) / n;
    let pq = 0;
    let pp = 0;
    let qq = 0;
    for (let i = 0; i < n; i++) {
      pq += (p[i] - mp) * (q[i] - mq);
      pp += (p[i] - mp) ** 2;
      qq += (q[i] - mq) ** 2;
    }
    return pq / Math.sqrt(pp * qq);
  };
  let best = -1;
  for (let lag = 0; lag <= 8; lag++) best = Math.max(best, corr(ea.slice(0, ea.length - lag), eb.slice(lag)));
  return best;
}

const peak = (y: Float32Array) => y.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('talking synth: live LPC frames streamed into a track-mode node', () => {
  it("cause of the previous attempt's fault: the carrier passed at unit gain before the first frame", () => {
    // Its rule, as it was: 'output-bound' when the first voiced frame takes over.
    expect(play(() => 240, false, 'previous').faults).toContain('output-bound');
    // The same rule after the silent track: no fault. The state left by the unscaled carrier
    // (unit RMS, 100× a frame's excitation) rang up through the first resonant frame.
    expect(play(() => 240, true, 'previous').faults).toEqual([]);
  });

  it('on time: no fault, output = the core model of the frames sent (frame f at start + f·hop)', () => {
    const r = play(() => 240, true);
    expect(r.faults).toEqual([]);
    expect(r.streamer.late).toBe(0);
    expect(r.streamer.minLead).toBeGreaterThan(0);
    // Reference: the silent track up to `start` (e^-30 · x through k = 0), then the frames.
    const x = carrier(VOICE.length);
    const state = new Float64Array(M);
    const head = trackLattice(
      Float64Array.from(x.subarray(0, r.start)),
      { k: new Float64Array(M), logGain: Float64Array.of(SILENT_LOG_GAIN), hop: HOP, order: M },
      { state },
    );
    const tail = trackLattice(
      Float64Array.from(x.subarray(r.start)),
      { k: Float64Array.from(r.k), logGain: Float64Array.from(r.logGain), hop: HOP, order: M },
      { state },
    );
    const ref = new Float64Array(VOICE.length);
    ref.set(head);
    ref.set(tail, r.start);
    let d = 0;
    for (let i = 0; i < ref.length; i++) d = Math.max(d, Math.abs(r.y[i] - ref[i]));
    expect(d / peak(Float32Array.from(ref))).toBeLessThanOrEqual(1e-6);
    expect(peak(r.y)).toBeLessThan(DEFAULT_OUTPUT_LIMIT);
    expect(envelopeCorrelation(VOICE, r.y)).toBeGreaterThanOrEqual(0.9);
  });

  it('underruns: a 150 ms stall every 0.5 s is counted, held and recovered from (no fault, no re-anchor)', () => {
    // After the first 50, frames 0–14 of every 50 reach the main thread together, with frame 15.
    const r = play((f) => (f >= 50 && f % 50 < 15 ? 240 + (15 - (f % 50)) * HOP : 240), true);
    expect(r.faults).toEqual([]);
    expect(r.streamer.late).toBeGreaterThan(0);
    expect(r.streamer.late).toBeLessThan(0.3 * r.streamer.frames);
    expect(r.streamer.reanchors).toBe(0);
    expect(peak(r.y)).toBeLessThan(DEFAULT_OUTPUT_LIMIT);
    expect(envelopeCorrelation(VOICE, r.y)).toBeGreaterThanOrEqual(0.9);
  });

  it('a pipeline that becomes 60 ms slower for good: late for one second, then re-anchored', () => {
    const r = play((f) => (f < 50 ? 240 : 240 + 2880), true);
    expect(r.faults).toEqual([]);
    expect(r.streamer.reanchors).toBe(1);
    // One second of late frames (100 at hop 480), none after the re-anchor.
    expect(r.streamer.late).toBe(SR / HOP);
    expect(peak(r.y)).toBeLessThan(DEFAULT_OUTPUT_LIMIT);
    expect(envelopeCorrelation(VOICE, r.y)).toBeGreaterThanOrEqual(0.9);
  });
});
