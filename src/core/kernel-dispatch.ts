/**
 * The one dispatch and priming rule of every order-specialised kernel family (all-pole forward
 * and backward, lattice, the AudioParam kernels, the reflection-track lattice, lfilter's TDF-II
 * and its VJP).
 *
 * Selection ({@link kernelIndex}): a family's table is indexed by order (or filter size) n;
 * entry n is the generated kernel specialised for n, and index 0 stands for the generic loop
 * (the table holds it there, or null when the generic loop has another signature). Order n
 * selects entry n when 0 < n < table.length and that entry is not null, else entry 0.
 *
 * Priming ({@link primeKernel}): the first time an entry is selected through a
 * {@link KernelFamily}, it is run {@link PRIME_CALLS} times on short inputs held in module
 * buffers (the family's `run`). Without it, the first real call runs one long loop, V8
 * compiles it on-stack before the code after the loop has ever run, and that code then
 * deoptimises on every call ("insufficient type feedback"), making the kernel up to 2x slower
 * for good; the same holds for a branch never taken before optimisation, so each family's `run`
 * covers every branch of the code it primes. Priming writes only the module buffers of the
 * family: results of real calls are bit-identical with or without it. Allocates nothing.
 */

/** V8 allocates a function's feedback vector only after ~8 calls: prime past that. */
export const PRIME_CALLS = 12;

/** Index of the kernel that order (or size) `n` runs in `table` (module doc); 0 = generic. */
export function kernelIndex(table: readonly unknown[], n: number): number {
  return n > 0 && n < table.length && table[n] !== null ? n : 0;
}

/** A kernel table with its priming routine (see {@link kernelFamily}). */
export interface KernelFamily<E> {
  /** Kernels by order; entry 0 = the generic loop (or null when it has another signature). */
  readonly table: readonly E[];
  /**
   * Runs entry `i` of the table once (i = 0: the generic loop, over all its code paths) on the
   * family's module buffers; `round` counts 0..PRIME_CALLS-1. Allocates nothing (a family
   * primed lazily on selection may be primed inside a real-time call).
   */
  readonly run: (i: number, round: number) => void;
  /** primed[i] = 1 once entry i is primed. */
  readonly primed: Uint8Array;
}

/** A {@link KernelFamily} over `table` primed by `run` (nothing primed yet). */
export function kernelFamily<E>(
  table: readonly E[],
  run: (i: number, round: number) => void,
): KernelFamily<E> {
  return { table, run, primed: new Uint8Array(table.length) };
}

/**
 * Primes the kernel that order `n` selects in `family`, once (later calls return at once).
 * Call it where a one-off delay is harmless (e.g. an AudioWorkletProcessor constructor).
 */
export function primeKernel<E>(family: KernelFamily<E>, n: number): void {
  const i = kernelIndex(family.table, n);
  if (family.primed[i] !== 0) return;
  family.primed[i] = 1;
  for (let r = 0; r < PRIME_CALLS; r++) family.run(i, r);
}

/**
 * The kernel that order `n` selects in `family` (null: the family's generic loop, which has
 * its own signature), primed on its first selection. Allocates nothing.
 */
export function selectKernel<E>(family: KernelFamily<E>, n: number): E {
  primeKernel(family, n);
  return family.table[kernelIndex(family.table, n)];
}
