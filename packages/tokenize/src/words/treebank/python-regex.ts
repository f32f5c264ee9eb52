/**
 * What the Treebank tokenizer and detokenizer share: Python's regex meanings restated for JavaScript
 * (`\s` is `str.isspace()`: White_Space plus U+001C..U+001F; `\w` is `[\p{L}\p{N}_]`, so `\b` becomes
 * look-arounds on it), NLTK's `MacIntyreContractions` word pairs, which one splits and the other joins,
 * and `applyRules`, how both run their lists of rules.
 */

export const WS = '[\\p{White_Space}\\x1c-\\x1f]';
export const NOT_WS = '[^\\p{White_Space}\\x1c-\\x1f]';
export const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}_])';
export const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}_])';

/** A regex and its replacement, applied in order. */
export type Rule = readonly [RegExp, string];

/** `text` after each rule's `replace` in turn (`re.sub` after `re.sub`, as NLTK writes it). */
export function applyRules(text: string, rules: readonly Rule[]): string {
  for (const [re, replacement] of rules) text = text.replace(re, replacement);
  return text;
}

/** `MacIntyreContractions.CONTRACTIONS2` as (first part, second part), matched between word boundaries. */
export const MACINTYRE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['can', 'not'],
  ['d', "'ye"],
  ['gim', 'me'],
  ['gon', 'na'],
  ['got', 'ta'],
  ['lem', 'me'],
  ['more', "'n"],
];
