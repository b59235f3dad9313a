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
 * Serialises a coefficients file as JSON, one frame per line (a reflection file's flat `k` is
 * broken after every `order` values), so files stay readable and diff-friendly.
 */
export function formatCoefficientsFile(file: CoefficientsFile): string {
  const rows = (flat: readonly number[], width: number) =>
    Array.from({ length: flat.length / width }, (_, f) => flat.slice(f * width, (f + 1) * width).join(', '));
  const lines: string[] = [];
  for (const [key, value] of Object.entries(file)) {
    if (value === undefined) continue;
    let text: string;
    if (key === 'k' && file.domain === 'reflection') {
      text = `[\n    ${rows(file.k, file.order).join(',\n    ')}\n  ]`;
    } else if (key === 'coefficients' && file.domain === 'direct') {
      text = `[\n    ${file.coefficients.map((r) => JSON.stringify(r)).join(',\n    ')}\n  ]`;
    } else {
      text = JSON.stringify(value);
    }
    lines.push(`  ${JSON.stringify(key)}: ${text}`);
  }
  return `{\n${lines.join(',\n')}\n}\n`;
}
