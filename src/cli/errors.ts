/**
 * User-facing CLI failure: its message is printed as one line on stderr (no stack trace) and the
 * process exits with `exitCode`. Anything else thrown inside a command is an internal error.
 */
export class CliError extends Error {
  /** Process exit code (2 for bad arguments, 1 for bad files and failures). */
  readonly exitCode: number;

  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** A bad command-line argument (exit code 2). */
export function argError(option: string, message: string): CliError {
  return new CliError(`${option}: ${message}`, 2);
}

/** Reduces any thrown value to a single line (newlines collapsed). */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
