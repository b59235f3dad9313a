import type { RealArray } from '../api.js';
import { kernelIndex } from '../kernel-dispatch.js';
import { LATTICE } from './generated/lattice.js';

/**
 * All-pole lattice filter in reflection coefficients (synthesis lattice of the step-up
 * convention `a^(m) = [a^(m-1) + k_m·reverse(a^(m-1)), k_m]`, `A(z) = 1 + Σ a_i z^-i`).
 * With constant `K` it equals `allpole(x, stepUp(K), M)` (to rounding).
 *
 * Per sample, with `f = x[t]` and m = M down to 1:
 *   `f ← f - k_m·b_{m-1}[t-1]`,  `b_m[t] = b_{m-1}[t-1] + k_m·f`;  then `y[t] = b_0[t] = f`.
 *
 * State layout (length M, updated in place): `state[j] = b_j[t-1]`, the backward prediction
 * error of stage j at the previous sample; `state[0] = y[t-1]`. All zeros = rest. Because the
 * state lives in the lattice domain, changing K between samples/blocks never resets it and a
 * frozen K with every |k_m| < 1 is stable. A time-varying K stays bounded in practice when it varies slowly (as
 * the interpolated frame tracks of core/track do); this two-multiplier lattice is NOT bounded for
 * arbitrary fast changes (K drawn at random every sample, |k| ≤ 0.8, order 16, can grow without
 * bound), which is why players also bound their output. This is NOT the direct-form `zi` layout.
 *
 * - `K`: length M (constant) or T×M row-major (per sample), T = x.length.
 * - `out`: length T, may alias `x` (Float64Array or Float32Array). Nothing is allocated.
 *   Only O(1) checks are made (M, lengths: RangeError naming the argument); finiteness of K
 *   is the caller's job in this real-time path (see {@link clampReflection}).
 * Orders 1..32 run generated order-specialised kernels (state in locals), higher orders a
 * generic loop; both perform the same operations in the same order (bit-identical).
 */
export function lattice(x: RealArray, K: RealArray, M: number, state: Float64Array, out: RealArray): void {
  const T = x.length;
  if (!Number.isInteger(M) || M < 1)
    throw new RangeError(`lattice: order M must be an integer >= 1 (got ${M})`);
  if (K.length !== M && K.length !== T * M)
    throw new RangeError(`lattice: K.length must be M or T*M (got ${K.length})`);
  if (state.length !== M)
    throw new RangeError(`lattice: state.length must be M = ${M} (got ${state.length})`);
  if (out.length !== T)
    throw new RangeError(`lattice: out.length must be x.length = ${T} (got ${out.length})`);
  const stride = K.length === M && T !== 1 ? 0 : M;
  LATTICE[kernelIndex(LATTICE, M)](x, K, state, out, T, stride);
}
