// Plain ESM page script: imports the built host bundle by relative URL, no bundler involved.
import * as host from '../../../dist/host/index.js';

window.distHost = host;

/** Renders the impulse response of a first-order node (order 1: a1 = k1) in both domains. */
window.renderImpulse = async (domain, c, length) => {
  const ctx = new OfflineAudioContext({ numberOfChannels: 1, length, sampleRate: 48000 });
  await host.addAllPoleModule(ctx);
  const node = new host.AllPoleFilterNode(ctx, { order: 1, domain, coefficients: [c], channelCount: 1 });
  const buf = ctx.createBuffer(1, length, ctx.sampleRate);
  buf.getChannelData(0)[0] = 1;
  const src = ctx.createBufferSource();
  src.buffer = buf;
  src.connect(node).connect(ctx.destination);
  src.start(0);
  const out = await ctx.startRendering();
  return Array.from(out.getChannelData(0));
};
document.title = 'dist ready';
