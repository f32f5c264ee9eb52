/** BERT's pre-tokenizer: split on whitespace (dropped), then isolate every punctuation character. */
import { isWhitespace } from '../normalized-string.js';
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';
import { isPunctuation } from './char-classes.js';

export class BertPreTokenizer implements PreTokenizer {
  preTokenize(text: PreTokenizedString): void {
    text.split((_, normalized) => normalized.split(isWhitespace, 'Removed'));
    text.split((_, normalized) => normalized.split(isPunctuation, 'Isolated'));
  }
  toJSON(): JsonObject {
    return { type: 'BertPreTokenizer' };
  }
}
