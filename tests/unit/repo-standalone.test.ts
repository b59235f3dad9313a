import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The repository stands alone: no tracked source, test, script or doc names a machine path or
// reaches outside the clone for fixtures (they live in tests/fixtures with their provenance).
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|mts|mjs|js|json|md|html|sh)$/.test(f) || f === '.ci/run')
  .filter((f) => !f.endsWith('package-lock.json') && !f.startsWith('tests/fixtures/reference/'));

describe('the repository stands alone', () => {
  it('names no absolute machine path and no folder beside the clone', () => {
    const offenders: string[] = [];
    // Built from parts so that this file does not match itself.
    const machine = new RegExp(['/w', 'ork/|/r', 'oot/|/h', 'ome/'].join(''));
    const beside = new RegExp(['\\.\\./\\.\\./\\.\\./sh', 'ared|\\.\\./sh', 'ared/'].join(''));
    for (const f of tracked) {
      const text = readFileSync(`${ROOT}${f}`, 'utf8');
      text.split('\n').forEach((line, i) => {
        if (machine.test(line) || beside.test(line)) offenders.push(`${f}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
