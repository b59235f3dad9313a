/**
 * The page's only way to the speakers. Every panel plays into a *voice* (a GainNode that a fault
 * fades out); voices sum into the master volume, then a limiter, a soft clipper and the mute:
 *
 *   voices → master (volume) → DynamicsCompressor (brick-wall: −6 dBFS, ratio 20, knee 0,
 *   attack 0, with Chrome's built-in 6 ms look-ahead) → drive ½ → WaveShaper (0.98·tanh curve,
 *   no oversampling, inputs beyond its ±1 domain take its end values) → mute → probe → destination
 *
 * The WaveShaper makes |y| ≤ 0.98 a property of the graph, whatever reaches it; the limiter keeps
 * it from being reached by normal signals. A meter reads the probe (an analyser spanning 683 ms)
 * every 100 ms, so it sees every sample: the page shows the level and the tests read the peak.
 */

/** Largest value the clipper can output. */
export const CLIP_CEILING = 0.98;
const PROBE_SIZE = 32768;
const METER_MS = 100;

/** One panel's feed into the bus. */
export class Voice {
  readonly input: GainNode;
  private faulted = false;

  constructor(
    ctx: BaseAudioContext,
    bus: AudioNode,
    readonly name: string,
  ) {
    this.input = new GainNode(ctx, { gain: 1 });
    this.input.connect(bus);
  }

  /** Whether a fault has silenced this voice (until `resume()`). */
  get silenced(): boolean {
    return this.faulted;
  }

  /** Fades the voice out in ~10 ms (a filter fault, or a stop). */
  fadeOut(): void {
    this.faulted = true;
    const g = this.input.gain;
    g.cancelScheduledValues(0);
    g.setTargetAtTime(0, this.input.context.currentTime, 0.003);
  }

  /** Fades the voice back in (new coefficients after a fault, or a new start). */
  resume(): void {
    this.faulted = false;
    const g = this.input.gain;
    g.cancelScheduledValues(0);
    g.setTargetAtTime(1, this.input.context.currentTime, 0.01);
  }
}

/** Master volume, limiter, clipper, mute, probe and meter of one AudioContext. */
export class OutputBus {
  readonly master: GainNode;
  readonly limiter: DynamicsCompressorNode;
  readonly muteGain: GainNode;
  /** Analyser just before the destination (what the listener hears). */
  readonly probe: AnalyserNode;
  private readonly voices = new Map<string, Voice>();
  private readonly block = new Float32Array(PROBE_SIZE);
  private peakSinceReset = 0;
  private level = 0;
  private readonly listeners = new Set<(peak: number, reductionDb: number) => void>();

  constructor(
    readonly ctx: AudioContext,
    volume = 0.5,
  ) {
    this.master = new GainNode(ctx, { gain: volume });
    this.limiter = new DynamicsCompressorNode(ctx, {
      threshold: -6,
      knee: 0,
      ratio: 20,
      attack: 0,
      release: 0.1,
    });
    const drive = new GainNode(ctx, { gain: 0.5 });
    const clipper = new WaveShaperNode(ctx, { curve: softClipCurve(), oversample: 'none' });
    this.muteGain = new GainNode(ctx, { gain: 1 });
    this.probe = new AnalyserNode(ctx, { fftSize: PROBE_SIZE, smoothingTimeConstant: 0 });
    this.master.connect(this.limiter).connect(drive).connect(clipper).connect(this.muteGain);
    this.muteGain.connect(this.probe);
    // Marked so that tests can check that nothing else reaches the destination.
    (this.muteGain as GainNode & { diffiirBus?: boolean }).diffiirBus = true;
    this.muteGain.connect(ctx.destination);
    setInterval(() => this.meter(), METER_MS);
  }

  /** The voice named `name` (created on first use). */
  voice(name: string): Voice {
    let v = this.voices.get(name);
    if (!v) {
      v = new Voice(this.ctx, this.master, name);
      this.voices.set(name, v);
    }
    return v;
  }

  /** Sets the master volume (0..1), smoothed. */
  setVolume(v: number): void {
    this.master.gain.setTargetAtTime(v, this.ctx.currentTime, 0.02);
  }

  /** Mutes or unmutes everything, smoothed. */
  setMuted(muted: boolean): void {
    this.muteGain.gain.setTargetAtTime(muted ? 0 : 1, this.ctx.currentTime, 0.01);
  }

  /** Largest |sample| at the destination since the last `resetPeak()`. */
  peak(): number {
    this.meter();
    return this.peakSinceReset;
  }

  resetPeak(): void {
    this.peakSinceReset = 0;
  }

  /** Calls `f(peak of the last 100 ms, limiter gain reduction in dB)` after every meter read. */
  onMeter(f: (peak: number, reductionDb: number) => void): void {
    this.listeners.add(f);
  }

  private meter(): void {
    this.probe.getFloatTimeDomainData(this.block);
    let m = 0;
    // The last 100 ms are new since the previous read; the whole window guards against stalls.
    for (let i = 0; i < this.block.length; i++) {
      const a = Math.abs(this.block[i]);
      if (Number.isNaN(a)) m = Number.POSITIVE_INFINITY;
      else if (a > m) m = a;
    }
    this.peakSinceReset = Math.max(this.peakSinceReset, m);
    let recent = 0;
    const n = Math.round((this.ctx.sampleRate * METER_MS) / 1000);
    for (let i = Math.max(0, this.block.length - n); i < this.block.length; i++)
      recent = Math.max(recent, Math.abs(this.block[i]));
    this.level = recent;
    for (const f of this.listeners) f(this.level, this.limiter.reduction);
  }
}

/** 0.98·tanh(2u)/tanh(2) on u ∈ [−1, 1] (unit slope near 0 after the ½ drive, 0.98 at |x| ≥ 2). */
function softClipCurve(n = 4097): Float32Array<ArrayBuffer> {
  const c = new Float32Array(n);
  const norm = Math.tanh(2);
  for (let i = 0; i < n; i++) {
    const u = (2 * i) / (n - 1) - 1;
    c[i] = (CLIP_CEILING * Math.tanh(2 * u)) / norm;
  }
  return c;
}

const buses = new WeakMap<AudioContext, OutputBus>();

/** The bus of `ctx` (created on first use). */
export function outputBus(ctx: AudioContext): OutputBus {
  let b = buses.get(ctx);
  if (!b) {
    b = new OutputBus(ctx);
    buses.set(ctx, b);
  }
  return b;
}
