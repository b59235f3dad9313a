/**
 * Excitation oscillators of the talking synth: a band-limited sawtooth or pulse train
 * (OscillatorNode, the pulse as a PeriodicWave of equal cosine harmonics), followed by a gain
 * that brings the carrier to unit RMS, so that the LPC frame's residual RMS can be used
 * directly as the filter's gain.
 */

export type CarrierKind = 'sawtooth' | 'pulse';

/** Harmonics in the pulse wave (the browser drops those above Nyquist). */
const PULSE_HARMONICS = 64;

/** A running carrier: `output` to connect, `frequency` to steer, `stop` to end. */
export interface Carrier {
  output: AudioNode;
  frequency: AudioParam;
  stop(): void;
}

/** Starts a carrier of `kind` at `f0` Hz with (approximately) unit RMS. */
export function startCarrier(ctx: BaseAudioContext, kind: CarrierKind, f0: number): Carrier {
  let osc: OscillatorNode;
  let rms: number;
  if (kind === 'sawtooth') {
    osc = new OscillatorNode(ctx, { type: 'sawtooth', frequency: f0 });
    rms = 1 / Math.sqrt(3);
  } else {
    const real = new Float32Array(PULSE_HARMONICS + 1).fill(1);
    real[0] = 0;
    const imag = new Float32Array(PULSE_HARMONICS + 1);
    osc = new OscillatorNode(ctx, { frequency: f0, periodicWave: new PeriodicWave(ctx, { real, imag }) });
    // Normalised to peak 1: each of the N cosines has amplitude 1/N, so RMS = 1/sqrt(2N).
    rms = 1 / Math.sqrt(2 * PULSE_HARMONICS);
  }
  const norm = new GainNode(ctx, { gain: 1 / rms });
  osc.connect(norm);
  osc.start();
  return {
    output: norm,
    frequency: osc.frequency,
    stop: () => {
      osc.stop();
      osc.disconnect();
      norm.disconnect();
    },
  };
}
