import { readFileSync } from 'node:fs';
import type { CoefficientsFile } from '../core/api.js';
import { parseCoefficientsFile } from '../core/coefficients-file.js';
import { CliError, oneLine } from './errors.js';

/**
 * Reads and validates a coefficients JSON file; every failure is a CliError naming `path`.
 * `defaults` (sample rate, hop) apply to bare torchlpc arrays only.
 */
export function readCoefficientsFile(
  path: string,
  defaults: { sampleRate?: number; hop?: number } = {},
): CoefficientsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(`${path}: cannot read (${code === 'ENOENT' ? 'no such file' : oneLine(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // drop the echoed file snippet (may be binary) from V8's message
    const why = oneLine(e).replace(/,? ".*" is not valid JSON$/s, '');
    throw new CliError(`${path}: not valid JSON (${why})`);
  }
  try {
    return parseCoefficientsFile(json, defaults);
  } catch (e) {
    throw new CliError(`${path}: ${oneLine(e)}`);
  }
}

/**
 * UTF-8 bytes appended piece by piece into one growing buffer, in chunks of about 64 K characters
 * (no intermediate whole strings).
 */
class ByteSink {
  private buf: Buffer;
  private at = 0;
  private pending = '';

  constructor(estimate: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1024, estimate));
  }

  push(text: string): void {
    this.pending += text;
    if (this.pending.length >= 65536) this.flush();
  }

  private flush(): void {
    const text = this.pending;
    this.pending = '';
    const need = this.at + 3 * text.length; // UTF-8: at most 3 bytes per UTF-16 unit
    if (need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(2 * this.buf.length, need));
      this.buf.copy(grown, 0, 0, this.at);
      this.buf = grown;
    }
    this.at += this.buf.write(text, this.at);
  }

  bytes(): Uint8Array {
    this.flush();
    return this.buf.subarray(0, this.at);
  }
}

/**
 * Serialises a coefficients file as JSON, one frame per line (a reflection file's flat `k` is
 * broken after every `order` values), so files stay readable and diff-friendly; returns the UTF-8
 * bytes to write. Each frame's line goes straight into the output buffer: a long time-varying
 * file (10⁵ frames and more) is never joined into whole-file strings.
 */
export function encodeCoefficientsFile(file: CoefficientsFile): Uint8Array {
  const values = file.domain === 'reflection' ? file.k.length : file.frames * file.order;
  const out = new ByteSink(1024 + 24 * values);
  out.push('{\n');
  let first = true;
  const rows = (count: number, row: (i: number) => string) => {
    out.push('[\n    ');
    for (let i = 0; i < count; i++) {
      if (i > 0) out.push(',\n    ');
      out.push(row(i));
    }
    out.push('\n  ]');
  };
  for (const [key, value] of Object.entries(file)) {
    if (value === undefined) continue;
    out.push(`${first ? '' : ',\n'}  ${JSON.stringify(key)}: `);
    first = false;
    if (key === 'k' && file.domain === 'reflection') {
      const M = file.order;
      rows(file.k.length / M, (f) => file.k.slice(f * M, (f + 1) * M).join(', '));
    } else if (key === 'coefficients' && file.domain === 'direct') {
      rows(file.coefficients.length, (f) => JSON.stringify(file.coefficients[f]));
    } else {
      out.push(JSON.stringify(value));
    }
  }
  out.push('\n}\n');
  return out.bytes();
}
