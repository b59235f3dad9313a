/**
 * Registration of the all-pole AudioWorklet module, once per context.
 *
 * The worklet is one self-contained, minified file shipped next to the host bundle
 * (dist/host/allpole-processor.js). It is located by the single expression
 * `new URL('./<file>.js', import.meta.url)` (below), which Vite and webpack 5 recognise (they
 * emit the file with the app) and which Rollup and esbuild leave as is (copy the file next to
 * the output bundle; see the README's bundler notes). `addAllPoleModule(ctx, { url })` takes a
 * URL of your own when the file is served from elsewhere.
 */

/** Anything with an AudioWorklet: native or standardized-audio-context (offline) contexts. */
export interface WorkletContextLike {
  readonly audioWorklet?: { addModule(moduleURL: string, options?: WorkletOptions): Promise<void> };
  readonly sampleRate: number;
  readonly currentTime: number;
}

/** A native / standardized-audio-context context, or a wrapper with `rawContext` (Tone.js). */
export type AllPoleContext = WorkletContextLike | { readonly rawContext: WorkletContextLike };

/** Options of {@link addAllPoleModule}. */
export interface AddAllPoleModuleOptions {
  /**
   * Where the worklet file (`allpole-processor.js` from `diffiir/dist/host/`) is served, when
   * your bundler does not emit it for you (absolute, or relative to the page). Default:
   * {@link allPoleWorkletUrl}.
   */
  readonly url?: string | URL;
}

/**
 * URL of the bundled worklet module (a real file next to the host bundle). Keep this one
 * literal `new URL('./…', import.meta.url)` form: it is the form bundlers recognise.
 */
export const allPoleWorkletUrl: string = new URL('./allpole-processor.js', import.meta.url).href;

/** The context that owns the audio graph: `context.rawContext` for Tone.js, else `context`. */
export function rawContextOf(context: AllPoleContext): WorkletContextLike {
  if (context !== null && typeof context === 'object' && 'rawContext' in context && context.rawContext) {
    return context.rawContext;
  }
  return context as WorkletContextLike;
}

const registrations = new WeakMap<object, Promise<void>>();

function moduleUrl(url: string | URL | undefined): string {
  if (url === undefined) return allPoleWorkletUrl;
  if (url instanceof URL) return url.href;
  if (typeof url !== 'string' || url.length === 0) {
    throw new TypeError('addAllPoleModule: options.url must be a non-empty string or a URL');
  }
  return url;
}

/**
 * Adds the all-pole worklet module to `context` (native AudioContext/OfflineAudioContext,
 * standardized-audio-context contexts, or Tone.js's context via its rawContext). Idempotent:
 * the same promise is returned for the same context (later calls' `url` is then ignored); a
 * failed registration may be retried.
 * @param options.url Where the worklet file is served (default {@link allPoleWorkletUrl}).
 * @throws TypeError if the context has no AudioWorklet or `options.url` is not a URL/string.
 */
export function addAllPoleModule(
  context: AllPoleContext,
  options: AddAllPoleModuleOptions = {},
): Promise<void> {
  const url = moduleUrl(options.url);
  const raw = rawContextOf(context);
  const known = registrations.get(raw);
  if (known) return known;
  if (!raw?.audioWorklet || typeof raw.audioWorklet.addModule !== 'function') {
    throw new TypeError('addAllPoleModule: context has no audioWorklet (AudioWorklet is unsupported here)');
  }
  const added = raw.audioWorklet.addModule(url);
  registrations.set(raw, added);
  added.catch(() => {
    if (registrations.get(raw) === added) registrations.delete(raw);
  });
  return added;
}
