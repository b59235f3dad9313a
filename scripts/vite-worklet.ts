/**
 * Vite plugin shared by the repo's Vite configs: how the all-pole worklet file is produced and
 * found. src/host/module.ts locates it with the one expression bundlers recognise,
 * `new URL('./allpole-processor.js', import.meta.url)`; this plugin makes that expression work
 * in each of the repo's own builds:
 * - 'library' (vite.config.ts, `vite build`): the expression is kept verbatim in the host bundle
 *   (so apps' bundlers see it), and the worklet is built as one self-contained, minified file,
 *   emitted next to it as host/allpole-processor.js.
 * - 'app' (the demo, and the test dev server): building from source, the expression is
 *   rewritten to Vite's `?worker&url` import of src/worklet/allpole-processor.ts, which Vite
 *   bundles (build) or serves (dev) itself.
 */
import { fileURLToPath } from 'node:url';
import MagicString from 'magic-string';
import { build, type Plugin } from 'vite';

export const WORKLET_ENTRY = fileURLToPath(new URL('../src/worklet/allpole-processor.ts', import.meta.url));
const MODULE_FILE = fileURLToPath(new URL('../src/host/module.ts', import.meta.url));
/** The expression in src/host/module.ts (and, verbatim, in dist/host). */
export const WORKLET_URL_EXPRESSION = "new URL('./allpole-processor.js', import.meta.url)";
const IGNORED = "new URL(/* @vite-ignore */ './allpole-processor.js', import.meta.url)";
const IGNORED_RE =
  /new URL\(\s*\/\*\s*@vite-ignore\s*\*\/\s*(['"])\.\/allpole-processor\.js\1,\s*import\.meta\.url\s*\)/g;
/** The expression as the bundler prints it (either quote). */
const BUILT_RE = /new URL\((['"])\.\/allpole-processor\.js\1, import\.meta\.url\)/;
const WORKLET_FILE = 'host/allpole-processor.js';

/** Bundles the worklet into one self-contained ES module (no imports), optionally minified. */
export async function bundleWorklet(minify: boolean): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      write: false,
      target: 'es2022',
      minify,
      sourcemap: false,
      // Not lib mode: Vite keeps an ES library's whitespace, an app entry is minified fully.
      rolldownOptions: { input: WORKLET_ENTRY, output: { format: 'es' } },
    },
  });
  for (const r of Array.isArray(out) ? out : [out]) {
    if ('output' in r) for (const o of r.output) if (o.type === 'chunk' && o.isEntry) return o.code;
  }
  throw new Error('bundleWorklet: no worklet chunk');
}

function rewriteModule(code: string, id: string, replacement: string, prefix = '') {
  const at = code.indexOf(WORKLET_URL_EXPRESSION);
  if (at < 0 || code.indexOf(WORKLET_URL_EXPRESSION, at + 1) >= 0) {
    throw new Error(`diffiir-worklet: src/host/module.ts must contain ${WORKLET_URL_EXPRESSION} once`);
  }
  const s = new MagicString(code)
    .overwrite(at, at + WORKLET_URL_EXPRESSION.length, replacement)
    .prepend(prefix);
  return { code: s.toString(), map: s.generateMap({ hires: true, source: id }) };
}

/** See the file comment. */
export function diffiirWorklet(mode: 'library' | 'app'): Plugin {
  let isLibraryBuild = false;
  return {
    name: 'diffiir-worklet',
    enforce: 'pre',
    configResolved(config) {
      isLibraryBuild = mode === 'library' && config.command === 'build';
    },
    transform(code, id) {
      if (id !== MODULE_FILE) return null;
      if (isLibraryBuild) return rewriteModule(code, id, IGNORED);
      const url = JSON.stringify(`${WORKLET_ENTRY}?worker&url`);
      return rewriteModule(
        code,
        id,
        'new URL(__diffiirWorkletUrl, import.meta.url)',
        `import __diffiirWorkletUrl from ${url};\n`,
      );
    },
    renderChunk(code) {
      if (!isLibraryBuild || code.search(IGNORED_RE) < 0) return null;
      const s = new MagicString(code);
      for (const m of code.matchAll(IGNORED_RE))
        s.overwrite(m.index, m.index + m[0].length, WORKLET_URL_EXPRESSION);
      return { code: s.toString(), map: s.generateMap({ hires: true }) };
    },
    async generateBundle(_, bundle) {
      if (!isLibraryBuild) return;
      const found = Object.values(bundle).filter((c) => c.type === 'chunk' && BUILT_RE.test(c.code));
      if (found.length !== 1)
        throw new Error(`diffiir-worklet: ${found.length} chunks hold the worklet URL, not 1`);
      this.emitFile({ type: 'asset', fileName: WORKLET_FILE, source: await bundleWorklet(true) });
    },
  };
}
