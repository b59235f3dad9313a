/**
 * Ctrl-C (SIGINT) during a long command: the first one asks the run to stop after the current
 * step (its AbortSignal), so the best result so far is still written and the process exits with
 * {@link EXIT_INTERRUPTED}; a second one quits at once with the same code, leaving the previous
 * results untouched (outputs are committed atomically, see output-target.ts).
 *
 * One Ctrl-C can arrive several times: the terminal signals the whole process group, and wrappers
 * such as npx (npm exec) and tsx also relay it to their child. SIGINTs within
 * {@link SIGINT_SAME_PRESS_MS} of the first count as the same press. Under npx the wrapper waits
 * for the CLI to finish writing, then ends itself by SIGINT, which a shell reports as 130 too.
 */
import type { CliIo } from './api.js';

/** Exit code after Ctrl-C (128 + SIGINT), the shell convention, also under npx. */
export const EXIT_INTERRUPTED = 130;

/** SIGINTs closer than this to the first one are the same key press, relayed (ms). */
export const SIGINT_SAME_PRESS_MS = 1000;

/** A SIGINT listener for the duration of one run. */
export interface InterruptWatch {
  readonly signal: AbortSignal;
  /** True once Ctrl-C was pressed. */
  interrupted(): boolean;
  /** Removes the listener (call in `finally`). */
  dispose(): void;
}

/** Listens for SIGINT until `dispose()`; `onQuit` runs before a second Ctrl-C exits at once. */
export function watchInterrupt(io: CliIo, onQuit: () => void = () => {}): InterruptWatch {
  const controller = new AbortController();
  let first = 0;
  const handler = () => {
    if (!controller.signal.aborted) {
      first = Date.now();
      controller.abort();
      io.err(
        'diffiir: Ctrl-C: stopping after this step and writing the best result so far (Ctrl-C again quits at once)\n',
      );
      return;
    }
    if (Date.now() - first < SIGINT_SAME_PRESS_MS) return;
    onQuit();
    process.exit(EXIT_INTERRUPTED);
  };
  process.on('SIGINT', handler);
  return {
    signal: controller.signal,
    interrupted: () => controller.signal.aborted,
    dispose: () => {
      process.removeListener('SIGINT', handler);
    },
  };
}
