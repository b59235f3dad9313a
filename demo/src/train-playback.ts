/**
 * Playback of an imported coefficients file: a frame track (hop > 0, any number of frames) loops
 * through a track-mode TrackPlayer (k and log-gain interpolated per sample by the node, like the
 * model); a single frame loops through a direct-form CoefficientPlayer. Every frame must be
 * minimum phase: an unstable file is refused with the frame that is not, never played.
 */
import type { CoefficientsFile } from 'diffiir/core';
import { DEMO_SAMPLE_RATE } from './audio-context.js';
import { CoefficientPlayer } from './coefficient-player.js';
import { fileFrames } from './coefficients-io.js';
import { TrackPlayer } from './track-player.js';
import { reflectionTrack, unstableFrame } from './train-traces.js';

/** Either player: both have `node`, `output` and `stop()`. */
export type Player = CoefficientPlayer | TrackPlayer;

/** Shortest pass of a looped track (a shorter track holds its last frame until the pass ends). */
const MIN_PASS_SAMPLES = DEMO_SAMPLE_RATE / 2;
/** Level of imported playback (the file's own gain is applied to the excitation). */
const IMPORT_LEVEL = 0.25;

/**
 * Plays `f` on an excitation of the needed length (`excitation(T)`), looped.
 * @throws Error naming the first frame that is not minimum phase (an unstable filter).
 */
export async function playCoefficientsFile(
  ctx: AudioContext,
  f: CoefficientsFile,
  excitation: (T: number) => Float64Array,
  reportFault: (message: string) => void,
): Promise<Player> {
  const K = reflectionTrack(f);
  if (!K)
    throw new Error(
      `frame ${unstableFrame(f)} of ${f.frames} is not minimum phase (a pole on or outside the unit circle): an unstable filter is not played`,
    );
  const v = fileFrames(f);
  if (f.frames === 1 && f.domain === 'direct') {
    const p = await CoefficientPlayer.create(
      ctx,
      excitation(2 * DEMO_SAMPLE_RATE),
      f.order,
      IMPORT_LEVEL,
      true,
      reportFault,
    );
    p.load(f);
    return p;
  }
  const T = Math.max(f.frames * Math.max(1, f.hop), MIN_PASS_SAMPLES);
  const player = await TrackPlayer.create(ctx, excitation(T), f.order, IMPORT_LEVEL, reportFault);
  player.setTrack(K, v.gains, Math.max(1, f.hop));
  return player;
}
