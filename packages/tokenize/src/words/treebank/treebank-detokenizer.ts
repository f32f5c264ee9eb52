/**
 * NLTK's `TreebankWordDetokenizer().detokenize` (nltk 3.8, `nltk/tokenize/treebank.py`): the
 * Treebank tokenizer's regexes undone in reverse order, restated as JavaScript regexes with
 * Python's meaning (`\s` is `str.isspace()`, `\d` is `\p{Nd}`, `\b` is a boundary of `[\p{L}\p{N}_]`).
 */

import { applyRules, MACINTYRE_PAIRS, NOT_WORD_AFTER, NOT_WORD_BEFORE, NOT_WS, WS, type Rule } from './python-regex.js';

const rx = (source: string, flags = 'gu'): RegExp => new RegExp(source, flags);

/** `CONTRACTIONS3` then `CONTRACTIONS2`, with the tokenizer's split written as `\s`. */
const CONTRACTIONS: readonly Rule[] = [
  [rx(` ('t)${WS}(is)${NOT_WORD_AFTER}`, 'giu'), '$1$2'],
  [rx(` ('t)${WS}(was)${NOT_WORD_AFTER}`, 'giu'), '$1$2'],
  ...MACINTYRE_PAIRS.map(([a, b]): Rule => [rx(`${NOT_WORD_BEFORE}(${a})${WS}(${b})${NOT_WORD_AFTER}`, 'giu'), '$1$2']),
  [rx(`${NOT_WORD_BEFORE}(wan)${WS}(na)(?=${WS})`, 'giu'), '$1$2'],
];

const ENDING_QUOTES: readonly Rule[] = [
  [rx(`([^' ])${WS}('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) `), '$1$2 '],
  [rx(`([^' ])${WS}('[sS]|'[mM]|'[dD]|') `), '$1$2 '],
  [rx(`(${NOT_WS})${WS}('')`), '$1$2'],
  [rx(`('')${WS}([.,:)\\]>};%])`), '$1$2'],
  [/''/gu, '"'],
];

const AFTER_STRIP: readonly Rule[] = [
  // DOUBLE_DASHES
  [/ -- /gu, '--'],
  // PARENS_BRACKETS
  [rx(`([\\[({<])${WS}`), '$1'],
  [rx(`${WS}([\\])}>])`), '$1'],
  [rx(`([\\])}>])${WS}([:;,.])`), '$1$2'],
  // PUNCTUATION
  [rx(`([^'])${WS}'${WS}`), "$1' "],
  [rx(`${WS}([?!])`), '$1'],
  [rx(`([^.])${WS}(\\.)([\\])}>"']*)${WS}*$`, 'u'), '$1$2$3'],
  [rx(`([#$])${WS}`), '$1'],
  [rx(`${WS}([;%])`), '$1'],
  [rx(`${WS}\\.\\.\\.${WS}`), '...'],
  [rx(`${WS}([:,])`), '$1'],
  // STARTING_QUOTES
  [rx(`([ (\\[{<])${WS}\`\``), '$1``'],
  [/(``)[\p{White_Space}\x1c-\x1f]/gu, '$1'],
  [/``/gu, '"'],
];

const STRIP = new RegExp(`^${WS}+|${WS}+$`, 'gu');

/**
 * The text NLTK's Treebank detokenizer makes of `tokens`.
 * @example treebankDetokenize(['``', 'Hi', ',', "''", 'he', 'said', '.']) // '"Hi," he said.'
 */
export function treebankDetokenize(tokens: readonly string[]): string {
  let text = applyRules(` ${tokens.join(' ')} `, CONTRACTIONS);
  text = applyRules(text, ENDING_QUOTES).replace(STRIP, '');
  return applyRules(text, AFTER_STRIP).replace(STRIP, '');
}
