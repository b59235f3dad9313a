/**
 * Generates the order-specialised all-pole kernels in src/core/allpole/generated/*.ts
 * (committed; `npm run gen` rewrites them, a unit test checks they are up to date).
 *
 * Each kernel keeps the M most recent outputs (forward) or adjoints (backward) in named locals
 * (a shift register the JIT keeps in registers/stack slots), indexes A with constant offsets
 * from one running row base, and sums in the order i = M down to 1 so that the term on the
 * loop-carried critical path (i = 1) comes last and results are bit-identical to the generic
 * kernels. No eval / new Function: plain source generated at build time.
 */
import { down, generatedHeader, range, writeWhenRun } from './gen-lib.js';

/** Highest order with a specialised kernel; larger orders use the generic loops. */
export const MAX_SPECIALISED = 32;

const HEADER = generatedHeader('gen-allpole-kernels.ts');

const mod = (q: number, m: number): number => ((q % m) + m) % m;

/**
 * `arr[(base ± off) | 0]`: the `| 0` tells the JIT the index is int32 (no overflow check per
 * access). Indices are < 2^31 (T·M < 2^31 is assumed).
 */
function at(arr: string, base: string, off: number): string {
  if (off === 0) return `${arr}[${base}]`;
  return off > 0 ? `${arr}[(${base} + ${off}) | 0]` : `${arr}[(${base} - ${-off}) | 0]`;
}

/** Highest order whose forward kernel is unrolled with rotating names (code size ~ m²). */
export const ROTATE_MAX = 24;

/**
 * The same limit for the time-varying forward kernels, whose rotated bodies are larger (an
 * indexed load per term). Measured with bench/specialisation.ts: once optimised, the rotated tv
 * kernels of orders 17–24 are no faster than the plain shift-register form (both ~2.2–2.4× the
 * generic loop), but V8 takes far longer to optimise them — under load they ran 40–200× slower
 * than the generic loop for the first tens of milliseconds. Above 16 the plain form is kept.
 */
export const ROTATE_MAX_TV = 16;

/**
 * Forward kernels. For m <= ROTATE_MAX (ROTATE_MAX_TV when time-varying) the main loop is unrolled by m with ROTATING register
 * names: at step j of a block, y[t-i] lives in `r{(j-i) mod m}` and the new sample overwrites
 * `r{j}` (which held y[t-m], no longer needed), so there are no register moves; after m steps
 * the names line up again. The remaining samples (and every sample for m > ROTATE_MAX) use a
 * plain shift register. Time-varying A is read as `A[b + const]` off one running row base.
 */
function forward(m: number, tv: boolean): string {
  const name = `forward${tv ? 'Tv' : 'Ti'}${m}`;
  const reg = (j: number, i: number): string => `r${mod(j - i, m)}`;
  const coef = (j: number, i: number): string => (tv ? at('A', 'b', j * m + i - 1) : `a${i}`);
  const lines: string[] = [];
  lines.push(
    `export function ${name}(x: RealArray, A: RealArray, y: RealArray, s: Float64Array, T: number, _M: number): void {`,
  );
  if (!tv) for (const i of range(1, m)) lines.push(`  const a${i} = A[${i - 1}];`);
  for (const i of range(1, m)) lines.push(`  let ${reg(0, i)} = s[${i - 1}];`);
  if (tv) lines.push('  let b = 0;');
  lines.push('  let t = 0;');
  if (m <= (tv ? ROTATE_MAX_TV : ROTATE_MAX)) {
    lines.push(`  for (; t + ${m} <= T; t += ${m}) {`);
    for (const j of range(0, m - 1)) {
      const terms = down(m).map((i) => ` - ${coef(j, i)} * ${reg(j, i)}`);
      lines.push(`    const v${j} = ${at('x', 't', j)}${terms.join('')};`);
      lines.push(`    ${at('y', 't', j)} = v${j};`);
      lines.push(`    ${reg(j, 0)} = v${j};`);
    }
    if (tv) lines.push(`    b += ${m * m};`);
    lines.push('  }');
  }
  lines.push('  for (; t < T; t++) {');
  lines.push(
    `    const v = x[t]${down(m)
      .map((i) => ` - ${coef(0, i)} * ${reg(0, i)}`)
      .join('')};`,
  );
  lines.push('    y[t] = v;');
  for (const i of down(m).filter((q) => q > 1)) lines.push(`    ${reg(0, i)} = ${reg(0, i - 1)};`);
  lines.push(`    ${reg(0, 1)} = v;`);
  if (tv) lines.push(`    b += ${m};`);
  lines.push('  }');
  for (const i of range(1, m)) lines.push(`  s[${i - 1}] = ${reg(0, i)};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

const BWD_PARAMS = `g: RealArray,
  y: RealArray,
  A: RealArray,
  zi: Float64Array,
  dx: Float64Array,
  dA: Float64Array,
  dzi: Float64Array,
  T: number,
  _M: number,`;

/**
 * Adjoint kernels in scatter form (see generic-backward.ts): when dx[s] = v is final, row s of
 * A (contiguous) updates the pending sums `u` (= g[s-1] + acc[s-1], next dx) and `q2..qm`
 * (acc[s-2..s-m]); the loop-carried path is one multiply and one subtraction. Time-varying
 * kernels also write the dA row `-v·y[s-1..s-m]` from the y window `w1..wm` (one y load per
 * step). Rows s < m go through the guarded `scatterRows`, which leaves dzi in place.
 */
function backward(m: number, tv: boolean): string {
  const coef = (i: number): string => (tv ? at('A', 'b', i - 1) : `a${i}`);
  const lines: string[] = [];
  lines.push(`export function backward${tv ? 'Tv' : 'Ti'}${m}(\n  ${BWD_PARAMS}\n): void {`);
  lines.push(`  scatterStart(g, dzi, T, ${m});`);
  lines.push('  let s = T - 1;');
  lines.push(`  if (s >= ${m}) {`);
  if (!tv) for (const i of range(1, m)) lines.push(`    const a${i} = A[${i - 1}];`);
  lines.push('    let u = dzi[0];');
  for (const k of range(2, m)) lines.push(`    let q${k} = 0;`);
  if (tv) for (const i of range(1, m - 1)) lines.push(`    let w${i} = ${at('y', 's', -i)};`);
  if (tv) lines.push(`    let b = s * ${m};`);
  lines.push(`    for (; s >= ${m}; s--) {`);
  lines.push('      const v = u;');
  lines.push('      dx[s] = v;');
  if (tv) {
    lines.push('      const n = -v;');
    lines.push(`      const w${m} = ${at('y', 's', -m)};`);
    for (const i of range(1, m)) lines.push(`      ${at('dA', 'b', i - 1)} = n * w${i};`);
  }
  lines.push(`      u = ${at('g', 's', -1)}${m > 1 ? ' + q2' : ''} - ${coef(1)} * v;`);
  for (const k of range(2, m)) lines.push(`      q${k} = ${k < m ? `q${k + 1}` : '0'} - ${coef(k)} * v;`);
  if (tv) {
    for (const i of range(1, m - 1)) lines.push(`      w${i} = w${i + 1};`);
    lines.push(`      b = (b - ${m}) | 0;`);
  }
  lines.push('    }');
  lines.push('    dzi[0] = u;');
  for (const k of range(2, m)) lines.push(`    dzi[${k - 1}] = q${k};`);
  lines.push('  }');
  lines.push(`  scatterRows(g, y, A, zi, dx, dA, dzi, s, ${m}, ${tv ? m : 0}, ${tv});`);
  if (!tv) lines.push(`  correlateDa(y, zi, dx, dA, T, ${m});`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

const backwardTv = (m: number): string => backward(m, true);
const backwardTi = (m: number): string => backward(m, false);

const forwardTv = (m: number): string => forward(m, true);
const forwardTi = (m: number): string => forward(m, false);

/**
 * Order-specialised lattice (reflection coefficients in an array, see src/core/allpole/lattice.ts):
 * the M backward errors live in locals `s0..s{m-1}`; a constant K (stride 0) is hoisted into
 * locals `k1..km`, a per-sample K is read as `K[b + const]`. Same operations in the same order
 * as the generic loop, so results are bit-identical.
 */
function latticeKernel(m: number): string {
  const lines: string[] = [];
  lines.push(
    `export function lattice${m}(x: RealArray, K: RealArray, s: Float64Array, y: RealArray, T: number, stride: number): void {`,
  );
  const inPlace = m >= LATTICE_STATE_IN_PLACE_MIN;
  if (!inPlace) for (const j of range(0, m - 1)) lines.push(`  let s${j} = s[${j}];`);
  lines.push('  if (stride === 0) {');
  for (const i of range(1, m)) lines.push(`    const k${i} = K[${i - 1}];`);
  lines.push('    for (let t = 0; t < T; t++) {');
  latticeSample(lines, m, () => [], '      ', inPlace);
  lines.push('    }');
  lines.push('  } else {');
  lines.push('    for (let t = 0, b = 0; t < T; t++, b = (b + stride) | 0) {');
  latticeSample(lines, m, (i) => [`const k${i} = ${at('K', 'b', i - 1)};`], '      ', inPlace);
  lines.push('    }');
  lines.push('  }');
  if (!inPlace) for (const j of range(0, m - 1)) lines.push(`  s[${j}] = s${j};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * One lattice sample: `read(i)` gives the lines that define `k{i}` (nothing when hoisted),
 * emitted right before stage i uses it (short live ranges: fewer spills than loading every
 * coefficient first). The state lives in the locals `s0..s{m-1}`, or with `inPlace` in the
 * array `s` (read and written in place: one load, into `b{i}`, and one store per stage). The
 * same operations in the same order either way.
 */
function latticeSample(
  lines: string[],
  m: number,
  read: (i: number) => string[],
  indent: string,
  inPlace: boolean,
  input = 'x[t]',
): void {
  const st = (j: number) => (inPlace ? `s[${j}]` : `s${j}`);
  for (const l of read(m)) lines.push(`${indent}${l}`);
  lines.push(`${indent}let f = ${input} - k${m} * ${st(m - 1)};`);
  for (const i of down(m - 1)) {
    for (const l of read(i)) lines.push(`${indent}${l}`);
    const prev = inPlace ? `b${i}` : st(i - 1);
    if (inPlace) lines.push(`${indent}const b${i} = s[${i - 1}];`);
    lines.push(`${indent}f = f - k${i} * ${prev};`);
    lines.push(`${indent}${st(i)} = ${prev} + k${i} * f;`);
  }
  lines.push(`${indent}${st(0)} = f;`);
  lines.push(`${indent}y[t] = f;`);
}

/**
 * Lowest order whose track kernel keeps the lattice state in the state array rather than in
 * locals. With locals, V8 computes every `s_i` update at the end of the sample (it schedules
 * pure values late) and spills each k and f until then; the array stores pin each update right
 * after its stage. Measured in Chromium (order 16, hop 16): 15.3 -> 12.3–13.0 ns/sample, and
 * faster from order 12 up, slower at orders <= 10 (whose locals fit in registers).
 */
const TRACK_STATE_IN_PLACE_MIN = 12;

/**
 * Order-specialised frame-track lattice (src/core/track/track-lattice.ts model, fused): per
 * sample, `k_i = A_i + w·D_i` with `w = off·(1/hop)` and `D_i = B_i − A_i` between the rows A, B
 * of the current frame interval (A and D held in locals, computed once per interval) — the same
 * operations in the same order as interpolating into a scratch row (frame-interpolation.ts)
 * and running `lattice{m}` on it, so bit-identical to it, without the per-sample row stores
 * and loads. The input gain follows
 * src/core/track/frame-gain.ts: exact `exp` at each anchor (every GAIN_ANCHOR samples of an
 * interval), a running product `g·r` in between, so the inner loop has no call (an `exp` call
 * spills every register of the lattice); with a gain table `GT` (frame-gain.ts fillGainTable)
 * the frame-start anchors and the ratios are read from it instead (same numbers, two `exp` calls
 * fewer per interval). The calls' results pass through a unary `+`: when V8 does not inline a
 * rarely taken call (with a table, the anchor call runs only between frame starts), its result
 * is a boxed number, and without the `+` the running gain `g` would be boxed too, allocating a
 * heap number per sample. Without log-gains g = r = 1 (bit-identical to no gain stage). At or
 * beyond the last frame the last row and gain are held.
 */
function latticeTrackKernel(m: number): string {
  const lines: string[] = [];
  lines.push(
    `export function latticeTrack${m}(x: RealArray, y: RealArray, n: number, Kf: ArrayLike<number>, G: ArrayLike<number> | null, frames: number, hop: number, start: number, s: Float64Array, GT: Float64Array | null): void {`,
  );
  const inPlace = m >= TRACK_STATE_IN_PLACE_MIN;
  if (!inPlace) for (const j of range(0, m - 1)) lines.push(`  let s${j} = s[${j}];`);
  lines.push('  const ih = 1 / hop;');
  lines.push('  let fr = Math.floor(start / hop);');
  lines.push('  let off = start - fr * hop;');
  lines.push('  let t = 0;');
  lines.push('  while (t < n && fr < frames - 1) {');
  lines.push(`    const b0 = fr * ${m};`);
  for (const i of range(1, m)) lines.push(`    const a${i} = Kf[b0 + ${i - 1}];`);
  for (const i of range(1, m)) lines.push(`    const d${i} = Kf[b0 + ${m + i - 1}] - a${i};`);
  lines.push('    const g0 = G === null ? 0 : G[fr];');
  lines.push('    const g1 = G === null ? 0 : G[fr + 1];');
  lines.push('    const r = G === null ? 1 : GT !== null ? GT[2 * fr + 1] : +gainRatio(g0, g1, hop);');
  lines.push('    const end = n - t < hop - off ? n : t + hop - off;');
  lines.push('    while (t < end) {');
  lines.push(
    '      let g = G === null ? 1 : GT !== null && off === 0 ? GT[2 * fr] : +anchoredGain(g0, g1, off, hop, r);',
  );
  lines.push('      const left = GAIN_ANCHOR - (off % GAIN_ANCHOR);');
  lines.push('      const stop = end - t < left ? end : t + left;');
  lines.push('      for (; t < stop; t++, off++) {');
  if (!inPlace) {
    lines.push('        if (t + 1 < stop) {');
    trackSample(lines, m, '          ', inPlace);
    lines.push('          t++;');
    lines.push('          off++;');
    lines.push('        }');
  }
  trackSample(lines, m, '        ', inPlace);
  lines.push('      }');
  lines.push('    }');
  lines.push('    if (off === hop) {');
  lines.push('      fr++;');
  lines.push('      off = 0;');
  lines.push('    }');
  lines.push('  }');
  lines.push('  if (t < n) {');
  lines.push(`    const b = (frames - 1) * ${m};`);
  for (const i of range(1, m)) lines.push(`    const k${i} = Kf[b + ${i - 1}];`);
  lines.push('    const g = G === null ? 1 : GT !== null ? GT[2 * (frames - 1)] : Math.exp(G[frames - 1]);');
  lines.push('    for (; t < n; t++) {');
  lines.push('      const xt = g * x[t];');
  latticeSample(lines, m, () => [], '      ', inPlace, 'xt');
  lines.push('    }');
  lines.push('  }');
  if (!inPlace) for (const j of range(0, m - 1)) lines.push(`  s[${j}] = s${j};`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/**
 * One interpolated sample of the track kernel (`w`, the gained input, the lattice, `g *= r`) in
 * a block of its own. The kernels with the state in locals run two per loop iteration (the
 * loop's counters, stack check and typed-array checks are paid once per pair: 3–7% faster in
 * Chromium at orders 8 and 16); with the state in place (order >= TRACK_STATE_IN_PLACE_MIN)
 * pairing measured no faster, so those run one (less code for V8 to compile). The samples'
 * operations are the same either way.
 */
function trackSample(lines: string[], m: number, indent: string, inPlace: boolean): void {
  lines.push(`${indent}const w = off * ih;`);
  lines.push(`${indent}const xt = g * x[t];`);
  latticeSample(lines, m, (i) => [`const k${i} = a${i} + w * d${i};`], indent, inPlace, 'xt');
  lines.push(`${indent}g *= r;`);
}

/**
 * Lowest order whose constant-coefficient lattice (generated/lattice.ts, both strides) keeps
 * its state in the state array (latticeSample in place), for the reason given at
 * TRACK_STATE_IN_PLACE_MIN. Measured in Chromium (process() of the track processor before its
 * first track, which runs lattice{m} on the `coefficients` option; min of 15–21 runs):
 * order 16 13.3 -> 9.1, order 14 10.7 -> 8.3, order 12 9.9 -> 7.8, order 10 9.9-11.2 -> 7.6
 * ns/sample; order 8 no faster (in Node slower), so from 10. In Node (the kernel alone,
 * 4096-sample blocks) order 16 per-sample K 14.9 -> 11.9, constant 11.7 -> 8.7, order 12
 * 10.7 -> 10.0 and 7.9 -> 7.1, order 10 within ±0.4. The kernel alone in a Chromium page on
 * 4096-sample blocks measured orders 12 and 14 about 1 ns/sample slower, order 16 1-1.5 faster.
 */
const LATTICE_STATE_IN_PLACE_MIN = 10;

/**
 * The same for the all-constant and masked paths of latticeParams{m}. Measured in Chromium
 * (process() of the reflection param processor, constant coefficients; min of 15–21 runs):
 * order 16 15.1 -> 11.5 ns/sample, but order 14 no faster (9.9 vs 10.2) and order 12 slower
 * (8.1 vs 9.6), so from 16 only. The column kernels (latticeColumns{m}, automated
 * coefficients) keep their state in locals: in place measured slower at order 16 (17.5 -> 18.8).
 */
const PARAMS_CONST_IN_PLACE_MIN = 16;

/**
 * The Web Audio render quantum. The direct column kernel has a second form,
 * `allpoleColumnsQ{m}`, for T = QUANTUM (every quantum in practice) with the column offsets
 * (i-1)·QUANTUM as literals instead of 15 offset locals at order 16 (fewer integer registers
 * live in the loop). Same operations and values. Measured in Chromium (process() of the direct
 * param processor in a page, order 16, automated coefficients, 9 A/B sessions of 25 runs, load
 * 2.1-2.7): min 14.1-15.1 -> 13.0-14.6 ns/sample, faster in 8 of 9 sessions. The lattice's
 * quantum form was no faster (better in 4 sessions, worse in 3), so it has none.
 */
const QUANTUM = 128;

/**
 * Clamp of a reflection coefficient held in local `k` into [-L, L] (nL = -L). A value beyond
 * the limit becomes `±L + (k - k)`: exactly ±L when k is finite, NaN when k = ±Infinity, so a
 * non-finite coefficient always reaches the output (and the state) as NaN. NaN passes through.
 * One compare of |k| on the common path (cheaper than two in Chrome's V8).
 */
function clampLines(k: string, indent: string): string[] {
  return [`${indent}if (Math.abs(${k}) > L) ${k} = (${k} > 0 ? L : nL) + (${k} - ${k});`];
}

/**
 * Lattice reading the coefficient AudioParam arrays directly: `P[i]` (k_{i+1}) has length 1
 * (constant) or T. All constant: clamped once into locals. Otherwise, with a column scratch `C`
 * (Float32Array, length >= M·T): the arrays are packed into it by `packParamColumns` (native
 * copies/fills, column i at offset i·T) and `latticeColumns{m}` reads them as `C[t + o{i}]`:
 * one typed array instead of M, no per-coefficient mask (a function of its own, so that its
 * loop is register-allocated alone). Without `C`: read as `p{i}[t & m{i}]` with mask -1
 * (per sample) or 0 (constant). Clamped inline; the same values in the same operations on
 * every path.
 */
function latticeParamsKernel(m: number): string {
  const lines: string[] = [];
  lines.push(
    `export function latticeParams${m}(x: RealArray, P: ArrayLike<Float32Array>, s: Float64Array, y: RealArray, T: number, _M: number, L: number, C: Float32Array | null): void {`,
  );
  const ps = range(1, m);
  for (const i of ps) lines.push(`  const p${i} = P[${i - 1}];`);
  const allConst = ps.map((i) => `p${i}.length === 1`).join(' && ');
  lines.push(`  const allConst = ${allConst};`);
  lines.push('  if (C !== null && !allConst) {');
  lines.push(`    packParamColumns(P, ${m}, T, C);`);
  lines.push(`    latticeColumns${m}(x, C, s, y, T, L);`);
  lines.push('    return;');
  lines.push('  }');
  const inPlace = m >= PARAMS_CONST_IN_PLACE_MIN;
  if (!inPlace) for (const j of range(0, m - 1)) lines.push(`  let s${j} = s[${j}];`);
  lines.push('  const nL = -L;');
  lines.push('  if (allConst) {');
  for (const i of ps) {
    lines.push(`    let k${i} = p${i}[0];`);
    lines.push(...clampLines(`k${i}`, '    '));
  }
  lines.push('    for (let t = 0; t < T; t++) {');
  latticeSample(lines, m, () => [], '      ', inPlace);
  lines.push('    }');
  lines.push('  } else {');
  for (const i of ps) lines.push(`    const m${i} = p${i}.length === 1 ? 0 : -1;`);
  lines.push('    for (let t = 0; t < T; t++) {');
  latticeSample(
    lines,
    m,
    (i) => [`let k${i} = p${i}[t & m${i}];`, ...clampLines(`k${i}`, '')],
    '      ',
    inPlace,
  );
  lines.push('    }');
  lines.push('  }');
  if (!inPlace) for (const j of range(0, m - 1)) lines.push(`  s[${j}] = s${j};`);
  lines.push('}');
  lines.push('');
  lines.push(latticeColumnsKernel(m));
  return `${lines.join('\n')}\n`;
}

/**
 * Lattice over the packed columns (state in locals; no quantum form: with the offsets as
 * literals, see QUANTUM, it measured no faster in Chromium, order 16, 9 A/B sessions).
 */
function latticeColumnsKernel(m: number): string {
  const lines: string[] = [];
  lines.push(
    `export function latticeColumns${m}(x: RealArray, C: Float32Array, s: Float64Array, y: RealArray, T: number, L: number): void {`,
  );
  for (const j of range(0, m - 1)) lines.push(`  let s${j} = s[${j}];`);
  lines.push('  const nL = -L;');
  for (const i of range(2, m)) lines.push(`  const o${i} = ${i - 1} * T;`);
  lines.push('  for (let t = 0; t < T; t++) {');
  latticeSample(
    lines,
    m,
    (i) => [`let k${i} = ${columnAt(i, false)};`, ...clampLines(`k${i}`, '')],
    '    ',
    false,
  );
  lines.push('  }');
  for (const j of range(0, m - 1)) lines.push(`  s[${j}] = s${j};`);
  lines.push('}');
  return lines.join('\n');
}

/**
 * Read of coefficient i (1-based) from the column scratch `C` at sample t: column offset o{i}
 * = (i-1)·T, or the literal (i-1)·QUANTUM in the quantum kernels.
 */
function columnAt(i: number, quantum: boolean): string {
  if (i === 1) return 'C[t]';
  return quantum ? `C[t + ${(i - 1) * QUANTUM}]` : `C[(t + o${i}) | 0]`;
}

/**
 * Direct-form all-pole filter reading the coefficient AudioParam arrays directly (`P[i]` is
 * a_{i+1}, length 1 or T); y[t-i] in a shift register `r1..rm`, summed i = M down to 1 like
 * the forward kernels (bit-identical to them). Not all constant: with the column scratch `C`
 * the arrays are packed (`packParamColumns`, as in the lattice) and `allpoleColumns{m}` runs
 * (`allpoleColumnsQ{m}` when T = QUANTUM), else they are read through masks.
 */
function allpoleParamsKernel(m: number): string {
  const lines: string[] = [];
  lines.push(
    `export function allpoleParams${m}(x: RealArray, P: ArrayLike<Float32Array>, s: Float64Array, y: RealArray, T: number, _M: number, C: Float32Array | null): void {`,
  );
  const ps = range(1, m);
  for (const i of ps) lines.push(`  const p${i} = P[${i - 1}];`);
  const allConst = ps.map((i) => `p${i}.length === 1`).join(' && ');
  lines.push(`  const allConst = ${allConst};`);
  lines.push('  if (C !== null && !allConst) {');
  lines.push(`    packParamColumns(P, ${m}, T, C);`);
  lines.push(`    if (T === ${QUANTUM}) allpoleColumnsQ${m}(x, C, s, y);`);
  lines.push(`    else allpoleColumns${m}(x, C, s, y, T);`);
  lines.push('    return;');
  lines.push('  }');
  for (const i of ps) lines.push(`  let r${i} = s[${i - 1}];`);
  const step = (coef: (i: number) => string, indent: string): void => {
    lines.push(
      `${indent}const v = x[t]${down(m)
        .map((i) => ` - ${coef(i)} * r${i}`)
        .join('')};`,
    );
    lines.push(`${indent}y[t] = v;`);
    for (const i of down(m).filter((q) => q > 1)) lines.push(`${indent}r${i} = r${i - 1};`);
    lines.push(`${indent}r1 = v;`);
  };
  lines.push('  if (allConst) {');
  for (const i of ps) lines.push(`    const a${i} = p${i}[0];`);
  lines.push('    for (let t = 0; t < T; t++) {');
  step((i) => `a${i}`, '      ');
  lines.push('    }');
  lines.push('  } else {');
  for (const i of ps) lines.push(`    const m${i} = p${i}.length === 1 ? 0 : -1;`);
  lines.push('    for (let t = 0; t < T; t++) {');
  step((i) => `p${i}[t & m${i}]`, '      ');
  lines.push('    }');
  lines.push('  }');
  for (const i of ps) lines.push(`  s[${i - 1}] = r${i};`);
  lines.push('}');
  lines.push('');
  lines.push(allpoleColumnsKernel(m, false));
  lines.push('');
  lines.push(allpoleColumnsKernel(m, true));
  return `${lines.join('\n')}\n`;
}

/**
 * Direct form over the packed columns (coefficient i at `C[(i-1)·T + t]`), y[t-i] in a plain
 * shift register `r1..rm`. Same sums in the same order as every other direct-form kernel. Not
 * unrolled with rotating names like the forward kernels: measured in Chromium (process() of
 * the direct param processor, automated coefficients, min of 21 runs) the plain loop is
 * faster at every order tried: order 16 15.9 -> 13.8, 12 13.3 -> 12.0, 8 9.4 -> 8.3,
 * 4 6.3 -> 6.0 ns/sample (Node: order 16 about 0.5 ns/sample faster too).
 */
function allpoleColumnsKernel(m: number, quantum: boolean): string {
  const lines: string[] = [];
  const name = quantum ? `allpoleColumnsQ${m}` : `allpoleColumns${m}`;
  lines.push(
    `export function ${name}(x: RealArray, C: Float32Array, s: Float64Array, y: RealArray${quantum ? '' : ', T: number'}): void {`,
  );
  if (!quantum) for (const i of range(2, m)) lines.push(`  const o${i} = ${i - 1} * T;`);
  for (const i of range(1, m)) lines.push(`  let r${i} = s[${i - 1}];`);
  lines.push(`  for (let t = 0; t < ${quantum ? QUANTUM : 'T'}; t++) {`);
  lines.push(
    `    const v = x[t]${down(m)
      .map((i) => ` - ${columnAt(i, quantum)} * r${i}`)
      .join('')};`,
  );
  lines.push('    y[t] = v;');
  for (const i of down(m).filter((q) => q > 1)) lines.push(`    r${i} = r${i - 1};`);
  lines.push('    r1 = v;');
  lines.push('  }');
  for (const i of range(1, m)) lines.push(`  s[${i - 1}] = r${i};`);
  lines.push('}');
  return lines.join('\n');
}

function table(name: string, type: string, prefix: string, generic: string): string {
  const entries = range(1, MAX_SPECIALISED).map((m) => `  ${prefix}${m},`);
  return `/** Kernels by order: index M (1..${MAX_SPECIALISED}); index 0 and orders above use the generic kernel. */
export const ${name}: readonly ${type}[] = [
  ${generic},
${entries.join('\n')}
];
`;
}

/** File name (relative to src/core/allpole/generated) → full generated source text. */
export function generateAllpoleKernels(): Map<string, string> {
  const files = new Map<string, string>();
  const orders = range(1, MAX_SPECIALISED);
  const fwdImports = `import type { RealArray } from '../../api.js';
import { forwardTiGeneric, forwardTvGeneric } from '../generic-forward.js';
import type { ForwardKernel } from '../kernel-types.js';
`;
  files.set(
    'forward-tv.ts',
    `${HEADER}${fwdImports}\n${orders.map(forwardTv).join('\n')}\n${table('FORWARD_TV', 'ForwardKernel', 'forwardTv', 'forwardTvGeneric')}`,
  );
  files.set(
    'forward-ti.ts',
    `${HEADER}${fwdImports}\n${orders.map(forwardTi).join('\n')}\n${table('FORWARD_TI', 'ForwardKernel', 'forwardTi', 'forwardTiGeneric')}`,
  );
  files.set(
    'backward-tv.ts',
    `${HEADER}import type { RealArray } from '../../api.js';
import { backwardTvGeneric, scatterRows, scatterStart } from '../generic-backward.js';
import type { BackwardKernel } from '../kernel-types.js';
\n${orders.map(backwardTv).join('\n')}\n${table('BACKWARD_TV', 'BackwardKernel', 'backwardTv', 'backwardTvGeneric')}`,
  );
  files.set(
    'backward-ti.ts',
    `${HEADER}import type { RealArray } from '../../api.js';
import { backwardTiGeneric, correlateDa, scatterRows, scatterStart } from '../generic-backward.js';
import type { BackwardKernel } from '../kernel-types.js';
\n${orders.map(backwardTi).join('\n')}\n${table('BACKWARD_TI', 'BackwardKernel', 'backwardTi', 'backwardTiGeneric')}`,
  );
  files.set(
    'lattice.ts',
    `${HEADER}import type { RealArray } from '../../api.js';
import { latticeGeneric } from '../generic-lattice.js';
import type { LatticeKernel } from '../kernel-types.js';
\n${orders.map(latticeKernel).join('\n')}\n${table('LATTICE', 'LatticeKernel', 'lattice', 'latticeGeneric')}`,
  );
  files.set(
    'lattice-track.ts',
    `${HEADER}import type { RealArray } from '../../api.js';
import { anchoredGain, GAIN_ANCHOR, gainRatio } from '../../track/frame-gain.js';
import { type LatticeTrackKernel, latticeTrackGeneric } from '../generic-lattice.js';
\n${orders.map(latticeTrackKernel).join('\n')}\n${table('LATTICE_TRACK', 'LatticeTrackKernel', 'latticeTrack', 'latticeTrackGeneric')}`,
  );
  files.set(
    'lattice-params.ts',
    `${HEADER}import type { RealArray } from '../../api.js';
import { latticeParamsGeneric } from '../generic-from-params.js';
import type { LatticeParamsKernel } from '../kernel-types.js';
import { packParamColumns } from '../param-columns.js';
\n${orders.map(latticeParamsKernel).join('\n')}\n${table('LATTICE_PARAMS', 'LatticeParamsKernel', 'latticeParams', 'latticeParamsGeneric')}`,
  );
  files.set(
    'allpole-params.ts',
    `${HEADER}import type { RealArray } from '../../api.js';
import { allpoleParamsGeneric } from '../generic-from-params.js';
import type { AllpoleParamsKernel } from '../kernel-types.js';
import { packParamColumns } from '../param-columns.js';
\n${orders.map(allpoleParamsKernel).join('\n')}\n${table('ALLPOLE_PARAMS', 'AllpoleParamsKernel', 'allpoleParams', 'allpoleParamsGeneric')}`,
  );
  return files;
}

/** Directory the generated files live in. */
export const GENERATED_DIR = new URL('../src/core/allpole/generated/', import.meta.url);

writeWhenRun(import.meta.url, GENERATED_DIR, generateAllpoleKernels);
