/**
 * Playback of an imported coefficients file: a looping TrackLooper for a frame track, a looping
 * CoefficientPlayer for one frame, a one-shot direct-form pass for a per-sample track.
 */
import type { CoefficientsFile } from 'diffiir/core';
import { DEMO_SAMPLE_RATE } from './audio-context.js';
import { CoefficientPlayer } from './coefficient-player.js';
import { TrackLooper } from './track-looper.js';
import { reflectionTrack } from './train-traces.js';

/** Either player: both have `node`, `output` and `stop()`. */
export type Player = CoefficientPlayer | TrackLooper;

/** Imported tracks with at least this hop and length (samples) loop through a TrackLooper. */
const MIN_LOOP_HOP = 16;
const MIN_LOOP_SAMPLES = DEMO_SAMPLE_RATE / 10;

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
      Array.from({ length: f.frames }, (_, i) => f.gain * (f.frameGains?.[i] ?? 1)),
    );
    return looper;
  } else {
    const p = await CoefficientPlayer.create(ctx, x, f.order, 0.25, f.frames === 1, reportFault);
    p.load(f);
    return p;
  }
}
