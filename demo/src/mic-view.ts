/**
 * The microphone panel's state and its view: the one state object, the panel's elements, and
 * `render()`, which brings the page in line with the state (buttons, status, LFO controls,
 * preset, plots). `reshape()` rebuilds what depends on the order and domain (preset options,
 * LFO targets, coefficient sliders). The controller (mic-panel.ts) owns the handlers.
 */
import { buildCoefficientSliders } from './coefficient-sliders.js';
import { byId } from './dom.js';
import { drawMicFilter, type MicDomain } from './mic-filter.js';
import type { MicGraph } from './mic-graph.js';
import type { CoefficientPreset } from './presets.js';
import { type StatusKind, showStatus } from './status.js';

/** Everything the panel shows and plays. */
export interface MicState {
  order: number;
  domain: MicDomain;
  presets: CoefficientPreset[];
  preset: string;
  /** Coefficients as set (node's domain) and their power normalisation. */
  coeffs: Float64Array;
  norm: number;
  /** The running audio graph (null when stopped), and whether a start is under way. */
  graph: MicGraph | null;
  starting: boolean;
  status: { text: string; kind: StatusKind };
}

/** The panel's elements; `render` and `reshape` as in the module doc. */
export class MicView {
  readonly el = {
    source: byId<HTMLSelectElement>('mic-source'),
    order: byId<HTMLSelectElement>('mic-order'),
    domain: byId<HTMLSelectElement>('mic-domain'),
    preset: byId<HTMLSelectElement>('mic-preset'),
    gain: byId<HTMLInputElement>('mic-gain'),
    start: byId<HTMLButtonElement>('mic-start'),
    stop: byId<HTMLButtonElement>('mic-stop'),
    lfoOn: byId<HTMLInputElement>('lfo-on'),
    lfoTarget: byId<HTMLSelectElement>('lfo-target'),
    lfoRate: byId<HTMLInputElement>('lfo-rate'),
    lfoDepth: byId<HTMLInputElement>('lfo-depth'),
    sliders: byId<HTMLElement>('mic-sliders'),
    response: byId<HTMLCanvasElement>('mic-response'),
    polezero: byId<HTMLCanvasElement>('mic-polezero'),
  };
  /** Moves the sliders (after a preset). */
  setSliders: (v: ArrayLike<number>) => void = () => {};

  /** The state the controls start with (presets and coefficients come with `reshape`). */
  initialState(): MicState {
    return {
      order: Number(this.el.order.value),
      domain: this.el.domain.value as MicDomain,
      presets: [],
      preset: this.el.preset.value,
      coeffs: new Float64Array(0),
      norm: 1,
      graph: null,
      starting: false,
      status: { text: '', kind: 'info' },
    };
  }

  /** 1-based index of the k the LFO should drive, or null. */
  lfoIndex(state: MicState): number | null {
    return state.domain === 'reflection' && this.el.lfoOn.checked ? Number(this.el.lfoTarget.value) : null;
  }

  render(state: MicState): void {
    const el = this.el;
    el.start.disabled = state.graph !== null || state.starting;
    el.stop.disabled = state.graph === null;
    el.lfoOn.disabled = state.domain !== 'reflection';
    el.lfoTarget.disabled = state.domain !== 'reflection';
    el.preset.value = state.preset;
    showStatus('mic-status', state.status.text, state.status.kind);
    this.drawPlots(state);
  }

  /** The response and pole-zero plots (every animation frame while running: the LFO moves them). */
  drawPlots(state: MicState): void {
    const lfo = state.graph?.lfo;
    drawMicFilter(this.el.response, this.el.polezero, {
      coeffs: state.coeffs,
      domain: state.domain,
      gain: Number(this.el.gain.value) * state.norm,
      lfo: lfo?.attached ? { index: Number(this.el.lfoTarget.value) - 1, offset: lfo.current() } : null,
    });
  }

  /** Preset options, LFO targets (k2 chosen) and sliders for `state`; `onSlide` gets slider moves. */
  reshape(state: MicState, onSlide: (v: Float64Array) => void): void {
    const el = this.el;
    el.preset.replaceChildren(...state.presets.map((p) => new Option(p.name, p.name)));
    el.lfoTarget.replaceChildren(
      ...Array.from({ length: state.order }, (_, i) => new Option(`k${i + 1}`, String(i + 1))),
    );
    el.lfoTarget.value = '2';
    this.setSliders = buildCoefficientSliders(el.sliders, state.domain, state.coeffs, onSlide);
  }
}
