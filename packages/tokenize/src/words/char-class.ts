/**
 * Unicode classes of code points, as the reference tools see them, in one lazily filled table.
 *
 * Word, char and sentence tokenizers ask "is this white space / a word character / alphabetic / …"
 * once per code point, under two dialects: Python's (NLTK: `str.isspace`, `\w`, `\d`) and Perl's
 * (Moses: `\p{IsAlnum}`, `\p{IsLower}`; its `\s` is in `space.ts`). Each 256-code-point block is
 * classified on first use with the engine's own Unicode property regexes, so import costs nothing and
 * only the scripts a text really uses are ever classified; a lookup is then two loads. Only classes
 * some tokenizer reads belong here: each costs a regex test per classified code point.
 */

/** Python's `str.isspace()` and `\s`: Unicode `White_Space` plus U+001C..U+001F (bidi class B/S). */
export const PY_SPACE = 1;
/** Python's `\w`: `str.isalnum()` (`\p{L}`, `\p{N}`) or `_`. */
export const PY_WORD = 2;
/** Python's `\d`: `\p{Nd}`. */
export const DIGIT = 4;
/** Perl's `\p{IsAlpha}`: Unicode `Alphabetic`. */
export const ALPHA = 8;
/** Perl's `\p{IsAlnum}`: `Alphabetic` or `\p{Nd}`. */
export const ALNUM = 16;
/** Perl's `\p{IsN}`: `\p{N}`. */
export const NUMBER = 32;
/** Perl's `\p{IsLower}`: Unicode `Lowercase`. */
export const LOWER = 64;
/** Word characters of the `unicode` style: `\p{L}`, `\p{N}`, `\p{Pc}`. */
export const WORD = 128;
/**
 * Characters that extend the token before them (the `unicode` style never splits at them): marks,
 * ZWNJ, ZWJ, soft hyphen, word joiner. UAX #29 treats them the same way (rule WB4).
 */
export const EXTEND = 256;
/**
 * Code points that never join a neighbour into one grapheme cluster (UAX #29): not Extend,
 * SpacingMark, ZWJ, Prepend, pictographic, regional indicator, Hangul, nor of the scripts with
 * conjunct rules (GB9c), nor a format character. Between two of them there is always a boundary,
 * except inside CR LF.
 */
export const LONE_GRAPHEME = 512;
/** Set on every classified code point, so 0 means "block not classified yet". */
const KNOWN = 0x8000;

const TESTS: ReadonlyArray<readonly [number, RegExp]> = [
  [PY_SPACE, /[\p{White_Space}\x1c-\x1f]/u],
  [PY_WORD, /[\p{L}\p{N}_]/u],
  [DIGIT, /\p{Nd}/u],
  [ALPHA, /\p{Alphabetic}/u],
  [ALNUM, /[\p{Alphabetic}\p{Nd}]/u],
  [NUMBER, /\p{N}/u],
  [LOWER, /\p{Lowercase}/u],
  [WORD, /[\p{L}\p{N}\p{Pc}]/u],
  [EXTEND, /[\p{M}\u200c\u200d\u00ad\u2060]/u],
];

/** What keeps a code point from being LONE_GRAPHEME (Prepend listed by hand: no property names it). */
const JOINS_GRAPHEMES =
  /[\p{Grapheme_Extend}\p{Mc}\p{Emoji_Modifier}\p{Extended_Pictographic}\p{Regional_Indicator}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Script=Hangul}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Telugu}\p{Script=Malayalam}\p{Script=Thai}\p{Script=Lao}\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u0d4e\u{110bd}\u{110cd}\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}\u{11f02}]/u;

/** One Uint16Array of 256 classes per block of Unicode, filled on first use. */
const blocks: (Uint16Array | undefined)[] = new Array(0x1100);

function classifyBlock(block: number): Uint16Array {
  const table = new Uint16Array(256);
  const first = block << 8;
  for (let i = 0; i < 256; i++) {
    const cp = first + i;
    let cls = KNOWN;
    // Lone surrogates are no letter, space or digit in any dialect.
    if (cp < 0xd800 || cp > 0xdfff) {
      const ch = String.fromCodePoint(cp);
      for (const [bit, re] of TESTS) if (re.test(ch)) cls |= bit;
      if (!JOINS_GRAPHEMES.test(ch)) cls |= LONE_GRAPHEME;
    }
    table[i] = cls;
  }
  blocks[block] = table;
  return table;
}

/** The class bits of code point `cp` (0 ≤ cp ≤ 0x10FFFF). */
export function classOf(cp: number): number {
  const table = blocks[cp >>> 8] ?? classifyBlock(cp >>> 8);
  return table[cp & 0xff];
}

/** The classes of the 128 ASCII code points, for the hot loops' fast path. */
export const ASCII_CLASS: Uint16Array = (() => {
  const t = new Uint16Array(128);
  for (let c = 0; c < 128; c++) t[c] = classOf(c);
  return t;
})();

/** The code point at UTF-16 index `i` of `text` (a lone surrogate counts as itself); `i` < `text.length`. */
export function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if ((d & 0xfc00) === 0xdc00) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/**
 * The class bits of the code point at UTF-16 index `i` of `text` (a lone surrogate counts as itself).
 * Callers advance by 2 when `text.charCodeAt(i)` is a high surrogate followed by a low one.
 */
export function classAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 0x80 ? ASCII_CLASS[c] : classOf(codePointAt(text, i));
}

/** The class bits of the code point that ends just before UTF-16 index `i` (a surrogate pair read whole). */
export function classBefore(text: string, i: number): number {
  const d = text.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c = text.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return classOf(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
  }
  return d < 0x80 ? ASCII_CLASS[d] : classOf(d);
}
