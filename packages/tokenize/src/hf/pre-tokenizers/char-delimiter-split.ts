/** CharDelimiterSplit: splits on one character, dropping it. */
import type { JsonReader } from '../json-reader.js';
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';

export class CharDelimiterSplitPreTokenizer implements PreTokenizer {
  private readonly cp: number;

  constructor(readonly delimiter: string) {
    if ([...delimiter].length !== 1) throw new RangeError(`CharDelimiterSplit needs one character, got ${JSON.stringify(delimiter)}`);
    this.cp = delimiter.codePointAt(0)!;
  }

  static fromJSON(reader: JsonReader): CharDelimiterSplitPreTokenizer {
    const d = reader.string('delimiter');
    if ([...d].length !== 1) reader.fail('delimiter', `expected a single character, got ${JSON.stringify(d)}`);
    return new CharDelimiterSplitPreTokenizer(d);
  }

  preTokenize(text: PreTokenizedString): void {
    const cp = this.cp;
    text.split((_, normalized) => normalized.split((c) => c === cp, 'Removed'));
  }
  toJSON(): JsonObject {
    return { type: 'CharDelimiterSplit', delimiter: this.delimiter };
  }
}
