/**
 * Playback of an imported coefficients file, by the core's rule for each form
 * (diffiir/core `directFramePlayback`, `coefficientsTrack`, as `renderCoefficients` plays it):
 * a single direct-form frame loops through a direct-form CoefficientPlayer; per-sample rows
 * (hop 1) through a PerSamplePlayer (row t on sample t, unconverted); a reflection track or a
 * direct-form frame track (hop ≥ 2, converted by the core) through a track-mode TrackPlayer (k
 * and log-gain interpolated per sample by the node, like the model). Every frame must be
 * minimum phase: an unstable file is refused with the frame that is not, never played.
 */
import type { CoefficientsFile, ReflectionTrack } from 'diffiir/core';
import { coefficientsTrack, directFramePlayback, directFramesToReflection } from 'diffiir/core';
import { DEMO_SAMPLE_RATE } from './audio-context.js';
import { CoefficientPlayer } from './coefficient-player.js';
import { PerSamplePlayer } from './per-sample-player.js';
import { TrackPlayer } from './track-player.js';

/** Any player: each has `node`, `output` and `stop()`. */
export type Player = CoefficientPlayer | PerSamplePlayer | TrackPlayer;

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
  const playback = f.domain === 'direct' ? directFramePlayback(f.frames, f.hop) : 'track';
  let track: ReflectionTrack | null = null;
  try {
    // Direct-form rows played unconverted are converted here only to check they are minimum phase.
    if (f.domain === 'direct' && playback !== 'track')
      directFramesToReflection(f.coefficients, f.order, 'play');
    else track = coefficientsTrack(f);
  } catch (e) {
    const m = /coefficients\[(\d+)\]/.exec((e as Error).message);
    const frame = m ? Number(m[1]) + 1 : 1;
    throw new Error(
      `frame ${frame} of ${f.frames} is not minimum phase (a pole on or outside the unit circle): an unstable filter is not played`,
    );
  }
  if (f.domain === 'direct' && playback === 'constant') {
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
  if (f.domain === 'direct' && playback === 'per-sample') {
    const T = Math.max(f.frames, MIN_PASS_SAMPLES);
    return PerSamplePlayer.create(ctx, f, excitation(T), IMPORT_LEVEL, reportFault);
  }
  if (track === null) throw new Error('unreachable: a reflection file or a frame track plays as a track');
  const T = Math.max(f.frames * track.hop, MIN_PASS_SAMPLES);
  const player = await TrackPlayer.create(ctx, excitation(T), f.order, IMPORT_LEVEL, reportFault);
  player.play(track);
  return player;
}
