/**
 * Registration of the all-pole AudioWorklet module, once per context.
 */
import workletUrl from '../worklet/allpole-processor.ts?worker&url';

/** Anything with an AudioWorklet: native or standardized-audio-context (offline) contexts. */
export interface WorkletContextLike {
  readonly audioWorklet?: { addModule(moduleURL: string, options?: WorkletOptions): Promise<void> };
  readonly sampleRate: number;
  readonly currentTime: number;
}

/** A native / standardized-audio-context context, or a wrapper with `rawContext` (Tone.js). */
export type AllPoleContext = WorkletContextLike | { readonly rawContext: WorkletContextLike };

/** URL of the bundled worklet module (a real file next to the host bundle). */
export const allPoleWorkletUrl: string = new URL(workletUrl, import.meta.url).href;

/** The context that owns the audio graph: `context.rawContext` for Tone.js, else `context`. */
export function rawContextOf(context: AllPoleContext): WorkletContextLike {
  if (context !== null && typeof context === 'object' && 'rawContext' in context && context.rawContext) {
    return context.rawContext;
  }
  return context as WorkletContextLike;
}

const registrations = new WeakMap<object, Promise<void>>();

/**
 * Adds the all-pole worklet module to `context` (native AudioContext/OfflineAudioContext,
 * standardized-audio-context contexts, or Tone.js's context via its rawContext). Idempotent:
 * the same promise is returned for the same context; a failed registration may be retried.
 * @throws TypeError if the context has no AudioWorklet.
 */
export function addAllPoleModule(context: AllPoleContext): Promise<void> {
  const raw = rawContextOf(context);
  const known = registrations.get(raw);
  if (known) return known;
  if (!raw?.audioWorklet || typeof raw.audioWorklet.addModule !== 'function') {
    throw new TypeError('addAllPoleModule: context has no audioWorklet (AudioWorklet is unsupported here)');
  }
  const added = raw.audioWorklet.addModule(allPoleWorkletUrl);
  registrations.set(raw, added);
  added.catch(() => {
    if (registrations.get(raw) === added) registrations.delete(raw);
  });
  return added;
}
