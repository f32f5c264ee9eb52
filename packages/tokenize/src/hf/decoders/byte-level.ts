/**
 * ByteLevel decoder (GPT-2): maps each byte-level character back to its byte and decodes all the
 * bytes as UTF-8, lossily. A token containing any character outside the byte alphabet (an added
 * token, say) contributes its own UTF-8 bytes unchanged. Produces a single string.
 */
import { CHAR_TO_BYTE } from '../byte-level.js';
import type { JsonReader } from '../json-reader.js';
import type { JsonObject } from '../stages.js';
import { BaseDecoder } from './base.js';
import { decodeUtf8Lossy } from './text.js';

export interface ByteLevelDecoderOptions {
  /** Pre-tokenizer and post-processor settings that Rust keeps on the same object; no effect on decoding. */
  addPrefixSpace?: boolean;
  trimOffsets?: boolean;
  useRegex?: boolean;
}

const encoder = new TextEncoder();

export class ByteLevelDecoder extends BaseDecoder {
  readonly addPrefixSpace: boolean;
  readonly trimOffsets: boolean;
  readonly useRegex: boolean;

  constructor(options: ByteLevelDecoderOptions = {}) {
    super();
    this.addPrefixSpace = options.addPrefixSpace ?? true;
    this.trimOffsets = options.trimOffsets ?? true;
    this.useRegex = options.useRegex ?? true;
  }

  static fromJSON(reader: JsonReader): ByteLevelDecoder {
    // Rust requires the first two; use_regex came later and defaults to true.
    return new ByteLevelDecoder({
      addPrefixSpace: reader.boolean('add_prefix_space'),
      trimOffsets: reader.boolean('trim_offsets'),
      useRegex: reader.boolean('use_regex', true),
    });
  }

  decodeChain(tokens: string[]): string[] {
    const bytes: number[] = [];
    for (const token of tokens) {
      const start = bytes.length;
      let allMapped = true;
      for (let i = 0; i < token.length; i++) {
        const unit = token.charCodeAt(i);
        const byte = unit < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[unit]! : -1;
        if (byte < 0) {
          allMapped = false;
          break;
        }
        bytes.push(byte);
      }
      if (!allMapped) {
        bytes.length = start;
        for (const byte of encoder.encode(token)) bytes.push(byte);
      }
    }
    return [decodeUtf8Lossy(Uint8Array.from(bytes))];
  }

  toJSON(): JsonObject {
    return { type: 'ByteLevel', add_prefix_space: this.addPrefixSpace, trim_offsets: this.trimOffsets, use_regex: this.useRegex };
  }
}
