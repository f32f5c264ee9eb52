/** Removes leading and/or trailing Unicode White_Space. */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonReader } from '../json-reader.js';
import type { JsonObject, Normalizer } from '../stages.js';

export class StripNormalizer implements Normalizer {
  constructor(
    readonly stripLeft = true,
    readonly stripRight = true,
  ) {}

  static fromJSON(reader: JsonReader): StripNormalizer {
    return new StripNormalizer(reader.boolean('strip_left'), reader.boolean('strip_right'));
  }

  normalize(text: NormalizedString): void {
    if (this.stripLeft && this.stripRight) text.strip();
    else if (this.stripLeft) text.lstrip();
    else if (this.stripRight) text.rstrip();
  }

  toJSON(): JsonObject {
    return { type: 'Strip', strip_left: this.stripLeft, strip_right: this.stripRight };
  }
}
