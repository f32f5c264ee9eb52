/**
 * The options that fastText's subword functions share, their fastText defaults (minn 3, maxn 6,
 * bucket 2,000,000) and their checks: whole numbers in the ranges fastText's `int32` args allow,
 * each bad value an `InvalidOptionError` naming the option.
 */
import { InvalidOptionError } from '../errors.js';

/** The n-gram lengths, in characters (UTF-8 sequences, i.e. code points) of the word wrapped in `<` `>`. */
export interface NgramOptions {
  /** Shortest n-gram (fastText `-minn`, default 3). */
  minn?: number;
  /** Longest n-gram (fastText `-maxn`, default 6); 0 means no n-grams, as in a model trained with `-maxn 0`. */
  maxn?: number;
}

/** fastText's defaults for `-minn`, `-maxn` and `-bucket`. */
export const DEFAULT_MINN = 3;
export const DEFAULT_MAXN = 6;
export const DEFAULT_BUCKET = 2_000_000;
/** fastText's end-of-sentence token: it never gets n-grams. */
export const EOS = '</s>';
/** The largest value of a fastText `int32` option. */
export const INT32_MAX = 0x7fffffff;

/** `value` if it is an integer in [min, max], else an `InvalidOptionError` for `option`. */
export function checkInteger(option: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidOptionError(option, value, `an integer from ${min} to ${max}`);
  }
  return value;
}

/** The checked n-gram range; `minn > maxn` is allowed and, as in fastText, gives no n-grams. */
export function ngramRange(o: NgramOptions | undefined): { minn: number; maxn: number } {
  return {
    minn: checkInteger('minn', o?.minn ?? DEFAULT_MINN, 0, INT32_MAX),
    maxn: checkInteger('maxn', o?.maxn ?? DEFAULT_MAXN, 0, INT32_MAX),
  };
}
