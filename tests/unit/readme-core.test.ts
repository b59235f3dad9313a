/**
 * The README's core snippet runs as written, against the built package (`diffiir/core` resolved
 * by package self-reference from dist/, as a user's import would be), and gives what it says.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The first ```ts block after `heading` in the README. */
export function readmeBlock(heading: string): string {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const at = readme.indexOf(heading);
  if (at < 0) throw new Error(`README has no ${heading}`);
  const m = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!m) throw new Error(`no ts block after ${heading}`);
  return m[1];
}

describe('README core snippet', () => {
  it('runs and its results hold: gradients, caller-owned buffers and lfilter', () => {
    const code = readmeBlock('### Core (`diffiir/core`');
    const check = `
const ok = [
  y.length === T, zf.length === M, dx.length === T, dA.length === T * M, dzi.length === M,
  out.y.every((v, i) => v === y[i]), state.every((v, i) => v === zf[i]),
  lti.y.length === T, Math.abs(lti.y[1] - (x[1] + 0.5 * x[0] + 0.9 * lti.y[0])) < 1e-12,
  dx.every(Number.isFinite), dA.some((v) => v !== 0),
];
console.log(JSON.stringify(ok));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', code + check], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual(Array(11).fill(true));
  });
});
