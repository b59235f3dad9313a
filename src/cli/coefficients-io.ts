import { readFileSync } from 'node:fs';
import type { CoefficientsFile } from '../core/api.js';
import { parseCoefficientsFile } from '../core/coefficients-file.js';
import { CliError, oneLine } from './errors.js';

/** Reads and validates a coefficients JSON file; every failure is a CliError naming `path`. */
export function readCoefficientsFile(path: string): CoefficientsFile {
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
    return parseCoefficientsFile(json);
  } catch (e) {
    throw new CliError(`${path}: ${oneLine(e)}`);
  }
}

/** Serialises a coefficients file as pretty JSON (one frame per line stays readable). */
export function formatCoefficientsFile(file: CoefficientsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
