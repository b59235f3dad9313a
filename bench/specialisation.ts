/**
 * Does order specialisation pay? Per kernel family and order (2, 4, 8, 16, 24, 32): time of the
 * generated, order-specialised kernel against the generic loop (what orders above 32 run) and
 * against the same generic loop with its inner loop unrolled by 4 (same arithmetic order, so
 * bit-identical; defined here as the "well-written generic" peer). Ratios are generic/specialised
 * medians of interleaved runs in one process. Usage: npx tsx bench/specialisation.ts [ms per cell]
 */
import { backwardKernel, forwardKernel } from '../src/core/allpole/dispatch.js';
import { ALLPOLE_PARAMS } from '../src/core/allpole/generated/allpole-params.js';
import { BACKWARD_TI } from '../src/core/allpole/generated/backward-ti.js';
import { BACKWARD_TV } from '../src/core/allpole/generated/backward-tv.js';
import { FORWARD_TI } from '../src/core/allpole/generated/forward-ti.js';
import { FORWARD_TV } from '../src/core/allpole/generated/forward-tv.js';
import { backwardTiGeneric, backwardTvGeneric } from '../src/core/allpole/generic-backward.js';
import { forwardTiGeneric, forwardTvGeneric } from '../src/core/allpole/generic-forward.js';
import { allpoleParamsGeneric } from '../src/core/allpole/generic-from-params.js';
import type { RealArray } from '../src/core/api.js';
import { TDF2_KERNELS } from '../src/core/lti/generated/tdf2-kernels.js';
import { VJP_KERNELS } from '../src/core/lti/generated/vjp-kernels.js';
import { tdf2Generic, tdf2Kernel } from '../src/core/lti/lfilter-kernels.js';
import { vjpGeneric, vjpKernel } from '../src/core/lti/lfilter-vjp-kernels.js';

const ORDERS = process.env.ORDERS ? process.env.ORDERS.split(',').map(Number) : [2, 4, 8, 16, 24, 32];
const T = 4096;
const budget = Number(process.argv[2] ?? 150);

let ring = new Float64Array(128);
/** The generic forward loop with its inner loop unrolled by 4 (same summation order). */
function forwardUnrolled4(
  x: RealArray,
  A: RealArray,
  y: RealArray,
  s: Float64Array,
  T: number,
  M: number,
  stride: number,
) {
  if (ring.length < 2 * M) ring = new Float64Array(2 * M);
  const h = ring;
  for (let i = 1; i <= M; i++) {
    h[M - i] = s[i - 1];
    h[2 * M - i] = s[i - 1];
  }
  const r = M & 3;
  let p = 0;
  let b = 0;
  for (let t = 0; t < T; t++) {
    let acc = x[t];
    const w = p + M;
    let i = M;
    for (; i > r; i -= 4) {
      acc -= A[b + i - 1] * h[w - i];
      acc -= A[b + i - 2] * h[w - i + 1];
      acc -= A[b + i - 3] * h[w - i + 2];
      acc -= A[b + i - 4] * h[w - i + 3];
    }
    for (; i >= 1; i--) acc -= A[b + i - 1] * h[w - i];
    y[t] = acc;
    h[p] = acc;
    h[w] = acc;
    b += stride;
    p++;
    if (p === M) p = 0;
  }
  for (let i = 0; i < M; i++) s[i] = h[p + M - 1 - i];
}

function median(a: number[]): number {
  const s = [...a].sort((p, q) => p - q);
  return s[s.length >> 1];
}

/** Interleaved timing of several variants; returns the median ms per call of each. */
function race(variants: (() => void)[]): number[] {
  for (const v of variants) for (let i = 0; i < 20; i++) v();
  const times: number[][] = variants.map(() => []);
  const end = performance.now() + budget;
  while (performance.now() < end || times[0].length < 7) {
    variants.forEach((v, j) => {
      const t0 = performance.now();
      v();
      times[j].push(performance.now() - t0);
    });
  }
  return times.map(median);
}

const x = Float64Array.from({ length: T }, (_, i) => Math.sin(i * 0.37) * 0.1);
const y = new Float64Array(T);
const g = Float64Array.from({ length: T }, (_, i) => Math.cos(i * 0.11));
const rows: string[] = [];
const fmt = (v: number) => v.toFixed(2);

for (const M of ORDERS) {
  const k = new Float64Array(M).map((_, i) => (i % 2 ? -0.3 : 0.3) / (i + 1));
  const Ati = Float64Array.from(k);
  const Atv = new Float64Array(T * M);
  for (let t = 0; t < T; t++) Atv.set(Ati, t * M);
  const s = new Float64Array(M);
  const dx = new Float64Array(T);
  const dA = new Float64Array(T * M);
  const dzi = new Float64Array(M);
  // Per-sample coefficient params (the worklet's a-rate case), Float32 like AudioParams.
  const P = Array.from({ length: M }, (_, i) => new Float32Array(T).fill(k[i]));
  // Prime every kernel as the library does before use (see dispatch.ts), generic paths too.
  for (const ti of [false, true]) {
    forwardKernel(M, ti);
    backwardKernel(M, ti);
  }
  for (const [family, spec, gen, unr] of [
    [
      'forward ti',
      () => FORWARD_TI[M](x, Ati, y, s.fill(0), T, M),
      () => forwardTiGeneric(x, Ati, y, s.fill(0), T, M),
      () => forwardUnrolled4(x, Ati, y, s.fill(0), T, M, 0),
    ],
    [
      'forward tv',
      () => FORWARD_TV[M](x, Atv, y, s.fill(0), T, M),
      () => forwardTvGeneric(x, Atv, y, s.fill(0), T, M),
      () => forwardUnrolled4(x, Atv, y, s.fill(0), T, M, M),
    ],
    [
      'backward ti',
      () => BACKWARD_TI[M](g, y, Ati, s, dx, dA, dzi, T, M),
      () => backwardTiGeneric(g, y, Ati, s, dx, dA, dzi, T, M),
      null,
    ],
    [
      'backward tv',
      () => BACKWARD_TV[M](g, y, Atv, s, dx, dA, dzi, T, M),
      () => backwardTvGeneric(g, y, Atv, s, dx, dA, dzi, T, M),
      null,
    ],
    [
      'allpole-params',
      () => ALLPOLE_PARAMS[M](x, P, s.fill(0), y, T, M, null),
      () => allpoleParamsGeneric(x, P, s.fill(0), y, T, M),
      null,
    ],
  ] as const) {
    const variants = [spec, gen, ...(unr ? [unr] : [])] as (() => void)[];
    const [ts, tg, tu] = race(variants);
    rows.push(
      `| ${family} | ${M} | ${fmt(tg / ts)}× | ${tu === undefined ? '—' : `${fmt(tu / ts)}×`} | ${(ts * 1e3).toFixed(0)} | ${(tg * 1e3).toFixed(0)} |`,
    );
  }
}
// lfilter(b, a) with n = order + 1 coefficients: transposed DF-II forward and its VJP, where a
// specialised kernel exists (sizes below the generated tables' lengths).
for (const M of ORDERS) {
  const n = M + 1;
  if (n >= TDF2_KERNELS.length || n >= VJP_KERNELS.length) {
    rows.push(`| lfilter tdf2, vjp | ${M} | not specialised (n = ${n}) | — | — | — |`);
    continue;
  }
  const c = new Float64Array(2 * n);
  c[0] = 1;
  for (let i = 1; i < n; i++) c[i] = 0.1 / i;
  c[n] = 1;
  for (let i = 1; i < n; i++) c[n + i] = (i % 2 ? -0.3 : 0.3) / (i + 1);
  const z = new Float64Array(n);
  const dx = new Float64Array(T);
  const acc = new Float64Array(2 * n);
  const v = new Float64Array(T + n);
  const tdf2 = tdf2Kernel(n)!;
  const vjp = vjpKernel(n)!;
  tdf2Kernel(TDF2_KERNELS.length); // primes the generic loops
  vjpKernel(VJP_KERNELS.length);
  const [ts, tg] = race([() => tdf2(c, x, y, z.fill(0)), () => tdf2Generic(c, n, x, y, z.fill(0))]);
  rows.push(
    `| lfilter tdf2 | ${M} | ${fmt(tg / ts)}× | — | ${(ts * 1e3).toFixed(0)} | ${(tg * 1e3).toFixed(0)} |`,
  );
  const [vs, vg] = race([
    () => vjp(c, g, x, y, dx, acc.fill(0)),
    () => vjpGeneric(c, n, g, x, y, dx, acc.fill(0), v),
  ]);
  rows.push(
    `| lfilter vjp | ${M} | ${fmt(vg / vs)}× | — | ${(vs * 1e3).toFixed(0)} | ${(vg * 1e3).toFixed(0)} |`,
  );
}
console.log(`T=${T}, ${budget} ms per cell; ratio = time of the peer / time of the specialised kernel`);
console.log(
  '| family | order | generic / specialised | generic unrolled×4 / specialised | specialised µs | generic µs |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
