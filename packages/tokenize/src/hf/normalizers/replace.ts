/** Replaces every match of a string or (Oniguruma) regex; the replacement is aligned like the match's last character. */
import type { NormalizedString } from '../normalized-string.js';
import type { JsonReader } from '../json-reader.js';
import { patternToJSON, readPattern, stringPattern, type Pattern } from '../regex/pattern.js';
import type { JsonObject, Normalizer } from '../stages.js';

export class ReplaceNormalizer implements Normalizer {
  readonly pattern: Pattern;

  constructor(
    pattern: Pattern | string,
    readonly content: string,
  ) {
    this.pattern = typeof pattern === 'string' ? stringPattern(pattern) : pattern;
  }

  static fromJSON(reader: JsonReader): ReplaceNormalizer {
    return new ReplaceNormalizer(readPattern(reader, 'pattern'), reader.string('content'));
  }

  normalize(text: NormalizedString): void {
    text.replace(this.pattern, this.content);
  }

  toJSON(): JsonObject {
    return { type: 'Replace', pattern: patternToJSON(this.pattern), content: this.content };
  }
}
