/**
 * Playback of an imported coefficients file, by the core's rule for each form
 * (diffiir/core `directFramePlayback`, `coefficientsTrack`): a single direct-form frame loops
 * through a direct-form CoefficientPlayer; a reflection track or a direct-form frame track
 * (hop ≥ 2, converted by the core) loops through a track-mode TrackPlayer (k and log-gain
 * interpolated per sample by the node, like the model). Every frame must be minimum phase: an
 * unstable file is refused with the frame that is not, never played.
 *
 * Known deviation: a per-sample direct-form file (hop 1, torchlpc's `A`) is rendered by the core
 * in direct form, row t on sample t; the demo has no per-sample direct-form player, so it plays
 * the reflection coefficients of those rows as a hop-1 track, a lattice (not the same filter
 * when the rows vary fast).
 */
import type { CoefficientsFile, ReflectionTrack } from 'diffiir/core';
import {
  coefficientsTrack,
  directFrameGain,
  directFramePlayback,
  directFramesToReflection,
} from 'diffiir/core';
import { DEMO_SAMPLE_RATE } from './audio-context.js';
import { CoefficientPlayer } from './coefficient-player.js';
import { TrackPlayer } from './track-player.js';

/** Either player: both have `node`, `output` and `stop()`. */
export type Player = CoefficientPlayer | TrackPlayer;

/** Shortest pass of a looped track (a shorter track holds its last frame until the pass ends). */
const MIN_PASS_SAMPLES = DEMO_SAMPLE_RATE / 2;
/** Level of imported playback (the file's own gain is applied to the excitation). */
const IMPORT_LEVEL = 0.25;

/** The reflection track `f` plays as in the demo (see the module doc for hop 1). */
function demoTrack(f: CoefficientsFile): ReflectionTrack {
  const t = coefficientsTrack(f);
  if (t !== null) return t;
  if (f.domain === 'reflection') throw new Error('unreachable: a reflection file is a track');
  const logGain = Float64Array.from({ length: f.frames }, (_, i) => Math.log(directFrameGain(f, i)));
  return { k: directFramesToReflection(f.coefficients, f.order, 'play'), logGain, order: f.order, hop: 1 };
}

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
  const constant = f.domain === 'direct' && directFramePlayback(f.frames, f.hop) === 'constant';
  let track: ReflectionTrack | null = null;
  try {
    // A single direct-form frame is converted only to check that it is minimum phase.
    if (constant && f.domain === 'direct') directFramesToReflection(f.coefficients, f.order, 'play');
    else track = demoTrack(f);
  } catch (e) {
    const m = /coefficients\[(\d+)\]/.exec((e as Error).message);
    const frame = m ? Number(m[1]) + 1 : 1;
    throw new Error(
      `frame ${frame} of ${f.frames} is not minimum phase (a pole on or outside the unit circle): an unstable filter is not played`,
    );
  }
  if (track === null && f.domain === 'direct') {
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
  if (track === null) throw new Error('unreachable: only a direct-form frame plays without a track');
  const T = Math.max(f.frames * track.hop, MIN_PASS_SAMPLES);
  const player = await TrackPlayer.create(ctx, excitation(T), f.order, IMPORT_LEVEL, reportFault);
  player.play(track);
  return player;
}
