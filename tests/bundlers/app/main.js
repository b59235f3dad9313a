// A tiny app, as a user writes it: imports the packed package by its public name and plays an
// impulse through the all-pole node in an OfflineAudioContext. The page sets
// window.WORKLET_URL only when it serves the worklet file itself (the `{ url }` escape hatch).
import { addAllPoleModule, createAllPoleFilterNode } from 'diffiir/host';

async function run() {
  const length = 512;
  const r = 0.95;
  const w = 0.3;
  const a = [-2 * r * Math.cos(w), r * r];
  const ctx = new OfflineAudioContext({ numberOfChannels: 1, length, sampleRate: 48000 });
  const url = window.WORKLET_URL;
  await addAllPoleModule(ctx, url ? { url } : {});
  const node = createAllPoleFilterNode(ctx, { order: 2, domain: 'direct', coefficients: a, channelCount: 1 });
  const impulse = ctx.createBuffer(1, length, ctx.sampleRate);
  impulse.getChannelData(0)[0] = 1;
  const src = ctx.createBufferSource();
  src.buffer = impulse;
  src.connect(node).connect(ctx.destination);
  src.start(0);
  const y = (await ctx.startRendering()).getChannelData(0);
  // Reference: y[n] = x[n] - a1 y[n-1] - a2 y[n-2].
  let y1 = 0;
  let y2 = 0;
  let maxError = 0;
  let energy = 0;
  for (let n = 0; n < length; n++) {
    const ref = (n === 0 ? 1 : 0) - a[0] * y1 - a[1] * y2;
    y2 = y1;
    y1 = ref;
    maxError = Math.max(maxError, Math.abs(y[n] - ref));
    energy += y[n] * y[n];
  }
  return { maxError, energy };
}

run().then(
  (result) => {
    window.result = result;
  },
  (e) => {
    window.result = { error: String(e?.stack ?? e) };
  },
);
