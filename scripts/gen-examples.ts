/**
 * Generates the project's shipped examples into examples/ (reproducible, no external audio):
 *   examples/identify-eq/   `diffiir example`: a peaking EQ + low-pass identified from noise
 *   examples/vowel-glide/   a synthetic vowel (pulse train through two gliding formants),
 *                           its LPC analysis (`diffiir analyze`) and a time-varying all-pole fit
 *                           (`diffiir train --hop`), plus the fit rendered on a fresh pulse train
 * Run: npx tsx scripts/gen-examples.ts [outDir=examples]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../src/cli/main.js';
import { encodeWav } from '../src/cli/wav.js';
import { toCoefficientsFile } from '../src/core/coefficients-file.js';
import { cascadeToDirect } from '../src/core/params/cascade.js';
import { sectionFromPole } from '../src/core/params/sos.js';
import { renderCoefficients } from '../src/core/render/render-coefficients.js';
import { makeSource } from '../src/core/signals/sources.js';

const FS = 16000;
const HOP = 256;
const F0 = 120;

/** Two formants gliding linearly from /a/ (700, 1200 Hz) to /i/ (300, 2300 Hz) over `T` samples. */
function vowelTrack(T: number) {
  const frames = Math.ceil(T / HOP) + 1;
  const rows: number[][] = [];
  for (let f = 0; f < frames; f++) {
    const u = Math.min(1, (f * HOP) / T);
    const formants = [700 + (300 - 700) * u, 1200 + (2300 - 1200) * u];
    const sections = formants.map((hz) => Array.from(sectionFromPole(0.97, (2 * Math.PI * hz) / FS)));
    rows.push(Array.from(cascadeToDirect(sections)));
  }
  return toCoefficientsFile({ sampleRate: FS, order: 4, coefficients: rows, hop: HOP });
}

async function cli(argv: string[]): Promise<void> {
  console.log(`$ diffiir ${argv.join(' ')}`);
  const code = await main(argv);
  if (code !== 0) throw new Error(`diffiir ${argv[0]} failed with exit code ${code}`);
}

async function generate(root: string): Promise<void> {
  await cli(['example', '--out', join(root, 'identify-eq')]);

  const dir = join(root, 'vowel-glide');
  mkdirSync(dir, { recursive: true });
  const T = FS;
  const truth = vowelTrack(T);
  const pulses = makeSource('pulse', T, FS, 0, F0);
  const vowel = renderCoefficients(truth, pulses).y;
  let peak = 0;
  for (const v of vowel) peak = Math.max(peak, Math.abs(v));
  const scale = 0.5 / peak;
  const target = vowel.map((v) => v * scale);
  writeFileSync(join(dir, 'vowel.wav'), encodeWav(target, FS, '16').bytes);
  writeFileSync(join(dir, 'true-track.json'), `${JSON.stringify({ ...truth, gain: scale }, null, 2)}\n`);
  await cli([
    'analyze',
    '--input',
    join(dir, 'vowel.wav'),
    '--order',
    '4',
    '--hop',
    String(HOP),
    '--out',
    join(dir, 'lpc.json'),
  ]);
  await cli([
    'train',
    '--target',
    join(dir, 'vowel.wav'),
    '--source',
    'pulse',
    '--f0',
    String(F0),
    '--order',
    '4',
    '--hop',
    String(HOP),
    '--steps',
    '100',
    '--out',
    join(dir, 'fit'),
  ]);
}

generate(process.argv[2] ?? 'examples').catch((e) => {
  console.error(`gen-examples: ${(e as Error).message}`);
  process.exitCode = 1;
});
