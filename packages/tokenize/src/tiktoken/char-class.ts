/**
 * Unicode classes of code points, as the tiktoken regexes see them, in one lazily filled table.
 *
 * The pre-tokenizer asks "is this a letter / number / white space / …" once per code point; a
 * `Uint8Array` over all of Unicode answers in one load. Each 256-code-point block is classified on
 * first use with the engine's own Unicode property regexes, so import costs nothing and only the
 * scripts a text really uses are ever classified.
 *
 * White space is Unicode `White_Space` (what Rust's `\s` means in tiktoken), not JavaScript's `\s`,
 * which wrongly includes U+FEFF and misses U+0085.
 */

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
/** Set on every classified code point, so 0 means "block not classified yet". */
const KNOWN = 64;

const table = new Uint8Array(0x110000);
const blockDone = new Uint8Array(0x110000 >> 8);

const reLetter = /\p{L}/u;
const reNumber = /\p{N}/u;
const reSpace = /\p{White_Space}/u;
const reMark = /\p{M}/u;
const reUpperish = /[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]/u;
const reLowerish = /[\p{Ll}\p{Lm}\p{Lo}\p{M}]/u;

function classifyBlock(block: number): void {
  const first = block << 8;
  for (let cp = first; cp < first + 256; cp++) {
    let cls = KNOWN;
    // Lone surrogates reach the encoder as U+FFFD (a symbol): they classify as "other".
    if (cp < 0xd800 || cp > 0xdfff) {
      const ch = String.fromCodePoint(cp);
      if (reLetter.test(ch)) cls |= LETTER;
      if (reNumber.test(ch)) cls |= NUMBER;
      if (reSpace.test(ch)) cls |= SPACE;
      if (reMark.test(ch)) cls |= MARK;
      if (reUpperish.test(ch)) cls |= UPPERISH;
      if (reLowerish.test(ch)) cls |= LOWERISH;
    }
    table[cp] = cls;
  }
  blockDone[block] = 1;
}

/** The class bits of code point `cp` (any of LETTER, NUMBER, SPACE, MARK, UPPERISH, LOWERISH; 0 = other). */
export function classOf(cp: number): number {
  const cls = table[cp];
  if (cls !== 0) return cls & ~KNOWN;
  classifyBlock(cp >> 8);
  return table[cp] & ~KNOWN;
}

// ASCII is classified up front: it is almost every lookup.
classifyBlock(0);
