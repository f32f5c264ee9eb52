/**
 * Numbers given to flags (`--order 3`, `--k 0.1`), checked at the CLI edge: a bad value is an
 * `InvalidOptionError` naming the flag (exit 2). Range rules beyond "is a number" belong to the library.
 */
import { InvalidOptionError } from '../errors.js';

/** `value` as a non-negative safe integer. */
export function integerOption(flag: string, value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidOptionError(flag, value, 'a non-negative integer');
  return n;
}

/** `value` as a finite number. */
export function numberOption(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new InvalidOptionError(flag, value, 'a number');
  return n;
}
