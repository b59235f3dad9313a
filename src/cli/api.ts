/** Shared types of the command-line interface (src/cli). */

/** Where a command writes: injected so tests can run `main()` in-process and capture output. */
export interface CliIo {
  /** Normal output (summaries). */
  out(text: string): void;
  /** Diagnostics: error lines, warnings and plain progress lines. */
  err(text: string): void;
  /** Stream for the interactive progress bar (used only when it is a TTY). */
  progressStream: NodeJS.WriteStream;
}
