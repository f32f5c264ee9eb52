/**
 * The models of the Hugging Face pipeline — BPE, WordPiece, Unigram, WordLevel — each turning one
 * pre-token into (id, start, end) triples exactly as Rust `tokenizers` does, plus `modelFromJSON`,
 * which builds one from the `model` object of a tokenizer.json.
 */
import type { JsonReader } from '../json-reader.js';
import type { Model } from '../stages.js';
import { BPE } from './bpe.js';
import { Unigram } from './unigram.js';
import { WordLevel } from './wordlevel.js';
import { WordPiece } from './wordpiece.js';

export { BPE, readMerges, type BpeOptions, type Merge } from './bpe.js';
export { WordPiece, type WordPieceOptions } from './wordpiece.js';
export { WordLevel, type WordLevelOptions } from './wordlevel.js';
export { Unigram, type UnigramOptions, type UnigramPiece } from './unigram.js';
export { BYTE_TOKENS } from './byte-tokens.js';
export type { VocabInput } from './vocab.js';

export const MODEL_TYPES = ['BPE', 'WordPiece', 'WordLevel', 'Unigram'] as const;

/**
 * Builds the model described by a tokenizer.json `model` object. Like Rust, a file without `type`
 * (written by old versions) is recognized by its fields.
 */
export function modelFromJSON(reader: JsonReader): Model {
  const type = reader.has('type') ? reader.type() : inferLegacyType(reader);
  switch (type) {
    case 'BPE':
      return BPE.fromJSON(reader);
    case 'WordPiece':
      return WordPiece.fromJSON(reader);
    case 'WordLevel':
      return WordLevel.fromJSON(reader);
    case 'Unigram':
      return Unigram.fromJSON(reader);
    default:
      return reader.unsupported('model', MODEL_TYPES);
  }
}

function inferLegacyType(reader: JsonReader): string {
  if (reader.has('merges')) return 'BPE';
  if (Array.isArray(reader.raw('vocab'))) return 'Unigram';
  if (reader.has('continuing_subword_prefix') || reader.has('max_input_chars_per_word')) return 'WordPiece';
  return 'WordLevel';
}
