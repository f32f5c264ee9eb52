/**
 * Unicode classes of code points, as tiktoken's pre-tokenizer regexes see them, in one table.
 *
 * The pre-tokenizer asks "is this a letter / number / white space / …" once per code point; a
 * `Uint8Array` over all of Unicode answers in one load. The table is decoded at import from
 * `unicode-classes.generated.ts` (~3,200 runs, ~1 ms), which pins it to the Unicode version of
 * tiktoken's Rust regex crate rather than to the running engine's: Node 20.20 already knows Unicode 17
 * letters that tiktoken treats as unassigned, and an older Node would miss letters tiktoken knows.
 * `scripts/generate-unicode-classes.ts` rebuilds the table from the real tiktoken's behaviour.
 *
 * White space is Unicode `White_Space` (what Rust's `\s` means in tiktoken), not JavaScript's `\s`,
 * which wrongly includes U+FEFF and misses U+0085.
 */
import { CLASS_RUNS } from './unicode-classes.generated.js';

/** `\p{L}` */
export const LETTER = 1;
/** `\p{N}` */
export const NUMBER = 2;
/** `\p{White_Space}` */
export const SPACE = 4;
/** `\p{M}`: marks are not letters, but o200k's letter classes include them. */
export const MARK = 8;
/** o200k's "upper" class: `[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]` */
export const UPPERISH = 16;
/** o200k's "lower" class: `[\p{Ll}\p{Lm}\p{Lo}\p{M}]` */
export const LOWERISH = 32;

/** The regex that defines each class bit, in bit order (used by scripts/generate-unicode-classes.ts). */
export const CLASS_DEFINITIONS: ReadonlyArray<readonly [bit: number, regex: RegExp]> = [
  [LETTER, /\p{L}/u],
  [NUMBER, /\p{N}/u],
  [SPACE, /\p{White_Space}/u],
  [MARK, /\p{M}/u],
  [UPPERISH, /[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]/u],
  [LOWERISH, /[\p{Ll}\p{Lm}\p{Lo}\p{M}]/u],
];

const table = new Uint8Array(0x110000);
{
  let cp = 0;
  for (let k = 0; k < CLASS_RUNS.length; k += 2) {
    const cls = CLASS_RUNS[k];
    const end = cp + CLASS_RUNS[k + 1];
    if (cls !== 0) table.fill(cls, cp, end);
    cp = end;
  }
}

/**
 * The class bits of code point `cp` (any of LETTER, NUMBER, SPACE, MARK, UPPERISH, LOWERISH; 0 = other).
 * Surrogate code points (lone surrogates reach the encoder as U+FFFD) are "other".
 */
export function classOf(cp: number): number {
  return table[cp];
}
