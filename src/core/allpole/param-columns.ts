/**
 * Column packing of AudioParam arrays for the params kernels (generated/lattice-params.ts,
 * generated/allpole-params.ts): coefficient i (0-based) of a T-sample quantum goes to
 * `C[i·T + t]`, t < T. A per-sample array (length T) is copied (`set`: a native copy), a
 * constant one (length 1) broadcast (`fill`), so the kernel reads one Float32Array at fixed
 * column offsets instead of M arrays through length masks: the same float32 values, far fewer
 * instructions per coefficient (bench/param-mode.ts). Real-time code: allocates nothing.
 */

/**
 * Packs `P[0..M-1]` (each of length 1 or T, unchecked) into the columns of `C`
 * (Float32Array, length >= M·T, column-major: `C[i·T + t]` = value of coefficient i at t).
 */
export function packParamColumns(P: ArrayLike<Float32Array>, M: number, T: number, C: Float32Array): void {
  for (let i = 0, o = 0; i < M; i++, o += T) {
    const p = P[i];
    if (p.length === 1) C.fill(p[0], o, o + T);
    else C.set(p, o);
  }
}
