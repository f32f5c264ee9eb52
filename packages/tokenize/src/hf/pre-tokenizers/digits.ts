/** Digits: separates numeric characters (Nd, Nl, No) from the rest, one by one or as runs. */
import type { JsonReader } from '../json-reader.js';
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';
import { isNumeric } from './char-classes.js';

export class DigitsPreTokenizer implements PreTokenizer {
  constructor(readonly individualDigits = false) {}

  static fromJSON(reader: JsonReader): DigitsPreTokenizer {
    return new DigitsPreTokenizer(reader.boolean('individual_digits'));
  }

  preTokenize(text: PreTokenizedString): void {
    const behavior = this.individualDigits ? 'Isolated' : 'Contiguous';
    text.split((_, normalized) => normalized.split(isNumeric, behavior));
  }
  toJSON(): JsonObject {
    return { type: 'Digits', individual_digits: this.individualDigits };
  }
}
