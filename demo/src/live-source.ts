/**
 * Live inputs of the microphone and talking-synth panels: the microphone (raw, see
 * microphone.ts) or one of the generated examples played in a loop. Either way the caller gets
 * an AudioNode to connect and a stop function.
 */
import { playSignal } from './audio-context.js';
import { exampleNoise, exampleSpeech } from './examples.js';
import { closeMicrophone, openMicrophone } from './microphone.js';

/** Source names offered in the page's selects. */
export type LiveSourceKind = 'mic' | 'example-speech' | 'example-noise';

/** A running source. */
export interface LiveSource {
  node: AudioNode;
  stop(): void;
}

const cache = new Map<string, Float64Array>();

/** The generated example `kind` at `sampleRate` (computed once, then cached). */
export function exampleSignal(kind: Exclude<LiveSourceKind, 'mic'>, sampleRate: number): Float64Array {
  const key = `${kind}@${sampleRate}`;
  let x = cache.get(key);
  if (!x) {
    x = kind === 'example-noise' ? exampleNoise(sampleRate, 2, 1) : exampleSpeech(sampleRate);
    cache.set(key, x);
  }
  return x;
}

/** Starts `kind`; resolves to a message (string) instead when the microphone cannot be used. */
export async function openLiveSource(ctx: AudioContext, kind: LiveSourceKind): Promise<LiveSource | string> {
  if (kind !== 'mic') {
    const src = playSignal(ctx, exampleSignal(kind, ctx.sampleRate));
    return {
      node: src,
      stop: () => {
        src.stop();
        src.disconnect();
      },
    };
  }
  const mic = await openMicrophone();
  if (!mic.ok) return mic.message;
  const node = new MediaStreamAudioSourceNode(ctx, { mediaStream: mic.stream });
  return {
    node,
    stop: () => {
      node.disconnect();
      closeMicrophone(mic.stream);
    },
  };
}
