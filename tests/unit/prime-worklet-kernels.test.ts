import { describe, expect, it, vi } from 'vitest';
import { MAX_SPECIALISED } from '../../scripts/gen-allpole-kernels.js';
import { mulberry32 } from './helpers.js';

/** The exact bytes of a float array (bit-identity). */
const bytes = (a: Float32Array | Float64Array) =>
  Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

const Q = 128;

/** One quantum of both param layouts (a mix of constant and per-sample arrays), fresh modules. */
async function paramsQuanta(M: number, domain: 'reflection' | 'direct', prime: boolean) {
  vi.resetModules();
  const fp = await import('../../src/core/allpole/from-params.js');
  const { prepareFromParams } = await import('../../src/core/allpole/prime-from-params.js');
  if (prime) prepareFromParams(M, domain);
  const rnd = mulberry32(7 + M);
  const x = Float64Array.from({ length: Q }, () => 2 * rnd() - 1);
  const P = Array.from({ length: M }, (_, i) =>
    i % 3 === 0
      ? new Float32Array(1).fill((0.6 * (2 * rnd() - 1)) / (domain === 'direct' ? M : 1))
      : Float32Array.from({ length: Q }, () => (0.6 * (2 * rnd() - 1)) / (domain === 'direct' ? M : 1)),
  );
  P[0] = new Float32Array(Q).fill(domain === 'reflection' ? 1.5 : 0.1); // clamped in the lattice
  const s = new Float64Array(M);
  const out: number[] = [];
  // With a packing scratch, as the processor calls them (param-columns.ts).
  const columns = new Float32Array(M * Q);
  for (let q = 0; q < 3; q++) {
    const y = new Float32Array(Q);
    const code =
      domain === 'reflection'
        ? fp.latticeFromParams(x, P, M, s, y, 0.999999, columns)
        : fp.allpoleFromParams(x, P, M, s, y, columns);
    expect(code).toBe(fp.PARAMS_OK);
    out.push(...bytes(y), ...bytes(s));
  }
  return out;
}

async function trackQuanta(M: number, prime: boolean) {
  vi.resetModules();
  const tl = await import('../../src/core/track/track-lattice.js');
  const { LATTICE } = await import('../../src/core/allpole/generated/lattice.js');
  const { kernelIndex } = await import('../../src/core/kernel-dispatch.js');
  const { prepareTrackLattice } = await import('../../src/core/track/prime-track-lattice.js');
  if (prime) prepareTrackLattice(M);
  const rnd = mulberry32(11 + M);
  const frames = 5;
  const x = Float64Array.from({ length: Q }, () => 2 * rnd() - 1);
  const K = Float64Array.from({ length: frames * M }, () => 0.7 * (2 * rnd() - 1));
  const G = Float64Array.from({ length: frames }, () => -rnd());
  const s = new Float64Array(M);
  const out: number[] = [];
  const y = new Float64Array(Q);
  LATTICE[kernelIndex(LATTICE, M)](x, K, s, y, Q, 0);
  out.push(...bytes(y));
  for (let q = 0; q < 3; q++) {
    tl.trackLatticeBlock(x, y, Q, K, q === 1 ? null : G, M, frames, 50, q * Q, s);
    out.push(...bytes(y), ...bytes(s));
  }
  // The processor's unit-gain path: float32 input and output.
  const x32 = Float32Array.from(x);
  const y32 = new Float32Array(Q);
  tl.trackLatticeBlock(x32, y32, Q, K, G, M, frames, 50, 3 * Q, s);
  out.push(...bytes(y32), ...bytes(s));
  return out;
}

describe('worklet kernel priming', () => {
  it('validates the order and the domain', async () => {
    const { prepareFromParams } = await import('../../src/core/allpole/prime-from-params.js');
    const { prepareTrackLattice } = await import('../../src/core/track/prime-track-lattice.js');
    expect(() => prepareFromParams(0, 'direct')).toThrow(RangeError);
    expect(() => prepareFromParams(2.5, 'reflection')).toThrow(/order M/);
    expect(() => prepareFromParams(4, 'lattice' as 'direct')).toThrow(TypeError);
    expect(() => prepareFromParams(4, 'lattice' as 'direct')).toThrow(/domain/);
    expect(() => prepareTrackLattice(-1)).toThrow(RangeError);
  });

  for (const M of [1, 16, MAX_SPECIALISED, MAX_SPECIALISED + 1, 48]) {
    for (const domain of ['reflection', 'direct'] as const) {
      it(`prepareFromParams(${M}, '${domain}') leaves three quanta bit-identical`, async () => {
        expect(await paramsQuanta(M, domain, true)).toEqual(await paramsQuanta(M, domain, false));
      });
    }
    it(`prepareTrackLattice(${M}) leaves the track player bit-identical`, async () => {
      expect(await trackQuanta(M, true)).toEqual(await trackQuanta(M, false));
    });
  }
});
