/**
 * `integerOption`: a non-negative integer given to a flag on the command line (`--min-count 5`),
 * shared by the subcommands with numeric flags. Range checks beyond that belong to the library.
 */
import { InvalidOptionError } from '../errors.js';

/** `value` as a non-negative safe integer, else `InvalidOptionError` naming `option` (exit 2). */
export function integerOption(option: string, value: string): number {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidOptionError(option, value, 'a non-negative integer');
  return n;
}
