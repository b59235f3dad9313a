// diffiir/standardized: the same node on standardized-audio-context's contexts. The impulse
// response of a direct-form order-1 filter, a1 = -0.5: y[n] = 0.5^n.

import { addAllPoleModule, createAllPoleFilterNode } from 'diffiir/standardized';
import { OfflineAudioContext } from 'standardized-audio-context';

async function render() {
  const length = 32;
  const ctx = new OfflineAudioContext({ numberOfChannels: 1, length, sampleRate: 48000 });
  await addAllPoleModule(ctx);
  const node = createAllPoleFilterNode(ctx, {
    order: 1,
    domain: 'direct',
    coefficients: [-0.5],
    channelCount: 1,
  });
  const impulse = ctx.createBuffer(1, length, 48000);
  impulse.getChannelData(0)[0] = 1;
  const src = ctx.createBufferSource();
  src.buffer = impulse;
  src.connect(node).connect(ctx.destination);
  src.start(0);
  const y = (await ctx.startRendering()).getChannelData(0);
  let maxError = 0;
  for (let n = 0; n < length; n++) maxError = Math.max(maxError, Math.abs(y[n] - 0.5 ** n));
  return { maxError };
}

render().then(
  (result) => {
    window.result = result;
    document.getElementById('out').textContent = JSON.stringify(result);
  },
  (e) => {
    window.result = { error: String(e?.stack ?? e) };
  },
);
