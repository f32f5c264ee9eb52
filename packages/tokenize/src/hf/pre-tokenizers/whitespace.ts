/**
 * Whitespace: keeps the runs of word characters and the runs of other non-space characters (Rust regex
 * `\w+|[^\w\s]+`, where `\w` is Unicode: Alphabetic, marks, decimal digits, connector punctuation, joiners).
 */
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';
import { NEWER_WORD_CHARACTERS } from '../normalizers/rust-unicode.js';
import { regexFromJs } from './js-pattern.js';

const WORD = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
const NEWER = `[${NEWER_WORD_CHARACTERS}]`;
// Characters newer than Rust's tables are symbols there, not word characters.
const WORDS_OR_SYMBOLS = regexFromJs(`(?:(?!${NEWER})[${WORD}])+|(?:${NEWER}|[^${WORD}\\p{White_Space}])+`);

export class WhitespacePreTokenizer implements PreTokenizer {
  preTokenize(text: PreTokenizedString): void {
    text.split((_, normalized) => normalized.split(WORDS_OR_SYMBOLS, 'Removed', true));
  }
  toJSON(): JsonObject {
    return { type: 'Whitespace' };
  }
}
