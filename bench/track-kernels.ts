/**
 * Microbenchmark of the frame-track lattice kernels (not a test): `tsx bench/track-kernels.ts`.
 * Runs `trackLatticeBlock` as the AudioWorklet processor does (quanta of 128 samples, float64,
 * state carried over) for orders 2, 8, 16, 32, hops 16 and 256, with and without log-gains, and
 * prints the median ns per sample over repeated 1-second (48,000-sample) runs after warm-up.
 * Noisy on a shared machine: compare rows of the same run.
 */
import { mulberry32 } from '../src/core/random/mulberry32.js';
import { trackLatticeBlock } from '../src/core/track/track-lattice.js';

const T = 48000;
const Q = 128;
const reps = Number(process.env.REPS ?? 15);

function run(M: number, hop: number, withGain: boolean): number {
  const r = mulberry32(M * 1000 + hop);
  const frames = Math.ceil(T / hop) + 1;
  const Kf = Float64Array.from({ length: frames * M }, () => 0.8 * (2 * r() - 1));
  const G = withGain ? Float64Array.from({ length: frames }, () => r() - 0.5) : null;
  const x = Float64Array.from({ length: T }, () => 2 * r() - 1);
  const xq = new Float64Array(Q);
  const yq = new Float64Array(Q);
  const state = new Float64Array(M);
  let sink = 0;
  const once = (): number => {
    state.fill(0);
    const t0 = process.hrtime.bigint();
    for (let s = 0; s < T; s += Q) {
      for (let j = 0; j < Q; j++) xq[j] = x[s + j];
      trackLatticeBlock(xq, yq, Q, Kf, G, M, frames, hop, s, state);
      sink += yq[0];
    }
    return Number(process.hrtime.bigint() - t0) / T;
  };
  for (let i = 0; i < 20; i++) once();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push(once());
  times.sort((a, b) => a - b);
  if (sink === Number.MAX_VALUE) console.log(sink);
  return times[times.length >> 1];
}

console.log('order  hop  gain   ns/sample');
for (const M of [2, 8, 16, 32]) {
  for (const hop of [16, 256]) {
    for (const g of [true, false]) {
      console.log(
        `${String(M).padStart(5)} ${String(hop).padStart(4)}  ${g ? 'yes' : 'no '}  ${run(M, hop, g).toFixed(2).padStart(9)}`,
      );
    }
  }
}
