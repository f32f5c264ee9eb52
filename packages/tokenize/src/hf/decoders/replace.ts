/**
 * Replace decoder: replaces every match of a pattern (`{"String": …}` literal or `{"Regex": …}`)
 * in each token by `content` — Llama's `▁` → space.
 */
import type { JsonReader } from '../json-reader.js';
import { findMatches, patternToJSON, readPattern, stringPattern, type Pattern } from '../regex/pattern.js';
import type { JsonObject } from '../stages.js';
import { BaseDecoder } from './base.js';
import { replaceAllLiteral } from './text.js';

export class ReplaceDecoder extends BaseDecoder {
  readonly pattern: Pattern;

  /** A plain string is matched literally. */
  constructor(
    pattern: Pattern | string,
    readonly content: string,
  ) {
    super();
    this.pattern = typeof pattern === 'string' ? stringPattern(pattern) : pattern;
  }

  static fromJSON(reader: JsonReader): ReplaceDecoder {
    return new ReplaceDecoder(readPattern(reader, 'pattern'), reader.string('content'));
  }

  decodeChain(tokens: string[]): string[] {
    const p = this.pattern;
    // Rust finds no match at all in an empty token, even for a pattern matching the empty string.
    if (p.kind === 'string') {
      // Rust compiles the string into an escaped regex, so an empty one matches between every
      // character: "ab" → "-a-b-".
      return tokens.map((token) => (token === '' ? '' : replaceAllLiteral(token, p.value, this.content)));
    }
    return tokens.map((token) => {
      if (token === '') return '';
      let out = '';
      let previous = 0;
      for (const [start, end] of findMatches(p, token)) {
        out += token.slice(previous, start) + this.content;
        previous = end;
      }
      return out + token.slice(previous);
    });
  }

  toJSON(): JsonObject {
    return { type: 'Replace', pattern: patternToJSON(this.pattern), content: this.content };
  }
}
