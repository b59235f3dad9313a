// TypeDoc plugin: links that Tone.js's own comments make to its types (inherited by
// diffiir/tone's AllPoleFilter) resolve to Tone's API reference instead of failing.
const TONE_DOCS = 'https://tonejs.github.io/docs/';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.addUnknownSymbolResolver((ref, _refl, _part, symbolId) => {
    const file = symbolId?.packagePath ?? '';
    const name = ref.symbolReference?.path?.[0]?.path;
    if (name === 'TransportInstance' || file.includes('node_modules/tone/')) return TONE_DOCS;
    return undefined;
  });
}
