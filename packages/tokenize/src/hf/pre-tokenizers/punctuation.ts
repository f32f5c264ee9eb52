/** Punctuation: splits around each punctuation character (ASCII symbols included), per `behavior`. */
import type { JsonReader } from '../json-reader.js';
import { SPLIT_BEHAVIORS, type SplitDelimiterBehavior } from '../normalized-string.js';
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';
import { isPunctuation } from './char-classes.js';

export class PunctuationPreTokenizer implements PreTokenizer {
  constructor(readonly behavior: SplitDelimiterBehavior = 'Isolated') {}

  static fromJSON(reader: JsonReader): PunctuationPreTokenizer {
    return new PunctuationPreTokenizer(reader.oneOf('behavior', SPLIT_BEHAVIORS, 'Isolated'));
  }

  preTokenize(text: PreTokenizedString): void {
    text.split((_, normalized) => normalized.split(isPunctuation, this.behavior));
  }
  toJSON(): JsonObject {
    return { type: 'Punctuation', behavior: this.behavior };
  }
}
