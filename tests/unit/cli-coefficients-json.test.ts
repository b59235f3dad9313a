/**
 * coefficients.json as the CLI writes it (encodeCoefficientsFile): the one-frame-per-line layout,
 * written piece by piece into one buffer (issue 10: a long time-varying file is never joined
 * into whole-file strings), gives exactly the text of the whole-string formatting.
 */
import { describe, expect, it } from 'vitest';
import { encodeCoefficientsFile } from '../../src/cli/coefficients-io.js';
import type { CoefficientsFile } from '../../src/core/api.js';
import {
  parseCoefficientsFile,
  toCoefficientsFile,
  toReflectionTrackFile,
} from '../../src/core/coefficients-file.js';
import { mulberry32, randomReflection } from './helpers.js';

/** The layout built as whole strings (the previous formatter). */
function wholeText(file: CoefficientsFile): string {
  const rows = (flat: readonly number[], width: number) =>
    Array.from({ length: flat.length / width }, (_, f) => flat.slice(f * width, (f + 1) * width).join(', '));
  const lines: string[] = [];
  for (const [key, value] of Object.entries(file)) {
    if (value === undefined) continue;
    let text: string;
    if (key === 'k' && file.domain === 'reflection')
      text = `[\n    ${rows(file.k, file.order).join(',\n    ')}\n  ]`;
    else if (key === 'coefficients' && file.domain === 'direct')
      text = `[\n    ${file.coefficients.map((r) => JSON.stringify(r)).join(',\n    ')}\n  ]`;
    else text = JSON.stringify(value);
    lines.push(`  ${JSON.stringify(key)}: ${text}`);
  }
  return `{\n${lines.join(',\n')}\n}\n`;
}

describe('encodeCoefficientsFile', () => {
  const rand = mulberry32(21);
  const files: [string, CoefficientsFile][] = [
    [
      'a long reflection track (past the 64 K chunks and the size estimate)',
      toReflectionTrackFile({
        sampleRate: 48000,
        order: 16,
        hop: 256,
        k: randomReflection(rand, 16 * 20_000, 0.99),
        logGain: Float64Array.from({ length: 20_000 }, () => 10 * (rand() - 0.5)),
      }),
    ],
    [
      'order 1 with long gains (the buffer outgrows its estimate)',
      toReflectionTrackFile({
        sampleRate: 48000,
        order: 1,
        hop: 1,
        k: randomReflection(rand, 100_000, 0.5),
        logGain: Float64Array.from({ length: 100_000 }, () => -1e-7 * rand()),
      }),
    ],
    [
      'a pole-zero file with sections and frame gains',
      toCoefficientsFile({
        sampleRate: 44100,
        order: 4,
        coefficients: [
          [-0.7, 0.42, 0, 0.216],
          [-0.6, 0.3, 0.01, 0.1],
        ],
        hop: 128,
        gain: 0.7,
        frameGains: [1, 0.5],
        numerator: {
          sections: [
            [1, 0.2, 0.1],
            [0.5, -0.1, 0.3],
          ],
        },
      }),
    ],
  ];
  it.each(files)('%s: the same UTF-8 text as whole strings, and it parses back', (_name, file) => {
    const bytes = encodeCoefficientsFile(file);
    const text = new TextDecoder().decode(bytes);
    expect(text).toBe(wholeText(file));
    expect(parseCoefficientsFile(text)).toEqual(file);
  });
});
