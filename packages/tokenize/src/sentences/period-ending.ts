/**
 * `periodEnding`: what split-sentences.perl's word-loop regex `([\p{IsAlnum}\.\-]*)(closing)(\.+)$`
 * captures in a word ending in periods, found by one scan back from the word's end.
 *
 * Why not the regex: a regex engine tries each start in turn, and from each start in one long run
 * of letters it reads to the run's end before failing (50k letters, `)`, then `x.`: 50k² steps). The
 * three parts are runs of disjoint classes (dots are letters to the first one), so the leftmost
 * match is fixed by the runs that end the word, read once from the right.
 */
import { ALNUM, classOf } from '../words/char-class.js';

const FINAL_PUNCT = /\p{Pf}/u;

/** The first part: `\p{Alphabetic}`, `\p{Nd}`, `.` and `-`. */
function isWordPart(cp: number): boolean {
  return cp === 0x2e || cp === 0x2d || (classOf(cp) & ALNUM) !== 0;
}

/** The second part: `'`, `"`, `)`, `]`, `%` and `\p{Pf}` (no dot, letter or digit among them). */
function isClosing(cp: number): boolean {
  if (cp < 0x80) return cp === 0x27 || cp === 0x22 || cp === 0x29 || cp === 0x5d || cp === 0x25;
  return FINAL_PUNCT.test(String.fromCodePoint(cp));
}

/** The code point that ends just before index `i` of `word` (a surrogate pair read whole). */
function codePointBefore(word: string, i: number): number {
  const d = word.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c = word.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return d;
}

/** The start of the run of code points that pass `test` and end at index `end` of `word`. */
function runStart(word: string, end: number, test: (cp: number) => boolean): number {
  let i = end;
  while (i > 0) {
    const cp = codePointBefore(word, i);
    if (!test(cp)) break;
    i -= cp > 0xffff ? 2 : 1;
  }
  return i;
}

/**
 * The groups 1 and 2 of `/([\p{Alphabetic}\p{Nd}.-]*)(['")\]%\p{Pf}]*)(\.+)$/u.exec(word)` (the
 * word before its closing punctuation, and that punctuation), or undefined when it does not match
 * (no final period).
 * @example periodEnding('etc.)..') // ['etc.', ')']
 */
export function periodEnding(word: string): readonly [prefix: string, closing: string] | undefined {
  let dots = word.length;
  while (dots > 0 && word.charCodeAt(dots - 1) === 0x2e) dots--;
  if (dots === word.length) return undefined;
  const closing = runStart(word, dots, isClosing);
  if (closing < dots) return [word.slice(runStart(word, closing, isWordPart), closing), word.slice(closing, dots)];
  // No closing punctuation: the first part, greedy, takes the dots too but the last one.
  return [word.slice(runStart(word, dots, isWordPart), word.length - 1), ''];
}
