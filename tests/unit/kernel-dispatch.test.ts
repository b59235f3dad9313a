import { describe, expect, it, vi } from 'vitest';
import { MAX_SPECIALISED } from '../../scripts/gen-allpole-kernels.js';
import { ALLPOLE_PARAMS } from '../../src/core/allpole/generated/allpole-params.js';
import { BACKWARD_TI } from '../../src/core/allpole/generated/backward-ti.js';
import { FORWARD_TV } from '../../src/core/allpole/generated/forward-tv.js';
import { LATTICE } from '../../src/core/allpole/generated/lattice.js';
import { LATTICE_PARAMS } from '../../src/core/allpole/generated/lattice-params.js';
import { LATTICE_TRACK } from '../../src/core/allpole/generated/lattice-track.js';
import {
  kernelFamily,
  kernelIndex,
  PRIME_CALLS,
  primeKernel,
  selectKernel,
} from '../../src/core/kernel-dispatch.js';
import { TDF2_KERNELS } from '../../src/core/lti/generated/tdf2-kernels.js';
import { VJP_KERNELS } from '../../src/core/lti/generated/vjp-kernels.js';
import { mulberry32 } from './helpers.js';

/** Largest specialised filter size of the lfilter families (tables end there). */
const MAX_N = TDF2_KERNELS.length - 1;

/** The exact bytes of a float64 array (bit-identity, -0 and NaN payloads included). */
const bytes = (a: Float64Array) => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

describe('kernelIndex: the one selection rule', () => {
  it('selects entry n for 0 < n < length and a non-null entry, else the generic entry 0', () => {
    const withGeneric = ['g', 'k1', 'k2', 'k3'];
    expect([0, 1, 3, 4, 40].map((n) => kernelIndex(withGeneric, n))).toEqual([0, 1, 3, 0, 0]);
    const withNulls = [null, null, 'k2', 'k3'];
    expect([0, 1, 2, 3, 4].map((n) => kernelIndex(withNulls, n))).toEqual([0, 0, 2, 3, 0]);
  });

  it('every all-pole family specialises orders 1..MAX_SPECIALISED and no other', () => {
    for (const table of [FORWARD_TV, BACKWARD_TI, LATTICE, LATTICE_PARAMS, ALLPOLE_PARAMS, LATTICE_TRACK]) {
      expect(table.length).toBe(MAX_SPECIALISED + 1);
      expect(kernelIndex(table, 0)).toBe(0);
      expect(kernelIndex(table, 1)).toBe(1);
      expect(kernelIndex(table, MAX_SPECIALISED)).toBe(MAX_SPECIALISED);
      expect(kernelIndex(table, MAX_SPECIALISED + 1)).toBe(0);
    }
  });

  it('the lfilter families specialise sizes 2..MAX_N (sizes 0 and 1 run the generic loop)', () => {
    for (const table of [TDF2_KERNELS, VJP_KERNELS]) {
      expect([0, 1, 2, MAX_N, MAX_N + 1].map((n) => kernelIndex(table, n))).toEqual([0, 0, 2, MAX_N, 0]);
    }
  });
});

describe('selectKernel / primeKernel', () => {
  it('primes each entry once, with PRIME_CALLS rounds, before returning it', () => {
    const calls: string[] = [];
    const fam = kernelFamily(['g', 'k1', null], (i, r) => calls.push(`${i}:${r}`));
    expect(selectKernel(fam, 1)).toBe('k1');
    expect(calls).toEqual(Array.from({ length: PRIME_CALLS }, (_, r) => `1:${r}`));
    calls.length = 0;
    expect(selectKernel(fam, 1)).toBe('k1');
    expect(calls).toEqual([]);
    // 0, 2 (null entry) and 7 (beyond the table) all select the generic entry: primed once.
    expect(selectKernel(fam, 2)).toBe('g');
    primeKernel(fam, 0);
    expect(selectKernel(fam, 7)).toBe('g');
    expect(calls.length).toBe(PRIME_CALLS);
    expect(calls.every((c) => c.startsWith('0:'))).toBe(true);
  });

  it('the families select at the boundary orders (0, 1, max specialised, max + 1)', async () => {
    const { forwardKernel, backwardKernel } = await import('../../src/core/allpole/dispatch.js');
    const { forwardTvGeneric } = await import('../../src/core/allpole/generic-forward.js');
    const { backwardTiGeneric } = await import('../../src/core/allpole/generic-backward.js');
    const { tdf2Kernel } = await import('../../src/core/lti/lfilter-kernels.js');
    const { vjpKernel } = await import('../../src/core/lti/lfilter-vjp-kernels.js');
    expect(forwardKernel(0, false)).toBe(forwardTvGeneric);
    expect(forwardKernel(1, false).name).toBe('forwardTv1');
    expect(forwardKernel(MAX_SPECIALISED, false).name).toBe(`forwardTv${MAX_SPECIALISED}`);
    expect(forwardKernel(MAX_SPECIALISED + 1, false)).toBe(forwardTvGeneric);
    expect(backwardKernel(0, true)).toBe(backwardTiGeneric);
    expect(backwardKernel(1, true).name).toBe('backwardTi1');
    expect(backwardKernel(MAX_SPECIALISED, true).name).toBe(`backwardTi${MAX_SPECIALISED}`);
    expect(backwardKernel(MAX_SPECIALISED + 1, true)).toBe(backwardTiGeneric);
    for (const sel of [tdf2Kernel, vjpKernel]) {
      expect(sel(0)).toBeNull();
      expect(sel(1)).toBeNull();
      expect(sel(2)).not.toBeNull();
      expect(sel(MAX_N)).not.toBeNull();
      expect(sel(MAX_N + 1)).toBeNull();
    }
    expect(tdf2Kernel(MAX_N)?.name).toBe(`tdf2n${MAX_N}`);
  });
});

describe('priming leaves results bit-identical', () => {
  const rnd = mulberry32(13);
  const T = 257;
  const x = Float64Array.from({ length: T }, () => 2 * rnd() - 1);

  for (const M of [1, MAX_SPECIALISED, MAX_SPECIALISED + 1]) {
    it(`all-pole forward and backward, order ${M}: the unprimed kernel equals the primed one`, async () => {
      vi.resetModules();
      const { FORWARD_TV: F } = await import('../../src/core/allpole/generated/forward-tv.js');
      const { BACKWARD_TI: B } = await import('../../src/core/allpole/generated/backward-ti.js');
      const { forwardKernel, backwardKernel } = await import('../../src/core/allpole/dispatch.js');
      // Small stable coefficients: |a_i| summing below 1.
      const A = Float64Array.from({ length: T * M }, () => ((2 * rnd() - 1) * 0.9) / M);
      const a = A.subarray(0, M);
      const zi = Float64Array.from({ length: M }, () => rnd() - 0.5);
      const fwd = (k: (typeof F)[number]) => {
        const y = new Float64Array(T);
        k(x, A, y, zi.slice(), T, M);
        return y;
      };
      const bwd = (k: (typeof B)[number]) => {
        const dx = new Float64Array(T);
        const dA = new Float64Array(M);
        const dzi = new Float64Array(M);
        k(x, fwd(F[kernelIndex(F, M)]), a, zi, dx, dA, dzi, T, M);
        return Float64Array.from([...dx, ...dA, ...dzi]);
      };
      const before = [fwd(F[kernelIndex(F, M)]), bwd(B[kernelIndex(B, M)])];
      const after = [fwd(forwardKernel(M, false)), bwd(backwardKernel(M, true))];
      expect(bytes(after[0])).toEqual(bytes(before[0]));
      expect(bytes(after[1])).toEqual(bytes(before[1]));
    });
  }

  for (const n of [2, MAX_N, MAX_N + 1]) {
    it(`lfilter TDF-II and VJP, size ${n}: the unprimed kernel equals the primed one`, async () => {
      vi.resetModules();
      const { tdf2Generic, tdf2Kernel } = await import('../../src/core/lti/lfilter-kernels.js');
      const { vjpGeneric, vjpKernel } = await import('../../src/core/lti/lfilter-vjp-kernels.js');
      const { TDF2_KERNELS: K } = await import('../../src/core/lti/generated/tdf2-kernels.js');
      const { VJP_KERNELS: V } = await import('../../src/core/lti/generated/vjp-kernels.js');
      const c = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) c[i] = 2 * rnd() - 1;
      c[n] = 1;
      for (let i = 1; i < n; i++) c[n + i] = ((2 * rnd() - 1) * 0.9) / n;
      const fwd = (k: (typeof K)[number]) => {
        const y = new Float64Array(T);
        const z = new Float64Array(n - 1);
        if (k === null) tdf2Generic(c, n, x, y, z);
        else k(c, x, y, z);
        return Float64Array.from([...y, ...z]);
      };
      const bwd = (k: (typeof V)[number]) => {
        const dx = new Float64Array(T);
        const acc = new Float64Array(2 * n);
        if (k === null) vjpGeneric(c, n, x, x, x, dx, acc, new Float64Array(T + n));
        else k(c, x, x, x, dx, acc);
        return Float64Array.from([...dx, ...acc]);
      };
      const before = [fwd(K[kernelIndex(K, n)]), bwd(V[kernelIndex(V, n)])];
      const after = [fwd(tdf2Kernel(n)), bwd(vjpKernel(n))];
      expect(bytes(after[0])).toEqual(bytes(before[0]));
      expect(bytes(after[1])).toEqual(bytes(before[1]));
    });
  }
});
