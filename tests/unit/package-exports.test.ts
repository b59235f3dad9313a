import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Runs against dist/ as built by `npm run build` (npm test builds before the suites run).
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'));

describe('package.json exports map (built dist/)', () => {
  const entries = Object.entries(pkg.exports as Record<string, string | Record<string, string>>);

  it('is ESM, side-effect free, and names a bin', () => {
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(existsSync(`${ROOT}${pkg.bin.diffiir}`)).toBe(true);
  });

  it.each(entries.filter(([k]) => k !== './package.json'))('%s points at built files', (_, target) => {
    const t = target as Record<string, string>;
    expect(existsSync(`${ROOT}${t.default}`), t.default).toBe(true);
    expect(existsSync(`${ROOT}${t.types}`), t.types).toBe(true);
  });

  it('diffiir, diffiir/core and diffiir/train load in plain Node by package self-reference', () => {
    const script = [
      "const core = await import('diffiir/core');",
      "const root = await import('diffiir');",
      "const train = await import('diffiir/train');",
      'const { y } = core.allpole(new Float64Array([1, 0, 0]), new Float64Array([-0.5]), 1);',
      'console.log(JSON.stringify([Array.from(y), typeof root.lfilter, typeof train.TrainingSession]));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toEqual([[1, 0.5, 0.25], 'function', 'function']);
  });

  it('the ./host bundle has no bare-module imports (loads in a page without a bundler)', () => {
    const src = readFileSync(`${ROOT}dist/host/index.js`, 'utf8');
    const specifiers = [
      ...src.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g),
    ].map((m) => m[1] ?? m[2]);
    for (const s of specifiers) expect(s.startsWith('./') || s.startsWith('../'), s).toBe(true);
  });
});
