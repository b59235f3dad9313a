// The all-pole node in a Vite page: white noise through an order-2 resonator (reflection
// domain) whose first coefficient is ramped, so the resonance sweeps.
import { addAllPoleModule, createAllPoleFilterNode } from 'diffiir/host';

const sampleRate = 48000;

/** Noise -> all-pole node -> destination, with a 1 s sweep of k1 from -0.95 to 0.95. */
async function buildGraph(ctx) {
  await addAllPoleModule(ctx);
  const node = createAllPoleFilterNode(ctx, {
    order: 2,
    domain: 'reflection',
    coefficients: [-0.95, 0.97],
    channelCount: 1,
  });
  node.gain.value = 0.05;
  const noise = ctx.createBuffer(1, sampleRate, sampleRate);
  const data = noise.getChannelData(0);
  let s = 1;
  for (let i = 0; i < data.length; i++) {
    s = (s * 16807) % 2147483647;
    data[i] = (s / 2147483647) * 2 - 1;
  }
  const src = ctx.createBufferSource();
  src.buffer = noise;
  src.connect(node).connect(ctx.destination);
  node.rampCoefficients([0.95, 0.97], ctx.currentTime + 1);
  src.start();
  return node;
}

async function render() {
  const ctx = new OfflineAudioContext({ numberOfChannels: 1, length: sampleRate, sampleRate });
  await buildGraph(ctx);
  const y = (await ctx.startRendering()).getChannelData(0);
  const rms = (a, b) => Math.sqrt(y.subarray(a, b).reduce((acc, v) => acc + v * v, 0) / (b - a));
  return { rmsStart: rms(0, 4800), rmsEnd: rms(43200, 48000), finite: y.every(Number.isFinite) };
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

document.getElementById('play').addEventListener('click', async () => {
  const ctx = new AudioContext({ sampleRate });
  await buildGraph(ctx);
});
