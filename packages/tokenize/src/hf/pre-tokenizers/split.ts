/** Split: cuts at the matches of a string or (Oniguruma) regex, with any delimiter behavior, optionally inverted. */
import type { JsonReader } from '../json-reader.js';
import { SPLIT_BEHAVIORS, type SplitDelimiterBehavior } from '../normalized-string.js';
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import { patternToJSON, readPattern, stringPattern, type Pattern } from '../regex/pattern.js';
import type { JsonObject, PreTokenizer } from '../stages.js';
import { LLAMA3_PATTERN, llama3Splits } from './piece-scanners.js';

export class SplitPreTokenizer implements PreTokenizer {
  readonly pattern: Pattern;

  constructor(
    pattern: Pattern | string,
    readonly behavior: SplitDelimiterBehavior,
    readonly invert = false,
  ) {
    this.pattern = typeof pattern === 'string' ? stringPattern(pattern) : pattern;
  }

  static fromJSON(reader: JsonReader): SplitPreTokenizer {
    return new SplitPreTokenizer(readPattern(reader, 'pattern'), reader.oneOf('behavior', SPLIT_BEHAVIORS), reader.boolean('invert'));
  }

  preTokenize(text: PreTokenizedString): void {
    // Llama 3's regex has a hand-written scanner (same pieces, much faster).
    if (this.pattern.kind === 'regex' && this.pattern.source === LLAMA3_PATTERN) {
      text.split((_, normalized) => normalized.split(llama3Splits(normalized.normalized), this.behavior, this.invert));
      return;
    }
    text.split((_, normalized) => normalized.split(this.pattern, this.behavior, this.invert));
  }

  toJSON(): JsonObject {
    return { type: 'Split', pattern: patternToJSON(this.pattern), behavior: this.behavior, invert: this.invert };
  }
}
