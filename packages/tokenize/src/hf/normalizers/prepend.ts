/** Puts a fixed string (SentencePiece's "▁") in front of non-empty text; it is aligned like the first character. */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonReader } from '../json-reader.js';
import type { JsonObject, Normalizer } from '../stages.js';

export class PrependNormalizer implements Normalizer {
  constructor(readonly prepend: string) {}

  static fromJSON(reader: JsonReader): PrependNormalizer {
    return new PrependNormalizer(reader.string('prepend'));
  }

  normalize(text: NormalizedString): void {
    if (!text.isEmpty()) text.prepend(this.prepend);
  }

  toJSON(): JsonObject {
    return { type: 'Prepend', prepend: this.prepend };
  }
}
