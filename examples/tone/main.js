// diffiir/tone: the all-pole filter as a Tone.js node. A sawtooth through a vowel-like order-4
// filter (reflection domain), rendered offline with Tone.Offline; its coefficients are Tone Params.

import { AllPoleFilter, loadAllPoleFilter } from 'diffiir/tone';
import * as Tone from 'tone';

async function render() {
  const buffer = await Tone.Offline(
    async (context) => {
      await loadAllPoleFilter(context);
      const filter = new AllPoleFilter({
        order: 4,
        domain: 'reflection',
        coefficients: [-0.9, 0.7, -0.3, 0.2],
        channels: 1,
      });
      filter.gain.value = 0.1;
      filter.toDestination();
      const osc = new Tone.Oscillator(110, 'sawtooth').connect(filter).start(0);
      filter.coefficients[0].rampTo(-0.5, 0.2);
      osc.stop(0.25);
    },
    0.25,
    1,
    48000,
  );
  const y = buffer.getChannelData(0);
  const peak = y.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return { peak, finite: y.every(Number.isFinite), length: y.length };
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
