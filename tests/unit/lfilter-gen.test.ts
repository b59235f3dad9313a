import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateLfilterKernels, MAX_N } from '../../scripts/gen-lfilter-kernels.js';
import { tdf2Generic, tdf2Kernel } from '../../src/core/lti/lfilter-kernels.js';
import { vjpKernel } from '../../src/core/lti/lfilter-vjp-kernels.js';
import { maxAbsDiff, mulberry32, uniformArray } from './helpers.js';

describe('generated lfilter kernels are up to date', () => {
  it('regenerating gives identical text', () => {
    const files = generateLfilterKernels();
    expect([...files.keys()].sort()).toEqual(['tdf2-kernels.ts', 'vjp-kernels.ts']);
    for (const [name, text] of files) {
      const onDisk = readFileSync(new URL(`../../src/core/lti/generated/${name}`, import.meta.url), 'utf8');
      expect(onDisk === text, `${name} differs: run npm run gen`).toBe(true);
    }
  });
});

describe('lfilter kernel dispatch', () => {
  it(`sizes 2..${MAX_N} are specialised, 1 and larger sizes use the generic loops`, () => {
    for (let n = 2; n <= MAX_N; n++) {
      expect(tdf2Kernel(n)?.name).toBe(`tdf2n${n}`);
      expect(vjpKernel(n)?.name).toBe(`vjpN${n}`);
    }
    for (const n of [1, MAX_N + 1, 40]) {
      expect(tdf2Kernel(n)).toBeNull();
      expect(vjpKernel(n)).toBeNull();
    }
  });

  it('every generated forward kernel equals the generic loop (state in and out, short lengths)', () => {
    const rand = mulberry32(3);
    for (let n = 2; n <= MAX_N; n++) {
      const c = new Float64Array(2 * n);
      for (let k = 0; k < n; k++) c[k] = 2 * rand() - 1;
      c[n] = 1;
      for (let k = 1; k < n; k++) c[n + k] = (0.9 * (2 * rand() - 1)) / n;
      for (const T of [0, 1, 2, 5, 64]) {
        const x = uniformArray(rand, T);
        const z1 = uniformArray(rand, n - 1);
        const z2 = Float64Array.from(z1);
        const y1 = new Float64Array(T);
        const y2 = new Float64Array(T);
        tdf2Kernel(n)!(c, x, y1, z1);
        tdf2Generic(c, n, x, y2, z2);
        // different rounding only (the kernels carry z0 + a1·y instead of z0)
        expect(maxAbsDiff(y1, y2)).toBeLessThan(1e-13);
        expect(maxAbsDiff(z1, z2)).toBeLessThan(1e-13);
      }
    }
  });
});
