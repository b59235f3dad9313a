import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './cli-test-utils.js';

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
