/** WhitespaceSplit: splits on Unicode White_Space, dropping it. */
import { isWhitespace } from '../normalized-string.js';
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';

export class WhitespaceSplitPreTokenizer implements PreTokenizer {
  preTokenize(text: PreTokenizedString): void {
    text.split((_, normalized) => normalized.split(isWhitespace, 'Removed'));
  }
  toJSON(): JsonObject {
    return { type: 'WhitespaceSplit' };
  }
}
