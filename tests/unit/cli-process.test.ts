import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, writeWav } from './cli-test-utils.js';

// The real process: `npx tsx src/cli/main.ts …` from the repository root (no build needed).
const root = join(import.meta.dirname, '..', '..');
const dir = tempDir('cli-process');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  return spawnSync('npx', ['tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('diffiir as a process', () => {
  it('a bad file: exit code 1, one stderr line without stack trace, no output directory', () => {
    const bad = join(dir, 'bad.wav');
    writeFileSync(bad, 'definitely not RIFF');
    const out = join(dir, 'out');
    const r = run(['train', '--target', bad, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`diffiir: ${bad}: not a readable WAV file (Not a supported format.)\n`);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });

  it('a bad argument exits with 2; --help exits with 0 and lists the commands', () => {
    const r = run(['render', '--coeffs']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    const h = run(['--help']);
    expect(h.status).toBe(0);
    for (const c of ['train', 'render', 'analyze', 'example']) expect(h.stdout).toContain(c);
  });
});

/**
 * Ctrl-C as a terminal sends it: SIGINT to the whole process group (so a wrapper like npx gets it
 * too and relays it). Resolves when the launched process exits.
 */
function interruptAfterFirstStep(command: string, args: string[]) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }>((done) => {
    const p = spawn(command, args, { cwd: root, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let sent = false;
    p.stderr.on('data', (d) => {
      err += d;
      if (!sent && /step \d+\/\d+/.test(err)) {
        sent = true;
        process.kill(-p.pid!, 'SIGINT');
      }
    });
    p.on('exit', (code, signal) => done({ code, signal, err }));
  });
}

describe('Ctrl-C (SIGINT): best result so far written, exit 130, folder complete', () => {
  const target = writeWav(
    dir,
    'noise.wav',
    Float64Array.from({ length: 16000 }, (_, t) => Math.sin(0.7 * t) * Math.sin(0.013 * t)),
    16000,
    '32f',
  );
  const train = [
    'src/cli/main.ts',
    'train',
    '--target',
    target,
    '--steps',
    '100000',
    '--loss',
    'mse',
    '--optimizer',
    'adam',
  ];

  function expectComplete(out: string) {
    expect(readdirSync(out).sort()).toEqual(['coefficients.json', 'loss.csv', 'output.wav', 'report.svg']);
    const rows = readFileSync(join(out, 'loss.csv'), 'utf8').trim().split('\n').length - 1;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(100000);
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  }

  it('directly (node): exit code 130', async () => {
    const out = join(dir, 'sigint-direct');
    const r = await interruptAfterFirstStep('node', ['--import', 'tsx', ...train, '--out', out]);
    expect(r.err).toMatch(/Ctrl-C: stopping after this step/);
    expect(r.code).toBe(130);
    expectComplete(out);
  });

  it('under npx: npm waits for the result, then ends by SIGINT (a shell reports 130)', async () => {
    const out = join(dir, 'sigint-npx');
    const r = await interruptAfterFirstStep('npx', ['node', '--import', 'tsx', ...train, '--out', out]);
    expect(r.code === 130 || r.signal === 'SIGINT').toBe(true);
    expectComplete(out);
  });
});
