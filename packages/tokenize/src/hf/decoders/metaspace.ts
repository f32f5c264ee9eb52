/**
 * Metaspace decoder (SentencePiece): the replacement character (`▁`) becomes a space — except in the
 * first token, where every one of them is dropped unless `prepend_scheme` is "never".
 */
import type { JsonReader } from '../json-reader.js';
import type { JsonObject } from '../stages.js';
import { BaseDecoder } from './base.js';
import { isSingleChar } from './text.js';

export type PrependScheme = 'first' | 'never' | 'always';
export const PREPEND_SCHEMES: readonly PrependScheme[] = ['first', 'never', 'always'];

export interface MetaspaceDecoderOptions {
  /** One character; default `▁`. */
  replacement?: string;
  /** Default "always". */
  prependScheme?: PrependScheme;
  /** Pre-tokenizer setting kept on the same object; no effect on decoding. Default true. */
  split?: boolean;
}

export class MetaspaceDecoder extends BaseDecoder {
  readonly replacement: string;
  readonly prependScheme: PrependScheme;
  readonly split: boolean;

  constructor(options: MetaspaceDecoderOptions = {}) {
    super();
    this.replacement = options.replacement ?? '▁';
    this.prependScheme = options.prependScheme ?? 'always';
    this.split = options.split ?? true;
  }

  static fromJSON(reader: JsonReader): MetaspaceDecoder {
    const replacement = reader.string('replacement');
    if (!isSingleChar(replacement)) reader.fail('replacement', `expected a single character, got ${JSON.stringify(replacement)}`);
    let prependScheme = reader.oneOf('prepend_scheme', PREPEND_SCHEMES, 'always');
    // Files older than prepend_scheme say add_prefix_space; false must agree with "never" (Rust rejects
    // the combination otherwise, including when prepend_scheme is absent and defaults to "always").
    if (reader.has('add_prefix_space') && reader.raw('add_prefix_space') !== null && !reader.boolean('add_prefix_space')) {
      if (prependScheme !== 'never') reader.fail('add_prefix_space', 'add_prefix_space does not match declared prepend_scheme');
      prependScheme = 'never';
    }
    const split = reader.raw('split') === null ? true : reader.boolean('split', true);
    return new MetaspaceDecoder({ replacement, prependScheme, split });
  }

  decodeChain(tokens: string[]): string[] {
    const replacement = this.replacement;
    return tokens.map((token, i) => {
      if (!token.includes(replacement)) return token;
      const substitute = i === 0 && this.prependScheme !== 'never' ? '' : ' ';
      return token.replaceAll(replacement, substitute);
    });
  }

  toJSON(): JsonObject {
    return { type: 'Metaspace', replacement: this.replacement, prepend_scheme: this.prependScheme, split: this.split };
  }
}
