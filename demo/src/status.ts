/** Page messages: a polite live region per panel for status, errors and hints. */

export type StatusKind = 'info' | 'error' | 'ok';

/** Shows `text` in the element with id `id` (an aria-live region), styled by `kind`. */
export function showStatus(id: string, text: string, kind: StatusKind = 'info'): void {
  const el = document.getElementById(id);
  if (!el) return;
  el.textContent = text;
  el.dataset.kind = kind;
}

/** A human-readable message for any thrown value. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
