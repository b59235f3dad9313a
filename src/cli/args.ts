import { InvalidArgumentError } from 'commander';

/**
 * Largest filter order the CLI accepts: the AllPoleFilterNode's MAX_ORDER (src/worklet/protocol.ts),
 * so whatever the CLI writes can be played.
 */
export const CLI_MAX_ORDER = 48;
/** Largest --steps (the loss history is kept per step). */
export const CLI_MAX_STEPS = 1_000_000;
/** Largest --hop / --frame-length in samples (about 22 s at 48 kHz). */
export const CLI_MAX_HOP = 1 << 20;

/**
 * Commander parser for an integer in [`min`, `max`]; the message states the range and what was
 * given (commander prefixes it with the option's name).
 */
export function intInRange(min: number, max: number): (value: string) => number {
  return (value: string) => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isInteger(v) || v < min || v > max) {
      throw new InvalidArgumentError(`must be an integer in [${min}, ${max}].`);
    }
    return v;
  };
}

/** Commander parser for an integer ≥ `min` (up to 2^31 − 1; the message names the constraint). */
export function intAtLeast(min: number): (value: string) => number {
  return intInRange(min, 2 ** 31 - 1);
}

/** Commander parser for a finite number > 0. */
export function positiveNumber(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v <= 0)
    throw new InvalidArgumentError('must be a number > 0.');
  return v;
}

/** Commander parser for a sample rate in Hz: an integer in [1, 1536000]. */
export const sampleRateValue = intInRange(1, 1_536_000);

/** Commander parser for a 32-bit unsigned seed. */
export function seedValue(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new InvalidArgumentError('must be an integer in [0, 4294967295].');
  }
  return v;
}
