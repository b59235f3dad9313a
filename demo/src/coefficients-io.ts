/**
 * Import and export of coefficients in the CLI's JSON schema (core coefficients-file), plus
 * PyTorch/torchlpc arrays (frames×order nested lists, per-sample when hop = 1).
 */
import type { CoefficientsFile } from 'diffiir/core';
import { parseCoefficientsFile } from 'diffiir/core';

/** JSON text of `file`, one frame per line (readable and diff-friendly). */
export function coefficientsJson(file: CoefficientsFile): string {
  return JSON.stringify(file, null, 2);
}

/** Offers `text` as a download named `name` (no network: a blob URL revoked afterwards). */
export function downloadText(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Parses an imported file's text: the CLI schema, or a torchlpc frames×order array whose frames
 * are `pytorchHop` samples apart (1 = torchlpc's per-sample A). A batched torchlpc array
 * (`A.tolist()` of shape 1×T×order) is unwrapped; a batch of several is refused (pick one).
 * Throws with the parser's message.
 */
export function importCoefficients(text: string, pytorchHop: number, sampleRate: number): CoefficientsFile {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new TypeError(`not valid JSON (${(e as Error).message})`);
  }
  if (Array.isArray(v) && Array.isArray(v[0]) && Array.isArray(v[0][0])) {
    if (v.length !== 1) {
      throw new RangeError(`a batch of ${v.length} tracks (B×T×order): export one track, e.g. A[0].tolist()`);
    }
    v = v[0];
  }
  return parseCoefficientsFile(v, { sampleRate, hop: pytorchHop });
}

/** A one-line summary for the status line. */
export function describeCoefficients(f: CoefficientsFile): string {
  const tv = f.frames > 1 ? `${f.frames} frames, hop ${f.hop}` : 'time-invariant';
  if (f.domain === 'reflection') return `order ${f.order}, ${tv}, reflection track, ${f.sampleRate} Hz`;
  return `order ${f.order}, ${tv}, gain ${f.gain.toPrecision(3)}, ${f.sampleRate} Hz${f.numerator ? ', with a numerator (not played: all-pole node)' : ''}`;
}
