/**
 * Generates the size-specialised `lfilter` kernels in src/core/lti/generated/*.ts (committed;
 * `npm run gen` rewrites them, tests/unit/lfilter-gen.test.ts checks they are up to date).
 *
 * - tdf2-kernels.ts: straight-line transposed-DF-II forward kernels `tdf2n{n}` (contract and
 *   latency trick in src/core/lti/lfilter-kernels.ts).
 * - vjp-kernels.ts: fused reverse-time adjoint kernels `vjpN{n}`, two time steps per iteration
 *   (contract in src/core/lti/lfilter-vjp-kernels.ts).
 *
 * One kernel per filter size n = max(len a, len b) from 2 to MAX_N, coefficients, state and
 * accumulators in named locals. Long sums are grouped as a balanced tree of left-to-right runs of
 * at most three terms (see `tree`), which shortens the dependency chains; the grouping is part of
 * the results (bit for bit), so change it only deliberately. No eval / new Function: plain
 * source generated at build time.
 */
import { generatedHeader, range, writeWhenRun } from './gen-lib.js';

/** Largest filter size n with a specialised kernel (n - 1 = 8 states); larger n use the generic loops. */
export const MAX_N = 9;

const HEADER = generatedHeader('gen-lfilter-kernels.ts');

const states = (ns: number): string => (ns === 1 ? '1 state' : `${ns} states`);

/**
 * `t0 + t1 + …` as a balanced tree: up to three terms are summed left to right, longer lists
 * split into a first half (rounded up) and a parenthesised second half, recursively.
 */
function tree(terms: string[]): string {
  if (terms.length <= 3) return terms.join(' + ');
  const h = Math.ceil(terms.length / 2);
  return `${tree(terms.slice(0, h))} + (${tree(terms.slice(h))})`;
}

/** Forward kernel for size n: `w = z0 + a1·y_prev` carried instead of z0 (one mul + one sub per step). */
function forward(n: number): string {
  const ns = n - 1;
  const lines: string[] = [];
  lines.push(`/** ${states(ns)} (n = ${n}). */`);
  lines.push(
    `export function tdf2n${n}(c: Float64Array, x: RealArray, y: Float64Array, z: Float64Array): void {`,
  );
  for (const k of range(0, ns)) lines.push(`  const b${k} = c[${k}];`);
  for (const k of range(1, ns)) lines.push(`  const a${k} = c[${n + k}];`);
  lines.push('  let w = z[0];');
  for (const i of range(1, ns - 1)) lines.push(`  let z${i} = z[${i}];`);
  lines.push('  let yp = 0;');
  lines.push('  const T = x.length;');
  lines.push('  for (let t = 0; t < T; t++) {');
  lines.push('    const xt = x[t];');
  lines.push('    const yt = b0 * xt + w - a1 * yp;');
  lines.push(`    w = b1 * xt${ns > 1 ? ' + z1' : ''};`);
  for (const i of range(1, ns - 2)) lines.push(`    z${i} = b${i + 1} * xt + z${i + 1} - a${i + 1} * yt;`);
  if (ns > 1) lines.push(`    z${ns - 1} = b${ns} * xt - a${ns} * yt;`);
  lines.push('    y[t] = yt;');
  lines.push('    yp = yt;');
  lines.push('  }');
  lines.push('  z[0] = w - a1 * yp;');
  for (const i of range(1, ns - 1)) lines.push(`  z[${i}] = z${i};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

const VJP_PARAMS = `c: Float64Array,
  g: RealArray,
  x: RealArray,
  y: RealArray,
  dx: Float64Array,
  acc: Float64Array,`;

/**
 * Adjoint kernel for size n. Per iteration samples A = t and B = t - 1: v[t+k] is `v{k}` (k ≥ 1)
 * for A, and for B v[t-1+k] is `vA` (k = 1) or `v{k-1}`. The a1 term is subtracted last (the
 * loop-carried path); `p{k}`/`q{k}` accumulate x·v and y·v at lag k, one addition per two samples.
 */
function vjp(n: number): string {
  const ns = n - 1;
  const vAt = (k: number): string => (k === 0 ? 'vA' : `v${k}`);
  const vBt = (k: number): string => (k === 0 ? 'vB' : k === 1 ? 'vA' : `v${k - 1}`);
  const recursion = (g: string, v: (k: number) => string): string => {
    const rest = range(2, ns).map((k) => `a${k} * ${v(k)}`);
    const mid = rest.length === 0 ? '' : rest.length === 1 ? ` - ${rest[0]}` : ` - (${tree(rest)})`;
    return `${g}${mid} - a1 * ${v(1)}`;
  };
  const fir = (v: (k: number) => string): string => tree(range(0, ns).map((k) => `b${k} * ${v(k)}`));
  const lines: string[] = [];
  lines.push(`/** ${states(ns)} (n = ${n}). */`);
  lines.push(`export function vjpN${n}(\n  ${VJP_PARAMS}\n): void {`);
  for (const k of range(0, ns)) lines.push(`  const b${k} = c[${k}];`);
  for (const k of range(1, ns)) lines.push(`  const a${k} = c[${n + k}];`);
  for (const k of range(1, ns)) lines.push(`  let v${k} = 0;`);
  for (const k of range(0, ns)) lines.push(`  let p${k} = 0;`);
  for (const k of range(0, ns)) lines.push(`  let q${k} = 0;`);
  lines.push('  let t = g.length - 1;');
  lines.push('  if ((g.length & 1) === 1) {');
  lines.push('    const v0 = g[t];');
  lines.push('    dx[t] = b0 * v0;');
  lines.push('    p0 = x[t] * v0;');
  lines.push('    q0 = y[t] * v0;');
  lines.push('    v1 = v0;');
  lines.push('    t--;');
  lines.push('  }');
  lines.push('  for (; t > 0; t -= 2) {');
  lines.push(`    const vA = ${recursion('g[t]', vAt)};`);
  lines.push(`    const vB = ${recursion('g[t - 1]', vBt)};`);
  lines.push(`    dx[t] = ${fir(vAt)};`);
  lines.push(`    dx[t - 1] = ${fir(vBt)};`);
  lines.push('    const xA = x[t];');
  lines.push('    const xB = x[t - 1];');
  lines.push('    const yA = y[t];');
  lines.push('    const yB = y[t - 1];');
  for (const k of range(0, ns)) lines.push(`    p${k} += xA * ${vAt(k)} + xB * ${vBt(k)};`);
  for (const k of range(0, ns)) lines.push(`    q${k} += yA * ${vAt(k)} + yB * ${vBt(k)};`);
  for (const k of range(3, ns).reverse()) lines.push(`    v${k} = v${k - 2};`);
  if (ns > 1) lines.push('    v2 = vA;');
  lines.push('    v1 = vB;');
  lines.push('  }');
  for (const k of range(0, ns)) lines.push(`  acc[${k}] = p${k};`);
  for (const k of range(0, ns)) lines.push(`  acc[${n + k}] = q${k};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function table(name: string, type: string, prefix: string): string {
  const entries = range(2, MAX_N).map((n) => `  ${prefix}${n},`);
  return `/** Kernels by filter size n (2..${MAX_N}); sizes 0 and 1 (null) and larger sizes use the generic loop. */
export const ${name}: readonly (${type} | null)[] = [
  null,
  null,
${entries.join('\n')}
];
`;
}

/** File name (relative to src/core/lti/generated) → full generated source text. */
export function generateLfilterKernels(): Map<string, string> {
  const files = new Map<string, string>();
  const sizes = range(2, MAX_N);
  files.set(
    'tdf2-kernels.ts',
    `${HEADER}import type { RealArray } from '../../api.js';
import type { Tdf2Kernel } from '../lfilter-kernels.js';
\n${sizes.map(forward).join('\n')}\n${table('TDF2_KERNELS', 'Tdf2Kernel', 'tdf2n')}`,
  );
  files.set(
    'vjp-kernels.ts',
    `${HEADER}import type { RealArray } from '../../api.js';
import type { VjpKernel } from '../lfilter-vjp-kernels.js';
\n${sizes.map(vjp).join('\n')}\n${table('VJP_KERNELS', 'VjpKernel', 'vjpN')}`,
  );
  return files;
}

/** Directory the generated files live in. */
export const GENERATED_DIR = new URL('../src/core/lti/generated/', import.meta.url);

writeWhenRun(import.meta.url, GENERATED_DIR, generateLfilterKernels);
