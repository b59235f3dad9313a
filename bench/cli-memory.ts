/**
 * Peak resident memory of whole `diffiir train` CLI runs (decode, start, training, render,
 * report, file writes) on a generated long WAV pair (bench/wav-pair.ts, in the OS temp folder,
 * deleted after). Each run is a fresh `node --import tsx src/cli/main.ts train …` process; its
 * peak is process.resourceUsage().maxRSS at exit (bench/maxrss-preload.ts).
 * Run: tsx bench/cli-memory.ts [seconds=600] [steps=20] [kinds=allpole,polezero,tv,source] [format=16|32f]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWavPair } from './wav-pair.js';

/** The model kinds measured, as CLI options (`--source`: a generated noise input, so no Steiglitz–McBride start). */
export const CLI_KINDS: Record<string, string[]> = {
  allpole: ['--order', '16'],
  // With the pair: the Steiglitz–McBride start, then L-BFGS on the fixed fitting set.
  polezero: ['--order', '8', '--zeros', '8'],
  // A generated source (flat start).
  pzsource: ['--order', '8', '--zeros', '8', '--source', 'noise'],
  // The largest Levenberg–Marquardt Jacobian: order 48 pole-zero (121 parameters), MSE loss.
  polezero48lm: ['--order', '48', '--zeros', '48', '--loss', 'mse'],
  tv: ['--order', '16', '--hop', '256'],
  source: ['--order', '16', '--source', 'noise'],
};

export interface CliMemoryRow {
  kind: string;
  seconds: number;
  peakRssMB: number;
  wallS: number;
  code: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs `diffiir train` once per kind on a fresh `seconds`-long pair; returns the peaks. */
export function measureCli(
  seconds: number,
  steps: number,
  kinds: string[],
  format: '16' | '32f' = '16',
): CliMemoryRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'diffiir-cli-memory-'));
  try {
    const input = join(dir, 'input.wav');
    const target = join(dir, 'target.wav');
    writeWavPair(input, target, seconds, 48000, 7, format);
    return kinds.map((kind) => {
      const rssFile = join(dir, `${kind}.rss.json`);
      const signals = CLI_KINDS[kind].includes('--source') ? [] : ['--input', input];
      const t0 = performance.now();
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '--import',
          join(root, 'bench/maxrss-preload.ts'),
          join(root, 'src/cli/main.ts'),
          'train',
          '--target',
          target,
          ...signals,
          ...CLI_KINDS[kind],
          '--steps',
          String(steps),
          '--out',
          join(dir, `out-${kind}`),
        ],
        { cwd: root, encoding: 'utf8', env: { ...process.env, DIFFIIR_MAXRSS_FILE: rssFile } },
      );
      const wallS = (performance.now() - t0) / 1000;
      if (r.status !== 0) process.stderr.write(`${kind}: exit ${r.status}\n${r.stderr}\n`);
      const peak = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssMB: number };
      return { kind, seconds, peakRssMB: peak.maxRssMB, wallS, code: r.status ?? -1 };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const seconds = Number(process.argv[2] ?? 600);
  const steps = Number(process.argv[3] ?? 20);
  const kinds = (process.argv[4] ?? Object.keys(CLI_KINDS).join(',')).split(',');
  const format = process.argv[5] === '32f' ? '32f' : '16';
  const name = format === '16' ? '16-bit' : '32-bit float';
  console.log(`whole CLI run, diffiir train on ${seconds / 60} min of 48 kHz ${name} audio, ${steps} steps`);
  for (const r of measureCli(seconds, steps, kinds, format)) {
    console.log(
      `  ${r.kind.padEnd(9)} ${CLI_KINDS[r.kind].join(' ').padEnd(26)} peak RSS ${r.peakRssMB.toFixed(0).padStart(5)} MB, ` +
        `${r.wallS.toFixed(1)} s${r.code === 0 ? '' : ` (exit ${r.code})`}`,
    );
  }
  console.log(
    `  load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(' ')}`,
  );
}
