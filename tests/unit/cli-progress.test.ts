/**
 * The training progress of `diffiir train` (issue 10: a progress bar and a time estimate): on a
 * TTY a cli-progress bar with an ETA field; in logs and pipes about ten plain lines, each with the
 * time left estimated from the mean time per step so far.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/api.js';
import { createProgress } from '../../src/cli/progress.js';

function fakeIo(isTTY: boolean): { io: CliIo; err: string[]; tty: string[] } {
  const err: string[] = [];
  const tty: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      tty.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, {
    isTTY,
    columns: 120,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  return { io: { out: () => {}, err: (t) => err.push(t), progressStream: stream }, err, tty };
}

describe('training progress', () => {
  it('plain lines: about ten per run plus the last step, each with the time left', () => {
    const { io, err } = fakeIo(false);
    const p = createProgress(200, io);
    for (let step = 1; step <= 200; step++) p.update({ step, loss: 1 / step, elapsedMs: 50 * step });
    p.stop();
    expect(err.length).toBeGreaterThanOrEqual(10);
    expect(err.length).toBeLessThanOrEqual(12);
    // at step 20 of 200 after 1 s: 180 steps of 50 ms left
    expect(err.find((l) => l.startsWith('step 20/200'))).toMatch(/1\.0 s {2}\(about 9 s left\)/);
    expect(err[err.length - 1]).toMatch(/^step 200\/200 .*\(about 0 s left\)\n$/);
  });

  it('a TTY gets the bar with an ETA', () => {
    const { io, tty, err } = fakeIo(true);
    const p = createProgress(10, io);
    for (let step = 1; step <= 10; step++) p.update({ step, loss: 0.5, elapsedMs: 100 * step });
    p.stop();
    expect(err).toEqual([]);
    const text = tty.join('');
    expect(text).toMatch(/training \[.*\] 10\/10 \| loss 0\.5000 \| 1\.0 s \| ETA /);
  });
});
