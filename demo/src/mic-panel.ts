/**
 * Panel 1: a live input (microphone or example) through an AllPoleFilterNode to the speakers.
 * Controls: order, domain, vowel presets, per-coefficient sliders, an LFO on one reflection
 * coefficient, output gain; a live magnitude-response plot from the node.
 */
import { directToReflection, reflectionToDirect } from 'diffiir/core';
import { type AllPoleFilterNode, allPoleFrequencyResponse } from 'diffiir/host';
import { getAudioContext } from './audio-context.js';
import { buildCoefficientSliders } from './coefficient-sliders.js';
import { byId } from './dom.js';
import { Lfo } from './lfo.js';
import { type LiveSource, type LiveSourceKind, openLiveSource } from './live-source.js';
import { outputBus, type Voice } from './output-bus.js';
import { drawPoleZero } from './polezero-plot.js';
import { type CoefficientPreset, vowelPresets } from './presets.js';
import { drawResponse, logFrequencies } from './response-plot.js';
import { createRunningAllPoleNode } from './running-node.js';
import { errorText, showStatus } from './status.js';
import { hooks } from './test-hooks.js';

type Domain = 'reflection' | 'direct';

const FREQS = logFrequencies(256, 30, 20000);

/**
 * sqrt(Π(1 − k_i²)): the gain that gives `1/A(z)` unit power gain for white noise (the usual
 * LPC gain), so that resonant presets are not 40–50 dB louder than the flat filter. For a
 * direct-form vector that is not minimum phase, 1 (the node will report a fault).
 */
function powerNormalisation(coeffs: Float64Array, domain: Domain): number {
  let k: ArrayLike<number> = coeffs;
  if (domain === 'direct') {
    try {
      k = directToReflection(coeffs, new Float64Array(coeffs.length));
    } catch {
      return 1;
    }
  }
  let p = 1;
  for (let i = 0; i < k.length; i++) p *= Math.max(0, 1 - k[i] * k[i]);
  return Math.sqrt(p);
}

/** Wires the microphone panel's controls. */
export function setupMicPanel(): void {
  const sourceSel = byId<HTMLSelectElement>('mic-source');
  const orderSel = byId<HTMLSelectElement>('mic-order');
  const domainSel = byId<HTMLSelectElement>('mic-domain');
  const presetSel = byId<HTMLSelectElement>('mic-preset');
  const gainIn = byId<HTMLInputElement>('mic-gain');
  const startBtn = byId<HTMLButtonElement>('mic-start');
  const stopBtn = byId<HTMLButtonElement>('mic-stop');
  const lfoOn = byId<HTMLInputElement>('lfo-on');
  const lfoTarget = byId<HTMLSelectElement>('lfo-target');
  const lfoRate = byId<HTMLInputElement>('lfo-rate');
  const lfoDepth = byId<HTMLInputElement>('lfo-depth');
  const sliders = byId<HTMLElement>('mic-sliders');
  const canvas = byId<HTMLCanvasElement>('mic-response');
  const pzCanvas = byId<HTMLCanvasElement>('mic-polezero');

  let ctx: AudioContext | null = null;
  let voice: Voice | null = null;
  let source: LiveSource | null = null;
  let node: AllPoleFilterNode | null = null;
  let input: AnalyserNode | null = null;
  let output: AnalyserNode | null = null;
  let lfo: Lfo | null = null;
  let presets: CoefficientPreset[] = [];
  let coeffs: Float64Array = new Float64Array(Number(orderSel.value));
  let setSliders: (v: ArrayLike<number>) => void = () => {};
  let raf = 0;
  let disposeNode: () => void = () => {};
  let generation = 0;
  const mag = new Float32Array(FREQS.length);
  const phase = new Float32Array(FREQS.length);

  const order = () => Number(orderSel.value);
  const domain = () => domainSel.value as Domain;

  function refreshPresets(): void {
    presets = vowelPresets(order(), 48000);
    const keep = presetSel.value;
    presetSel.replaceChildren(...presets.map((p) => new Option(p.name, p.name)));
    presetSel.value = presets.some((p) => p.name === keep) ? keep : 'vowel a';
    hooks.mic.presets = presets.map((p) => p.name);
    lfoTarget.replaceChildren(
      ...Array.from({ length: order() }, (_, i) => new Option(`k${i + 1}`, String(i + 1))),
    );
    lfoTarget.value = '2';
  }

  let norm = 1;
  /**
   * Power normalisation of the current coefficients, applied to the filter's *input* (a GainNode
   * before the node), so that the node's output limit sees a unit-power filter; the Output gain
   * slider is the node's own gain. Their product is what the plot shows.
   */
  let pre: GainNode | null = null;
  function effectiveGain(): number {
    return Number(gainIn.value) * norm;
  }
  function applyNorm(): void {
    pre?.gain.setTargetAtTime(norm, pre.context.currentTime, 0.01);
  }

  function applyCoefficients(v: Float64Array): void {
    coeffs = v;
    norm = powerNormalisation(v, domain());
    if (!node) return;
    try {
      node.setCoefficients(v);
    } catch (e) {
      // The node refuses an unstable direct-form vector: say so; the pole plot shows why.
      showStatus(
        'mic-status',
        `Not applied: ${errorText(e).replace(/^\w*Error: /, '')}. The filter keeps its last stable coefficients.`,
        'error',
      );
      return;
    }
    applyNorm();
    // New coefficients after a fault: clear the filter state and fade the voice back in.
    if (voice?.silenced) {
      node.resetState();
      voice.resume();
      showStatus('mic-status', 'Running again with the new coefficients.', 'ok');
    }
  }

  function applyPreset(name: string): void {
    const p = presets.find((q) => q.name === name);
    if (!p) throw new RangeError(`applyPreset: unknown preset ${name}`);
    presetSel.value = name;
    const v = Float64Array.from(domain() === 'reflection' ? p.k : p.a);
    setSliders(v);
    applyCoefficients(v);
  }

  function rebuildSliders(): void {
    setSliders = buildCoefficientSliders(sliders, domain(), coeffs, (v) => {
      applyCoefficients(v);
      drawNow();
    });
  }

  function routeLfo(): void {
    const usable = domain() === 'reflection';
    lfoOn.disabled = !usable;
    lfoTarget.disabled = !usable;
    if (!lfo) return;
    lfo.attach(usable && lfoOn.checked && node ? (node.parameters.get(`k${lfoTarget.value}`) ?? null) : null);
  }

  /**
   * (Re)creates the filter node for the current order/domain and splices it into the graph once
   * its processor runs (the old node keeps playing meanwhile). A newer call or stop() wins.
   */
  async function rebuildNode(): Promise<void> {
    if (!ctx || !source || !input || !output) return;
    const gen = ++generation;
    const src = source;
    const running = await createRunningAllPoleNode(ctx, {
      order: order(),
      domain: domain(),
      coefficients: coeffs,
      gain: Number(gainIn.value),
      channelCount: 1,
    });
    if (gen !== generation || src !== source) {
      running.dispose();
      return;
    }
    lfo?.attach(null);
    disposeNode();
    node?.disconnect();
    src.node.disconnect();
    node = running.node;
    disposeNode = running.dispose;
    node.addEventListener('fault', (e) => {
      if (voice && !voice.silenced) {
        voice.fadeOut();
        showStatus(
          'mic-status',
          `Filter fault: ${faultText(e)}. The panel is muted until the coefficients change.`,
          'error',
        );
      }
      hooks.mic.faults++;
    });
    // Coefficients may have moved while the node was starting (an unstable vector is refused).
    try {
      node.setCoefficients(coeffs);
    } catch {
      node.setCoefficients(new Float64Array(coeffs.length));
    }
    node.gain.value = Number(gainIn.value);
    pre ??= new GainNode(ctx, { gain: norm });
    pre.disconnect();
    src.node.connect(pre);
    applyNorm();
    src.node.connect(input);
    pre.connect(node);
    node.connect(output);
    hooks.mic.node = node;
    routeLfo();
    // A new node starts from rest with the current coefficients: un-silence the panel.
    voice?.resume();
  }

  /** Plots gain/A(z) for the coefficients as set, plus the LFO's current offset when it is on. */
  function drawNow(): void {
    const c = Float64Array.from(coeffs);
    let label = `${domain()} M=${order()}`;
    if (lfo?.attached) {
      const i = Number(lfoTarget.value) - 1;
      c[i] += lfo.current();
      label += `, k${i + 1} = ${c[i].toFixed(2)} (LFO)`;
    }
    try {
      allPoleFrequencyResponse(c, domain(), effectiveGain(), 48000, FREQS, mag, phase);
    } catch {
      mag.fill(Number.NaN);
    }
    drawResponse(canvas, FREQS, [{ label, color: '#58a6ff', mag }]);
    let a: ArrayLike<number> = c;
    if (domain() === 'reflection') {
      const k = c.map((v) => Math.max(-0.999999, Math.min(0.999999, v)));
      a = reflectionToDirect(k, new Float64Array(k.length));
    }
    drawPoleZero(pzCanvas, a, `${domain()} order ${order()}`);
  }

  function draw(): void {
    raf = requestAnimationFrame(draw);
    drawNow();
  }

  function onShapeChange(): void {
    refreshPresets();
    applyPresetOrFlat();
    rebuildSliders();
    void rebuildNode();
    routeLfo();
    drawNow();
  }

  function applyPresetOrFlat(): void {
    const p = presets.find((q) => q.name === presetSel.value) ?? presets[0];
    coeffs = Float64Array.from(domain() === 'reflection' ? p.k : p.a);
    norm = powerNormalisation(coeffs, domain());
  }

  async function start(): Promise<void> {
    startBtn.disabled = true;
    try {
      ctx = await getAudioContext();
      hooks.context = ctx;
      const s = await openLiveSource(ctx, sourceSel.value as LiveSourceKind);
      if (typeof s === 'string') {
        showStatus('mic-status', s, 'error');
        startBtn.disabled = false;
        return;
      }
      source = s;
      input = new AnalyserNode(ctx, { fftSize: 2048 });
      output = new AnalyserNode(ctx, { fftSize: 2048 });
      voice = outputBus(ctx).voice('mic');
      voice.resume();
      output.connect(voice.input);
      hooks.mic.input = input;
      hooks.mic.output = output;
      lfo = new Lfo(ctx, Number(lfoRate.value), Number(lfoDepth.value));
      // Status first, so that a fault reported by the new node is not overwritten.
      showStatus(
        'mic-status',
        `Running: ${sourceSel.selectedOptions[0].text} → all-pole filter → output.`,
        'ok',
      );
      await rebuildNode();
      stopBtn.disabled = false;
      draw();
    } catch (e) {
      showStatus('mic-status', errorText(e), 'error');
      startBtn.disabled = false;
    }
  }

  function stop(): void {
    cancelAnimationFrame(raf);
    generation++;
    lfo?.dispose();
    lfo = null;
    source?.stop();
    disposeNode();
    disposeNode = () => {};
    node?.disconnect();
    output?.disconnect();
    source = null;
    node = null;
    pre?.disconnect();
    pre = null;
    hooks.mic.node = null;
    startBtn.disabled = false;
    stopBtn.disabled = true;
    showStatus('mic-status', 'Stopped.');
    drawNow();
  }

  startBtn.addEventListener('click', () => void start());
  stopBtn.addEventListener('click', stop);
  sourceSel.addEventListener('change', () => {
    if (source) {
      stop();
      void start();
    }
  });
  orderSel.addEventListener('change', onShapeChange);
  domainSel.addEventListener('change', onShapeChange);
  presetSel.addEventListener('change', () => applyPreset(presetSel.value));
  // The preset's power normalisation (on the input) stays applied whatever the slider says.
  gainIn.addEventListener('input', () =>
    node?.gain.setTargetAtTime(Number(gainIn.value), node.context.currentTime, 0.02),
  );
  lfoOn.addEventListener('change', routeLfo);
  lfoTarget.addEventListener('change', routeLfo);
  lfoRate.addEventListener('input', () => lfo?.setRate(Number(lfoRate.value)));
  lfoDepth.addEventListener('input', () => lfo?.setDepth(Number(lfoDepth.value)));

  refreshPresets();
  applyPresetOrFlat();
  rebuildSliders();
  routeLfo();
  drawNow();
  hooks.mic.applyPreset = applyPreset;
}

function faultText(e: Event): string {
  const d = (e as Event & { detail?: { message?: string } }).detail;
  return d?.message ?? e.type;
}
