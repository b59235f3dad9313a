/**
 * diffiir/standardized: the all-pole node for apps using standardized-audio-context (a peer
 * dependency, kept external: this entry imports it by its bare name, so it needs a bundler or
 * an import map). Same API as diffiir/host (re-exported), except that
 * `createAllPoleFilterNode(context, options)` recognises standardized-audio-context contexts
 * by itself (no AudioWorkletNode class argument):
 *
 *   import { OfflineAudioContext } from 'standardized-audio-context';
 *   import { addAllPoleModule, createAllPoleFilterNode } from 'diffiir/standardized';
 *   const ctx = new OfflineAudioContext({ numberOfChannels: 1, length, sampleRate });
 *   await addAllPoleModule(ctx);
 *   const node = createAllPoleFilterNode(ctx, { order: 16 });
 */
import {
  isAnyAudioContext,
  isAnyOfflineAudioContext,
  AudioWorkletNode as SacAudioWorkletNode,
} from 'standardized-audio-context';
import type { AllPoleContext } from './module.js';
import { rawContextOf } from './module.js';
import type { AllPoleNode, AudioWorkletNodeConstructorLike } from './node.js';
import { createAllPoleFilterNode as createOnHost } from './node.js';
import type { AllPoleFilterOptions } from './options.js';

export * from './index.js';

/** True for a standardized-audio-context (Offline/Minimal)AudioContext (not a native one). */
export function isStandardizedContext(context: unknown): boolean {
  if (context === null || typeof context !== 'object') return false;
  if (typeof BaseAudioContext === 'function' && context instanceof BaseAudioContext) return false;
  return isAnyAudioContext(context as never) || isAnyOfflineAudioContext(context as never);
}

/**
 * Creates an all-pole node (after `await addAllPoleModule(context)`) on:
 * - a standardized-audio-context context (or a wrapper whose `rawContext` is one, e.g. Tone.js)
 *   → built with standardized-audio-context's AudioWorkletNode;
 * - a native AudioContext/OfflineAudioContext → a native {@link AllPoleFilterNode};
 * - a Tone.js context → through its `createAudioWorkletNode`.
 * The result has the full {@link AllPoleNode} API.
 * @throws TypeError when the context kind is not recognised, or when the context is a
 *   standardized-audio-context one but this browser has no AudioWorklet.
 */
export function createAllPoleFilterNode(context: AllPoleContext, options: AllPoleFilterOptions): AllPoleNode {
  const raw = rawContextOf(context);
  if (isStandardizedContext(raw)) {
    if (SacAudioWorkletNode === undefined)
      throw new TypeError('createAllPoleFilterNode: AudioWorklet is unsupported in this browser');
    return createOnHost(raw, options, SacAudioWorkletNode as unknown as AudioWorkletNodeConstructorLike);
  }
  return createOnHost(context, options);
}
