/**
 * Panel 3: the talking synth (classic LPC vocoder). A voice (microphone or example) is analysed
 * frame by frame with core `lpc` (LpcTracker, AnalyserNode on a timer); each frame's reflection
 * coefficients are ramped linearly into a reflection-domain AllPoleFilterNode
 * (`rampCoefficients`, no zipper noise) that filters a sawtooth/pulse carrier, and the node's
 * gain ramps to the frame's residual RMS, so the output follows the voice's envelope.
 */
import { type AllPoleFilterNode, allPoleFrequencyResponse } from 'diffiir/host';
import { getAudioContext } from './audio-context.js';
import { type Carrier, type CarrierKind, startCarrier } from './carrier.js';
import { byId } from './dom.js';
import { type LiveSource, type LiveSourceKind, openLiveSource } from './live-source.js';
import { LpcTracker } from './lpc-tracker.js';
import { outputBus } from './output-bus.js';
import { drawResponse, logFrequencies } from './response-plot.js';
import { createRunningAllPoleNode } from './running-node.js';
import { errorText, showStatus } from './status.js';
import { hooks } from './test-hooks.js';

const FREQS = logFrequencies(200, 50, 12000);
/** Analysis frame (samples at 48 kHz): ≈ 21 ms. */
const FRAME = 1024;
/** Headroom so that loud vowels through a resonant envelope do not clip. */
const OUTPUT_SCALE = 0.5;

/** Wires the talking-synth panel's controls. */
export function setupSynthPanel(): void {
  const sourceSel = byId<HTMLSelectElement>('synth-source');
  const carrierSel = byId<HTMLSelectElement>('synth-carrier');
  const pitchIn = byId<HTMLInputElement>('synth-pitch');
  const orderSel = byId<HTMLSelectElement>('synth-order');
  const hopSel = byId<HTMLSelectElement>('synth-hop');
  const startBtn = byId<HTMLButtonElement>('synth-start');
  const stopBtn = byId<HTMLButtonElement>('synth-stop');
  const canvas = byId<HTMLCanvasElement>('synth-response');

  let voice: LiveSource | null = null;
  let carrier: Carrier | null = null;
  let node: AllPoleFilterNode | null = null;
  let output: AnalyserNode | null = null;
  let excitation: GainNode | null = null;
  let timer = 0;
  let raf = 0;
  let disposeNode: () => void = () => {};
  const mag = new Float32Array(FREQS.length);
  const phase = new Float32Array(FREQS.length);

  async function start(): Promise<void> {
    startBtn.disabled = true;
    try {
      const ctx = await getAudioContext();
      hooks.context = ctx;
      const v = await openLiveSource(ctx, sourceSel.value as LiveSourceKind);
      if (typeof v === 'string') {
        showStatus('synth-status', v, 'error');
        startBtn.disabled = false;
        return;
      }
      voice = v;
      const order = Number(orderSel.value);
      const input = new AnalyserNode(ctx, { fftSize: 2048 });
      voice.node.connect(input);
      carrier = startCarrier(ctx, carrierSel.value as CarrierKind, Number(pitchIn.value));
      const running = await createRunningAllPoleNode(ctx, {
        order,
        domain: 'reflection',
        gain: OUTPUT_SCALE,
        channelCount: 1,
      });
      node = running.node;
      disposeNode = running.dispose;
      const voiceOut = outputBus(ctx).voice('synth');
      node.addEventListener('fault', () => {
        voiceOut.fadeOut();
        showStatus('synth-status', 'Filter fault: the synth was faded out; press Start again.', 'error');
      });
      output = new AnalyserNode(ctx, { fftSize: 2048 });
      voiceOut.resume();
      // The frame's residual RMS scales the carrier (the excitation), as in the LPC model: the
      // node's output is then at the voice's level, far inside its output limit.
      excitation = new GainNode(ctx, { gain: 0 });
      carrier.output.connect(excitation).connect(node).connect(output).connect(voiceOut.input);
      hooks.synth.input = input;
      hooks.synth.output = output;
      hooks.synth.frames = 0;
      const tracker = new LpcTracker(input, order, FRAME);
      const hop = Number(hopSel.value) / 1000;
      const gain = excitation.gain;
      const n = node;
      let latest: Float64Array | null = null;
      timer = window.setInterval(() => {
        const f = tracker.analyse();
        const now = ctx.currentTime;
        const end = now + hop;
        gain.cancelAndHoldAtTime(now);
        if (f) {
          latest = f.k;
          n.rampCoefficients(f.k, end);
          gain.linearRampToValueAtTime(f.residualRms, end);
        } else {
          gain.linearRampToValueAtTime(0, end);
        }
        hooks.synth.frames++;
      }, hop * 1000);
      const draw = () => {
        raf = requestAnimationFrame(draw);
        if (!latest) return;
        // The latest frame's envelope 1/A(z) (shape only: the gain follows the voice's level).
        allPoleFrequencyResponse(latest, 'reflection', 1, ctx.sampleRate, FREQS, mag, phase);
        drawResponse(canvas, FREQS, [
          { label: 'LPC envelope 1/A(z) of the latest frame', color: '#d2a8ff', mag },
        ]);
      };
      draw();
      stopBtn.disabled = false;
      showStatus(
        'synth-status',
        `Running: LPC order ${order} every ${hopSel.value} ms on a ${carrierSel.value} carrier.`,
        'ok',
      );
    } catch (e) {
      showStatus('synth-status', errorText(e), 'error');
      startBtn.disabled = false;
    }
  }

  function stop(): void {
    clearInterval(timer);
    cancelAnimationFrame(raf);
    voice?.stop();
    carrier?.stop();
    disposeNode();
    disposeNode = () => {};
    node?.disconnect();
    output?.disconnect();
    excitation?.disconnect();
    excitation = null;
    voice = null;
    carrier = null;
    node = null;
    startBtn.disabled = false;
    stopBtn.disabled = true;
    showStatus('synth-status', 'Stopped.');
  }

  const placeholder = canvas.getContext('2d');
  if (placeholder) {
    placeholder.fillStyle = '#8a9aa8';
    placeholder.font = '13px sans-serif';
    placeholder.fillText(
      'press Start: the LPC envelope of each analysed frame appears here',
      16,
      canvas.height / 2,
    );
  }

  startBtn.addEventListener('click', () => void start());
  stopBtn.addEventListener('click', stop);
  pitchIn.addEventListener('input', () => {
    if (carrier)
      carrier.frequency.setTargetAtTime(Number(pitchIn.value), carrier.output.context.currentTime, 0.02);
  });
  for (const sel of [sourceSel, carrierSel, orderSel, hopSel]) {
    sel.addEventListener('change', () => {
      if (voice) {
        stop();
        void start();
      }
    });
  }
}
