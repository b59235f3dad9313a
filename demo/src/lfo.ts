/**
 * A low-frequency oscillator modulating one AudioParam (a reflection coefficient):
 * OscillatorNode (sine, rate Hz) → GainNode (depth) → param. The param's own value is the
 * centre; the worklet clamps k into (-1, 1), so any depth stays stable.
 */

/** A running LFO connected to one AudioParam. */
export class Lfo {
  private readonly osc: OscillatorNode;
  private readonly depth: GainNode;
  private readonly tap: AnalyserNode;
  private readonly last = new Float32Array(32);
  private target: AudioParam | null = null;

  constructor(ctx: BaseAudioContext, rate: number, depth: number) {
    this.osc = new OscillatorNode(ctx, { type: 'sine', frequency: rate });
    this.depth = new GainNode(ctx, { gain: depth });
    // A tiny analyser on the modulation lets the page plot what the param currently receives.
    this.tap = new AnalyserNode(ctx, { fftSize: 32 });
    this.osc.connect(this.depth).connect(this.tap);
    this.osc.start();
  }

  /** The modulation's latest rendered value (what is being added to the param right now). */
  current(): number {
    this.tap.getFloatTimeDomainData(this.last);
    return this.last[this.last.length - 1];
  }

  /** Changes the rate (Hz), smoothed over ~20 ms. */
  setRate(hz: number): void {
    this.osc.frequency.setTargetAtTime(hz, this.osc.context.currentTime, 0.02);
  }

  /** Changes the depth (peak deviation of the coefficient), smoothed over ~20 ms. */
  setDepth(d: number): void {
    this.depth.gain.setTargetAtTime(d, this.depth.context.currentTime, 0.02);
  }

  /** Whether the modulation currently drives a param. */
  get attached(): boolean {
    return this.target !== null;
  }

  /** Routes the modulation to `param` (disconnecting any previous target); null detaches. */
  attach(param: AudioParam | null): void {
    if (this.target) this.depth.disconnect(this.target);
    this.target = param;
    if (param) this.depth.connect(param);
  }

  /** Stops the oscillator and disconnects everything. */
  dispose(): void {
    this.attach(null);
    this.osc.stop();
    this.osc.disconnect();
    this.depth.disconnect();
    this.tap.disconnect();
  }
}
