/**
 * `pickName`: checks a named choice given on the command line (word style, language) against the
 * library's list, failing with the same `UnknownNameError` (exit 2) the library uses for encodings.
 */
import { UnknownNameError } from '../errors.js';

/**
 * `value` if it is one of `known`, else `UnknownNameError` listing them.
 * @example pickName('word style', 'moses', WORD_STYLES) // 'moses'
 */
export function pickName<T extends string>(kind: string, value: string, known: readonly T[]): T {
  const found = known.find((k) => k === value);
  if (found === undefined) throw new UnknownNameError(kind, value, known);
  return found;
}
