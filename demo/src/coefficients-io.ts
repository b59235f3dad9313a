/**
 * Import and export of coefficients in the CLI's JSON schema (core coefficients-file), plus
 * PyTorch/torchlpc arrays (frames×order nested lists, per-sample when hop = 1).
 */
import type { CoefficientsFile } from 'diffiir/core';
import { directFrameGain, parseCoefficientsFile, reflectionToDirect } from 'diffiir/core';

/** Either form of a coefficients file as direct-form rows and linear gains per frame. */
export interface FileFrames {
  /** Direct-form a per frame (frames rows of order). */
  a: number[][];
  /** Linear excitation gain per frame. */
  gains: number[];
  /** The reflection track when the file is one (frames×order, flat), else null. */
  k: Float64Array | null;
}

/** Direct rows and gains of `f`, whichever its domain. */
export function fileFrames(f: CoefficientsFile): FileFrames {
  if (f.domain === 'reflection') {
    const a: number[][] = [];
    for (let i = 0; i < f.frames; i++)
      a.push(Array.from(reflectionToDirect(f.k.slice(i * f.order, (i + 1) * f.order))));
    return { a, gains: f.logGain.map((g) => Math.exp(g)), k: Float64Array.from(f.k) };
  }
  return {
    a: f.coefficients,
    gains: Array.from({ length: f.frames }, (_, i) => directFrameGain(f, i)),
    k: null,
  };
}

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
  const gain = f.domain === 'reflection' ? 'per-frame log-gains' : `gain ${f.gain.toPrecision(3)}`;
  const num = f.domain === 'direct' && f.numerator ? ', with a numerator (not played: all-pole node)' : '';
  return `${f.domain} order ${f.order}, ${tv}, ${gain}, ${f.sampleRate} Hz${num}`;
}
