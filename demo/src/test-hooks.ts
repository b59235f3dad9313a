/**
 * A small, documented handle on the page's audio graph for browser tests and curious users:
 * `window.__diffiirDemo`. Panels fill in their part when they start; nothing here drives them.
 */

/** What each panel exposes once it is running (null/absent before). */
export interface DemoHooks {
  /** The shared AudioContext, once created. */
  context: AudioContext | null;
  /** The output bus (all panels → volume → limiter → clipper → mute → destination), once created. */
  bus: {
    /** Largest |sample| that reached the destination since `resetPeak()`. */
    peak(): number;
    resetPeak(): void;
    /** Analyser just before the destination. */
    probe: AnalyserNode;
  } | null;
  mic: {
    /** Analyser on the panel's input (microphone or example) before the filter. */
    input: AnalyserNode | null;
    /** Analyser on the filtered output (after gain). */
    output: AnalyserNode | null;
    /** The current filter node. */
    node: AudioNode | null;
    /** Names of the presets offered, and how to apply one (same as choosing it in the page). */
    presets: string[];
    applyPreset: ((name: string) => void) | null;
    /** Fault events of the panel's nodes since the page loaded. */
    faults: number;
  };
  train: {
    /** Loss per completed step of the latest run. */
    history: number[];
    /** Number of times the response/spectrogram plots were redrawn during or after training. */
    plotUpdates: number;
    running: boolean;
    /** idle | running | done | failed | stopped. */
    phase: string;
    /** What the panel plays: 'target' | 'output' | 'import' | null. */
    playing: string | null;
    /** The latest exported/imported coefficients JSON text. */
    lastExport: string | null;
    lastImport: { order: number; frames: number; hop: number; coefficients: number[][]; gain: number } | null;
    /** Analyser after the live/imported player's node, while one plays. */
    output: AnalyserNode | null;
    /** The live/imported player's all-pole node, while one plays. */
    node: AudioNode | null;
    /** Fault messages reported by the player's node since the page loaded. */
    faults: string[];
  };
  synth: {
    input: AnalyserNode | null;
    output: AnalyserNode | null;
    /** The running synth's track-mode all-pole node. */
    node: AudioNode | null;
    /** Frames analysed and sent to the node's track since start. */
    frames: number;
    /** Frames sent after the node had started holding the one before (underruns; synth-track.ts). */
    late: number;
    /** Times the frame grid was moved later (the pipeline became slower for good). */
    reanchors: number;
    /** Smallest margin (s) between a frame's arrival and the start of the node's glide towards it. */
    minLead: number;
    /** Fault codes reported by the synth's node since the page loaded. */
    faults: string[];
  };
}

/** The page's hook object (also at `window.__diffiirDemo`). */
export const hooks: DemoHooks = {
  context: null,
  bus: null,
  mic: { input: null, output: null, node: null, presets: [], applyPreset: null, faults: 0 },
  train: {
    history: [],
    plotUpdates: 0,
    running: false,
    phase: 'idle',
    playing: null,
    lastExport: null,
    lastImport: null,
    output: null,
    node: null,
    faults: [],
  },
  synth: {
    input: null,
    output: null,
    node: null,
    frames: 0,
    late: 0,
    reanchors: 0,
    minLead: Number.POSITIVE_INFINITY,
    faults: [],
  },
};

declare global {
  interface Window {
    __diffiirDemo?: DemoHooks;
  }
}

/** Publishes `hooks` on `window`. */
export function installHooks(): void {
  window.__diffiirDemo = hooks;
}
