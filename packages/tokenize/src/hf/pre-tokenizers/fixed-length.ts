/** FixedLength: cuts the text into pieces of `length` characters. */
import type { JsonReader } from '../json-reader.js';
import type { NormalizedString } from '../normalized-string.js';
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';

export class FixedLengthPreTokenizer implements PreTokenizer {
  constructor(readonly length = 5) {}

  static fromJSON(reader: JsonReader): FixedLengthPreTokenizer {
    return new FixedLengthPreTokenizer(reader.integer('length', 5));
  }

  preTokenize(text: PreTokenizedString): void {
    const length = this.length;
    text.split((_, normalized) => {
      const s = normalized.normalized;
      const out: NormalizedString[] = [];
      let start = 0;
      let count = 0;
      for (let i = 0; i < s.length; ) {
        const c = s.charCodeAt(i);
        i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
        if (++count === length) {
          out.push(normalized.slice(start, i));
          start = i;
          count = 0;
        }
      }
      if (start < s.length) out.push(normalized.slice(start, s.length));
      return out;
    });
  }
  toJSON(): JsonObject {
    return { type: 'FixedLength', length: this.length };
  }
}
