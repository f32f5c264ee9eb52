/**
 * NLTK's `TreebankWordTokenizer().tokenize` (nltk 3.8, `nltk/tokenize/treebank.py`) restated as
 * JavaScript regexes: the exact oracle behind the fast tokenizer in `treebank.ts`, which sends it
 * the chunks it cannot settle alone, and the tests' reference.
 *
 * Python's regex dialect differs from JavaScript's, so each rule is rewritten with Python's meaning:
 * `\s` is `str.isspace()` (White_Space plus U+001C..U+001F), `\d` is `\p{Nd}`, `\w` is `[\p{L}\p{N}_]`
 * (so `\b` becomes look-arounds on it), and `$` also matches before a final newline. Known gap:
 * under `(?i)` Python equates `i` with `İ` and `ı`, JavaScript does not (`gİmme`, `'tıs`).
 */

import { applyRules, MACINTYRE_PAIRS, NOT_WORD_AFTER, NOT_WORD_BEFORE, WS, type Rule } from './python-regex.js';

/** `STARTING_QUOTES`: opening `"` and `''` become `` `` ``. */
const STARTING_QUOTES: readonly Rule[] = [
  [/^"/u, '``'],
  [/(``)/gu, ' $1 '],
  [/([ ([{<])("|'')/gu, '$1 `` '],
];

/** `PUNCTUATION`, then `PARENS_BRACKETS` and `DOUBLE_DASHES`. */
const PUNCTUATION: readonly Rule[] = [
  [/([:,])([^\p{Nd}])/gu, ' $1 $2'],
  [/([:,])(?=\n?$)/gu, ' $1 '],
  [/\.\.\./gu, ' ... '],
  [/[;@#$%&]/gu, ' $& '],
  // The final period, with any closing brackets or quotes after it.
  [new RegExp(`([^.])(\\.)([\\]\\)}>"']*)${WS}*$`, 'u'), '$1 $2$3 '],
  [/[?!]/gu, ' $& '],
  [/([^'])' /gu, "$1 ' "],
  [/[\][(){}<>]/gu, ' $& '],
  [/--/gu, ' -- '],
];

/** `ENDING_QUOTES`: closing quotes become `''`, clitics split off (applied after padding with spaces). */
const ENDING_QUOTES: readonly Rule[] = [
  [/''/gu, " '' "],
  [/"/gu, " '' "],
  [/([^' ])('[sS]|'[mM]|'[dD]|') /gu, '$1 $2 '],
  [/([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) /gu, '$1 $2 '],
];

/** `MacIntyreContractions.CONTRACTIONS2` and `CONTRACTIONS3`, case-insensitive. */
const CONTRACTIONS: readonly Rule[] = [
  ...MACINTYRE_PAIRS.map(([a, b]): Rule => [new RegExp(`${NOT_WORD_BEFORE}(${a})(${b})${NOT_WORD_AFTER}`, 'giu'), ' $1 $2 ']),
  [new RegExp(`${NOT_WORD_BEFORE}(wan)(na)(?=${WS})`, 'giu'), ' $1 $2 '],
  [new RegExp(` ('t)(is)${NOT_WORD_AFTER}`, 'giu'), ' $1 $2 '],
  [new RegExp(` ('t)(was)${NOT_WORD_AFTER}`, 'giu'), ' $1 $2 '],
];

const SPLIT = new RegExp(`${WS}+`, 'u');

/**
 * The rewritten text whose white-space-separated pieces are the tokens (NLTK's `return_str`).
 * `treebank.ts` runs this on a string made of the chunks it sends here.
 */
export function treebankRewrite(text: string): string {
  text = applyRules(text, STARTING_QUOTES);
  text = applyRules(text, PUNCTUATION);
  text = applyRules(` ${text} `, ENDING_QUOTES);
  return applyRules(text, CONTRACTIONS);
}

/**
 * NLTK's Treebank tokens of `text` (`TreebankWordTokenizer().tokenize(text)`), the slow way.
 * @example treebankReference('"Don\'t," he said.') // ['``', 'Do', "n't", ',', "''", 'he', 'said', '.']
 */
export function treebankReference(text: string): string[] {
  return treebankRewrite(text)
    .split(SPLIT)
    .filter((t) => t !== '');
}
