/**
 * Source guard of the real-time path: process() of the all-pole processor and every kernel it
 * calls contain no `new`, no array/object literals, no closures, no for…in and no allocating
 * built-ins (outside `throw` lines, which only run on caller bugs). Complements the heap test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

/** Removes comments, and `throw …;` statements (error paths). */
function strip(src: string): string {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/throw\s+new\s+\w+\(([^;]|;(?!\s*$))*?\);/gm, 'throw 0;');
}

/** Body (between the matching braces) of the function or method `name` declared in `src`. */
function body(src: string, name: string): string {
  const decl = new RegExp(
    `(?:function\\s+${name}\\s*\\(|^\\s*(?:private\\s+|public\\s+)?${name}\\s*\\()`,
    'm',
  );
  const m = decl.exec(src);
  if (!m) throw new Error(`guard: ${name} not found`);
  // Skip the parameter list (balanced parentheses), then the return type, to the body's brace.
  let i = src.indexOf('(', m.index);
  for (let depth = 0; i < src.length; i++) {
    if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) break;
  }
  const open = src.indexOf('{', i);
  let depth = 0;
  for (let j = open; j < src.length; j++) {
    if (src[j] === '{') depth++;
    else if (src[j] === '}' && --depth === 0) return src.slice(open + 1, j);
  }
  throw new Error(`guard: unbalanced braces in ${name}`);
}

const FORBIDDEN: [string, RegExp][] = [
  ['new', /\bnew\s+[A-Za-z_$]/],
  ['array literal', /(?:^|[=(,:?&|!]|\breturn)\s*\[/m],
  ['object literal', /(?:^|[=(,:?&|!]|\breturn)\s*\{/m],
  ['closure (=>)', /=>/],
  ['function expression', /\bfunction\b/],
  ['for…in', /\bfor\s*\((?:const|let|var)?\s*[\w$]+\s+in\b/],
  ['template literal', /`/],
  ['spread', /\.\.\./],
  ['allocating built-in', /\.(?:map|filter|slice|subarray|concat|bind|split|join|from|of|apply|call)\s*\(/],
  ['string concatenation', /['"]\s*\+|\+\s*['"]/],
];

function offences(code: string): string[] {
  const found: string[] = [];
  for (const [what, re] of FORBIDDEN) {
    const m = re.exec(code);
    if (m)
      found.push(`${what}: …${code.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, ' ')}…`);
  }
  return found;
}

const processor = strip(read('src/worklet/allpole-processor.ts'));
const quantum = strip(read('src/worklet/quantum.ts'));
const growth = strip(read('src/worklet/growth.ts'));
const track = strip(read('src/core/track/track-lattice.ts'));
const interp = strip(read('src/core/track/frame-interpolation.ts'));

/** [label, code] of everything process() runs on its normal path. */
const realTime: [string, string][] = [
  ['AllPoleProcessor.process', body(processor, 'process')],
  ['AllPoleProcessor.fault', body(processor, 'fault')],
  ['AllPoleProcessor.report', body(processor, 'report')],
  ['AllPoleProcessor.processTrack', body(processor, 'processTrack')],
  ['AllPoleProcessor.segment', body(processor, 'segment')],
  ['AllPoleProcessor.run', body(processor, 'run')],
  ...['allFinite', 'boundAndFlush', 'gainInput', 'toFloat32', 'flushState', 'silence'].map(
    (f): [string, string] => [`quantum.${f}`, body(quantum, f)],
  ),
  ...['growthQuantum', 'growthStep', 'resetGrowth'].map((f): [string, string] => [
    `growth.${f}`,
    body(growth, f),
  ]),
  ['trackLatticeBlock', body(track, 'trackLatticeBlock')],
  ...['interpolateFrameRow', 'interpolateFrameValue'].map((f): [string, string] => [
    `frameInterpolation.${f}`,
    body(interp, f),
  ]),
  ...['latticeFromParams', 'allpoleFromParams', 'check', 'resultCode', 'paramsFinite'].map(
    (f): [string, string] => [`fromParams.${f}`, body(strip(read('src/core/allpole/from-params.ts')), f)],
  ),
  ['packParamColumns', body(strip(read('src/core/allpole/param-columns.ts')), 'packParamColumns')],
  ...['latticeParamsGeneric', 'allpoleParamsGeneric'].map((f): [string, string] => [
    f,
    body(strip(read('src/core/allpole/generic-from-params.ts')), f),
  ]),
  ['lattice', body(strip(read('src/core/allpole/lattice.ts')), 'lattice')],
  ['latticeGeneric', body(strip(read('src/core/allpole/generic-lattice.ts')), 'latticeGeneric')],
  ['latticeTrackGeneric', body(strip(read('src/core/allpole/generic-lattice.ts')), 'latticeTrackGeneric')],
  ['trackStep', body(strip(read('src/core/allpole/generic-lattice.ts')), 'trackStep')],
  ...['gainRatio', 'anchoredGain'].map((f): [string, string] => [
    `frameGain.${f}`,
    body(strip(read('src/core/track/frame-gain.ts')), f),
  ]),
];
// Generated order-specialised kernels (M <= 32): every function body of each file.
for (const file of ['lattice-params', 'allpole-params', 'lattice', 'lattice-track']) {
  const src = strip(read(`src/core/allpole/generated/${file}.ts`));
  for (const m of src.matchAll(/export function (\w+)\(/g))
    realTime.push([`${file}.${m[1]}`, body(src, m[1])]);
}

describe('real-time source guard', () => {
  it('covers the generated kernels', () => {
    for (const file of ['lattice-params', 'allpole-params', 'lattice', 'lattice-track'])
      expect(realTime.filter(([l]) => l.startsWith(`${file}.`)).length).toBeGreaterThanOrEqual(32);
  });

  for (const [label, code] of realTime) {
    it(`${label}: no allocation constructs`, () => {
      expect(code.length).toBeGreaterThan(10);
      expect(offences(code)).toEqual([]);
    });
  }

  it('the guard itself catches each construct (control)', () => {
    const samples = [
      'const a = new Float32Array(4);',
      'x = [1, 2];',
      'f({ a: 1 });',
      'arr.forEach((v) => v);',
      'for (const k in obj) {}',
      'const s = `a\u0024{b}`;',
      'g(...xs);',
      'const y = x.slice(0, 4);',
      "const n = 'k' + i;",
    ];
    for (const s of samples) expect(offences(s).length, s).toBeGreaterThan(0);
    expect(offences('for (let t = 0; t < T; t++) y[t] = x[t] * g[t];')).toEqual([]);
  });

  it('the worklet entry exports nothing', () => {
    expect(processor).not.toMatch(/^\s*export\b/m);
  });
});
