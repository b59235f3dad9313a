/**
 * Panel 1: a live input (microphone or example) through an AllPoleFilterNode to the speakers.
 * Controls: order, domain, vowel presets, per-coefficient sliders, an LFO on one reflection
 * coefficient, output gain; a live magnitude-response and pole-zero plot.
 * A controller with one state object: the handlers change the state (and the running graph,
 * mic-graph.ts), and `render()` brings the page in line with it; while running, the plots are
 * redrawn every animation frame (the LFO moves them).
 */
import { getAudioContext } from './audio-context.js';
import type { LiveSourceKind } from './live-source.js';
import { MIC_DESIGN_RATE, type MicDomain, powerNormalisation, presetCoefficients } from './mic-filter.js';
import { MicGraph } from './mic-graph.js';
import { MicView } from './mic-view.js';
import { vowelPresets } from './presets.js';
import { errorText, type StatusKind } from './status.js';
import { hooks } from './test-hooks.js';

/** Wires the microphone panel's controls. */
export function setupMicPanel(): void {
  const view = new MicView();
  const el = view.el;
  const state = view.initialState();
  let raf = 0;

  const say = (text: string, kind: StatusKind = 'info') => {
    state.status = { text, kind };
  };
  const lfoIndex = () => view.lfoIndex(state);
  const render = () => view.render(state);

  function animate(): void {
    raf = requestAnimationFrame(animate);
    view.drawPlots(state);
  }

  /** New order or domain: presets and LFO targets for it, the chosen preset, new sliders. */
  function reshape(): void {
    state.presets = vowelPresets(state.order, MIC_DESIGN_RATE);
    if (!state.presets.some((p) => p.name === state.preset)) state.preset = 'vowel a';
    hooks.mic.presets = state.presets.map((p) => p.name);
    const p = state.presets.find((q) => q.name === state.preset) ?? state.presets[0];
    state.coeffs = presetCoefficients(p, state.domain);
    state.norm = powerNormalisation(state.coeffs, state.domain);
    view.reshape(state, (v) => {
      setCoefficients(v);
      render();
    });
  }

  /** Applies `v` to the running node; a refused (unstable direct-form) vector is reported. */
  function setCoefficients(v: Float64Array): void {
    state.coeffs = v;
    state.norm = powerNormalisation(v, state.domain);
    try {
      if (state.graph?.apply(v, state.norm) === 'resumed')
        say('Running again with the new coefficients.', 'ok');
    } catch (e) {
      const why = errorText(e).replace(/^\w*Error: /, '');
      say(`Not applied: ${why}. The filter keeps its last stable coefficients.`, 'error');
    }
  }

  function applyPreset(name: string): void {
    const p = state.presets.find((q) => q.name === name);
    if (!p) throw new RangeError(`applyPreset: unknown preset ${name}`);
    state.preset = name;
    const v = presetCoefficients(p, state.domain);
    view.setSliders(v);
    setCoefficients(v);
    render();
  }

  function onFault(message: string): void {
    say(`Filter fault: ${message}. The panel is muted until the coefficients change.`, 'error');
    render();
  }

  /** (Re)builds the node of the running graph for the current state. */
  async function rebuildNode(g: MicGraph): Promise<void> {
    const spec = () => ({ ...state, gain: Number(el.gain.value), lfo: lfoIndex() });
    if (await g.replaceNode(spec, onFault)) hooks.mic.node = g.node;
  }

  async function start(): Promise<void> {
    state.starting = true;
    render();
    let g: MicGraph | string | null = null;
    try {
      const ctx = await getAudioContext();
      hooks.context = ctx;
      g = await MicGraph.open(ctx, el.source.value as LiveSourceKind, {
        rate: Number(el.lfoRate.value),
        depth: Number(el.lfoDepth.value),
      });
      if (typeof g === 'string') {
        say(g, 'error');
        return;
      }
      state.graph = g;
      hooks.mic.input = g.input;
      hooks.mic.output = g.output;
      // Status first, so that a fault reported by the new node is not overwritten.
      say(`Running: ${el.source.selectedOptions[0].text} → all-pole filter → output.`, 'ok');
      render();
      await rebuildNode(g);
      cancelAnimationFrame(raf);
      animate();
    } catch (e) {
      if (g instanceof MicGraph && state.graph === g) stop();
      say(errorText(e), 'error');
    } finally {
      state.starting = false;
      render();
    }
  }

  function stop(): void {
    cancelAnimationFrame(raf);
    state.graph?.stop();
    state.graph = null;
    hooks.mic.node = null;
    say('Stopped.');
    render();
  }

  function onShapeChange(): void {
    state.order = Number(el.order.value);
    state.domain = el.domain.value as MicDomain;
    reshape();
    if (state.graph) void rebuildNode(state.graph);
    state.graph?.routeLfo(lfoIndex());
    render();
  }

  el.start.addEventListener('click', () => void start());
  el.stop.addEventListener('click', stop);
  el.source.addEventListener('change', () => {
    if (state.graph) {
      stop();
      void start();
    }
  });
  el.order.addEventListener('change', onShapeChange);
  el.domain.addEventListener('change', onShapeChange);
  el.preset.addEventListener('change', () => applyPreset(el.preset.value));
  // The preset's power normalisation (on the input) stays applied whatever the slider says.
  el.gain.addEventListener('input', () => state.graph?.setGain(Number(el.gain.value)));
  for (const c of [el.lfoOn, el.lfoTarget])
    c.addEventListener('change', () => state.graph?.routeLfo(lfoIndex()));
  el.lfoRate.addEventListener('input', () => state.graph?.lfo.setRate(Number(el.lfoRate.value)));
  el.lfoDepth.addEventListener('input', () => state.graph?.lfo.setDepth(Number(el.lfoDepth.value)));

  reshape();
  render();
  hooks.mic.applyPreset = applyPreset;
}
