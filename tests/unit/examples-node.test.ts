/**
 * examples/node-training runs as its README says (`node examples/node-training/train.mjs`, the
 * package resolved by self-reference from dist/) and learns the filter it was shown.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('examples/node-training', () => {
  it('learns the order-8 filter from a flat start', () => {
    const out = execFileSync(process.execPath, ['examples/node-training/train.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const r = JSON.parse(out) as { first: number; best: number; coefficientError: number };
    expect(r.best).toBeLessThan(r.first * 1e-6);
    expect(r.coefficientError).toBeLessThan(1e-4);
  });
});
