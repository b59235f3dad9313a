/**
 * Ctrl-C (SIGINT) during a long command: the first one asks the run to stop after the current
 * step (its AbortSignal), so the best result so far is still written and the process exits with
 * {@link EXIT_INTERRUPTED}; a second one quits at once with the same code, leaving the previous
 * results untouched (outputs are committed atomically, see output-target.ts).
 */
import type { CliIo } from './api.js';

/** Exit code after Ctrl-C (128 + SIGINT), the shell convention, also under npx. */
export const EXIT_INTERRUPTED = 130;

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
  const handler = () => {
    if (!controller.signal.aborted) {
      controller.abort();
      io.err(
        'diffiir: Ctrl-C: stopping after this step and writing the best result so far (Ctrl-C again quits at once)\n',
      );
      return;
    }
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
