/**
 * Memory bounded by design (issue 10): segment training holds memory proportional to the
 * segment, not to the file. The same run (bench/train-memory-child.ts: time-varying order-16
 * model, MR-STFT, 0.5 s segments) on 10 s and on 60 s of audio, each in a fresh Node process:
 * the resident memory added by training stays flat (whole-signal training adds ~200 bytes per
 * sample here: ~550 MB more at 60 s).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

interface Report {
  status: string;
  steps: number;
  trainingRssMB: number;
  trainingHeapMB: number;
  paramsMB: number;
}

function measure(seconds: number): Report {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'bench/train-memory-child.ts', String(seconds), '3', '0.5'],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop() as string) as Report;
}

describe('segment training memory', () => {
  it('stays flat as the file grows (10 s vs 60 s at 48 kHz)', () => {
    const short = measure(10);
    const long = measure(60);
    expect(short.steps).toBe(3);
    expect(long.steps).toBe(3);
    // Training memory beyond the signals and the parameters: flat within 25 MB (the parameters
    // themselves, ~1 MB per minute at hop 10 ms, are counted before training starts).
    expect(Math.abs(long.trainingRssMB - short.trainingRssMB)).toBeLessThan(25);
    expect(long.trainingRssMB).toBeLessThan(150);
    expect(Math.abs(long.trainingHeapMB - short.trainingHeapMB)).toBeLessThan(10);
  }, 240_000);
});
