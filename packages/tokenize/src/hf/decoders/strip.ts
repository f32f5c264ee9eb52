/**
 * Strip decoder: removes up to `start` leading and `stop` trailing occurrences of `content` (one
 * character) from every token. Llama uses it to drop the space the normalizer prepended.
 */
import type { JsonReader } from '../json-reader.js';
import type { JsonObject } from '../stages.js';
import { BaseDecoder } from './base.js';
import { isSingleChar } from './text.js';

export class StripDecoder extends BaseDecoder {
  constructor(
    readonly content: string,
    readonly start: number,
    readonly stop: number,
  ) {
    super();
  }

  static fromJSON(reader: JsonReader): StripDecoder {
    const content = reader.string('content');
    if (!isSingleChar(content)) reader.fail('content', `expected a single character, got ${JSON.stringify(content)}`);
    return new StripDecoder(content, reader.integer('start'), reader.integer('stop'));
  }

  decodeChain(tokens: string[]): string[] {
    return tokens.map((token) => this.strip(token));
  }

  /**
   * Where Rust panics (the cuts cross on a token made only of `content`, or `stop` exceeds its
   * length), this returns what is left between the cuts: the empty string.
   */
  private strip(token: string): string {
    const chars = Array.from(token);
    let startCut = 0;
    while (startCut < this.start && startCut < chars.length && chars[startCut] === this.content) startCut++;
    let stopCut = chars.length;
    while (chars.length - stopCut < this.stop && stopCut > startCut && chars[stopCut - 1] === this.content) stopCut--;
    return startCut === 0 && stopCut === chars.length ? token : chars.slice(startCut, stopCut).join('');
  }

  toJSON(): JsonObject {
    return { type: 'Strip', content: this.content, start: this.start, stop: this.stop };
  }
}
