/**
 * Panel 3: the talking synth (classic LPC vocoder). The voice (microphone or example) feeds an
 * AudioWorklet tap that posts a frame every hop, on the audio clock, straight to an LPC Worker;
 * the worker's frames come back to this controller, which only forwards them to a track-mode
 * AllPoleFilterNode on a sawtooth/pulse carrier (SynthTrackStreamer: `playTrack` for the first
 * frame, `appendFrames` for the rest, a small lead, the rules for underruns in synth-track.ts).
 * The node interpolates k and the log-gain (the frame's residual RMS, on the excitation) per
 * sample, like the model. No analysis runs on the main thread. One state object; `render()`
 * draws the latest envelope.
 */
import { type AllPoleFilterNode, allPoleFrequencyResponse } from 'diffiir/host';
import { getAudioContext } from './audio-context.js';
import { type Carrier, type CarrierKind, startCarrier } from './carrier.js';
import { byId } from './dom.js';
import { type LiveSource, type LiveSourceKind, openLiveSource } from './live-source.js';
import tapUrl from './lpc-tap.worklet.ts?worker&url';
import type { LpcWorkerFrame, LpcWorkerInit } from './lpc-worker.js';
import { outputBus } from './output-bus.js';
import { drawResponse, logFrequencies } from './response-plot.js';
import { createRunningAllPoleNode } from './running-node.js';
import { errorText, showStatus } from './status.js';
import { SYNTH_OUTPUT_SCALE, SynthTrackStreamer } from './synth-track.js';
import { hooks } from './test-hooks.js';

const FREQS = logFrequencies(200, 50, 12000);
/** Analysis frame (samples at 48 kHz): ≈ 21 ms. */
const FRAME = 1024;

const tapModules = new WeakMap<BaseAudioContext, Promise<void>>();
function addTapModule(ctx: AudioContext): Promise<void> {
  let p = tapModules.get(ctx);
  if (!p) {
    p = ctx.audioWorklet.addModule(tapUrl);
    tapModules.set(ctx, p);
  }
  return p;
}

/** The running synth's audio graph and analysis chain. */
interface SynthRun {
  voice: LiveSource;
  carrier: Carrier;
  node: AllPoleFilterNode;
  /** Sends the analysed frames into the node's track. */
  streamer: SynthTrackStreamer;
  tap: AudioWorkletNode;
  worker: Worker;
  output: AnalyserNode;
  dispose: () => void;
}

interface SynthState {
  run: SynthRun | null;
  starting: boolean;
  /** Reflection coefficients of the latest voiced frame. */
  latest: Float64Array | null;
  status: { text: string; kind: 'info' | 'error' | 'ok' };
}

export function setupSynthPanel(): void {
  const el = {
    source: byId<HTMLSelectElement>('synth-source'),
    carrier: byId<HTMLSelectElement>('synth-carrier'),
    pitch: byId<HTMLInputElement>('synth-pitch'),
    order: byId<HTMLSelectElement>('synth-order'),
    hop: byId<HTMLSelectElement>('synth-hop'),
    start: byId<HTMLButtonElement>('synth-start'),
    stop: byId<HTMLButtonElement>('synth-stop'),
    canvas: byId<HTMLCanvasElement>('synth-response'),
  };
  const state: SynthState = { run: null, starting: false, latest: null, status: { text: '', kind: 'info' } };
  const mag = new Float32Array(FREQS.length);
  const phase = new Float32Array(FREQS.length);
  let frame = 0;
  let generation = 0;

  function scheduleRender(): void {
    if (!frame) frame = requestAnimationFrame(render);
  }

  function render(): void {
    frame = 0;
    el.start.disabled = state.run !== null || state.starting;
    el.stop.disabled = state.run === null;
    showStatus('synth-status', state.status.text, state.status.kind);
    const ctx = state.run?.node.context;
    if (state.latest && ctx) {
      // The latest frame's envelope 1/A(z) (shape only: the gain follows the voice's level).
      allPoleFrequencyResponse(state.latest, 'reflection', 1, ctx.sampleRate, FREQS, mag, phase);
      drawResponse(el.canvas, FREQS, [
        { label: 'LPC envelope 1/A(z) of the latest frame', color: '#d2a8ff', mag },
      ]);
    } else if (!state.run) {
      const g = el.canvas.getContext('2d');
      if (g && !state.latest) {
        g.fillStyle = '#0f1419';
        g.fillRect(0, 0, el.canvas.width, el.canvas.height);
        g.fillStyle = '#8a9aa8';
        g.font = '13px sans-serif';
        g.fillText(
          'press Start: the LPC envelope of each analysed frame appears here',
          16,
          el.canvas.height / 2,
        );
      }
    }
  }

  function say(text: string, kind: SynthState['status']['kind'] = 'info'): void {
    state.status = { text, kind };
    scheduleRender();
  }

  /** Forwards one analysed frame to the node's track. */
  function onFrame(run: SynthRun, m: LpcWorkerFrame): void {
    if (state.run !== run) return;
    run.streamer.push(m);
    if (m.frame) {
      state.latest = m.frame.k;
      scheduleRender();
    }
    const h = hooks.synth;
    h.frames = run.streamer.frames;
    h.late = run.streamer.late;
    h.reanchors = run.streamer.reanchors;
    h.minLead = run.streamer.minLead;
  }

  async function start(): Promise<void> {
    const gen = ++generation;
    state.starting = true;
    scheduleRender();
    const parts: (() => void)[] = [];
    const undo = () => {
      for (const f of parts.splice(0).reverse()) f();
    };
    try {
      const ctx = await getAudioContext();
      hooks.context = ctx;
      await addTapModule(ctx);
      const v = await openLiveSource(ctx, el.source.value as LiveSourceKind);
      if (typeof v === 'string') {
        say(v, 'error');
        return;
      }
      parts.push(() => v.stop());
      const order = Number(el.order.value);
      const hop = Math.round((Number(el.hop.value) / 1000) * ctx.sampleRate);
      const input = new AnalyserNode(ctx, { fftSize: 2048 });
      v.node.connect(input);
      const carrier = startCarrier(ctx, el.carrier.value as CarrierKind, Number(el.pitch.value));
      parts.push(() => carrier.stop());
      const running = await createRunningAllPoleNode(ctx, {
        order,
        domain: 'reflection',
        control: 'track',
        channelCount: 1,
      });
      parts.push(running.dispose);
      const node = running.node;
      const streamer = new SynthTrackStreamer(node, hop, SYNTH_OUTPUT_SCALE, (e) =>
        say(`The filter refused a frame: ${errorText(e)}`, 'error'),
      );
      // Silent until the first frame: the carrier is connected once the node holds that track.
      await streamer.open();
      const voiceOut = outputBus(ctx).voice('synth');
      const output = new AnalyserNode(ctx, { fftSize: 2048 });
      carrier.output.connect(node).connect(output).connect(voiceOut.input);
      parts.push(() => {
        output.disconnect();
        input.disconnect();
      });
      // Analysis: audio-clock tap → worker (direct MessagePort) → here.
      const tap = new AudioWorkletNode(ctx, 'diffiir-demo-lpc-tap', {
        numberOfInputs: 1,
        numberOfOutputs: 0,
        channelCount: 1,
        channelCountMode: 'explicit',
        processorOptions: { frameLength: FRAME, hop },
      });
      v.node.connect(tap);
      const worker = new Worker(new URL('./lpc-worker.ts', import.meta.url), {
        type: 'module',
        name: 'diffiir-lpc',
      });
      parts.push(() => {
        tap.port.postMessage({ stop: true });
        tap.disconnect();
        worker.terminate();
      });
      const channel = new MessageChannel();
      tap.port.postMessage({ port: channel.port1 }, [channel.port1]);
      const init: LpcWorkerInit = { port: channel.port2, order, frameLength: FRAME };
      worker.postMessage(init, [channel.port2]);
      if (gen !== generation) {
        undo();
        return;
      }
      const run: SynthRun = {
        voice: v,
        carrier,
        node,
        streamer,
        tap,
        worker,
        output,
        dispose: undo,
      };
      worker.onmessage = (e: MessageEvent<LpcWorkerFrame>) => onFrame(run, e.data);
      node.addEventListener('fault', (e) => {
        const d = (e as CustomEvent<{ code?: string; message?: string }>).detail;
        hooks.synth.faults.push(String(d?.code));
        voiceOut.fadeOut();
        say(
          `Filter fault (${d?.code}: ${d?.message}): the synth was faded out; press Stop and Start to retry.`,
          'error',
        );
      });
      voiceOut.resume();
      state.run = run;
      hooks.synth.input = input;
      hooks.synth.output = output;
      hooks.synth.node = node;
      Object.assign(hooks.synth, { frames: 0, late: 0, reanchors: 0, minLead: Number.POSITIVE_INFINITY });
      say(
        `Running: LPC order ${order} every ${el.hop.value} ms (analysed in a worker) on a ${el.carrier.value} carrier.`,
        'ok',
      );
    } catch (e) {
      undo();
      say(errorText(e), 'error');
    } finally {
      state.starting = false;
      scheduleRender();
    }
  }

  function stop(): void {
    generation++;
    state.run?.dispose();
    state.run = null;
    say('Stopped.');
  }

  el.start.addEventListener('click', () => void start());
  el.stop.addEventListener('click', stop);
  el.pitch.addEventListener('input', () => {
    const c = state.run?.carrier;
    if (c) c.frequency.setTargetAtTime(Number(el.pitch.value), c.output.context.currentTime, 0.02);
  });
  for (const sel of [el.source, el.carrier, el.order, el.hop]) {
    sel.addEventListener('change', () => {
      if (state.run) {
        stop();
        void start();
      }
    });
  }
  render();
}
