/**
 * Sound of the training panel: a live player bound to a training session (a looping
 * CoefficientPlayer for a time-invariant model, a TrackLooper replaying the k track pass by pass
 * for a time-varying one), and playback of an imported coefficients file.
 */
import type { CoefficientsFile, FilterModel } from 'diffiir/core';
import type { LiveBinding } from 'diffiir/train';
import { paramsToReflection, TvAllPoleModel } from 'diffiir/train';
import { DEMO_SAMPLE_RATE } from './audio-context.js';
import { CoefficientPlayer } from './coefficient-player.js';
import { TrackLooper } from './track-looper.js';
import { directView, reflectionTrack } from './train-traces.js';
import type { TrainingData } from './training-data.js';

/** Either player: both have `node`, `output` and `stop()`. */
export type Player = CoefficientPlayer | TrackLooper;

/** Imported tracks with at least this hop and length (samples) loop through a TrackLooper. */
const MIN_LOOP_HOP = 16;
const MIN_LOOP_SAMPLES = DEMO_SAMPLE_RATE / 10;

/**
 * Starts playing `data.input` through `model`'s current coefficients and returns the player and
 * the LiveBinding that keeps it in step with a TrainingSession (push every 5 steps).
 */
export async function startLivePlayer(
  ctx: AudioContext,
  data: TrainingData,
  model: FilterModel,
  reportFault: (message: string) => void,
): Promise<{ player: Player; binding: LiveBinding }> {
  // The model is matched to the target's level: play at a comfortable −6 dB of its peak.
  let peak = 0;
  for (const v of data.target) peak = Math.max(peak, Math.abs(v));
  const level = 0.5 / Math.max(peak, 1e-6);
  let binding: LiveBinding;
  let player: Player;
  if (model instanceof TvAllPoleModel) {
    const m = model;
    // Time-varying: the whole track is replayed pass by pass with the latest coefficients.
    // The model is reflection-parameterised: take its k track directly (no round trip
    // through the direct form, which is ill-conditioned for |k| near 1).
    const looper = await TrackLooper.create(ctx, data.input, m.order, m.hop, level, reportFault);
    player = looper;
    const push = () => {
      const K = new Float64Array(m.frames * m.order);
      paramsToReflection(m.parameterisation, m.params.subarray(0, K.length), K);
      looper.setTrack(K, m.frameGains());
    };
    if (m.isStable()) push();
    // Time-varying models push only through `map` (the session's contract); the looper takes
    // the k track from the params, so the sink itself has nothing left to do.
    binding = {
      sink: { setCoefficients: () => {} },
      every: 5,
      map: (a) => {
        push();
        return a;
      },
    };
  } else {
    const p = await CoefficientPlayer.create(ctx, data.input, model.order, level, true, reportFault);
    player = p;
    if (model.isStable()) {
      p.setCoefficients(model.coefficients());
      p.setGain(model.gain());
    }
    binding = {
      sink: p,
      every: 5,
      map: (a, mm) => {
        p.setGain(mm.gain());
        return a;
      },
    };
  }
  return { player, binding };
}

/**
 * Plays an imported file on an excitation of the needed length (`excitation(T)`): a track with
 * hop ≥ 16 lasting ≥ 0.1 s loops through a TrackLooper (frame gains × gain); a single frame loops
 * 2 s of source; a per-sample (or not minimum-phase) track plays once, unconverted.
 */
export async function playCoefficientsFile(
  ctx: AudioContext,
  f: CoefficientsFile,
  excitation: (T: number) => Float64Array,
  reportFault: (message: string) => void,
): Promise<Player> {
  const loopable = f.frames > 1 && f.hop >= MIN_LOOP_HOP && f.frames * f.hop >= MIN_LOOP_SAMPLES;
  const track = loopable ? reflectionTrack(f) : null;
  // A track loops (one pass = frames·hop samples); a single frame plays the source for 2 s, looped;
  // a per-sample (or unconvertible) track plays once, unconverted, over its own length.
  const T = track
    ? f.frames * f.hop
    : f.frames > 1
      ? Math.max(f.frames * f.hop, DEMO_SAMPLE_RATE)
      : 2 * DEMO_SAMPLE_RATE;
  const x = excitation(T);
  if (track) {
    const looper = await TrackLooper.create(ctx, x, f.order, f.hop, 0.25, reportFault);
    looper.setTrack(
      track,
      Array.from({ length: f.frames }, (_, i) =>
        f.domain === 'reflection' ? Math.exp(f.logGain[i]) : f.gain * (f.frameGains?.[i] ?? 1),
      ),
    );
    return looper;
  } else {
    const p = await CoefficientPlayer.create(ctx, x, f.order, 0.25, f.frames === 1, reportFault);
    p.load(directView(f));
    return p;
  }
}
