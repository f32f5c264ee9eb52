/**
 * The library names its options as in its API (`vocabSize`); on the command line the user typed a
 * flag (`--vocab-size`). `renameOptionErrors` re-throws the library's InvalidOptionError under the flag.
 */
import { InvalidOptionError } from '../errors.js';

/** Runs `fn`; an InvalidOptionError for an option in `flags` comes out naming the flag instead. */
export async function renameOptionErrors<T>(flags: Readonly<Record<string, string>>, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof InvalidOptionError && Object.hasOwn(flags, err.option)) {
      throw new InvalidOptionError(flags[err.option]!, err.value, err.expected);
    }
    throw err;
  }
}
