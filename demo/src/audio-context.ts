/**
 * The page's single AudioContext (48 kHz), created on the first user gesture, with the
 * all-pole worklet module added once. Panels share it so they can be mixed and measured.
 */
import { addAllPoleModule } from 'diffiir/host';
import { outputBus } from './output-bus.js';

/** Sample rate used by the whole demo (examples are generated at this rate). */
export const DEMO_SAMPLE_RATE = 48000;

let shared: Promise<AudioContext> | null = null;
let ready: AudioContext | null = null;
const readyListeners: ((ctx: AudioContext) => void)[] = [];

/** Calls `f(ctx)` once the shared context exists (at once if it already does). */
export function whenAudioReady(f: (ctx: AudioContext) => void): void {
  if (ready) f(ready);
  else readyListeners.push(f);
}

/**
 * Returns the shared AudioContext, creating it (and loading the worklet) on first call.
 * Call from a user-gesture handler the first time so that it starts running.
 */
export function getAudioContext(): Promise<AudioContext> {
  if (!shared) {
    shared = (async () => {
      const ctx = new AudioContext({ sampleRate: DEMO_SAMPLE_RATE, latencyHint: 'interactive' });
      await addAllPoleModule(ctx);
      // The output bus (volume, limiter, clipper, mute) exists before any panel can play.
      outputBus(ctx);
      ready = ctx;
      for (const f of readyListeners.splice(0)) f(ctx);
      return ctx;
    })();
    shared.catch(() => {
      shared = null;
    });
  }
  return shared.then(async (ctx) => {
    if (ctx.state === 'suspended') await ctx.resume();
    return ctx;
  });
}

/** Copies a float64 signal into a mono AudioBuffer at the context's rate. */
export function toAudioBuffer(ctx: BaseAudioContext, x: ArrayLike<number>): AudioBuffer {
  const buf = ctx.createBuffer(1, Math.max(1, x.length), ctx.sampleRate);
  buf.getChannelData(0).set(Float32Array.from(x));
  return buf;
}

/** A started, looping (by default) buffer source playing `x`. */
export function playSignal(ctx: AudioContext, x: ArrayLike<number>, loop = true): AudioBufferSourceNode {
  const src = new AudioBufferSourceNode(ctx, { buffer: toAudioBuffer(ctx, x), loop });
  src.start();
  return src;
}
