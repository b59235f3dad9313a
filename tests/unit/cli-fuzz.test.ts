/**
 * Standing fuzz suite of the CLI: seeded random argument vectors over every command, with valid,
 * invalid and hostile values (corrupt WAV/JSON files, special paths, inputs as outputs, existing
 * results), run in-process. Properties checked on every run:
 * - a failure exits non-zero with exactly one stderr line `diffiir: …` (no stack, no internal error);
 * - a vector holding a value known to be invalid fails;
 * - a failure changes no existing file and leaves no new file or staging folder behind;
 * - a success changes nothing but its --out target, and a rendered WAV holds finite samples only.
 * Sized to run in well under 60 s (FUZZ_RUNS = 200 vectors, seed FUZZ_SEED; both overridable by env).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeWav, encodeWav } from '../../src/cli/wav.js';
import { toCoefficientsFile, toReflectionTrackFile } from '../../src/core/coefficients-file.js';
import { mulberry32 } from '../../src/core/random/mulberry32.js';
import { runCli, tempDir } from './cli-test-utils.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const root = tempDir('cli-fuzz');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const rand = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

// ---- fixtures: valid files, corrupt files (known invalid), mutated files (validity unknown) ----
const files = join(root, 'files');
mkdirSync(files);
const put = (name: string, data: string | Uint8Array) => {
  const p = join(files, name);
  writeFileSync(p, data);
  return p;
};
const fs = 8000;
const sig = Float64Array.from(
  { length: 2400 },
  (_, t) => 0.3 * Math.sin(0.05 * t) + 0.1 * Math.sin(1.3 * t + 0.5),
);
const goodWav = encodeWav(sig, fs, '16').bytes;
const valid = {
  wav16: put('a16.wav', goodWav),
  wavF: put('af.wav', encodeWav(sig, fs, '32f').bytes),
  coeffs: put(
    'c.json',
    JSON.stringify(toCoefficientsFile({ sampleRate: fs, order: 2, coefficients: [-1.2, 0.72] })),
  ),
  track: put(
    'k.json',
    JSON.stringify(
      toReflectionTrackFile({
        sampleRate: fs,
        order: 2,
        hop: 600,
        k: [0.5, 0.2, -0.3, 0.1, 0.7, -0.2, 0.1, 0.1, 0, 0.4],
        logGain: [0, -1, 0.5, 0, 0],
      }),
    ),
  ),
  torch: put('t.json', '[[-1.2, 0.72], [-1.1, 0.6], [0.3, 0.1]]'),
};
const f32 = new Float32Array(Float64Array.from(sig));
f32[100] = Number.NaN;
const nanWav = (() => {
  const bytes = encodeWav(sig, fs, '32f').bytes;
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  view.setFloat32(44 + 4 * 100, Number.NaN, true);
  return bytes;
})();
const invalidFiles = [
  put('empty.wav', new Uint8Array(0)),
  put('text.wav', 'this is not RIFF at all\n'),
  put('short.wav', goodWav.subarray(0, 30)),
  put('trunc.wav', goodWav.subarray(0, 44 + 101)),
  put('nan.wav', nanWav),
  put('empty.json', ''),
  put('trunc.json', '{"format":"diffiir-coefficients","version":1,"sampleRate":8000,"coeffi'),
  put(
    'unstable.json',
    JSON.stringify(toCoefficientsFile({ sampleRate: fs, order: 2, coefficients: [-2.2, 1.21] })),
  ),
  put(
    'k1.json',
    JSON.stringify({
      format: 'diffiir-coefficients',
      version: 1,
      domain: 'reflection',
      sampleRate: fs,
      hop: 10,
      k: [[0.5], [1.0]],
    }),
  ),
  put(
    'wrongrate.json',
    JSON.stringify(toCoefficientsFile({ sampleRate: 44100, order: 1, coefficients: [0.5] })),
  ),
  put(
    'nulls.json',
    '{"format":"diffiir-coefficients","version":1,"sampleRate":null,"coefficients":[[null]]}',
  ),
  put('binary.json', goodWav),
];
/** Random byte edits of valid files: some still valid, most not; only the general properties apply. */
const mutated: string[] = [];
for (let i = 0; i < 12; i++) {
  const src = pick([goodWav, readFileSync(valid.coeffs), readFileSync(valid.track)]);
  const b = Uint8Array.from(src);
  const edits = 1 + Math.floor(rand() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * Math.min(b.length, 80));
    b[at] = Math.floor(rand() * 256);
  }
  mutated.push(
    put(
      `mut${i}.${src === goodWav ? 'wav' : 'json'}`,
      rand() < 0.3 ? b.subarray(0, Math.floor(rand() * b.length)) : b,
    ),
  );
}

// existing results and files that must never change on failure
const results = join(root, 'results');
mkdirSync(results);
writeFileSync(join(results, 'coefficients.json'), 'old results');
writeFileSync(join(results, 'loss.csv'), 'step,loss\n1,1\n');
const precious = join(root, 'precious');
mkdirSync(precious);
writeFileSync(join(precious, 'notes.txt'), 'keep me');
const existingOut = put('existing.wav', goodWav);

// ---- argument pools: [value, known invalid?] -----------------------------------------------
type Val = readonly [string, boolean];
let outN = 0;
const freshOut = (ext: string) => join(root, 'outs', `o${outN++}${ext}`);
const outFolder = (): Val =>
  rand() < 0.6
    ? [freshOut(''), false]
    : pick<Val>([
        [freshOut(''), false],
        [results, false], // valid only with --force (no label)
        [precious, true],
        [existingOut, true],
        [join(existingOut, 'sub'), true],
        ['/proc/diffiir-fuzz', true],
        ['/dev/null', true],
        ['', true],
      ]);
const outFile = (ext: string, inputs: string[]): Val =>
  rand() < 0.6
    ? [freshOut(ext), false]
    : pick<Val>([
        [freshOut(ext), false],
        [freshOut(ext), false],
        [existingOut, false], // valid only with --force (no label)
        [files, true],
        [join(existingOut, 'x.wav'), true],
        ['/proc/self/diffiir.wav', true],
        ['/dev/null', true],
        [inputs[0], true],
      ]);
const wavIn = (): Val =>
  rand() < 0.6
    ? [pick([valid.wav16, valid.wavF]), false]
    : pick<Val>([
        [valid.wav16, false],
        [valid.wavF, false],
        [pick(invalidFiles.filter((f) => f.endsWith('.wav'))), true],
        [pick(mutated), false],
        [join(files, 'missing.wav'), true],
        [files, true],
      ]);
const coeffsIn = (): Val =>
  rand() < 0.6
    ? [pick([valid.coeffs, valid.track, valid.torch]), false]
    : pick<Val>([
        [valid.coeffs, false],
        [valid.track, false],
        [valid.torch, false],
        [pick(invalidFiles.filter((f) => f.endsWith('.json'))), true],
        [pick(mutated), false],
        [valid.wav16, true],
      ]);
const int = (lo: number, hi: number, bad: string[] = []): Val =>
  rand() < 0.9
    ? [String(lo + Math.floor(rand() * (hi - lo + 1))), false]
    : [pick([...bad, 'abc', '', '1e9', '-1', '2.5', 'NaN', '1.5e400']), true];

interface Vector {
  argv: string[];
  invalid: boolean;
  out: string | null;
}

function vector(): Vector {
  const cmd = pick(['train', 'render', 'analyze', 'example', 'render', 'analyze', 'frobnicate']);
  const args: [string, Val][] = [];
  let out: Val | null = null;
  if (cmd === 'train') {
    args.push(['--target', wavIn()]);
    if (rand() < 0.5) args.push(['--input', wavIn()]);
    else if (rand() < 0.3)
      args.push([
        '--source',
        pick<Val>([
          ['noise', false],
          ['pulse', false],
          ['square', true],
        ]),
      ]);
    if (rand() < 0.6) args.push(['--order', int(1, 8, ['0', '49'])]);
    if (rand() < 0.3) args.push(['--hop', int(0, 512, ['-5'])]);
    args.push(['--steps', int(1, 2, ['0', '1000001'])]);
    if (rand() < 0.5)
      args.push([
        '--loss',
        pick<Val>([
          ['mse', false],
          ['mrstft', false],
          ['l1', true],
        ]),
      ]);
    if (rand() < 0.3)
      args.push([
        '--lr',
        pick<Val>([
          ['0.01', false],
          ['0', true],
          ['-1', true],
          ['inf', true],
        ]),
      ]);
    out = outFolder();
  } else if (cmd === 'render') {
    const c = coeffsIn();
    const i = wavIn();
    args.push(['--coeffs', c], ['--input', i]);
    if (rand() < 0.2) args.push(['--allow-unstable', ['', false]]);
    if (rand() < 0.2)
      args.push([
        '--rate',
        pick<Val>([
          ['8000', false],
          ['0', true],
          ['fast', true],
        ]),
      ]);
    if (rand() < 0.2)
      args.push([
        '--limit',
        pick<Val>([
          ['10', false],
          ['0', true],
          ['-3', true],
        ]),
      ]);
    out = outFile('.wav', [i[0], c[0]]);
  } else if (cmd === 'analyze') {
    const i = wavIn();
    args.push(['--input', i]);
    if (rand() < 0.7) args.push(['--order', int(1, 32, ['0', '49', '1e9'])]);
    if (rand() < 0.5) args.push(['--hop', int(64, 256, ['0'])]);
    out = outFile('.json', [i[0]]);
  } else if (cmd === 'example') {
    args.push(['--steps', int(1, 2, ['0'])]);
    out = outFolder();
  }
  if (out && rand() < 0.95) args.push(['--out', out]);
  else if (cmd !== 'frobnicate') args.push(['--out-missing', ['', true]]); // unknown option, and --out missing
  if (rand() < 0.35) args.push(['--force', ['', false]]);
  if (rand() < 0.05) args.push([pick(['--bogus', '-x', '--order=']), ['', true]]);
  // shuffle option order (commander accepts any order)
  for (let i = args.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [args[i], args[j]] = [args[j], args[i]];
  }
  const argv = [cmd];
  for (const [flag, [v]] of args) {
    argv.push(flag);
    if (
      flag !== '--force' &&
      flag !== '--allow-unstable' &&
      flag !== '--out-missing' &&
      !flag.startsWith('-x') &&
      flag !== '--bogus'
    )
      argv.push(v);
  }
  return {
    argv,
    invalid: cmd === 'frobnicate' || args.some(([, [, bad]]) => bad),
    out: out && argv.includes('--out') ? out[0] : null,
  };
}

/** Path → content hash of every file under `dir` (hidden ones included). */
function snapshot(dir: string, acc = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) {
      acc.set(`${p}/`, 'dir');
      snapshot(p, acc);
    } else if (dir.includes(`${root}/outs`)) {
      acc.set(p, `size ${st.size}`); // earlier runs' outputs: presence and size (hashing them all is O(runs²))
    } else acc.set(p, createHash('sha1').update(readFileSync(p)).digest('hex'));
  }
  return acc;
}

describe(`CLI fuzz: ${RUNS} seeded argument vectors (seed ${SEED})`, () => {
  it('every run keeps the properties', { timeout: 120_000 }, async () => {
    mkdirSync(join(root, 'outs'));
    const stats = { runs: 0, failures: 0, successes: 0, invalid: 0 };
    const slowest = { ms: 0, argv: '' };
    const t0 = performance.now();
    for (let i = 0; i < RUNS; i++) {
      const v = vector();
      const before = snapshot(root);
      const tRun = performance.now();
      const r = await runCli(v.argv);
      const ms = performance.now() - tRun;
      if (ms > slowest.ms) Object.assign(slowest, { ms, argv: v.argv.join(' ') });
      const after = snapshot(root);
      const label = `run ${i}: diffiir ${v.argv.map((a) => (a.startsWith(root) ? relative(root, a) : a)).join(' ')} -> ${r.code} ${r.err.trim()}`;
      stats.runs++;
      if (v.invalid) stats.invalid++;
      if (r.code !== 0) {
        stats.failures++;
        expect(r.err.trimEnd().split('\n'), label).toHaveLength(1);
        expect(r.err, label).toMatch(/^diffiir: /);
        expect(r.err, label).not.toMatch(/internal error|\n\s+at /);
        expect([...after.entries()], label).toEqual([...before.entries()]);
      } else {
        stats.successes++;
        expect(v.invalid, `${label}: a known-invalid vector succeeded`).toBe(false);
        // nothing changed but the --out target
        for (const [p, h] of before) {
          if (v.out && (p === v.out || p.startsWith(`${v.out}/`))) continue;
          expect(after.get(p), `${label}: ${p} changed`).toBe(h);
        }
        for (const p of after.keys()) {
          if (before.has(p)) continue;
          expect(
            v.out !== null && (p === v.out || p.startsWith(`${v.out}/`) || `${p}` === `${v.out}/`),
            `${label}: new ${p}`,
          ).toBe(true);
        }
        if (v.argv[0] === 'render' && v.out) {
          const y = decodeWav(readFileSync(v.out), v.out).channels[0];
          expect(y.every(Number.isFinite), label).toBe(true);
        }
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `cli fuzz: ${JSON.stringify(stats)} in ${seconds.toFixed(1)} s; slowest run ${slowest.ms.toFixed(0)} ms: ${slowest.argv.replaceAll(root, '')}`,
    );
    expect(stats.successes).toBeGreaterThan(RUNS / 20); // the generator reaches real work too
    expect(stats.failures).toBeGreaterThan(RUNS / 3);
  });
});
