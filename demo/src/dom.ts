/** Typed element lookup for the demo's static page. */

/** The element with id `id`; throws if the page lacks it (a broken page should fail loudly in tests). */
export function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`demo: missing element #${id}`);
  return el as T;
}
