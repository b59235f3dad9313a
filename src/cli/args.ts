import { InvalidArgumentError } from 'commander';

/** Commander parser for an integer ≥ `min` (the message names the constraint). */
export function intAtLeast(min: number): (value: string) => number {
  return (value: string) => {
    const v = Number(value);
    if (value.trim() === '' || !Number.isInteger(v) || v < min) {
      throw new InvalidArgumentError(`must be an integer >= ${min}.`);
    }
    return v;
  };
}

/** Commander parser for a finite number > 0. */
export function positiveNumber(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v <= 0)
    throw new InvalidArgumentError('must be a number > 0.');
  return v;
}

/** Commander parser for a 32-bit unsigned seed. */
export function seedValue(value: string): number {
  const v = Number(value);
  if (value.trim() === '' || !Number.isInteger(v) || v < 0 || v > 0xffffffff) {
    throw new InvalidArgumentError('must be an integer in [0, 4294967295].');
  }
  return v;
}
