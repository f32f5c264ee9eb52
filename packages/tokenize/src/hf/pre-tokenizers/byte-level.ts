/**
 * GPT-2's byte-level pre-tokenizer: optionally a leading space, GPT-2's regex split (Isolated), then each
 * piece rewritten as byte-level characters (one per UTF-8 byte, aligned to the character it encodes).
 * `trim_offsets` is only used by the ByteLevel post-processor; it is kept here to round-trip the file.
 */
import type { JsonReader } from '../json-reader.js';
import type { PreTokenizedString } from '../pre-tokenized-string.js';
import type { JsonObject, PreTokenizer } from '../stages.js';
import { toByteLevel } from '../normalizers/byte-level.js';
import { gpt2Splits } from './piece-scanners.js';

export const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

export interface ByteLevelOptions {
  addPrefixSpace?: boolean;
  trimOffsets?: boolean;
  useRegex?: boolean;
}

export class ByteLevelPreTokenizer implements PreTokenizer {
  readonly addPrefixSpace: boolean;
  readonly trimOffsets: boolean;
  readonly useRegex: boolean;

  constructor(options: ByteLevelOptions = {}) {
    this.addPrefixSpace = options.addPrefixSpace ?? true;
    this.trimOffsets = options.trimOffsets ?? true;
    this.useRegex = options.useRegex ?? true;
  }

  static fromJSON(reader: JsonReader): ByteLevelPreTokenizer {
    return new ByteLevelPreTokenizer({
      addPrefixSpace: reader.boolean('add_prefix_space'),
      trimOffsets: reader.boolean('trim_offsets'),
      useRegex: reader.boolean('use_regex', true),
    });
  }

  preTokenize(text: PreTokenizedString): void {
    text.split((_, normalized) => {
      if (this.addPrefixSpace && !normalized.normalized.startsWith(' ')) normalized.prepend(' ');
      return this.useRegex ? normalized.split(gpt2Splits(normalized.normalized), 'Isolated') : [normalized];
    });
    text.normalize(toByteLevel);
  }

  toJSON(): JsonObject {
    return { type: 'ByteLevel', add_prefix_space: this.addPrefixSpace, trim_offsets: this.trimOffsets, use_regex: this.useRegex };
  }
}
