import cliProgress from 'cli-progress';

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
 * last step) so logs and pipes stay readable.
 */
export function createProgress(total: number, stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: 'training [{bar}] {value}/{total} | loss {loss} | {seconds} s',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { loss: '-', seconds: '0.0' });
    return {
      update: (p) =>
        bar.update(p.step, { loss: p.loss.toPrecision(5), seconds: (p.elapsedMs / 1000).toFixed(1) }),
      stop: () => bar.stop(),
    };
  }
  const every = Math.max(1, Math.round(total / 10));
  return {
    update: (p) => {
      if (p.step % every === 0 || p.step === total || p.step === 1) {
        stream.write(
          `step ${p.step}/${total}  loss ${p.loss.toPrecision(5)}  ${(p.elapsedMs / 1000).toFixed(1)} s\n`,
        );
      }
    },
    stop: () => {},
  };
}
