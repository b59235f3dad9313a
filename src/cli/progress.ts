import cliProgress from 'cli-progress';
import type { CliIo } from './api.js';
import { formatLoss } from './format.js';

/** One training progress report, as TRAIN's onProgress delivers it. */
export interface ProgressInfo {
  step: number;
  loss: number;
  elapsedMs: number;
}

/** Progress display for a run of `total` steps. */
export interface ProgressDisplay {
  update(p: ProgressInfo): void;
  stop(): void;
}

/**
 * A cli-progress bar when `stream` is a TTY, otherwise plain lines (about ten per run, plus the
 * last step, written with `io.err`) so logs and pipes stay readable.
 */
export function createProgress(total: number, io: CliIo): ProgressDisplay {
  const stream = io.progressStream;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'training [{bar}] {value}/{total} | loss {loss} | {seconds} s | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { loss: '-', seconds: '0.0' });
    return {
      update: (p) =>
        bar.update(p.step, { loss: formatLoss(p.loss), seconds: (p.elapsedMs / 1000).toFixed(1) }),
      stop: () => bar.stop(),
    };
  }
  let lastTenth = -1;
  let lastStep = -1;
  return {
    update: (p) => {
      const tenth = Math.floor((10 * p.step) / total);
      if ((tenth > lastTenth || p.step === total) && p.step !== lastStep) {
        lastTenth = tenth;
        lastStep = p.step;
        const left = p.step > 0 ? ((total - p.step) * p.elapsedMs) / p.step / 1000 : 0;
        io.err(
          `step ${p.step}/${total}  loss ${formatLoss(p.loss)}  ${(p.elapsedMs / 1000).toFixed(1)} s  (about ${left.toFixed(0)} s left)\n`,
        );
      }
    },
    stop: () => {},
  };
}
